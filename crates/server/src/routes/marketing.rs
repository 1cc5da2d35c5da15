//! `/api/me/marketing` and `/api/me/consent-log`: direct-marketing bans and consents.
//! Each change and its log entry are written in one transaction; the log is never edited.

use axum::{
    extract::State,
    routing::{get, put},
    Json, Router,
};
use klever_api::{Channel, ConsentLogEntry, MarketingChange, MarketingChoice, MarketingChoices};
use sqlx::SqliteConnection;

use super::history::from_code;
use crate::{
    auth::CustomerSession,
    error::{ApiJson, ApiPath, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/marketing", get(marketing))
        .route("/me/marketing/{choice}", put(set_choice))
        .route("/me/consent-log", get(consent_log))
}

#[derive(sqlx::FromRow)]
struct Row {
    ban_all: bool,
    ban_email: bool,
    ban_sms: bool,
    ban_phone: bool,
    ban_post: bool,
    consent_market_research: bool,
    consent_research_disclosure: bool,
    consent_targeting: bool,
    updated_at: Option<String>,
}

/// The customer's choices, with when each last changed (from the log). No row yet means
/// nothing banned and nothing consented.
pub(crate) async fn load_marketing(
    conn: &mut SqliteConnection,
    customer_id: i64,
) -> AppResult<MarketingChoices> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT ban_all, ban_email, ban_sms, ban_phone, ban_post, consent_market_research, \
         consent_research_disclosure, consent_targeting, updated_at \
         FROM marketing_choices WHERE customer_id = ?1",
    )
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    let mut choices = row
        .map(|r| MarketingChoices {
            ban_all: r.ban_all,
            ban_email: r.ban_email,
            ban_sms: r.ban_sms,
            ban_phone: r.ban_phone,
            ban_post: r.ban_post,
            consent_market_research: r.consent_market_research,
            consent_research_disclosure: r.consent_research_disclosure,
            consent_targeting: r.consent_targeting,
            updated_at: r.updated_at,
            ..MarketingChoices::default()
        })
        .unwrap_or_default();
    let latest: Vec<(String, String)> = sqlx::query_as(
        "SELECT choice, MAX(at) FROM consent_log WHERE customer_id = ?1 GROUP BY choice",
    )
    .bind(customer_id)
    .fetch_all(&mut *conn)
    .await?;
    for (choice, at) in latest {
        if let Some(choice) = MarketingChoice::from_code(&choice) {
            choices.changed_at.insert(choice, at);
        }
    }
    Ok(choices)
}

async fn marketing(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<MarketingChoices>> {
    let mut conn = state.db.read().acquire().await?;
    Ok(Json(load_marketing(&mut conn, session.customer_id).await?))
}

/// Sets one choice (banning all also bans every channel) and logs each value that changed.
/// Setting a choice to the value it has is a no-op that logs nothing.
async fn set_choice(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiPath(choice): ApiPath<String>,
    ApiJson(change): ApiJson<MarketingChange>,
) -> AppResult<Json<MarketingChoices>> {
    let choice = MarketingChoice::from_code(&choice).ok_or(AppError::NotFound)?;
    let id = session.customer_id;
    let choices = state
        .db
        .write(move |tx| {
            Box::pin(async move {
                let mut choices = load_marketing(tx, id).await?;
                let changed = choices.apply(choice, change.value);
                if !changed.is_empty() {
                    save(tx, id, &choices).await?;
                    for (what, old) in changed {
                        log_change(
                            tx,
                            id,
                            what,
                            old,
                            choices.get(what),
                            Channel::SelfService,
                            None,
                        )
                        .await?;
                    }
                }
                load_marketing(tx, id).await
            })
        })
        .await?;
    Ok(Json(choices))
}

async fn save(
    conn: &mut SqliteConnection,
    customer_id: i64,
    m: &MarketingChoices,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO marketing_choices (customer_id, ban_all, ban_email, ban_sms, ban_phone, ban_post, \
         consent_market_research, consent_research_disclosure, consent_targeting, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) \
         ON CONFLICT (customer_id) DO UPDATE SET ban_all = excluded.ban_all, ban_email = excluded.ban_email, \
         ban_sms = excluded.ban_sms, ban_phone = excluded.ban_phone, ban_post = excluded.ban_post, \
         consent_market_research = excluded.consent_market_research, \
         consent_research_disclosure = excluded.consent_research_disclosure, \
         consent_targeting = excluded.consent_targeting, updated_at = excluded.updated_at",
    )
    .bind(customer_id)
    .bind(m.ban_all)
    .bind(m.ban_email)
    .bind(m.ban_sms)
    .bind(m.ban_phone)
    .bind(m.ban_post)
    .bind(m.consent_market_research)
    .bind(m.consent_research_disclosure)
    .bind(m.consent_targeting)
    .execute(conn)
    .await?;
    Ok(())
}

/// Appends one consent-log entry; called only inside the transaction of the change itself.
pub(crate) async fn log_change(
    conn: &mut SqliteConnection,
    customer_id: i64,
    choice: MarketingChoice,
    old: bool,
    new: bool,
    channel: Channel,
    staff_id: Option<i64>,
) -> AppResult<()> {
    let channel = match channel {
        Channel::SelfService => "self_service",
        Channel::Staff => "staff",
        Channel::Onboarding => "onboarding",
    };
    sqlx::query(
        "INSERT INTO consent_log (customer_id, at, choice, old_value, new_value, channel, staff_id) \
         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(customer_id)
    .bind(choice.code())
    .bind(old)
    .bind(new)
    .bind(channel)
    .bind(staff_id)
    .execute(conn)
    .await?;
    Ok(())
}

type LogRow = (i64, String, String, bool, bool, String);

async fn consent_log(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<ConsentLogEntry>>> {
    let mut conn = state.db.read().acquire().await?;
    Ok(Json(
        load_consent_log(&mut conn, session.customer_id).await?,
    ))
}

pub(crate) async fn load_consent_log(
    conn: &mut SqliteConnection,
    customer_id: i64,
) -> AppResult<Vec<ConsentLogEntry>> {
    let rows: Vec<LogRow> = sqlx::query_as(
        "SELECT id, at, choice, old_value, new_value, channel FROM consent_log \
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )
    .bind(customer_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id, at, choice, old_value, new_value, channel)| {
            Ok(ConsentLogEntry {
                id,
                at,
                choice: MarketingChoice::from_code(&choice)
                    .ok_or_else(|| AppError::Internal(format!("stored choice {choice:?}")))?,
                old_value,
                new_value,
                channel: from_code(&channel)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()
}
