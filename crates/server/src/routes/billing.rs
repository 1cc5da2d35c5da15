//! `/api/me/billing`: invoices the customer received and what was paid on them.

use axum::{extract::State, Json};
use klever_api::Billing;

use super::Api;
use crate::{auth::CustomerSession, error::AppResult, store::billing, AppState};

pub fn routes(api: Api) -> Api {
    api.get("/me/billing", list)
}

async fn list(State(state): State<AppState>, session: CustomerSession) -> AppResult<Json<Billing>> {
    let today = state.clock.today_in_finland();
    Ok(Json(
        state
            .db
            .read(move |c| billing::billing(c, session.customer_id, today))
            .await?,
    ))
}
