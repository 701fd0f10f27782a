//! Live reload: the script added to served HTML pages, and the
//! Server-Sent Events stream that tells open pages a build has finished.
//!
//! Each page is served with the id of the last published build baked into
//! its script. The script opens `/__factbrief/events?since=ID`; if a build
//! was published between serving the page and opening the stream, the
//! stream says "reload" at once, so a page loaded mid-build is never left
//! stale. Afterwards every published build sends one `reload` event, and a
//! failed build a `failed` event (the page stays as it is, the browser
//! console says why nothing changed).
//!
//! SSE rather than a WebSocket: one long HTTP response, reconnected by the
//! browser on its own, no handshake or framing code on either side.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__factbrief/events";

/// Open event streams and the id of the last published build.
pub struct Hub {
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
    /// Distinguishes this server's builds from an earlier run's, whose
    /// pages may still be open and reconnect after a restart.
    run_id: u64,
    /// Published builds so far.
    published: AtomicU64,
}

impl Hub {
    pub fn new() -> Self {
        let run_id = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        Hub {
            clients: Mutex::new(Vec::new()),
            run_id,
            published: AtomicU64::new(0),
        }
    }

    /// The id of the site on disk now: which run, which build.
    pub fn build_id(&self) -> String {
        format!("{}-{}", self.run_id, self.published.load(Ordering::SeqCst))
    }

    /// Takes over an HTTP connection as an event stream. `since` is the
    /// build id the page was served with.
    pub fn subscribe(&self, mut stream: Box<dyn Write + Send>, since: Option<&str>) {
        let mut head = String::from(
            "HTTP/1.1 200 OK\r\n\
             Content-Type: text/event-stream; charset=utf-8\r\n\
             Cache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\n\
             \r\n\
             retry: 1000\n\n",
        );
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        // Under the lock: a build published now is either counted here or
        // sent to this stream by `published`, never neither.
        if since.is_some_and(|s| s != self.build_id()) {
            head.push_str(&event("reload", &self.build_id()));
        }
        if stream.write_all(head.as_bytes()).is_ok() && stream.flush().is_ok() {
            clients.push(stream);
        }
    }

    /// A build was published: every open page reloads.
    pub fn published(&self) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        self.published.fetch_add(1, Ordering::SeqCst);
        send(&mut clients, &event("reload", &self.build_id()));
    }

    /// A build failed: pages stay, their console says so.
    pub fn failed(&self) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        send(&mut clients, &event("failed", &self.build_id()));
    }

    /// A comment line, so streams whose browser has gone are noticed and
    /// dropped (the write fails) rather than kept for ever.
    pub fn keep_alive(&self) {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        send(&mut clients, ": keep-alive\n\n");
    }

    /// Open streams (for `-v`).
    #[allow(clippy::len_without_is_empty)] // a count to print, not a collection
    pub fn len(&self) -> usize {
        self.clients.lock().map(|c| c.len()).unwrap_or(0)
    }

    /// The script added to every HTML page served: reloads the page when a
    /// build newer than the one it was served from is published.
    ///
    /// A tab in the background closes its stream and opens it again when
    /// shown (reloading at once if a build was published meanwhile): a
    /// browser allows about six connections per server, and a stream held
    /// by every open tab would stall the seventh page.
    pub fn script(&self) -> String {
        format!(
            "<script>/* added by `factbrief serve`; not in the built file */\
(function(){{var es=null;\
function connect(){{if(es)return;es=new EventSource(\"{EVENTS_PATH}?since={id}\");\
es.addEventListener(\"reload\",function(){{es.close();location.reload();}});\
es.addEventListener(\"failed\",function(){{console.warn(\"factbrief: the last build failed; the terminal running `factbrief serve` says why\");}});}}\
function disconnect(){{if(es){{es.close();es=null;}}}}\
document.addEventListener(\"visibilitychange\",function(){{document.hidden?disconnect():connect();}});\
if(!document.hidden)connect();}})();</script>",
            id = self.build_id()
        )
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

/// One SSE event.
fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// Writes `text` to every stream, dropping those that fail.
fn send(clients: &mut Vec<Box<dyn Write + Send>>, text: &str) {
    clients.retain_mut(|c| c.write_all(text.as_bytes()).is_ok() && c.flush().is_ok());
}

/// Adds `script` to an HTML page: before its last `</body>` (any case), or
/// at the end when there is none.
pub fn inject(html: &str, script: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + script.len());
    out.push_str(&html[..at]);
    out.push_str(script);
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    /// A stream that records what was written, or fails every write.
    #[derive(Clone, Default)]
    struct Sink(Arc<StdMutex<Vec<u8>>>, bool);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            if self.1 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl Sink {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end_tag() {
        assert_eq!(
            inject("<p>x</p></BODY></html>", "<s>"),
            "<p>x</p><s></BODY></html>"
        );
        assert_eq!(
            inject("<p></body></p></body>", "<s>"),
            "<p></body></p><s></body>"
        );
        assert_eq!(inject("<p>no end", "<s>"), "<p>no end<s>");
        // Multi-byte text before the tag stays intact.
        assert_eq!(inject("算力</body>", "<s>"), "算力<s></body>");
    }

    #[test]
    fn streams_get_reload_after_a_build_and_dead_ones_are_dropped() {
        let hub = Hub::new();
        let live = Sink::default();
        let current = hub.build_id();
        hub.subscribe(Box::new(live.clone()), Some(&current));
        assert!(live.text().starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(live.text().contains("text/event-stream"));
        assert!(!live.text().contains("event: reload"), "page is current");
        hub.subscribe(Box::new(Sink(Default::default(), true)), None);
        assert_eq!(hub.len(), 1, "a stream that cannot be written is dropped");
        hub.published();
        assert!(
            live.text().contains("event: reload\ndata: "),
            "{}",
            live.text()
        );
        assert_ne!(hub.build_id(), current);
        hub.failed();
        assert!(live.text().contains("event: failed\n"));
    }

    #[test]
    fn a_page_older_than_the_last_build_reloads_at_once() {
        let hub = Hub::new();
        let old = hub.build_id();
        hub.published();
        let s = Sink::default();
        hub.subscribe(Box::new(s.clone()), Some(&old));
        assert!(s.text().contains("event: reload"), "{}", s.text());
        assert!(hub.script().contains(&hub.build_id()));
    }
}
