//! Bondgenoot in the browser: a Leptos single-page app. `main.rs` only mounts [`App`];
//! everything else lives here so browser tests can use it.

// First: its `t!` and `tf!` macros are used by every module below.
#[macro_use]
mod i18n;
pub mod api;
mod app;
mod beheer;
mod citizen;
mod citizen_app;
mod components;
mod figures;
mod first_paint;
mod form_app;
mod link_secret;
mod pages;
mod public_app;
mod session;
mod signals;
mod today;
mod wizard;
mod work;

pub use app::App;
pub use beheer::{BeheerApp, ToezichtApp};
pub use citizen_app::CitizenApp;
pub use first_paint::mount;
pub use form_app::FormApp;
pub use public_app::PublicApp;
pub use work::{BackofficeApp, StaffCaseApp, WorkApp};
