//! The citizen's pages, used on a phone without an account: giving consent (`/toestemming`)
//! and following their case (`/status`). Part of the public app.

mod consent;
mod intermediary;
mod status;

pub use consent::ConsentPage;
pub use intermediary::IntermediaryPage;
pub use status::StatusPage;
