//! `/api/me/bank-report`: the latest bank-account report (Instantor), or `null` if none.

use axum::{extract::State, Json};
use klever_api::BankReport;

use super::Api;
use crate::{auth::CustomerSession, error::AppResult, store::billing, AppState};

pub fn routes(api: Api) -> Api {
    api.get("/me/bank-report", latest)
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
