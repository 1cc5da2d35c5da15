//! `/api/me/password`: a signed-in customer changes the password.

use std::collections::BTreeMap;

use axum::{extract::State, http::StatusCode};
use klever_api::{check_new_password, ErrorBody, PasswordChange, ValidationError};
use utoipa_axum::routes;

use super::session::{check_password, clear_failures, reserve_attempt};
use super::Api;
use crate::{
    auth::{hash_password, CustomerSession},
    client_addr::ClientAddr,
    clock::rfc3339,
    common_passwords::is_common,
    error::{ApiJson, AppError, AppResult},
    store::customers,
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.routes(routes!(change))
}

/// Whether `password` may become the new one: the contract's rules, then the list of
/// common passwords, which only the server has.
pub(super) fn acceptable(password: &str) -> Result<(), ValidationError> {
    check_new_password(password)?;
    if is_common(password) {
        return Err(ValidationError::TooCommon);
    }
    Ok(())
}

/// Argon2 on a blocking thread, like every password check.
pub(super) async fn hash(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hash: {e}")))
}

/// The current password and a new one. The customer's other sessions end, this one stays,
/// and a notice goes to the email address on file.
#[utoipa::path(
    post, path = "/me/password", operation_id = "change_password", tag = "session", security(("customer_session" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; every other session of the customer ended."),
        (status = 422, description = "The new password is not acceptable, or the current one is wrong (`validation_failed`; see `fields`).", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords from this client (`too_many_attempts`).", body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until a try is counted again."))),
    )
)]
async fn change(
    State(state): State<AppState>,
    session: CustomerSession,
    client: ClientAddr,
    ApiJson(req): ApiJson<PasswordChange>,
) -> AppResult<StatusCode> {
    // What is wrong with the request itself comes first: no password is checked for a
    // change that could not be made anyway.
    let mut errors = BTreeMap::new();
    if req.current_password.is_empty() {
        errors.insert("current_password".to_owned(), ValidationError::Required);
    }
    if let Err(e) = acceptable(&req.new_password) {
        errors.insert("new_password".to_owned(), e);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let customer_id = session.customer_id;
    let (email, stored) = state
        .db
        .read(move |c| customers::credentials(c, customer_id))
        .await?;
    // A wrong current password counts as a failed sign-in: the same limits keep anyone
    // who finds an open session from guessing it.
    reserve_attempt(&state, &email, &client, state.clock.now()).await?;
    if !check_password(req.current_password, Some(stored)).await? {
        return Err(AppError::field(
            "current_password",
            ValidationError::Incorrect,
        ));
    }
    clear_failures(&state, &email, &client).await?;

    let new_hash = hash(req.new_password).await?;
    let now = state.clock.now();
    let keep = session.token_hash;
    state
        .db
        .write(move |tx| {
            customers::set_password(tx, &rfc3339(now), customer_id, &new_hash, Some(&keep), true)?;
            // The password was just entered here.
            crate::store::sessions::password_entered(tx, &keep, now)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
