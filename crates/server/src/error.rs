//! The server's one error type. Every failure leaves as an `ErrorBody` with a stable code;
//! internal details go to the log only.

use std::collections::BTreeMap;

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use klever_api::{ErrorBody, ErrorCode, ValidationError};

#[derive(Debug)]
pub enum AppError {
    Unauthorized,
    Forbidden,
    InvalidCredentials,
    /// Refused unchecked; a try may succeed again in this many seconds (`Retry-After`).
    TooManyAttempts {
        retry_after_secs: u64,
    },
    Validation(BTreeMap<String, ValidationError>),
    /// Fields only staff may change, each marked `restricted`.
    Restricted(BTreeMap<String, ValidationError>),
    /// Fields the API does not have, each marked `unknown`.
    UnknownFields(BTreeMap<String, ValidationError>),
    MalformedRequest(String),
    VersionRequired,
    VersionConflict,
    ReauthenticationRequired,
    InvalidTransition,
    NotFound,
    /// A state-changing request from another site's page.
    CrossSite,
    /// A JSON endpoint sent something other than JSON.
    NotJson,
    /// An account link that is expired, used or unknown.
    InvalidLink,
    /// PostgreSQL gave up a transaction for a concurrent one; `Db::write` runs the job
    /// again, so this reaches a client only when conflicts went on past every try.
    Contention(String),
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// For start-up code that reports an `AppError` as an ordinary error (seeding).
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for AppError {}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::Unauthorized),
            ),
            AppError::Forbidden => (StatusCode::FORBIDDEN, ErrorBody::new(ErrorCode::Forbidden)),
            AppError::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::InvalidCredentials),
            ),
            AppError::TooManyAttempts { retry_after_secs } => {
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(
                        axum::http::header::RETRY_AFTER,
                        retry_after_secs.to_string(),
                    )],
                    Json(ErrorBody::new(ErrorCode::TooManyAttempts)),
                )
                    .into_response();
            }
            AppError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::validation(fields),
            ),
            AppError::Restricted(fields) => (
                StatusCode::FORBIDDEN,
                ErrorBody {
                    code: ErrorCode::RestrictedField,
                    fields,
                },
            ),
            AppError::UnknownFields(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    code: ErrorCode::UnknownField,
                    fields,
                },
            ),
            AppError::MalformedRequest(detail) => {
                tracing::debug!(%detail, "malformed request");
                (
                    StatusCode::BAD_REQUEST,
                    ErrorBody::new(ErrorCode::MalformedRequest),
                )
            }
            AppError::VersionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                ErrorBody::new(ErrorCode::VersionRequired),
            ),
            AppError::VersionConflict => (
                StatusCode::PRECONDITION_FAILED,
                ErrorBody::new(ErrorCode::VersionConflict),
            ),
            AppError::ReauthenticationRequired => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(ErrorCode::ReauthenticationRequired),
            ),
            AppError::InvalidTransition => (
                StatusCode::CONFLICT,
                ErrorBody::new(ErrorCode::InvalidTransition),
            ),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorBody::new(ErrorCode::NotFound)),
            AppError::CrossSite => (
                StatusCode::FORBIDDEN,
                ErrorBody::new(ErrorCode::CrossSiteRequest),
            ),
            AppError::NotJson => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorBody::new(ErrorCode::UnsupportedMediaType),
            ),
            AppError::InvalidLink => (StatusCode::GONE, ErrorBody::new(ErrorCode::InvalidLink)),
            AppError::Contention(detail) => {
                tracing::warn!(%detail, "gave up a write after repeated conflicts");
                // Nothing was written; trying again shortly will most likely succeed.
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(axum::http::header::RETRY_AFTER, "1")],
                    Json(ErrorBody::new(ErrorCode::Internal)),
                )
                    .into_response();
            }
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::new(ErrorCode::Internal),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}

/// `Json` whose rejections (wrong content type, bad JSON, wrong shape) answer with our
/// error body instead of axum's plain text.
pub struct ApiJson<T>(pub T);

impl<S, T> axum::extract::FromRequest<S> for ApiJson<T>
where
    Json<T>: axum::extract::FromRequest<S, Rejection = axum::extract::rejection::JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, AppError> {
        Json::<T>::from_request(req, state)
            .await
            .map(|Json(v)| ApiJson(v))
            .map_err(|e| match e {
                axum::extract::rejection::JsonRejection::MissingJsonContentType(_) => {
                    AppError::NotJson
                }
                e => AppError::MalformedRequest(e.body_text()),
            })
    }
}

/// `Query` whose rejection answers with our error body, not axum's text.
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(|e| AppError::MalformedRequest(e.body_text()))
    }
}

/// `Path` likewise: a malformed id is a 404 with our body, like an id that does not exist.
pub struct ApiPath<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|_| AppError::NotFound)
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<crate::sql::Error> for AppError {
    fn from(e: crate::sql::Error) -> Self {
        if e.is_contention() {
            AppError::Contention(e.to_string())
        } else {
            AppError::Internal(format!("database: {e}"))
        }
    }
}

impl AppError {
    /// One field's validation error.
    pub fn field(field: &str, e: ValidationError) -> AppError {
        AppError::Validation(std::collections::BTreeMap::from([(field.to_owned(), e)]))
    }
}

/// Stored data that no longer parses is our bug, not the customer's.
impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Internal(format!("stored value failed validation: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_up_code_reports_the_error_by_name() {
        assert_eq!(
            AppError::Internal("no disk".into()).to_string(),
            "Internal(\"no disk\")"
        );
        assert_eq!(AppError::NotFound.to_string(), "NotFound");
    }
}
