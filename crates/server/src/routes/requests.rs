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
use klever_api::ErrorBody;
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(list, create)).routes(routes!(cancel))
}

#[utoipa::path(
    get, path = "/me/requests", operation_id = "requests", tag = "requests", security(("customer_session" = [])),
    responses((status = 200, description = "The customer's requests, newest first.", body = Vec<RequestView>))
)]
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
#[utoipa::path(
    post, path = "/me/requests", operation_id = "new_request", tag = "requests", security(("customer_session" = [])),
    request_body = NewRequest,
    responses(
        (status = 201, description = "Recorded.", body = RequestView),
        (status = 200, description = "This key was sent before: the request made then.", body = RequestView),
        (status = 422, description = "A value failed its check (`validation_failed`; see `fields`).", body = ErrorBody),
    )
)]
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
#[utoipa::path(
    post, path = "/me/requests/{id}/cancel", operation_id = "cancel_request", tag = "requests", security(("customer_session" = [])),
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 200, description = "Withdrawn.", body = RequestView),
        (status = 404, description = "No request of this customer has that id (`not_found`).", body = ErrorBody),
        (status = 409, description = "The request is closed already (`invalid_transition`).", body = ErrorBody),
    )
)]
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
