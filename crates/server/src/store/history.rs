//! The change history of a customer's data: written only in the transaction of the change
//! it records (the database refuses to edit or delete an entry), read newest first.

use crate::params;
use crate::sql::Conn;
use klever_api::{Channel, HistoryEntry, ProfileField};

use super::from_code;
use crate::error::AppResult;

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
    conn: &Conn,
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
        field.code(),
        old_value,
        new_value,
        by.channel().code(),
        by.staff_id()
    ])?;
    Ok(())
}

struct HistoryRow {
    id: i64,
    at: String,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
    channel: String,
}

/// The customer's history, newest first.
pub fn history(conn: &Conn, customer_id: i64) -> AppResult<Vec<HistoryEntry>> {
    let mut query = conn.prepare_cached(
        "SELECT id, at, field, old_value, new_value, channel FROM change_history \
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = query
        .query_map([customer_id], |r| {
            Ok(HistoryRow {
                id: r.get(0)?,
                at: r.get(1)?,
                field: r.get(2)?,
                old_value: r.get(3)?,
                new_value: r.get(4)?,
                channel: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|row| {
            Ok(HistoryEntry {
                id: row.id,
                at: row.at,
                field: from_code(&row.field)?,
                old_value: row.old_value,
                new_value: row.new_value,
                channel: from_code(&row.channel)?,
            })
        })
        .collect()
}
