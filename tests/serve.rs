//! `factbrief serve`, the real binary over real HTTP: what it serves, what
//! it refuses, and that an edited article is rebuilt, served and announced
//! to open pages.
//!
//! Each test copies the sample articles into a temporary folder, starts
//! the server there on a port the system picks (`--port 0`), reads the
//! port from the "Serving on" line and talks HTTP over a plain socket (so
//! paths like `/../x` reach the server as written). The server is killed
//! when the test ends, passed or failed ([`Server`]'s `Drop`). Waits are
//! polls with generous deadlines: nothing here asserts how fast a build is.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_factbrief");
/// Long enough for a debug build of the sample site on a busy machine.
const PATIENCE: Duration = Duration::from_secs(120);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary project: a copy of `articles/`, plus `out/` once served.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("articles");
    std::fs::create_dir(&to).unwrap();
    for e in std::fs::read_dir(repo().join("articles")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    dir
}

/// A running `factbrief serve`; killed on drop.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Collects the lines of a pipe in the background.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<Vec<String>>> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            match line {
                Ok(l) => sink.lock().unwrap().push(l),
                Err(_) => break,
            }
        }
    });
    lines
}

/// Polls `f` until it returns `Some`, or panics with `what` after `PATIENCE`.
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Server {
    /// Starts `factbrief serve ARGS --port 0` in `dir` and waits until it
    /// says where it is serving.
    fn start(dir: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            port: 0,
            stdout,
            stderr,
        };
        server.port = wait_for("the Serving on line", || {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("serve exited with {status}: {}", server.log());
            }
            let line = server.line_with("Serving on ")?;
            let addr = line.split("Serving on http://").nth(1)?;
            // Not bound beyond this computer unless asked.
            assert!(addr.starts_with("127.0.0.1:"), "{line}");
            addr.rsplit(':').next()?.trim().parse().ok()
        });
        server
    }

    fn line_with(&self, needle: &str) -> Option<String> {
        self.stdout
            .lock()
            .unwrap()
            .iter()
            .find(|l| l.contains(needle))
            .cloned()
    }

    /// Waits for a build after the `builds`-th one to finish; returns how
    /// many have finished.
    fn next_build(&self, builds: usize, what: &str) -> usize {
        wait_for(what, || {
            let n = self.count("Done in ");
            (n > builds).then_some(n)
        })
    }

    fn count(&self, needle: &str) -> usize {
        let lines = self.stdout.lock().unwrap();
        lines.iter().filter(|l| l.contains(needle)).count()
    }

    fn log(&self) -> String {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.lock().unwrap().join("\n"),
            self.stderr.lock().unwrap().join("\n")
        )
    }

    fn get(&self, path: &str) -> Reply {
        request(self.port, "GET", path)
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    /// The header lines, names lower-cased.
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request over a fresh connection, the path sent verbatim.
fn request(port: u16, method: &str, path: &str) -> Reply {
    request_to(port, &format!("127.0.0.1:{port}"), method, path)
}

/// A request with the given `Host` header.
fn request_to(port: u16, host: &str, method: &str, path: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(s);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (n, v) = line.split_once(':').unwrap();
        headers.push((n.to_ascii_lowercase(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; if method == "HEAD" { 0 } else { len }];
    reader.read_exact(&mut body).unwrap();
    Reply {
        status,
        headers,
        body: String::from_utf8(body).unwrap(),
    }
}

/// An open event stream, read in the background.
struct Events(Arc<Mutex<String>>);

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET /__factbrief/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let text = Arc::new(Mutex::new(String::new()));
        let sink = text.clone();
        std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n @ 1..) = s.read(&mut buf) {
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let events = Events(text);
        wait_for("the event stream to open", || {
            events.text().contains("retry:").then_some(())
        });
        events
    }

    fn text(&self) -> String {
        self.0.lock().unwrap().clone()
    }
}

fn briefing_slugs(out: &Path) -> Vec<String> {
    let mut slugs: Vec<String> = std::fs::read_dir(out.join("briefings"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".html").map(str::to_string))
        .collect();
    slugs.sort();
    slugs
}

/// The file name of the article a briefing was built from (its fact file
/// names it).
fn article_of(project: &Path, slug: &str) -> String {
    let facts = std::fs::read_to_string(project.join(format!("out/facts/{slug}.yaml"))).unwrap();
    std::fs::read_dir(project.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| facts.contains(&format!("articles/{name}")))
        .unwrap()
}

/// `factbrief build -q --out NAME ARGS` in `dir`, from scratch: the files
/// a clean build writes.
fn clean_build(dir: &Path, name: &str, args: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let o = Command::new(BIN)
        .args(["build", "-q", "--out", name])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tree(&dir.join(name))
}

/// Every file under `dir` (but factbrief's hidden bookkeeping) with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_name().to_string_lossy().starts_with(".factbrief") {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                files.push((rel, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn serves_the_built_site_with_the_reload_script_in_responses_only() {
    let dir = project();
    let server = Server::start(dir.path(), &["articles", "--out", "out"]);
    let out = dir.path().join("out");

    let index = server.get("/");
    assert_eq!(index.status, 200, "{}", server.log());
    assert_eq!(
        index.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(index
        .body
        .contains("EventSource(\"/__factbrief/events?since="));
    let script_at = index
        .body
        .find("<script>/* added by `factbrief serve`")
        .unwrap();
    assert!(
        index.body[script_at..].contains("</body>"),
        "before </body>"
    );
    // The files on disk are exactly what `factbrief build` writes.
    let built = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!built.contains("__factbrief"));
    let script_end = script_at + index.body[script_at..].find("</script>").unwrap() + 9;
    let without_script = format!("{}{}", &index.body[..script_at], &index.body[script_end..]);
    assert_eq!(without_script, built);
    let o = Command::new(BIN)
        .args(["build", "articles", "--out", "built-by-build"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        tree(&out) == tree(&dir.path().join("built-by-build")),
        "serve's output differs from build's"
    );

    let slugs = briefing_slugs(&out);
    assert!(slugs.len() >= 5, "{slugs:?}");
    let page = server.get(&format!("/briefings/{}.html", slugs[0]));
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("EventSource(\"/__factbrief/events?since="));
    for (path, kind) in [
        (
            format!("/facts/{}.yaml", slugs[0]),
            "text/plain; charset=utf-8",
        ),
        ("/facts.json".into(), "application/json"),
        ("/feed.xml".into(), "application/xml; charset=utf-8"),
        ("/assets/style.css".into(), "text/css; charset=utf-8"),
    ] {
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(kind), "{path}");
        assert!(
            !r.body.contains("__factbrief"),
            "{path}: only HTML gets the script"
        );
    }
    let head = request(server.port, "HEAD", "/index.html");
    assert_eq!(head.status, 200);
    assert_eq!(head.body, "");
    let dir_redirect = server.get("/briefings");
    assert_eq!(dir_redirect.status, 301);
    assert_eq!(dir_redirect.header("location"), Some("/briefings/"));

    // Nothing outside the output folder, nor factbrief's own files in it.
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    for path in [
        "/../secret.txt",
        "/briefings/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/briefings/..%2f..%2fsecret.txt",
    ] {
        let r = server.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.body.contains("secret"), "{path}");
    }
    assert_eq!(server.get("/.factbrief.lock").status, 404);
    assert_eq!(server.get("/no-such-page.html").status, 404);
    assert_eq!(request(server.port, "POST", "/").status, 405);
}

#[test]
fn an_edited_article_is_rebuilt_served_and_announced() {
    let dir = project();
    let server = Server::start(dir.path(), &["articles", "-o", "out"]);
    let out = dir.path().join("out");
    let slug = briefing_slugs(&out)[0].clone();
    let page = format!("/briefings/{slug}.html");
    assert!(!server.get(&page).body.contains("Zeta Lab"));
    let events = Events::open(server.port);
    assert!(!events.text().contains("event: reload"), "no build yet");
    let builds_before = server.count("Done in ");

    let article = article_of(dir.path(), &slug);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("articles").join(&article))
        .unwrap();
    f.write_all(b"\n\nZeta Lab trained its newest model on 4,096 H100 GPUs.\n")
        .unwrap();
    drop(f);

    wait_for("the edited briefing to be served", || {
        let r = server.get(&page);
        (r.status == 200 && r.body.contains("Zeta Lab")).then_some(())
    });
    wait_for("a reload event", || {
        events
            .text()
            .contains("event: reload\ndata: ")
            .then_some(())
    });
    wait_for("the Done line", || {
        (server.count("Done in ") > builds_before).then_some(())
    });
    let log = server.log();
    assert!(
        log.contains(&format!("Change detected: articles/{article} (")),
        "{log}"
    );
    let done = server
        .stdout
        .lock()
        .unwrap()
        .iter()
        .rfind(|l| l.starts_with("Done in "))
        .cloned()
        .unwrap();
    let ms = done
        .strip_prefix("Done in ")
        .and_then(|r| r.strip_suffix("ms."))
        .unwrap_or_else(|| panic!("{done:?} is not `Done in Nms.`"));
    assert!(ms.parse::<u64>().is_ok(), "{done}");
}

/// Serve keeps the decoded cache between builds. After edits, a deletion,
/// and a `factbrief build` into the same folder behind its back (the cache
/// on disk is then not the one serve holds), its output is still exactly a
/// clean build's.
#[test]
fn rebuilds_from_the_cache_in_memory_equal_a_clean_build() {
    let dir = project();
    let server = Server::start(dir.path(), &["articles", "-o", "out"]);
    let out = dir.path().join("out");
    let articles = dir.path().join("articles");
    let slugs = briefing_slugs(&out);
    let mut builds = server.count("Done in ");
    let mut next_build = |what: &str| builds = server.next_build(builds, what);
    let clean = |name: &str| clean_build(dir.path(), name, &["articles"]);

    let edit = |slug: &str, line: &str| {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(articles.join(article_of(dir.path(), slug)))
            .unwrap();
        f.write_all(line.as_bytes()).unwrap();
    };
    edit(
        &slugs[0],
        "\n\nZeta Lab trained its newest model on 4,096 H100 GPUs.\n",
    );
    next_build("the build after the first edit");
    edit(
        &slugs[1],
        "\n\nOmega Lab deployed 12,000 H200 GPUs in 2025.\n",
    );
    next_build("the build after the second edit");
    assert!(
        tree(&out) == clean("clean-1"),
        "serve's output after two edits differs"
    );

    std::fs::remove_file(articles.join(article_of(dir.path(), &slugs[2]))).unwrap();
    next_build("the build after the deletion");
    assert!(
        tree(&out) == clean("clean-2"),
        "serve's output after a deletion differs"
    );

    // A build from the command line, with another template, rewrites the
    // site and the cache under serve: serve must not trust its memory.
    edit(&slugs[3], "\n\nA startup bought 2,048 H800 GPUs.\n");
    next_build("the build after the third edit");
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(dir.path().join("tpl/about.html"), "custom about page\n").unwrap();
    let o = Command::new(BIN)
        .args([
            "build",
            "-q",
            "articles",
            "--out",
            "out",
            "--templates",
            "tpl",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let about = || std::fs::read_to_string(out.join("about.html")).unwrap();
    assert_eq!(about(), "custom about page\n");
    edit(&slugs[0], "\n\nKappa Lab planned 50,000 B200 GPUs.\n");
    next_build("the build after the fourth edit");
    assert_ne!(about(), "custom about page\n");
    assert!(
        tree(&out) == clean("clean-3"),
        "serve's output after a command-line build differs"
    );
}

/// Serve keeps the dataset and templates between builds while their files
/// are unchanged; a change to either is built as a fresh build would.
#[test]
fn a_changed_dataset_or_template_is_reloaded() {
    let dir = project();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/organisations.yaml"),
        "organisations:\n- id: zeta-lab\n  name: Zeta Lab\n  kind: ai_lab\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    std::fs::write(dir.path().join("tpl/about.html"), "first about\n").unwrap();
    let args = [
        "articles",
        "-o",
        "out",
        "--data",
        "data",
        "--templates",
        "tpl",
    ];
    let server = Server::start(dir.path(), &args);
    let out = dir.path().join("out");
    let mut builds = server.count("Done in ");
    let mut next_build = |what: &str| builds = server.next_build(builds, what);
    let clean = |name: &str| {
        let inputs: Vec<&str> = args
            .iter()
            .copied()
            .filter(|a| !["-o", "out"].contains(a))
            .collect();
        clean_build(dir.path(), name, &inputs)
    };
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    assert_eq!(read("about.html"), "first about\n");

    std::fs::write(dir.path().join("tpl/about.html"), "second about\n").unwrap();
    next_build("the build after the template edit");
    assert_eq!(read("about.html"), "second about\n");

    // The dataset renames xAI; its entity page says so.
    std::fs::write(
        dir.path().join("data/organisations.yaml"),
        "organisations:\n- id: xai\n  name: Xylophone AI\n  kind: ai_lab\n  aliases:\n    en: [xAI]\n",
    )
    .unwrap();
    next_build("the build after the dataset edit");
    assert!(read("entities/xai.html").contains("Xylophone AI"));
    assert!(
        tree(&out) == clean("clean"),
        "serve's output differs from a clean build"
    );
}

/// A page on another site that points its name at 127.0.0.1 (DNS
/// rebinding) gets no page; localhost names do.
#[test]
fn requests_addressed_to_another_host_are_refused() {
    let dir = project();
    let server = Server::start(dir.path(), &["articles", "-o", "out"]);
    let port = server.port;
    let refused = request_to(
        port,
        &format!("attacker.example:{port}"),
        "GET",
        "/index.html",
    );
    assert_eq!(refused.status, 403);
    assert!(
        refused.body.contains("attacker.example"),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("claim-list"), "no page content");
    for host in [format!("localhost:{port}"), format!("[::1]:{port}")] {
        assert_eq!(
            request_to(port, &host, "GET", "/index.html").status,
            200,
            "{host}"
        );
    }
}

#[test]
fn a_failed_build_keeps_serving_the_previous_site() {
    let dir = project();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    let server = Server::start(
        dir.path(),
        &["articles", "-o", "out", "--templates", "templates"],
    );
    let before = server.get("/");
    assert_eq!(before.status, 200);
    let events = Events::open(server.port);

    // A template that does not parse fails every build.
    std::fs::write(dir.path().join("templates/index.html"), "{% if %}broken").unwrap();
    wait_for("the failed build", || {
        server.line_with("Build failed").map(|_| ())
    });
    wait_for("a failed event", || {
        events.text().contains("event: failed").then_some(())
    });
    assert!(!events.text().contains("event: reload"));
    let during = server.get("/");
    assert_eq!(during.status, 200);
    assert!(during.body.contains("</html>"));
    let stderr = server.stderr.lock().unwrap().join("\n");
    assert!(
        stderr.contains("index.html"),
        "the diagnostic names the file: {stderr}"
    );

    // Fixed: the next build publishes again.
    std::fs::remove_file(dir.path().join("templates/index.html")).unwrap();
    wait_for("a reload event after the fix", || {
        events.text().contains("event: reload").then_some(())
    });
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_taken_port_is_named_in_the_error() {
    let dir = project();
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = Command::new(BIN)
        .args(["serve", "articles", "-o", "out", "--port", &port])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{err}"
    );
    assert!(!dir.path().join("out").exists(), "nothing built");
}

#[test]
fn an_open_page_reloads_itself_in_chromium_after_an_edit() {
    let chromium = std::env::var_os("FACTBRIEF_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        chromium.is_file(),
        "headless Chromium is needed for this test and was not found at {}: install it with \
         `apt-get update && apt-get install -y chromium` (or set FACTBRIEF_CHROMIUM)",
        chromium.display()
    );
    let dir = project();
    let server = Server::start(dir.path(), &["articles", "-o", "out"]);
    let slug = briefing_slugs(&dir.path().join("out"))[0].clone();
    let article = dir
        .path()
        .join("articles")
        .join(article_of(dir.path(), &slug));
    // The script opens the page, marks its window, appends the text to the
    // article and waits for the page to reload and show it.
    let o = Command::new("python3")
        .arg(repo().join("tests/fixtures/serve/reload_in_chromium.py"))
        .arg("--chromium")
        .arg(&chromium)
        .arg("--url")
        .arg(format!(
            "http://127.0.0.1:{}/briefings/{slug}.html",
            server.port
        ))
        .arg("--article")
        .arg(&article)
        .args(["--text", "Zeta Lab published a note on cooling."])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to drive Chromium: {e}"));
    assert!(
        o.status.success(),
        "{}{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        server.log()
    );
}
