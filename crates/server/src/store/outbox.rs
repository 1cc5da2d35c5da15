//! Messages to customers (change notices), queued in the transaction of the change they
//! tell about, so a notice exists exactly when its change does.

use crate::params;
use crate::sql::Conn;

use crate::error::AppResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Sms,
}

/// Queues a message. Delivery is a separate concern; until a transport is configured the
/// table is where staff find it. The log line says that a message was queued, never to whom.
pub fn queue_message(
    conn: &Conn,
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
    tracing::info!(customer_id, channel, kind, "queued notification");
    Ok(())
}
