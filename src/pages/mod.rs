pub mod about;
pub mod account;
pub mod dashboard;
pub mod home;
pub mod not_found;
pub mod sign_in;
