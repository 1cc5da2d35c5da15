//! Messages to customers (change notices), queued in the transaction of the change they
//! tell about, so a notice exists exactly when its change does; and the delivery worker's
//! view of them (`crate::mail`).

use klever_api::Language;

use crate::error::AppResult;
use crate::params;
use crate::sql::{Conn, OptionalExtension};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Sms,
}

/// A message's words, in the language it is written in.
pub struct Text<'a> {
    pub language: Language,
    /// The email's subject (not sent by SMS).
    pub subject: &'a str,
    pub body: &'a str,
}

/// Queues a message. The log line says that a message was queued, never to whom.
pub fn queue_message(
    conn: &Conn,
    at: &str,
    customer_id: i64,
    channel: OutChannel,
    recipient: &str,
    kind: &str,
    text: &Text<'_>,
) -> AppResult<()> {
    let channel = match channel {
        OutChannel::Email => "email",
        OutChannel::Sms => "sms",
    };
    conn.prepare_cached(
        "INSERT INTO outgoing_messages \
         (customer_id, channel, recipient, kind, language, subject, body, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        customer_id,
        channel,
        recipient,
        kind,
        text.language.tag(),
        text.subject,
        text.body,
        at
    ])?;
    tracing::info!(customer_id, channel, kind, "queued notification");
    Ok(())
}

/// The email messages still to send whose time has come.
const DUE: &str = "sent_at IS NULL AND given_up_at IS NULL AND channel = 'email' \
                   AND next_attempt_at <= ?1 AND (claimed_until IS NULL OR claimed_until <= ?1)";

/// Whether any email message is due at `now`.
pub fn any_due(conn: &Conn, now: i64) -> AppResult<bool> {
    let sql = format!("SELECT id FROM outgoing_messages WHERE {DUE} LIMIT 1");
    let id: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row(params![now], |r| r.get(0))
        .optional()?;
    Ok(id.is_some())
}

/// A message a worker has claimed, with the try this is.
pub struct Claimed {
    pub id: i64,
    pub recipient: String,
    pub kind: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

/// Claims the oldest due message until `until`, counting the try, in the caller's write
/// transaction: no other worker gets it while the claim lasts.
pub fn claim(tx: &Conn, now: i64, until: i64) -> AppResult<Option<Claimed>> {
    let sql = format!(
        "UPDATE outgoing_messages SET claimed_until = ?2, attempts = attempts + 1 \
         WHERE id = (SELECT id FROM outgoing_messages WHERE {DUE} ORDER BY id LIMIT 1) \
         RETURNING id, recipient, kind, language, subject, body, attempts"
    );
    let claimed = tx
        .prepare_cached(&sql)?
        .query_row(params![now, until], |r| {
            Ok(Claimed {
                id: r.get(0)?,
                recipient: r.get(1)?,
                kind: r.get(2)?,
                language: r.get(3)?,
                subject: r.get(4)?,
                body: r.get(5)?,
                attempts: u32::try_from(r.get::<i64>(6)?).unwrap_or(u32::MAX),
            })
        })
        .optional()?;
    Ok(claimed)
}

pub fn mark_sent(tx: &Conn, id: i64, at: &str) -> AppResult<()> {
    tx.prepare_cached(
        "UPDATE outgoing_messages SET sent_at = ?2, claimed_until = NULL, last_error = NULL \
         WHERE id = ?1",
    )?
    .execute(params![id, at])?;
    Ok(())
}

/// Records a failed try: tried again from `next_attempt_at`, or given up at `given_up_at`.
pub fn mark_failed(
    tx: &Conn,
    id: i64,
    reason: &str,
    next_attempt_at: i64,
    given_up_at: Option<&str>,
) -> AppResult<()> {
    tx.prepare_cached(
        "UPDATE outgoing_messages SET claimed_until = NULL, last_error = ?2, \
         next_attempt_at = ?3, given_up_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, reason, next_attempt_at, given_up_at])?;
    Ok(())
}
