//! `/api/me/billing`: invoices the customer received and what was paid on them.

use axum::{extract::State, Json};
use klever_api::Billing;

use super::Api;
use crate::{auth::CustomerSession, error::AppResult, store::billing, AppState};
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(list))
}

#[utoipa::path(
    get, path = "/me/billing", operation_id = "billing", tag = "billing", security(("customer_session" = [])),
    responses((status = 200, description = "Invoices, newest first, with their payments.", body = Billing))
)]
async fn list(State(state): State<AppState>, session: CustomerSession) -> AppResult<Json<Billing>> {
    let today = state.clock.today_in_finland();
    Ok(Json(
        state
            .db
            .read(move |c| billing::billing(c, session.customer_id, today))
            .await?,
    ))
}
