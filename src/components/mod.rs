pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod notice;
pub mod upload;
