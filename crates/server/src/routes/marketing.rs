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
use klever_api::ErrorBody;
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(choices))
        .routes(routes!(set_choice))
        .routes(routes!(consent_log))
}

#[utoipa::path(
    get, path = "/me/marketing", operation_id = "marketing_choices", tag = "marketing", security(("customer_session" = [])),
    responses((status = 200, description = "Direct-marketing bans and consents.", body = MarketingChoices))
)]
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
#[utoipa::path(
    put, path = "/me/marketing/{choice}", operation_id = "set_marketing_choice", tag = "marketing", security(("customer_session" = [])),
    params(("choice" = MarketingChoice, Path, description = "The ban or consent to set.")),
    request_body = MarketingChange,
    responses(
        (status = 200, description = "Set (and logged if it changed); every choice as it is now.", body = MarketingChoices),
        (status = 404, description = "No such choice (`not_found`).", body = ErrorBody),
    )
)]
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

#[utoipa::path(
    get, path = "/me/consent-log", operation_id = "consent_log", tag = "marketing", security(("customer_session" = [])),
    responses((status = 200, description = "Every change of a marketing choice, newest first.", body = Vec<ConsentLogEntry>))
)]
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
