//! Whether the unit of work on this thread queued a mail. [`super::db::Db`] reads it once
//! that work has committed and wakes the mail job, so an invitation or a reset link goes out
//! at once instead of at the job's next tick. A thread-local, because queuing happens deep
//! inside a unit of work that holds only the connection (one unit of work per blocking call).

use std::cell::Cell;

thread_local! {
    static QUEUED: Cell<bool> = const { Cell::new(false) };
}

/// Notes that the current unit of work queued a mail.
pub(super) fn mark() {
    QUEUED.set(true);
}

/// Whether this thread queued a mail since the last call (and forgets it).
pub(super) fn take() -> bool {
    QUEUED.replace(false)
}
