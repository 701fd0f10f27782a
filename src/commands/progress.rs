//! The progress bar of a long build: on stderr, only when stderr is a
//! terminal, never with `-q`, and only once the build is long (more than
//! [`MANY`] articles, or still running after [`SLOW`]), so short builds and
//! CI logs stay clean.

use super::Reporter;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// More articles than this show the bar from the start.
pub const MANY: usize = 200;
/// A build still running after this shows the bar from then on.
pub const SLOW: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    shown: AtomicBool,
    many: bool,
    start: Instant,
}

impl Progress {
    pub fn new(total: usize, r: Reporter) -> Self {
        let bar = (r.interactive && !r.quiet).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos:>5}/{len} articles {wide_bar} {elapsed} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            shown: AtomicBool::new(false),
            many: total > MANY,
            start: Instant::now(),
        }
    }

    /// One article is finished.
    pub fn done(&self, path: &Path) {
        let Some(bar) = &self.bar else { return };
        if !self.shown.load(Ordering::Relaxed) && (self.many || self.start.elapsed() > SLOW) {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        if let Some(name) = path.file_name() {
            bar.set_message(name.to_string_lossy().into_owned());
        }
        bar.inc(1);
    }

    /// Clears the bar before the diagnostics and the summary are printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
