//! Refused guesses are answered slowly.
//!
//! An answer that refuses a guess at a secret (marked [`RefusedGuess`] by the error that
//! makes it: a wrong password, code or date of birth, or one guess too many) leaves no sooner
//! than the refusal floor (`BONDGENOOT_REFUSAL_DELAY_MS`, 1 s by default) after the request
//! came in. Someone who mistyped waits a second for the message; a script that guesses gets
//! one try per second per connection instead of as many as the server can answer, and the
//! time a refusal takes no longer tells a made-up address from a real one. The wait holds a
//! timer, not a thread: the limits on attempts (`store::attempts`) still count every guess.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tokio::time::Instant;

use crate::error::RefusedGuess;

pub async fn answer_slowly(
    State(floor): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let came_in = Instant::now();
    let response = next.run(request).await;
    if response.extensions().get::<RefusedGuess>().is_some() {
        tokio::time::sleep_until(came_in + floor).await;
    }
    response
}
