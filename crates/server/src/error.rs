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
    InvalidCredentials,
    TooManyAttempts,
    Validation(BTreeMap<String, ValidationError>),
    NotFound,
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::Unauthorized),
            ),
            AppError::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorBody::new(ErrorCode::InvalidCredentials),
            ),
            AppError::TooManyAttempts => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorBody::new(ErrorCode::TooManyAttempts),
            ),
            AppError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody::validation(fields),
            ),
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorBody::new(ErrorCode::NotFound)),
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

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

/// Stored data that no longer parses is our bug, not the customer's.
impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Internal(format!("stored value failed validation: {e}"))
    }
}
