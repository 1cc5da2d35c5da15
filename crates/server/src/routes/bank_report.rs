//! `/api/me/bank-report`: the latest bank-account report (Instantor), or `null` if none.

use axum::{extract::State, Json};
use klever_api::BankReport;

use super::Api;
use crate::{auth::CustomerSession, error::AppResult, store::billing, AppState};
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(latest))
}

#[utoipa::path(
    get, path = "/me/bank-report", operation_id = "bank_report", tag = "billing", security(("customer_session" = [])),
    responses((status = 200, description = "The latest bank-account report, or `null` if there is none.", body = Option<BankReport>))
)]
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
