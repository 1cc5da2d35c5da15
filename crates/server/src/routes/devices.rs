//! `/api/me/devices`: where the customer is signed in, and ending those sessions (ASVS
//! 3.3.4). Only the customer's own sessions are listed or ended: every query is bounded by
//! the customer of the session asking.

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::IntoResponse,
    Json,
};
use klever_api::Device;

use super::Api;
use crate::{
    auth::{clear_session_cookie, device_id, CustomerSession, SessionKind},
    clock::rfc3339,
    error::{ApiPath, AppError, AppResult},
    store::sessions,
    AppState,
};
use klever_api::ErrorBody;
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(list))
        .routes(routes!(end_others))
        .routes(routes!(end_one))
}

/// The customer's live sessions, the most recently used first.
#[utoipa::path(
    get, path = "/me/devices", operation_id = "devices", tag = "devices", security(("customer_session" = [])),
    responses((status = 200, description = "The browsers the customer is signed in on, the most recently used first.", body = Vec<Device>))
)]
async fn list(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<Device>>> {
    let live = state.config.live_sessions(state.clock.now());
    let customer_id = session.customer_id;
    let rows = state
        .db
        .read(move |c| sessions::devices(c, customer_id, live))
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|row| Device {
                id: device_id(&row.token_hash),
                browser: row.browser,
                system: row.system,
                signed_in_at: rfc3339(row.created_at),
                last_used_at: rfc3339(row.last_seen_at),
                current: row.token_hash == session.token_hash,
            })
            .collect(),
    ))
}

/// Ends one session. Ending this browser's own is signing out: its cookie goes too.
#[utoipa::path(
    delete, path = "/me/devices/{id}", operation_id = "end_device", tag = "devices", security(("customer_session" = [])),
    params(("id" = String, Path, description = "A device's `id` from the list.")),
    responses(
        (status = 204, description = "That session ended; ending this browser's own also clears its cookie.", headers(("Set-Cookie" = String, description = "Clears the session cookie."))),
        (status = 404, description = "No live session of this customer has that id (`not_found`).", body = ErrorBody),
    )
)]
async fn end_one(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiPath(id): ApiPath<String>,
) -> AppResult<impl IntoResponse> {
    let live = state.config.live_sessions(state.clock.now());
    let customer_id = session.customer_id;
    // Found among the customer's own sessions, so an id of anyone else's is a 404.
    let target = state
        .db
        .read(move |c| sessions::devices(c, customer_id, live))
        .await?
        .into_iter()
        .find(|row| device_id(&row.token_hash) == id)
        .ok_or(AppError::NotFound)?;
    let own = target.token_hash == session.token_hash;
    let hash = target.token_hash;
    let ended = state
        .db
        .write(move |tx| sessions::end_device(tx, customer_id, &hash))
        .await?;
    if !ended {
        return Err(AppError::NotFound);
    }
    let secure = state.config.cookie_secure;
    Ok(if own {
        (
            StatusCode::NO_CONTENT,
            [(
                header::SET_COOKIE,
                clear_session_cookie(SessionKind::Customer, secure),
            )],
        )
            .into_response()
    } else {
        StatusCode::NO_CONTENT.into_response()
    })
}

/// Ends every session of the customer but this one.
#[utoipa::path(
    delete, path = "/me/devices/others", operation_id = "end_other_devices", tag = "devices", security(("customer_session" = [])),
    responses((status = 204, description = "Every session of the customer but this one ended."))
)]
async fn end_others(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<StatusCode> {
    let customer_id = session.customer_id;
    let keep = session.token_hash;
    state
        .db
        .write(move |tx| sessions::end_other_devices(tx, customer_id, &keep))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
