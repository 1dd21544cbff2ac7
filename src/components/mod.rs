pub mod error_summary;
pub mod fields;
pub mod layout;
pub mod notice;
pub mod pager;
pub mod second_factor;
pub mod sign_out;
pub mod upload;
