//! W3C Trace Context (`traceparent`, <https://www.w3.org/TR/trace-context/>): every request
//! carries a trace id, taken from the proxy in front or made here, into its log lines and its
//! audit rows — the link the Dutch *Logboek dataverwerkingen* standard builds on. The id
//! travels with the request's task, and into the blocking database work that task hands off
//! ([`carry`]), so code deep in storage finds it without every signature naming it.

use std::cell::Cell;
use std::fmt;
use std::future::Future;

/// One request's place in a trace: the trace it belongs to and this server's own span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceContext {
    trace_id: [u8; 16],
    span_id: [u8; 8],
    sampled: bool,
}

tokio::task_local! {
    static CURRENT: TraceContext;
}

thread_local! {
    /// The context of the request whose blocking work runs on this thread right now.
    static ON_THIS_THREAD: Cell<Option<TraceContext>> = const { Cell::new(None) };
}

impl TraceContext {
    /// The context for a request: a child span of the caller's `traceparent` when that header
    /// is well-formed, else a new trace.
    pub fn for_request(traceparent: Option<&str>) -> TraceContext {
        let span_id = random_nonzero();
        match traceparent.and_then(parse) {
            Some((trace_id, sampled)) => TraceContext {
                trace_id,
                span_id,
                sampled,
            },
            None => TraceContext {
                trace_id: random_nonzero(),
                span_id,
                sampled: false,
            },
        }
    }

    /// The trace id as 32 lower-case hex digits.
    pub fn trace_id(&self) -> String {
        hex::encode(self.trace_id)
    }

    /// This span as a `traceparent` header value, for the next hop.
    pub fn traceparent(&self) -> String {
        format!(
            "00-{}-{}-{:02x}",
            hex::encode(self.trace_id),
            hex::encode(self.span_id),
            u8::from(self.sampled)
        )
    }

    /// Runs `work` (a request's handling) with this context as the current one.
    pub async fn scope<F: Future>(self, work: F) -> F::Output {
        CURRENT.scope(self, work).await
    }
}

impl fmt::Display for TraceContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.trace_id())
    }
}

/// The current request's trace context, in its task or in blocking work it handed off.
pub fn current() -> Option<TraceContext> {
    CURRENT
        .try_with(|context| *context)
        .ok()
        .or_else(|| ON_THIS_THREAD.with(Cell::get))
}

/// Wraps blocking work so it runs with the current context (for `spawn_blocking`): the
/// request's trace, and its language (texts made in a store call speak it too).
pub fn carry<T>(work: impl FnOnce() -> T) -> impl FnOnce() -> T {
    let context = current();
    let lang = model::lang::current();
    move || {
        let before = ON_THIS_THREAD.with(|slot| slot.replace(context));
        let done = model::lang::speaking(lang, work);
        ON_THIS_THREAD.with(|slot| slot.set(before));
        done
    }
}

/// `version-traceid-parentid-flags`, version `00` (or a later one, read the same way as the
/// spec asks); all-zero ids are invalid.
fn parse(value: &str) -> Option<([u8; 16], bool)> {
    let mut parts = value.trim().split('-');
    let version = parts.next()?;
    let trace_id = parts.next()?;
    let parent_id = parts.next()?;
    let flags = parts.next()?;
    if version.len() != 2 || version == "ff" || (version == "00" && parts.next().is_some()) {
        return None;
    }
    let _version: [u8; 1] = unhex(version)?;
    let trace_id: [u8; 16] = unhex(trace_id)?;
    let parent_id: [u8; 8] = unhex(parent_id)?;
    let [flags]: [u8; 1] = unhex(flags)?;
    if trace_id == [0; 16] || parent_id == [0; 8] {
        return None;
    }
    Some((trace_id, flags & 1 == 1))
}

/// Exactly `2 * N` lower-case hex digits (upper case is invalid in trace context).
fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.bytes().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut out = [0; N];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

/// Random bytes, never all zero (an all-zero id means "none" in the standard).
fn random_nonzero<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    while bytes == [0; N] {
        // The system's random source does not fail on the platforms we run on; should it, a
        // fixed non-zero id still lets the request through (it is an id, not a secret).
        if getrandom::fill(&mut bytes).is_err() {
            bytes[N - 1] = 1;
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    #[test]
    fn a_well_formed_traceparent_keeps_its_trace_and_gets_a_span_of_ours() {
        let context = TraceContext::for_request(Some(EXAMPLE));
        assert_eq!(context.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
        let header = context.traceparent();
        assert!(header.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        assert!(header.ends_with("-01"));
        assert_ne!(&header[36..52], "00f067aa0ba902b7", "a new span id");
        assert_eq!(parse(&header).map(|(id, _)| id), Some(context.trace_id));
    }

    #[test]
    fn a_malformed_traceparent_starts_a_new_trace() {
        for bad in [
            "",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        ] {
            let context = TraceContext::for_request(Some(bad));
            assert_ne!(
                context.trace_id(),
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "{bad:?}"
            );
            assert_eq!(context.trace_id().len(), 32);
            assert!(
                parse(&context.traceparent()).is_some(),
                "ours is well-formed"
            );
        }
        // A later version may add fields after the flags.
        let later = "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-more";
        assert_eq!(
            TraceContext::for_request(Some(later)).trace_id(),
            "4bf92f3577b34da6a3ce929d0e0e4736"
        );
    }

    #[tokio::test]
    async fn the_context_reaches_blocking_work_and_leaves_the_thread_after() {
        let context = TraceContext::for_request(Some(EXAMPLE));
        let seen = context
            .scope(async {
                let work = carry(current);
                tokio::task::spawn_blocking(work).await.expect("ran")
            })
            .await;
        assert_eq!(seen, Some(context));
        assert_eq!(current(), None);
        let after = tokio::task::spawn_blocking(current).await.expect("ran");
        assert_eq!(after, None, "no context left on the blocking thread");
    }
}
