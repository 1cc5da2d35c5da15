//! `/api/me/history`: the change history of the customer's data, newest first. Read-only:
//! entries are written only alongside the changes they record.

use axum::{extract::State, routing::get, Json, Router};
use klever_api::HistoryEntry;

use crate::{auth::CustomerSession, error::AppResult, store::history, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/history", get(list))
}

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
