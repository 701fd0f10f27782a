//! The HTTP side of `factbrief serve`: the output folder as it is on disk,
//! read-only, with the live-reload script added to HTML responses.
//!
//! A request path is turned into a file by [`resolve`], which is the one
//! place that decides what may be read: percent-escapes are decoded once,
//! `..` is refused, hidden entries (factbrief's own `.factbrief*` files,
//! staging, lock) are not found, and the file must still be inside the
//! output folder once links are followed. Pages are read per request, so
//! what a browser sees is what the last published build wrote.
//!
//! Served on loopback (the default), a request must also be addressed to
//! this computer: its `Host` must be `localhost`, a `*.localhost` name or a
//! loopback address. Otherwise a web page on some other site could point
//! its own domain name at 127.0.0.1 and read the preview from the reader's
//! browser ("DNS rebinding"); see [`host_allowed`].
//!
//! A build publishes by renaming entries into place (see
//! [`crate::output`]); a request that finds nothing while a build is
//! running waits for it to finish rather than answer 404 mid-swap.

use super::events::{inject, Hub, EVENTS_PATH};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How many requests are answered at once (event streams do not count:
/// they are handed to the [`Hub`] and free their worker at once).
const WORKERS: usize = 4;
/// The longest a request waits for a running build before answering.
const BUILD_WAIT: Duration = Duration::from_secs(30);

/// What the server threads share with the build loop.
pub struct Shared {
    /// The output folder (absolute).
    pub out: PathBuf,
    pub hub: Hub,
    /// Answer only requests whose `Host` names this computer (see
    /// [`host_allowed`]): on unless serving on a non-loopback address.
    pub check_host: bool,
    building: Mutex<bool>,
    idle: Condvar,
}

impl Shared {
    pub fn new(out: PathBuf) -> Self {
        Shared {
            out,
            hub: Hub::new(),
            check_host: true,
            building: Mutex::new(false),
            idle: Condvar::new(),
        }
    }

    /// Marks a build as running (`true`) or finished (`false`).
    pub fn set_building(&self, running: bool) {
        *self.building.lock().unwrap_or_else(|e| e.into_inner()) = running;
        if !running {
            self.idle.notify_all();
        }
    }

    pub fn is_building(&self) -> bool {
        *self.building.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits (at most [`BUILD_WAIT`]) for a running build to finish;
    /// `true` if one was running.
    fn wait_for_build(&self) -> bool {
        let guard = self.building.lock().unwrap_or_else(|e| e.into_inner());
        if !*guard {
            return false;
        }
        let _ = self
            .idle
            .wait_timeout_while(guard, BUILD_WAIT, |running| *running);
        true
    }
}

/// Starts answering requests on `listener` in the background.
pub fn spawn(listener: TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, shared) = (server.clone(), shared.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                handle(request, &shared);
            }
        });
    }
    // Drops event streams whose browser has gone away.
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(15));
        shared.hub.keep_alive();
    });
    Ok(())
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect here, so
    /// relative links on its index page resolve inside it.
    Redirect(String),
    NotFound,
    /// A path that cannot name a file of the site (`..`, a bad escape).
    BadRequest,
}

/// Maps a request target (`/briefings/a.html?x=1`) to a file under `root`.
pub fn resolve(root: &Path, url: &str) -> Target {
    // Absolute form (`http://host/path`), as a proxy would send it.
    let url = match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => {
            rest.find('/').map_or("/", |i| &rest[i..])
        }
        _ => url,
    };
    let url = url.split('#').next().unwrap_or("");
    let (raw, query) = url.split_at(url.find('?').unwrap_or(url.len()));
    if !raw.starts_with('/') {
        return Target::BadRequest;
    }
    let Some(path) = percent_decode(raw) else {
        return Target::BadRequest;
    };
    let mut file = root.to_path_buf();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::BadRequest,
            s if s.contains(['\\', '\0']) => return Target::BadRequest,
            s if s.starts_with('.') => return Target::NotFound,
            s => file.push(s),
        }
    }
    // Follow links only to places inside the output folder.
    let (Ok(real), Ok(real_root)) = (std::fs::canonicalize(&file), std::fs::canonicalize(root))
    else {
        return Target::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Target::NotFound;
    }
    if real.is_dir() {
        if !raw.ends_with('/') {
            return Target::Redirect(ascii_only(&format!("{raw}/{query}")));
        }
        let index = real.join("index.html");
        return if index.is_file() {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// Decodes `%XX` escapes once (so `%252e` stays `%2e`, never `.`);
/// `None` for a malformed escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `s` with every byte outside printable ASCII percent-encoded, so it can
/// go into a header (`Location`).
fn ascii_only(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type of a file of the site, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        // Shown in the browser rather than downloaded.
        "yaml" | "yml" | "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// A header; every value passed is ASCII (constants, or [`ascii_only`]).
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header values are ASCII")
}

/// Headers every response carries: a preview is never cached.
fn common<R: std::io::Read>(r: Response<R>) -> Response<R> {
    r.with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn html(status: u16, body: String) -> Response<std::io::Cursor<Vec<u8>>> {
    common(
        Response::from_data(body.into_bytes())
            .with_status_code(StatusCode(status))
            .with_header(header("Content-Type", "text/html; charset=utf-8")),
    )
}

/// A small page of the server's own (not found, not built yet).
fn notice(shared: &Shared, title: &str, text: &str) -> String {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
<body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\"><h1>{title}</h1><p>{text}</p>\
<p><a href=\"/\">Home</a></p></body></html>\n"
    );
    inject(&page, &shared.hub.script())
}

/// Is there a published site in the output folder? Only a folder a
/// factbrief build has published into is served.
fn site_published(out: &Path) -> bool {
    out.join(".factbrief").is_file()
}

/// Does a `Host` header name this computer? `localhost` and its
/// subdomains, `127.0.0.0/8` and `[::1]`, with or without a port. A
/// request without a `Host` (HTTP/1.0) comes from no browser and passes.
pub fn host_allowed(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let host = host.trim().to_ascii_lowercase();
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((ip, port)) if port.is_empty() || port.starts_with(':') => ip.to_string(),
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name.to_string(),
            Some(_) => return false,
            None => host,
        }
    };
    let name = name.strip_suffix('.').unwrap_or(&name);
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    if shared.check_host {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        if !host_allowed(host.as_deref()) {
            let r = html(
                403,
                notice(
                    shared,
                    "Wrong address",
                    &format!(
                        "This preview answers only requests addressed to this computer \
                         (localhost or 127.0.0.1), not to <code>{}</code>: another site may be \
                         trying to read it. Open it at http://localhost:PORT/ instead, or \
                         start <code>factbrief serve --bind</code> with a non-loopback address \
                         to serve other computers.",
                        crate::render::escape_html(host.as_deref().unwrap_or(""))
                    ),
                ),
            );
            let _ = request.respond(r);
            return;
        }
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let r = html(405, "Only GET and HEAD are supported.\n".into())
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(r);
        return;
    }
    let path_only = url.split(['?', '#']).next().unwrap_or("");
    if path_only == EVENTS_PATH && *request.method() == Method::Get {
        let since = url
            .split_once('?')
            .and_then(|(_, q)| q.split('&').find_map(|kv| kv.strip_prefix("since=")))
            .map(str::to_string);
        shared
            .hub
            .subscribe(request.into_writer(), since.as_deref());
        return;
    }
    let mut target = resolve(&shared.out, &url);
    let mut published = site_published(&shared.out);
    // Mid-publish, files (and the marker) are briefly away: wait and look again.
    if (matches!(target, Target::NotFound) || !published) && shared.wait_for_build() {
        target = resolve(&shared.out, &url);
        published = site_published(&shared.out);
    }
    let response = match target {
        _ if !published => html(
            503,
            notice(
                shared,
                "No site yet",
                "No build has been published into the output folder yet. The terminal running \
                 <code>factbrief serve</code> says why; this page reloads when a build succeeds.",
            ),
        )
        .with_header(header("Retry-After", "1")),
        Target::BadRequest => html(
            400,
            notice(
                shared,
                "Bad request",
                "That path cannot name a page of this site.",
            ),
        ),
        Target::NotFound => html(
            404,
            notice(
                shared,
                "Not found",
                "No page of the built site is at this address.",
            ),
        ),
        Target::Redirect(to) => common(
            Response::from_data(Vec::new())
                .with_status_code(StatusCode(301))
                .with_header(header("Location", &to)),
        ),
        Target::File(file) => match serve_file(&file, shared) {
            Ok(r) => r,
            Err(e) => html(
                500,
                notice(
                    shared,
                    "Cannot read the page",
                    &crate::render::escape_html(&format!("{}: {e}", file.display())),
                ),
            ),
        },
    };
    let _ = request.respond(response);
}

/// A file of the site; HTML with the reload script added.
fn serve_file(file: &Path, shared: &Shared) -> std::io::Result<Response<std::io::Cursor<Vec<u8>>>> {
    let bytes = std::fs::read(file)?;
    let kind = content_type(file);
    let body = if kind.starts_with("text/html") {
        let text = String::from_utf8_lossy(&bytes);
        inject(&text, &shared.hub.script()).into_bytes()
    } else {
        bytes
    };
    Ok(common(
        Response::from_data(body).with_header(header("Content-Type", kind)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("briefings")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::write(root.join("index.html"), "i").unwrap();
        std::fs::write(root.join("briefings/index.html"), "b").unwrap();
        std::fs::write(root.join("briefings/a b.html"), "a").unwrap();
        std::fs::write(root.join(".factbrief"), "").unwrap();
        dir
    }

    #[test]
    fn paths_map_to_files_inside_the_output_only() {
        let dir = site();
        let root = dir.path();
        let real = |p: &str| Target::File(std::fs::canonicalize(root.join(p)).unwrap());
        assert_eq!(resolve(root, "/"), real("index.html"));
        assert_eq!(resolve(root, "/index.html?x=1#top"), real("index.html"));
        assert_eq!(resolve(root, "/briefings/"), real("briefings/index.html"));
        assert_eq!(
            resolve(root, "/briefings?x"),
            Target::Redirect("/briefings/?x".into())
        );
        assert_eq!(
            resolve(root, "/briefings/a%20b.html"),
            real("briefings/a b.html")
        );
        assert_eq!(
            resolve(root, "http://localhost:1111/index.html"),
            real("index.html")
        );
        assert_eq!(
            resolve(root, "/briefings#frag"),
            Target::Redirect("/briefings/".into())
        );
        assert_eq!(resolve(root, "/empty/"), Target::NotFound);
        assert_eq!(resolve(root, "/missing.html"), Target::NotFound);
        // Traversal, however spelt.
        for bad in [
            "/../etc/passwd",
            "/briefings/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2fx",
            "/a/..%2f..%2fx",
            "/..\\x",
            "/%00",
            "/%zz",
            "/%",
            "/%ff",
            "briefings/a.html",
        ] {
            assert_eq!(resolve(root, bad), Target::BadRequest, "{bad}");
        }
        // Decoded once: `%252e%252e` is a file literally named `%2e%2e`.
        assert_eq!(resolve(root, "/%252e%252e/x"), Target::NotFound);
        // factbrief's own bookkeeping is never served.
        assert_eq!(resolve(root, "/.factbrief"), Target::NotFound);
        assert_eq!(resolve(root, "/%2efactbrief"), Target::NotFound);
    }

    #[test]
    fn links_out_of_the_output_are_not_followed() {
        let dir = site();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("link")).unwrap();
        assert_eq!(resolve(dir.path(), "/link/secret.txt"), Target::NotFound);
    }

    #[test]
    fn only_hosts_naming_this_computer_pass() {
        for ok in [
            None,
            Some("localhost"),
            Some("localhost:1111"),
            Some("LOCALHOST:1111"),
            Some("localhost."),
            Some("preview.localhost:8080"),
            Some("127.0.0.1"),
            Some("127.0.0.1:1111"),
            Some("127.1.2.3:80"),
            Some("[::1]"),
            Some("[::1]:1111"),
        ] {
            assert!(host_allowed(ok), "{ok:?} refused");
        }
        for bad in [
            Some("evil.example"),
            Some("evil.example:1111"),
            Some("localhost.evil.example"),
            Some("127.0.0.1.evil.example"),
            Some("10.0.0.5:1111"),
            Some("[::2]:1111"),
            Some("[::1]x"),
            Some("localhost:abc"),
            Some(""),
        ] {
            assert!(!host_allowed(bad), "{bad:?} allowed");
        }
    }

    #[test]
    fn content_types_by_extension() {
        for (name, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("feed.xml", "application/xml; charset=utf-8"),
            ("facts.json", "application/json"),
            ("facts/a.yaml", "text/plain; charset=utf-8"),
            ("a.PNG", "image/png"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn a_request_during_a_build_waits_for_it() {
        let dir = site();
        let shared = Arc::new(Shared::new(dir.path().to_path_buf()));
        assert!(!shared.wait_for_build(), "no build, no wait");
        shared.set_building(true);
        let s = shared.clone();
        let t = std::thread::spawn(move || s.wait_for_build());
        std::thread::sleep(Duration::from_millis(50));
        shared.set_building(false);
        assert!(t.join().unwrap());
    }
}
