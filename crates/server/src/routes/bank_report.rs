//! `/api/me/bank-report`: the latest bank-account report (Instantor), or `null` if none.

use axum::{extract::State, routing::get, Json, Router};
use klever_api::BankReport;

use crate::{auth::CustomerSession, error::AppResult, store::billing, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/bank-report", get(latest))
}

async fn latest(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Option<BankReport>>> {
    Ok(Json(
        state
            .db
            .read(move |c| billing::bank_report(c, session.customer_id))
            .await?,
    ))
}
