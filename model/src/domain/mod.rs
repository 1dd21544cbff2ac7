//! Domain values: each type can only hold a valid value (parse, don't validate).

pub mod bsn;
pub mod contact;
pub mod date;
pub mod reference;
pub mod text;

pub use bsn::Bsn;
pub use contact::{Email, Phone, Postcode};
pub use date::{days_ago, Date};
pub use reference::CaseReference;
pub use text::{FreeText, PersonName};
