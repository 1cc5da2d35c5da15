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

/// Who made a change: the customer in the app, or a named employee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangedBy {
    Customer,
    Staff(i64),
}

impl ChangedBy {
    pub fn channel(self) -> Channel {
        match self {
            ChangedBy::Customer => Channel::SelfService,
            ChangedBy::Staff(_) => Channel::Staff,
        }
    }

    pub fn staff_id(self) -> Option<i64> {
        match self {
            ChangedBy::Customer => None,
            ChangedBy::Staff(id) => Some(id),
        }
    }
}

/// Appends one history entry, stamped `at` (the server clock's RFC 3339 now).
pub fn record_history(
    conn: &Connection,
    at: &str,
    customer_id: i64,
    field: ProfileField,
    old_value: Option<&str>,
    new_value: Option<&str>,
    by: ChangedBy,
) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel, staff_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        customer_id,
        at,
        code(field),
        old_value,
        new_value,
        code(by.channel()),
        by.staff_id()
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
    at: &str,
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
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![customer_id, channel, recipient, kind, body, at])?;
    tracing::info!(customer_id, channel, recipient, kind, "queued notification");
    Ok(())
}
