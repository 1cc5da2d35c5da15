//! `/api/session`: sign in, see who is signed in, sign out.

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    routing::post,
    Json, Router,
};
use klever_api::{Language, PersonName, ReauthRequest, SessionInfo, SignInRequest};

use crate::{
    auth::{
        clear_session_cookie, dummy_hash, new_session_token, session_cookie, session_token,
        token_hash, verify_password, CustomerSession, SessionKind,
    },
    db::unix_now,
    error::{ApiJson, AppError, AppResult},
    AppState,
};

/// Failed sign-ins allowed per email within `FAILURE_WINDOW_SECS` before we refuse to try.
pub(super) const MAX_FAILURES: i64 = 10;
const FAILURE_WINDOW_SECS: i64 = 15 * 60;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/session", post(sign_in).get(current).delete(sign_out))
        .route("/session/reauth", post(reauthenticate))
}

/// Refuses to check a password for `email` after too many recent failures.
pub(super) async fn check_throttle(state: &AppState, email: &str, now: i64) -> AppResult<()> {
    let (failures,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE email = ?1 AND at > ?2")
            .bind(email)
            .bind(now - FAILURE_WINDOW_SECS)
            .fetch_one(&state.pool)
            .await?;
    if failures >= MAX_FAILURES {
        return Err(AppError::TooManyAttempts);
    }
    Ok(())
}

pub(super) async fn record_failure(state: &AppState, email: &str, now: i64) -> AppResult<()> {
    let mut tx = state.pool.begin().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE at <= ?1")
        .bind(now - FAILURE_WINDOW_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO sign_in_failures (email, at) VALUES (?1, ?2)")
        .bind(email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Argon2 takes tens of milliseconds of CPU: keep it off the async workers.
pub(super) async fn check_password(password: String, hash: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(|e| AppError::Internal(format!("password check: {e}")))
}

/// The password again, within a live session: opens the window for sensitive changes.
async fn reauthenticate(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiJson(req): ApiJson<ReauthRequest>,
) -> AppResult<StatusCode> {
    let now = unix_now();
    let (email, hash): (String, String) =
        sqlx::query_as("SELECT email, password_hash FROM customers WHERE id = ?1")
            .bind(session.customer_id)
            .fetch_one(&state.pool)
            .await?;
    check_throttle(&state, &email, now).await?;
    if !check_password(req.password, hash).await? {
        record_failure(&state, &email, now).await?;
        return Err(AppError::InvalidCredentials);
    }
    sqlx::query("UPDATE sessions SET password_at = ?1 WHERE token_hash = ?2")
        .bind(now)
        .bind(&session.token_hash)
        .execute(&state.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SignInRequest>,
) -> AppResult<impl IntoResponse> {
    let email = req.email.trim().to_owned();
    let now = unix_now();
    check_throttle(&state, &email, now).await?;

    let account: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM customers WHERE email = ?1")
            .bind(&email)
            .fetch_optional(&state.pool)
            .await?;
    let (customer_id, hash) = match account {
        Some((id, hash)) => (Some(id), hash),
        None => (None, dummy_hash().to_owned()),
    };
    let verified = check_password(req.password, hash).await?;
    let Some(customer_id) = customer_id.filter(|_| verified) else {
        record_failure(&state, &email, now).await?;
        return Err(AppError::InvalidCredentials);
    };

    // A fresh token at every sign-in, and the one the browser held before is ended,
    // so a session id planted before sign-in is worthless afterwards.
    let secure = state.config.cookie_secure;
    let token = new_session_token();
    let idle_cutoff = now - state.config.session_idle.as_secs() as i64;
    let mut tx = state.pool.begin().await?;
    if let Some(old) = session_token(&headers, SessionKind::Customer, secure) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(token_hash(&old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sessions WHERE last_seen_at <= ?1")
        .bind(idle_cutoff)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, password_at) \
         VALUES (?1, ?2, ?3, ?3, ?3)",
    )
    .bind(token_hash(&token))
    .bind(customer_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE email = ?1")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;

    let info = session_info(&state, customer_id).await?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(SessionKind::Customer, &token, secure),
        )],
        Json(info),
    ))
}

async fn current(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<SessionInfo>> {
    Ok(Json(session_info(&state, session.customer_id).await?))
}

/// Ends the session if there is one; answers the same either way so it is safe to repeat.
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let secure = state.config.cookie_secure;
    if let Some(token) = session_token(&headers, SessionKind::Customer, secure) {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?1")
            .bind(token_hash(&token))
            .execute(&state.pool)
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(
            header::SET_COOKIE,
            clear_session_cookie(SessionKind::Customer, secure),
        )],
    ))
}

async fn session_info(state: &AppState, customer_id: i64) -> AppResult<SessionInfo> {
    let (first, last, language): (String, String, String) = sqlx::query_as(
        "SELECT first_name, last_name, preferred_language FROM customers WHERE id = ?1",
    )
    .bind(customer_id)
    .fetch_one(&state.pool)
    .await?;
    Ok(SessionInfo {
        first_name: PersonName::parse(&first)?,
        last_name: PersonName::parse(&last)?,
        preferred_language: Language::from_tag(&language)
            .ok_or_else(|| AppError::Internal(format!("stored language {language:?}")))?,
    })
}
