//! `/api/me/history`: the change history of the customer's data, newest first. Read-only:
//! entries are written only alongside the changes they record.

use axum::{extract::State, Json};
use klever_api::HistoryEntry;

use super::Api;
use crate::{auth::CustomerSession, error::AppResult, store::history, AppState};
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(list))
}

#[utoipa::path(
    get, path = "/me/history", operation_id = "history", tag = "profile", security(("customer_session" = [])),
    responses((status = 200, description = "Every change to the customer's details, newest first.", body = Vec<HistoryEntry>))
)]
async fn list(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<HistoryEntry>>> {
    Ok(Json(
        state
            .db
            .read(move |c| history::history(c, session.customer_id))
            .await?,
    ))
}
