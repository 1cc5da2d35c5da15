//! `/api/me/requests`: the customer's inspection and correction requests.

use axum::{extract::State, http::StatusCode, Json};
use klever_api::{NewRequest, RequestView};

use super::Api;
use crate::{
    auth::CustomerSession,
    error::{ApiJson, ApiPath, AppError, AppResult},
    store::requests,
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.get("/me/requests", list)
        .post("/me/requests", create)
        .post("/me/requests/{id}/cancel", cancel)
}

async fn list(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<RequestView>>> {
    Ok(Json(
        state
            .db
            .read(move |c| requests::for_customer(c, session.customer_id))
            .await?,
    ))
}

/// Records a request. The same idempotency key again returns the first request (200)
/// instead of making a second one (201).
async fn create(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiJson(req): ApiJson<NewRequest>,
) -> AppResult<(StatusCode, Json<RequestView>)> {
    req.validate().map_err(AppError::Validation)?;
    let id = session.customer_id;
    let now = state.clock.now();
    let kind = req.kind;
    // The idempotency key is looked up inside the writer's job, so two sends of the same
    // key cannot both miss it.
    let (view, created) = state
        .db
        .write(move |tx| requests::create(tx, id, &req, now))
        .await?;
    if !created {
        return Ok((StatusCode::OK, Json(view)));
    }
    tracing::info!(
        request_id = view.id,
        customer_id = id,
        kind = kind.code(),
        "request received"
    );
    Ok((StatusCode::CREATED, Json(view)))
}

/// Withdraws an open request of the customer's own.
async fn cancel(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiPath(request_id): ApiPath<i64>,
) -> AppResult<Json<RequestView>> {
    let customer_id = session.customer_id;
    let at = state.clock.now_rfc3339();
    let view = state
        .db
        .write(move |tx| requests::cancel(tx, &at, request_id, customer_id))
        .await?;
    Ok(Json(view))
}
