pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod notice;
pub mod second_factor;
pub mod upload;
