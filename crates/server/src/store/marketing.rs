//! Marketing choices and the consent log that records every change of them, and the
//! audiences drawn from them.

use crate::params;
use crate::sql::{Conn, OptionalExtension};
use klever_api::{
    AddressInput, AudienceChannel, ConsentLogEntry, MarketingChoice, MarketingChoices,
};

use super::from_code;
use super::history::ChangedBy;
use crate::error::AppResult;

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
pub fn choices(conn: &Conn, customer_id: i64) -> AppResult<MarketingChoices> {
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

/// Sets one choice (banning all also bans every channel) and logs each value that changed,
/// in the caller's transaction. Setting a choice to the value it has changes and logs nothing.
pub fn set_choice(
    tx: &Conn,
    at: &str,
    customer_id: i64,
    choice: MarketingChoice,
    value: bool,
    by: ChangedBy,
) -> AppResult<MarketingChoices> {
    let mut choices = choices(tx, customer_id)?;
    let changed = choices.apply(choice, value);
    if !changed.is_empty() {
        save(tx, at, customer_id, &choices)?;
        for (what, old) in changed {
            let new = choices.get(what);
            log_change(tx, at, customer_id, what, old, new, by)?;
        }
    }
    self::choices(tx, customer_id)
}

fn save(conn: &Conn, at: &str, customer_id: i64, m: &MarketingChoices) -> AppResult<()> {
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
pub fn log_change(
    conn: &Conn,
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

struct LogRow {
    id: i64,
    at: String,
    choice: String,
    old_value: bool,
    new_value: bool,
    channel: String,
}

pub fn consent_log(conn: &Conn, customer_id: i64) -> AppResult<Vec<ConsentLogEntry>> {
    let mut query = conn.prepare_cached(
        "SELECT id, at, choice, old_value, new_value, channel FROM consent_log \
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = query
        .query_map([customer_id], |r| {
            Ok(LogRow {
                id: r.get(0)?,
                at: r.get(1)?,
                choice: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
                channel: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<LogRow>, _>>()?;
    rows.into_iter()
        .map(|row| {
            Ok(ConsentLogEntry {
                id: row.id,
                at: row.at,
                choice: from_code(&row.choice)?,
                old_value: row.old_value,
                new_value: row.new_value,
                channel: from_code(&row.channel)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

/// Who may be contacted on `channel` now, with every address they have. Direct-marketing
/// channels leave out everyone who banned that channel or all direct marketing; research
/// takes only those who consented to it. A customer without a choices row has banned
/// nothing and consented to nothing.
pub fn audience(conn: &Conn, channel: AudienceChannel) -> AppResult<Vec<AudienceRow>> {
    let filter = match channel {
        AudienceChannel::Email => {
            "NOT COALESCE(m.ban_all, FALSE) AND NOT COALESCE(m.ban_email, FALSE)"
        }
        AudienceChannel::Sms => "NOT COALESCE(m.ban_all, FALSE) AND NOT COALESCE(m.ban_sms, FALSE)",
        AudienceChannel::Phone => {
            "NOT COALESCE(m.ban_all, FALSE) AND NOT COALESCE(m.ban_phone, FALSE)"
        }
        AudienceChannel::Post => {
            "NOT COALESCE(m.ban_all, FALSE) AND NOT COALESCE(m.ban_post, FALSE)"
        }
        AudienceChannel::Research => "COALESCE(m.consent_market_research, FALSE)",
    };
    // The filter comes from the fixed table above, never from the request.
    let sql = format!(
        "SELECT c.id, c.first_name, c.last_name, c.preferred_language, c.email, c.phone, \
         c.street, c.postal_code, c.city, c.country \
         FROM customers c LEFT JOIN marketing_choices m ON m.customer_id = c.id \
         WHERE {filter} ORDER BY c.id"
    );
    let mut query = conn.prepare_cached(&sql)?;
    let rows = query.query_map((), |r| {
        Ok(AudienceRow {
            id: r.get(0)?,
            first_name: r.get(1)?,
            last_name: r.get(2)?,
            preferred_language: r.get(3)?,
            email: r.get(4)?,
            phone: r.get(5)?,
            street: r.get(6)?,
            postal_code: r.get(7)?,
            city: r.get(8)?,
            country: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub struct AudienceRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub preferred_language: String,
    email: String,
    phone: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
}

impl AudienceRow {
    /// The address for the channel; `None` leaves the customer out of that audience.
    pub fn contact(&self, channel: AudienceChannel) -> Option<String> {
        match channel {
            AudienceChannel::Email | AudienceChannel::Research => Some(self.email.clone()),
            AudienceChannel::Sms | AudienceChannel::Phone => self.phone.clone(),
            AudienceChannel::Post => Some(
                AddressInput {
                    street: self.street.clone()?,
                    postal_code: self.postal_code.clone()?,
                    city: self.city.clone()?,
                    country: self.country.clone()?,
                }
                .one_line(),
            ),
        }
    }
}
