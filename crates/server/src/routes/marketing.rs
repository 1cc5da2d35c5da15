//! `/api/me/marketing` and `/api/me/consent-log`: direct-marketing bans and consents.
//! Each change and its log entry are written in one transaction; the log is never edited.

use axum::{extract::State, Json};
use klever_api::{ConsentLogEntry, MarketingChange, MarketingChoice, MarketingChoices};

use super::Api;
use crate::{
    auth::CustomerSession,
    error::{ApiJson, ApiPath, AppError, AppResult},
    store::{history::ChangedBy, marketing},
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.get("/me/marketing", choices)
        .put("/me/marketing/{choice}", set_choice)
        .get("/me/consent-log", consent_log)
}

async fn choices(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<MarketingChoices>> {
    Ok(Json(
        state
            .db
            .read(move |c| crate::db::consistent(c, |c| marketing::choices(c, session.customer_id)))
            .await?,
    ))
}

/// Sets one choice; setting it to the value it has is a no-op that logs nothing.
async fn set_choice(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiPath(choice): ApiPath<String>,
    ApiJson(change): ApiJson<MarketingChange>,
) -> AppResult<Json<MarketingChoices>> {
    let choice = MarketingChoice::from_code(&choice).ok_or(AppError::NotFound)?;
    let id = session.customer_id;
    let at = state.clock.now_rfc3339();
    let choices = state
        .db
        .write(move |tx| {
            marketing::set_choice(tx, &at, id, choice, change.value, ChangedBy::Customer)
        })
        .await?;
    Ok(Json(choices))
}

async fn consent_log(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<ConsentLogEntry>>> {
    Ok(Json(
        state
            .db
            .read(move |c| marketing::consent_log(c, session.customer_id))
            .await?,
    ))
}
