//! `/api/me/marketing` and `/api/me/consent-log`: direct-marketing bans and consents.
//! Each change and its log entry are written in one transaction; the log is never edited.

use axum::{
    extract::State,
    routing::{get, put},
    Json, Router,
};
use klever_api::{ConsentLogEntry, MarketingChange, MarketingChoice, MarketingChoices};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::from_code;
use crate::{
    auth::CustomerSession,
    changes::ChangedBy,
    error::{ApiJson, ApiPath, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/marketing", get(marketing))
        .route("/me/marketing/{choice}", put(set_choice))
        .route("/me/consent-log", get(consent_log))
}

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
pub(crate) fn load_marketing(conn: &Connection, customer_id: i64) -> AppResult<MarketingChoices> {
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT ban_all, ban_email, ban_sms, ban_phone, ban_post, consent_market_research, \
             consent_research_disclosure, consent_targeting, updated_at \
             FROM marketing_choices WHERE customer_id = ?1",
        )?
        .query_row([customer_id], |r| {
            Ok(Row {
                ban_all: r.get(0)?,
                ban_email: r.get(1)?,
                ban_sms: r.get(2)?,
                ban_phone: r.get(3)?,
                ban_post: r.get(4)?,
                consent_market_research: r.get(5)?,
                consent_research_disclosure: r.get(6)?,
                consent_targeting: r.get(7)?,
                updated_at: r.get(8)?,
            })
        })
        .optional()?;
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
    let latest: Vec<Option<String>> = conn
        .prepare_cached(latest_changes_sql())?
        .query_row([customer_id], |r| {
            (0..MarketingChoice::ALL.len()).map(|i| r.get(i)).collect()
        })?;
    for (choice, at) in MarketingChoice::ALL.into_iter().zip(latest) {
        if let Some(at) = at {
            choices.changed_at.insert(choice, at);
        }
    }
    Ok(choices)
}

/// When each choice last changed, one column per choice in `MarketingChoice::ALL` order:
/// each a single seek in the (customer, choice, at) index, so the cost does not grow with
/// the customer's log.
fn latest_changes_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let columns: Vec<String> = MarketingChoice::ALL
            .iter()
            .map(|c| {
                format!(
                    "(SELECT MAX(at) FROM consent_log WHERE customer_id = ?1 AND choice = '{}')",
                    c.code()
                )
            })
            .collect();
        format!("SELECT {}", columns.join(", "))
    })
}

async fn marketing(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<MarketingChoices>> {
    Ok(Json(state.db.read(|c| {
        crate::db::consistent(c, |c| load_marketing(c, session.customer_id))
    })?))
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
    let at = state.clock.now_rfc3339();
    let choices = state
        .db
        .write(move |tx| {
            let mut choices = load_marketing(tx, id)?;
            let changed = choices.apply(choice, change.value);
            if !changed.is_empty() {
                save(tx, &at, id, &choices)?;
                for (what, old) in changed {
                    let new = choices.get(what);
                    log_change(tx, &at, id, what, old, new, ChangedBy::Customer)?;
                }
            }
            load_marketing(tx, id)
        })
        .await?;
    Ok(Json(choices))
}

fn save(conn: &Connection, at: &str, customer_id: i64, m: &MarketingChoices) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO marketing_choices (customer_id, ban_all, ban_email, ban_sms, ban_phone, ban_post, \
         consent_market_research, consent_research_disclosure, consent_targeting, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (customer_id) DO UPDATE SET ban_all = excluded.ban_all, ban_email = excluded.ban_email, \
         ban_sms = excluded.ban_sms, ban_phone = excluded.ban_phone, ban_post = excluded.ban_post, \
         consent_market_research = excluded.consent_market_research, \
         consent_research_disclosure = excluded.consent_research_disclosure, \
         consent_targeting = excluded.consent_targeting, updated_at = excluded.updated_at",
    )?
    .execute(params![
        customer_id,
        m.ban_all,
        m.ban_email,
        m.ban_sms,
        m.ban_phone,
        m.ban_post,
        m.consent_market_research,
        m.consent_research_disclosure,
        m.consent_targeting,
        at
    ])?;
    Ok(())
}

/// Appends one consent-log entry; called only inside the transaction of the change itself.
pub(crate) fn log_change(
    conn: &Connection,
    at: &str,
    customer_id: i64,
    choice: MarketingChoice,
    old: bool,
    new: bool,
    by: ChangedBy,
) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO consent_log (customer_id, at, choice, old_value, new_value, channel, staff_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![customer_id, at, choice.code(), old, new, by.channel().code(), by.staff_id()])?;
    Ok(())
}

type LogRow = (i64, String, String, bool, bool, String);

async fn consent_log(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<ConsentLogEntry>>> {
    Ok(Json(
        state
            .db
            .read(|c| load_consent_log(c, session.customer_id))?,
    ))
}

pub(crate) fn load_consent_log(
    conn: &Connection,
    customer_id: i64,
) -> AppResult<Vec<ConsentLogEntry>> {
    let mut query = conn.prepare_cached(
        "SELECT id, at, choice, old_value, new_value, channel FROM consent_log \
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = query
        .query_map([customer_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<Vec<LogRow>, _>>()?;
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
