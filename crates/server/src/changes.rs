//! Writing changes to the register: the change history and outgoing notifications.
//! Both are written inside the caller's transaction, so they exist exactly when the change does.

use klever_api::{Channel, ProfileField};
use sqlx::SqliteConnection;

use crate::error::AppResult;

fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("enums serialise as snake_case strings")
}

/// Appends one history entry. `staff_id` names the employee for staff changes.
pub async fn record_history(
    conn: &mut SqliteConnection,
    customer_id: i64,
    field: ProfileField,
    old_value: Option<&str>,
    new_value: Option<&str>,
    channel: Channel,
    staff_id: Option<i64>,
) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel, staff_id) \
         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(customer_id)
    .bind(code(field))
    .bind(old_value)
    .bind(new_value)
    .bind(code(channel))
    .bind(staff_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Sms,
}

/// Queues a message. Delivery is a separate concern; until a transport is configured the
/// table and this log line are where staff find it.
pub async fn queue_message(
    conn: &mut SqliteConnection,
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
    sqlx::query(
        "INSERT INTO outgoing_messages (customer_id, channel, recipient, kind, body, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )
    .bind(customer_id)
    .bind(channel)
    .bind(recipient)
    .bind(kind)
    .bind(body)
    .execute(&mut *conn)
    .await?;
    tracing::info!(customer_id, channel, recipient, kind, "queued notification");
    Ok(())
}
