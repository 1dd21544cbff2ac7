//! Types shared by the browser app and the server: the API's JSON shapes, validation
//! and (as the case core lands) the case lifecycle. Both sides compile this crate, so a
//! rule written here holds in the browser (instant feedback) and on the server (the authority).

pub mod api;
