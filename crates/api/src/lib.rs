//! The contract between the Kleverapp browser app and its server.
//!
//! Both sides compile this crate (wasm32 in the browser, native on the server), so a value
//! that parses here is valid everywhere: the browser uses the parsers for instant feedback,
//! the server for the authoritative check.

#[macro_use]
pub mod codes;
pub mod devices;
pub mod domain;
pub mod error;
pub mod rules;
pub mod types;

pub use codes::Coded;
pub use devices::{describe_user_agent, Device};
pub use domain::{
    check_new_password, finland_offset_secs, parse_rfc3339, password_strength, rfc3339,
    AddressInput, Bic, Email, FreeText, Iban, IsoDate, PersonName, Phone, PostalAddress,
    ValidationError, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
pub use error::{ErrorBody, ErrorCode};
pub use rules::{may_extend, request_deadline, Editable, FieldAccess, PatchKey, ValidStaffAction};
pub use types::*;
