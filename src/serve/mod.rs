//! `factbrief serve`: build, serve the output folder on loopback, rebuild
//! when an input changes, reload the pages open in a browser.
//!
//! The build itself is `factbrief build`'s
//! (`commands::build::build_warm`): the same function, the same
//! output folder, the same atomic publish, so the files on disk are byte
//! for byte what `build` writes and a failed build leaves the previous site
//! being served. Between builds the decoded cache, the dataset and the
//! templates stay in memory (`commands::build::Warm`), so a
//! rebuild does not read every article's digest back from disk, nor reload
//! a dataset or template set whose files did not change. Three parts:
//!
//! - this module's loop, on the main thread, is the only place that
//!   builds: once at start, then once per burst of changes, so two builds
//!   never run at once and changes made during a build are picked up by
//!   the next one;
//! - `watch` turns file events into bursts (debounced, filtered);
//! - `http` answers requests from the folder on disk, and `events`
//!   adds the reload script to HTML responses and tells open pages when a
//!   build is published.

mod events;
mod http;
mod watch;

use crate::cli::{BuildArgs, DataArgs, ServeArgs};
use crate::commands::build::{build_warm, BuildPaths};
use crate::commands::{Exit, Reporter};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::channel;
use std::sync::Arc;
use std::time::{Duration, Instant};
use watch::{Inputs, Kind, Msg, Next};

/// The port tried first when `--port` is not given (Zola's).
pub const DEFAULT_PORT: u16 = 1111;
/// Ports tried after it when it is taken.
const FALLBACK_PORTS: u16 = 9;
/// A burst of changes ends after this long without another.
const QUIET: Duration = Duration::from_millis(100);
/// ... or this long after its first change, however busy the folder is.
const MAX_BURST: Duration = Duration::from_secs(2);

/// Runs the server until Ctrl-C. `config_file` is `--config`, for reading
/// factbrief.toml again when it changes.
pub fn run(args: &ServeArgs, config_file: Option<&Path>, config: Config, r: Reporter) -> Exit {
    let paths = BuildPaths::resolve(&args.build, &config);
    // Every build uses the folders resolved now (the ones being watched),
    // even if factbrief.toml is edited to name others.
    let build_args = BuildArgs {
        articles: Some(paths.articles.clone()),
        out: Some(paths.out.clone()),
        templates: paths.templates.clone(),
        data: DataArgs {
            data: paths.data.clone(),
            no_default_data: args.build.data.no_default_data,
        },
        force: args.build.force,
        limits: args.build.limits.clone(),
    };

    if !args.bind.is_loopback() {
        // Shown even with -q: it is about who can read the site.
        Reporter { quiet: false, ..r }.emit(
            &Diagnostic::warning(format!(
                "serving on {}, which is not a loopback address: other computers that can reach it can read the site",
                args.bind
            ))
            .with_hint("leave out --bind to serve on 127.0.0.1 only"),
        );
    }
    let (listener, note) = match listen(args.bind, args.port) {
        Ok(x) => x,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            r.emit(&Diagnostic::error(format!(
                "cannot read the listening address: {e}"
            )));
            return Exit::Fatal;
        }
    };
    let mut shared = http::Shared::new(watch::real(&paths.out));
    // Served to other computers on purpose, any name may reach it.
    shared.check_host = args.bind.is_loopback();
    let shared = Arc::new(shared);
    if let Err(e) = http::spawn(listener, shared.clone()) {
        r.emit(&Diagnostic::error(format!(
            "cannot start the HTTP server: {e}"
        )));
        return Exit::Fatal;
    }

    let mut folders = vec![(paths.articles.clone(), Kind::Articles)];
    folders.extend(paths.data.clone().map(|d| (d, Kind::Data)));
    folders.extend(paths.templates.clone().map(|t| (t, Kind::Templates)));
    for (folder, kind) in &folders {
        if !folder.is_dir() {
            let what = match kind {
                Kind::Articles => "the articles folder",
                Kind::Data => "the --data folder",
                Kind::Templates => "the --templates folder",
            };
            r.emit(
                &Diagnostic::error(format!("{what} does not exist, so it cannot be watched"))
                    .at_path(folder)
                    .with_hint("check the path on the command line or in factbrief.toml [paths]"),
            );
            return Exit::Fatal;
        }
    }
    let inputs = Inputs::new(folders.clone(), config.file.as_deref(), &paths.out);
    let (tx, rx) = channel();
    let _watcher = match inputs.watch(tx.clone()) {
        Ok(w) => w,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    let stopping = Arc::new(AtomicBool::new(false));
    {
        let (stopping, shared) = (stopping.clone(), shared.clone());
        let installed = ctrlc::set_handler(move || {
            if stopping.swap(true, Ordering::SeqCst) {
                say("Stopped.");
                std::process::exit(130);
            }
            if shared.is_building() {
                say("Stopping after the current build (Ctrl-C again to stop now).");
            }
            let _ = tx.send(Msg::Stop);
        });
        if let Err(e) = installed {
            r.emit(&Diagnostic::warning(format!(
                "cannot handle Ctrl-C ({e}); it will stop the server without waiting for a build"
            )));
        }
    }

    let mut config = config;
    let mut warm = crate::commands::build::Warm::default();
    rebuild(&build_args, &config, &shared, &mut warm, r);
    if let Some(note) = note {
        say(&note);
    }
    say(&format!("Serving on {}", url(addr)));
    let watched: Vec<String> = folders
        .iter()
        .map(|(p, _)| p.display().to_string())
        .chain(config.file.as_ref().map(|f| f.display().to_string()))
        .collect();
    say(&format!(
        "Watching {} for changes. Press Ctrl-C to stop.",
        watched.join(", ")
    ));

    loop {
        let warn = |m: String| r.emit(&Diagnostic::warning(m));
        let changes = match watch::next_burst(&rx, &inputs, QUIET, MAX_BURST, &warn) {
            Next::Stop => break,
            Next::Changes(c) => c,
        };
        say(&format!("Change detected: {}", watch::describe(&changes)));
        let config_changed = config
            .file
            .as_deref()
            .is_some_and(|f| changes.iter().any(|c| c.path == watch::real(f)));
        if config_changed {
            match Config::discover(config_file, args.build.articles.as_deref()) {
                Ok(new) => {
                    if BuildPaths::resolve(&args.build, &new) != paths {
                        r.emit(&Diagnostic::warning(
                            "factbrief.toml now names other folders; restart `factbrief serve` to build and watch those",
                        ).at_path(new.file.as_deref().unwrap_or(Path::new("factbrief.toml"))));
                    }
                    config = new;
                }
                Err(d) => {
                    r.emit(&d);
                    say("Not rebuilt: factbrief.toml is not valid; still serving the previous site.");
                    shared.hub.failed();
                    continue;
                }
            }
        }
        rebuild(&build_args, &config, &shared, &mut warm, r);
    }
    say("Stopped.");
    Exit::Ok
}

/// One build; tells open pages to reload when it is published.
fn rebuild(
    args: &BuildArgs,
    config: &Config,
    shared: &http::Shared,
    warm: &mut crate::commands::build::Warm,
    r: Reporter,
) {
    shared.set_building(true);
    let t = Instant::now();
    let result = build_warm(args, config, r, Some(warm));
    let took = t.elapsed();
    shared.set_building(false);
    match result {
        Ok(built) => {
            shared.hub.published();
            r.info(&built.summary);
            r.verbose(&format!("   reload  {} open page(s)", shared.hub.len()));
            // The shape incr_probe.py and Zola users expect: "Done in 42ms."
            say(&format!("Done in {}ms.", took.as_millis()));
        }
        Err(_) => {
            shared.hub.failed();
            say(&format!(
                "Build failed after {}ms; still serving the previous site. Fix the problem above and save again.",
                took.as_millis()
            ));
        }
    }
}

/// A status line on stdout, at once (not held in a pipe's buffer).
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// `http://127.0.0.1:1111`, `http://[::1]:1111`.
fn url(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// Binds the listening socket: `port` exactly, or the default port and,
/// if it is taken, the next free one (the note says which).
fn listen(ip: IpAddr, port: Option<u16>) -> Result<(TcpListener, Option<String>), Diagnostic> {
    let bind_error = |port: u16, e: std::io::Error| {
        let d = Diagnostic::error(format!(
            "cannot listen on {}: {e}",
            SocketAddr::new(ip, port)
        ));
        match e.kind() {
            std::io::ErrorKind::AddrInUse => Diagnostic::error(format!(
                "port {port} on {ip} is already in use"
            ))
            .with_hint("choose another with --port PORT (or --port 0 for any free port), or stop the program using it"),
            std::io::ErrorKind::PermissionDenied => d.with_hint("ports below 1024 need root; choose another with --port"),
            std::io::ErrorKind::AddrNotAvailable => d.with_hint(format!(
                "{ip} is not an address of this computer; leave out --bind to use 127.0.0.1"
            )),
            _ => d,
        }
    };
    if let Some(port) = port {
        return TcpListener::bind((ip, port))
            .map(|l| (l, None))
            .map_err(|e| bind_error(port, e));
    }
    let last = DEFAULT_PORT + FALLBACK_PORTS;
    for p in DEFAULT_PORT..=last {
        match TcpListener::bind((ip, p)) {
            Ok(l) => {
                let note = (p != DEFAULT_PORT)
                    .then(|| format!("Port {DEFAULT_PORT} is in use; using port {p} instead."));
                return Ok((l, note));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(bind_error(p, e)),
        }
    }
    Err(Diagnostic::error(format!(
        "ports {DEFAULT_PORT}-{last} on {ip} are all in use"
    ))
    .with_hint("choose one with --port PORT, or --port 0 for any free port"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_named_and_port_0_picks_a_free_one() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let taken = TcpListener::bind((ip, 0)).unwrap();
        let port = taken.local_addr().unwrap().port();
        let e = listen(ip, Some(port)).err().unwrap();
        assert_eq!(
            e.message,
            format!("port {port} on 127.0.0.1 is already in use")
        );
        assert!(e.hint.unwrap().contains("--port"));
        let (l, _) = listen(ip, Some(0)).unwrap();
        assert_ne!(l.local_addr().unwrap().port(), 0);
    }

    #[test]
    fn urls_bracket_ipv6() {
        assert_eq!(
            url("127.0.0.1:1111".parse().unwrap()),
            "http://127.0.0.1:1111"
        );
        assert_eq!(url("[::1]:1111".parse().unwrap()), "http://[::1]:1111");
    }
}
