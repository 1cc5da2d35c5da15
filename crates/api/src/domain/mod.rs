//! Domain types that can only hold valid values: each is built by parsing, never directly.

mod address;
mod bank;
mod date;
mod email;
mod name;
mod password;
mod phone;
mod text;

pub use address::{AddressInput, PostalAddress};
pub use bank::{Bic, Iban};
pub use date::{finland_offset_secs, parse_rfc3339, rfc3339, IsoDate};
pub use email::Email;
pub use name::PersonName;
pub use password::{check_new_password, password_strength, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
pub use phone::Phone;
pub use text::FreeText;

use serde::{Deserialize, Serialize};

/// Why a value was refused. A stable code: the app shows it in the customer's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ValidationError {
    Required,
    TooShort,
    TooLong,
    /// Characters that never belong in this kind of value (control characters, digits in a name …).
    InvalidCharacters,
    InvalidFormat,
    /// Well-formed but the check digits do not match (a mistyped IBAN).
    InvalidChecksum,
    /// Another customer already uses this value (an email address).
    AlreadyInUse,
    /// The field exists but only staff may change it (through a correction request).
    Restricted,
    /// The request names a field the API does not have.
    Unknown,
    /// Among the passwords people use most, so among the first an attacker tries.
    TooCommon,
    /// Not the value on file (the current password, typed again to change it).
    Incorrect,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::Required => "required",
            Self::TooShort => "too short",
            Self::TooLong => "too long",
            Self::InvalidCharacters => "invalid characters",
            Self::InvalidFormat => "invalid format",
            Self::InvalidChecksum => "invalid checksum",
            Self::AlreadyInUse => "already in use",
            Self::Restricted => "restricted",
            Self::Unknown => "unknown field",
            Self::TooCommon => "too common",
            Self::Incorrect => "incorrect",
        };
        f.write_str(text)
    }
}

impl std::error::Error for ValidationError {}

/// Implements the string plumbing every domain type shares: `as_str`, `Display`,
/// `FromStr`, serde as a plain string that is parsed again on the way in, and (with the
/// `openapi` feature) its schema: a string.
macro_rules! string_domain_type {
    ($ty:ident) => {
        impl $ty {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::domain::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <String as ::serde::Deserialize>::deserialize(d)?;
                Self::parse(&raw).map_err(::serde::de::Error::custom)
            }
        }

        /// On the wire a plain string; the rules it must meet are the parser's.
        #[cfg(feature = "openapi")]
        impl ::utoipa::PartialSchema for $ty {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                ::utoipa::openapi::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl ::utoipa::ToSchema for $ty {}
    };
}
pub(crate) use string_domain_type;

/// True for characters that must never be stored in a one-line text field.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_validation_error_reads_as_words() {
        // The text a log line or an `Err` shown during development carries.
        let cases = [
            (ValidationError::Required, "required"),
            (ValidationError::TooShort, "too short"),
            (ValidationError::TooLong, "too long"),
            (ValidationError::InvalidCharacters, "invalid characters"),
            (ValidationError::InvalidFormat, "invalid format"),
            (ValidationError::InvalidChecksum, "invalid checksum"),
            (ValidationError::AlreadyInUse, "already in use"),
            (ValidationError::Restricted, "restricted"),
            (ValidationError::Unknown, "unknown field"),
            (ValidationError::TooCommon, "too common"),
            (ValidationError::Incorrect, "incorrect"),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text, "{error:?}");
        }
    }
}
