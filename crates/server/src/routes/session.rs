//! `/api/session`: sign in, see who is signed in, sign out.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::IntoResponse,
    Json,
};
use klever_api::{Language, PersonName, ReauthRequest, SessionInfo, SignInRequest};

use super::Api;
use crate::{
    auth::{
        clear_session_cookie, dummy_hash, new_session_token, session_cookie, session_token,
        token_hash, verify_password, CustomerSession, SessionKind,
    },
    client_addr::ClientAddr,
    error::{ApiJson, AppError, AppResult},
    store::{customers, sessions},
    AppState,
};
use klever_api::ErrorBody;
use utoipa_axum::routes;

/// Failed sign-ins allowed before a client's next try is refused unchecked (429 with
/// `Retry-After`). Guessing stays slow, yet no one can lock a customer out: every limit
/// falls on the clients that failed, never on the account itself.
pub(super) const LIMITS: sessions::AttemptLimits = sessions::AttemptLimits {
    // Ten tries at one password in a quarter of an hour are plenty for a person.
    client_on_account: sessions::Limit {
        max: 10,
        window_secs: 15 * 60,
    },
    // One address trying many accounts is testing a list of leaked passwords; an office
    // or a mobile operator's shared address still has room for its customers' typos.
    client: sessions::Limit {
        max: 50,
        window_secs: 15 * 60,
    },
    // ASVS 2.2.1: at most 100 failures an hour on one account, whichever clients make them.
    account: sessions::Limit {
        max: 100,
        window_secs: 60 * 60,
    },
};

pub fn routes(api: Api) -> Api {
    api.routes(routes!(sign_in, current, sign_out))
        .routes(routes!(reauthenticate))
}

/// Counts this attempt as a failure before the password is even checked, and refuses when
/// too many failed recently. Reserving first (in the write transaction) means parallel
/// guesses cannot all slip past the count; a correct password clears the client's failures.
pub(super) async fn reserve_attempt(
    state: &AppState,
    email: &str,
    client: &ClientAddr,
    now: i64,
) -> AppResult<()> {
    let (email, client) = (email.to_owned(), client.0.clone());
    state
        .db
        .write(move |tx| sessions::reserve_attempt(tx, &email, &client, now, LIMITS))
        .await
}

pub(super) async fn clear_failures(
    state: &AppState,
    email: &str,
    client: &ClientAddr,
) -> AppResult<()> {
    let (email, client) = (email.to_owned(), client.0.clone());
    state
        .db
        .write(move |c| sessions::clear_failures(c, &email, &client))
        .await
}

/// Argon2 takes tens of milliseconds of CPU: keep it off the async workers. Without a
/// stored hash (unknown email) it checks against the dummy one, which is itself computed
/// here the first time, also off the async workers.
pub(super) async fn check_password(password: String, hash: Option<String>) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        verify_password(&password, hash.as_deref().unwrap_or_else(|| dummy_hash()))
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check: {e}")))
}

/// The password again, within a live session: opens the window for sensitive changes.
#[utoipa::path(
    post, path = "/session/reauth", operation_id = "reauthenticate", tag = "session", security(("customer_session" = [])),
    request_body = ReauthRequest,
    responses(
        (status = 204, description = "The password was right: sensitive changes go through for a while."),
        (status = 401, description = "No session, or the password was wrong (`invalid_credentials`).", body = ErrorBody),
        (status = 429, description = "Too many failed tries from this client (`too_many_attempts`).", body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until a try is counted again."))),
    )
)]
async fn reauthenticate(
    State(state): State<AppState>,
    session: CustomerSession,
    client: ClientAddr,
    ApiJson(req): ApiJson<ReauthRequest>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let customer_id = session.customer_id;
    let (email, hash) = state
        .db
        .read(move |c| customers::credentials(c, customer_id))
        .await?;
    reserve_attempt(&state, &email, &client, now).await?;
    if !check_password(req.password, Some(hash)).await? {
        return Err(AppError::InvalidCredentials);
    }
    clear_failures(&state, &email, &client).await?;
    let token_hash = session.token_hash;
    state
        .db
        .write(move |c| sessions::password_entered(c, &token_hash, now))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post, path = "/session", operation_id = "sign_in", tag = "session",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set.", body = SessionInfo, headers(("Set-Cookie" = String, description = "The session cookie."))),
        (status = 401, description = "Wrong email or password (`invalid_credentials`); which of the two is not said.", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins from this client (`too_many_attempts`).", body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until a try is counted again."))),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientAddr,
    ApiJson(req): ApiJson<SignInRequest>,
) -> AppResult<impl IntoResponse> {
    let customer_id = authenticate(&state, SessionKind::Customer, &req, &client).await?;
    let cookie = open_session(&state, SessionKind::Customer, customer_id, &headers).await?;
    // The password was entered just now.
    let info = session_info(&state, customer_id, state.clock.now()).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(info)))
}

/// Checks an email and password against `kind`'s accounts, slowing down guessing; the
/// account's id. Wrong email and wrong password fail alike, in about the same time.
pub(super) async fn authenticate(
    state: &AppState,
    kind: SessionKind,
    req: &SignInRequest,
    client: &ClientAddr,
) -> AppResult<i64> {
    let email = req.email.trim();
    let now = state.clock.now();
    reserve_attempt(state, email, client, now).await?;
    let account = {
        let email = email.to_owned();
        state
            .db
            .read(move |c| sessions::account(c, kind, &email))
            .await?
    };
    let (id, hash) = account.map(|a| (a.id, a.password_hash)).unzip();
    let verified = check_password(req.password.clone(), hash).await?;
    let Some(id) = id.filter(|_| verified) else {
        return Err(AppError::InvalidCredentials);
    };
    clear_failures(state, email, client).await?;
    Ok(id)
}

/// Starts a session with a fresh token and ends the one the browser held before, so a
/// session id planted before sign-in is worthless afterwards. Returns the cookie to set.
pub(super) async fn open_session(
    state: &AppState,
    kind: SessionKind,
    account_id: i64,
    headers: &HeaderMap,
) -> AppResult<HeaderValue> {
    let secure = state.config.cookie_secure;
    let now = state.clock.now();
    let token = new_session_token();
    let old = session_token(headers, kind, secure).map(|old| token_hash(&old));
    let new = token_hash(&token);
    let live = state.config.live_sessions(now);
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (browser, system) = klever_api::describe_user_agent(user_agent);
    let device = sessions::DeviceWords { browser, system };
    state
        .db
        .write(move |tx| {
            let new = sessions::NewSession {
                token_hash: &new,
                account_id,
                at: now,
                device,
            };
            sessions::open(tx, kind, old.as_deref(), new, live)
        })
        .await?;
    Ok(session_cookie(kind, &token, secure))
}

/// Ends the browser's session of `kind`, if any; safe to repeat. Returns the clearing cookie.
pub(super) async fn close_session(
    state: &AppState,
    kind: SessionKind,
    headers: &HeaderMap,
) -> AppResult<HeaderValue> {
    let secure = state.config.cookie_secure;
    if let Some(token) = session_token(headers, kind, secure) {
        let hash = token_hash(&token);
        state
            .db
            .write(move |c| sessions::close(c, kind, &hash))
            .await?;
    }
    Ok(clear_session_cookie(kind, secure))
}

#[utoipa::path(
    get, path = "/session", operation_id = "session", tag = "session", security(("customer_session" = [])),
    responses((status = 200, description = "Who is signed in.", body = SessionInfo))
)]
async fn current(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<SessionInfo>> {
    Ok(Json(
        session_info(&state, session.customer_id, session.password_at).await?,
    ))
}

/// Ends the session if there is one; answers the same either way so it is safe to repeat.
#[utoipa::path(
    delete, path = "/session", operation_id = "sign_out", tag = "session",
    responses((status = 204, description = "Signed out (also when no one was).", headers(("Set-Cookie" = String, description = "Clears the session cookie."))))
)]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let cookie = close_session(&state, SessionKind::Customer, &headers).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]))
}

pub(super) async fn session_info(
    state: &AppState,
    customer_id: i64,
    password_at: i64,
) -> AppResult<SessionInfo> {
    let (first, last, language) = state
        .db
        .read(move |c| customers::greeting(c, customer_id))
        .await?;
    Ok(SessionInfo {
        first_name: PersonName::parse(&first)?,
        last_name: PersonName::parse(&last)?,
        preferred_language: Language::from_tag(&language)
            .ok_or_else(|| AppError::Internal(format!("stored language {language:?}")))?,
        password_fresh_for_secs: (password_at + state.config.reauth_window.as_secs() as i64
            - state.clock.now())
        .max(0) as u64,
    })
}
