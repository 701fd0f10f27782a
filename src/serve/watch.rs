//! Watching the inputs of a build and turning bursts of file events into
//! one rebuild each.
//!
//! An editor's save is several events (write, close, a rename over the old
//! file, a backup file); `git checkout` is thousands. [`next_burst`] waits
//! for the first event that matters, then keeps collecting until the
//! inputs have been quiet for a moment, so each burst costs one build.
//! Events the build would not read are dropped here: anything in the
//! output folder (the build's own writes would otherwise trigger the next
//! build), hidden files and folders (the scan skips them; editors and git
//! keep their state there), editor scratch files, and files of a kind the
//! folder does not hold (a `.txt` among the articles).

use crate::diagnostic::Diagnostic;
use notify::event::{EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// What the build loop is told.
pub enum Msg {
    Fs(notify::Result<notify::Event>),
    /// Ctrl-C: stop serving.
    Stop,
}

/// Which input a watched folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Articles,
    Data,
    Templates,
}

/// The build's inputs, as absolute paths, and its output.
#[derive(Debug, Clone)]
pub struct Inputs {
    folders: Vec<(PathBuf, Kind)>,
    config: Option<PathBuf>,
    out: PathBuf,
}

/// One changed path, for the "what changed" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub what: &'static str,
}

/// What [`next_burst`] returns.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Rebuild: these paths changed (empty when the watcher lost track
    /// and everything must be read again).
    Changes(Vec<Change>),
    Stop,
}

/// `p` as an absolute path with links resolved as far as it exists, so it
/// compares equal to the paths the watcher reports.
pub fn real(p: &Path) -> PathBuf {
    if let Ok(r) = std::fs::canonicalize(p) {
        return r;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => real(parent).join(name),
        _ => abs,
    }
}

impl Inputs {
    /// `folders` that do not exist are left out (a `--templates` folder
    /// not created yet); the articles folder must exist.
    pub fn new(folders: Vec<(PathBuf, Kind)>, config: Option<&Path>, out: &Path) -> Self {
        Inputs {
            folders: folders.into_iter().map(|(p, k)| (real(&p), k)).collect(),
            config: config.map(real),
            out: real(out),
        }
    }

    /// Would the build read `path` (or a file under it)?
    pub fn relevant(&self, path: &Path) -> bool {
        if path.starts_with(&self.out) {
            return false;
        }
        if self.config.as_deref() == Some(path) {
            return true;
        }
        self.folders.iter().any(|(root, kind)| {
            let Ok(rel) = path.strip_prefix(root) else {
                return false;
            };
            let hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden || path.file_name().is_some_and(editor_scratch) {
                return false;
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match (ext.as_deref(), kind) {
                // A folder, most likely (renamed or removed with its articles).
                (None, _) => true,
                (Some(e), Kind::Articles) => e == "md" || e == "markdown",
                (Some(e), Kind::Data) => e == "yaml" || e == "yml",
                (Some(_), Kind::Templates) => true,
            }
        })
    }

    /// Starts watching; events go to `tx`. Folders are watched with their
    /// subfolders; the configuration file through its folder (editors
    /// replace a file by renaming a new one over it, which would end a
    /// watch on the file itself).
    pub fn watch(&self, tx: Sender<Msg>) -> Result<notify::RecommendedWatcher, Diagnostic> {
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(Msg::Fs(e));
        })
        .map_err(|e| Diagnostic::error(format!("cannot watch for changes: {e}")))?;
        let config_dir = self
            .config
            .as_deref()
            .and_then(Path::parent)
            .map(|d| (d, RecursiveMode::NonRecursive));
        let folders = self
            .folders
            .iter()
            .map(|(p, _)| (p.as_path(), RecursiveMode::Recursive));
        for (path, mode) in folders.chain(config_dir) {
            watcher.watch(path, mode).map_err(|e| {
                Diagnostic::error(format!("cannot watch this folder for changes: {e}"))
                    .at_path(path)
                    .with_hint(if path.exists() {
                        "on Linux, a large tree may need more inotify watches: \
                         sysctl fs.inotify.max_user_watches=524288"
                    } else {
                        "check that the folder exists"
                    })
            })?;
        }
        Ok(watcher)
    }
}

/// Files editors write beside the one being edited.
fn editor_scratch(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's "can I write here?" probe
}

/// Adds the relevant paths of `event` to `changes`; `true` if there was one.
fn collect(event: &notify::Event, inputs: &Inputs, changes: &mut Vec<Change>) -> bool {
    if event.need_rescan() {
        return true;
    }
    let what = match event.kind {
        EventKind::Access(_) => return false,
        EventKind::Create(_) => "created",
        EventKind::Modify(ModifyKind::Name(_)) => "renamed",
        EventKind::Modify(_) => "modified",
        EventKind::Remove(_) => "removed",
        EventKind::Any | EventKind::Other => "changed",
    };
    let mut any = false;
    for path in event.paths.iter().filter(|p| inputs.relevant(p)) {
        any = true;
        if !changes.iter().any(|c| &c.path == path) {
            changes.push(Change {
                path: path.clone(),
                what,
            });
        }
    }
    any
}

/// Waits for the next change that matters, then for `quiet` without one
/// (but no longer than `max` after the first), and returns what changed.
/// Watcher errors are passed to `warn`.
pub fn next_burst(
    rx: &Receiver<Msg>,
    inputs: &Inputs,
    quiet: Duration,
    max: Duration,
    warn: &dyn Fn(String),
) -> Next {
    let mut changes = Vec::new();
    // (first relevant event, last relevant event)
    let mut burst: Option<(Instant, Instant)> = None;
    loop {
        let msg = match burst {
            None => match rx.recv() {
                Ok(m) => m,
                Err(_) => return Next::Stop,
            },
            Some((first, last)) => {
                let left = quiet
                    .saturating_sub(last.elapsed())
                    .min(max.saturating_sub(first.elapsed()));
                match rx.recv_timeout(left) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => return Next::Changes(changes),
                    Err(RecvTimeoutError::Disconnected) => return Next::Stop,
                }
            }
        };
        match msg {
            Msg::Stop => return Next::Stop,
            Msg::Fs(Err(e)) => warn(format!("watching for changes: {e}")),
            Msg::Fs(Ok(event)) => {
                if collect(&event, inputs, &mut changes) {
                    let now = Instant::now();
                    burst = Some(burst.map_or((now, now), |(first, _)| (first, now)));
                }
            }
        }
    }
}

/// "articles/a.md (modified)", or "articles/a.md (modified) and 3 more".
pub fn describe(changes: &[Change]) -> String {
    let cwd = std::env::current_dir().ok().map(|d| real(&d));
    let show = |c: &Change| {
        let p = cwd
            .as_deref()
            .and_then(|d| c.path.strip_prefix(d).ok())
            .unwrap_or(&c.path);
        format!("{} ({})", p.display(), c.what)
    };
    match changes {
        [] => "files changed while the watcher was not keeping up; reading everything again".into(),
        [one] => show(one),
        [first, rest @ ..] => format!("{} and {} more", show(first), rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange};
    use std::sync::mpsc::channel;

    fn inputs(root: &Path) -> Inputs {
        Inputs::new(
            vec![
                (root.join("articles"), Kind::Articles),
                (root.join("data"), Kind::Data),
                (root.join("templates"), Kind::Templates),
            ],
            Some(&root.join("factbrief.toml")),
            &root.join("articles/out"),
        )
    }

    fn modified(p: PathBuf) -> Msg {
        Msg::Fs(Ok(notify::Event::new(EventKind::Modify(ModifyKind::Data(
            DataChange::Content,
        )))
        .add_path(p)))
    }

    #[test]
    fn only_what_the_build_reads_is_relevant() {
        let dir = tempfile::tempdir().unwrap();
        let r = real(dir.path());
        let i = inputs(&r);
        for yes in [
            "articles/a.md",
            "articles/sub/b.MARKDOWN",
            "articles/sub",
            "data/chips.yaml",
            "templates/base.html",
            "templates/i18n/en.ftl",
            "factbrief.toml",
        ] {
            assert!(i.relevant(&r.join(yes)), "{yes}");
        }
        for no in [
            "articles/out/index.html",
            "articles/out/.factbrief-staging/x.html",
            "articles/.a.md.swp",
            "articles/.git/index",
            "articles/a.md~",
            "articles/4913",
            "articles/notes.txt",
            "data/readme.txt",
            "templates/.DS_Store",
            "other.toml",
            "elsewhere/a.md",
        ] {
            assert!(!i.relevant(&r.join(no)), "{no}");
        }
    }

    #[test]
    fn a_burst_is_one_rebuild_and_stop_wins() {
        let dir = tempfile::tempdir().unwrap();
        let r = real(dir.path());
        let i = inputs(&r);
        let (tx, rx) = channel();
        let quiet = Duration::from_millis(100);
        let max = Duration::from_secs(5);
        tx.send(modified(r.join("articles/out/index.html")))
            .unwrap();
        tx.send(modified(r.join("articles/a.md"))).unwrap();
        tx.send(Msg::Fs(Ok(notify::Event::new(EventKind::Create(
            CreateKind::File,
        ))
        .add_path(r.join("articles/b.md")))))
            .unwrap();
        tx.send(modified(r.join("articles/a.md"))).unwrap();
        let warn = |_: String| {};
        let Next::Changes(c) = next_burst(&rx, &i, quiet, max, &warn) else {
            panic!("expected changes")
        };
        assert_eq!(
            c.iter()
                .map(|c| (c.path.clone(), c.what))
                .collect::<Vec<_>>(),
            [
                (r.join("articles/a.md"), "modified"),
                (r.join("articles/b.md"), "created")
            ]
        );
        assert!(
            describe(&c).ends_with("(modified) and 1 more"),
            "{}",
            describe(&c)
        );
        // Events that keep coming are still cut off at `max`.
        let t = std::thread::spawn({
            let tx = tx.clone();
            let p = r.join("articles/a.md");
            move || {
                for _ in 0..40 {
                    if tx.send(modified(p.clone())).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        });
        let started = Instant::now();
        let next = next_burst(&rx, &i, quiet, Duration::from_millis(300), &warn);
        assert!(matches!(next, Next::Changes(ref c) if c.len() == 1));
        assert!(started.elapsed() < Duration::from_secs(5));
        t.join().unwrap();
        while rx.try_recv().is_ok() {}
        tx.send(modified(r.join("articles/a.md"))).unwrap();
        tx.send(Msg::Stop).unwrap();
        assert_eq!(next_burst(&rx, &i, quiet, max, &warn), Next::Stop);
    }
}
