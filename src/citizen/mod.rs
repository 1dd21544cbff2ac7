//! The citizen's pages, used on a phone without an account: giving consent (`/toestemming`),
//! saying someone else gave it (`/toestemming/niet-ik`) and following their case (`/status`).
//! Part of the public app.

mod consent;
mod dispute;
mod intermediary;
mod messages;
mod new_code;
mod status;

pub use consent::ConsentPage;
pub use dispute::DisputePage;
pub use intermediary::IntermediaryPage;
pub use new_code::NewCodePage;
pub use status::StatusPage;
