//! Writing changes to the register: the change history and outgoing notifications.
//! Both are written inside the caller's transaction, so they exist exactly when the change does.

use klever_api::{Channel, ProfileField};
use rusqlite::{params, Connection};

use crate::error::AppResult;

fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("enums serialise as snake_case strings")
}

/// Appends one history entry. `staff_id` names the employee for staff changes.
pub fn record_history(
    conn: &Connection,
    customer_id: i64,
    field: ProfileField,
    old_value: Option<&str>,
    new_value: Option<&str>,
    channel: Channel,
    staff_id: Option<i64>,
) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel, staff_id) \
         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        customer_id,
        code(field),
        old_value,
        new_value,
        code(channel),
        staff_id
    ])?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Sms,
}

/// Queues a message. Delivery is a separate concern; until a transport is configured the
/// table and this log line are where staff find it.
pub fn queue_message(
    conn: &Connection,
    customer_id: i64,
    channel: OutChannel,
    recipient: &str,
    kind: &str,
    body: &str,
) -> AppResult<()> {
    let channel = match channel {
        OutChannel::Email => "email",
        OutChannel::Sms => "sms",
    };
    conn.prepare_cached(
        "INSERT INTO outgoing_messages (customer_id, channel, recipient, kind, body, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![customer_id, channel, recipient, kind, body])?;
    tracing::info!(customer_id, channel, recipient, kind, "queued notification");
    Ok(())
}
