//! The one error body every failing API response carries.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// What went wrong, as a stable code the app translates; never free text for display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No valid session: sign in again.
    Unauthorized,
    /// Signed in, but not as someone who may do this (a customer on a staff route).
    Forbidden,
    /// Wrong email or password; deliberately does not say which.
    InvalidCredentials,
    /// Too many failed sign-ins in a short time.
    TooManyAttempts,
    /// One or more fields failed validation; see `fields`.
    ValidationFailed,
    NotFound,
    /// The request body is not valid JSON of the expected shape.
    MalformedRequest,
    /// The request changes fields only staff may change; see `fields`.
    RestrictedField,
    /// The request names fields the API does not have; see `fields`.
    UnknownField,
    /// A change needs the version it was based on (`If-Match`), and none was sent.
    VersionRequired,
    /// The data changed since the customer loaded it; nothing was written.
    VersionConflict,
    /// The change needs the password entered again first.
    ReauthenticationRequired,
    /// The request is not in a state that allows this step (completing a cancelled one …).
    InvalidTransition,
    /// A request that changes something came from another site's page (or from nowhere a
    /// browser would say); nothing was done.
    CrossSiteRequest,
    /// The body is not JSON (`Content-Type: application/json`); nothing was done.
    UnsupportedMediaType,
    /// An activation or password link that has expired, was used already, or never
    /// existed (which of these is not said); a new one can be asked for.
    InvalidLink,
    /// Something failed on the server; details are only in the server log.
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// Per-field validation errors, keyed by the request's field name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, ValidationError>,
}

impl ErrorBody {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            fields: BTreeMap::new(),
        }
    }

    pub fn validation(fields: BTreeMap<String, ValidationError>) -> Self {
        Self {
            code: ErrorCode::ValidationFailed,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_wire_format_is_stable() {
        let mut fields = BTreeMap::new();
        fields.insert("email".to_owned(), ValidationError::InvalidFormat);
        let json = serde_json::to_string(&ErrorBody::validation(fields)).unwrap();
        assert_eq!(
            json,
            r#"{"code":"validation_failed","fields":{"email":"invalid_format"}}"#
        );
        let plain = serde_json::to_string(&ErrorBody::new(ErrorCode::Unauthorized)).unwrap();
        assert_eq!(plain, r#"{"code":"unauthorized"}"#);
    }
}
