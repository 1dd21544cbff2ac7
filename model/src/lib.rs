//! Types shared by the browser app and the server: the API's JSON shapes, domain values that
//! can only hold valid data, and the case lifecycle. Both sides compile this crate, so a rule
//! written here holds in the browser (instant feedback) and on the server (the authority).

pub mod access;
pub mod api;
pub mod assignment;
pub mod audit_log;
pub mod beheer;
pub mod case;
pub mod consent;
pub mod document;
pub mod domain;
pub mod feedback;
pub mod figures;
pub mod invalid;
pub mod lang;
pub mod letter;
pub mod lifecycle;
pub mod monitoring;
pub mod own_account;
pub mod retention;
pub mod route_check;
pub mod routes;
pub mod signal;
pub mod step;
pub mod two_factor;
mod wire;
pub mod worklist;

pub use invalid::{Check, FieldError, Fields, Invalid, Label};
pub use lang::{Lang, Text};
