//! Sessions of customers and staff, and the failed sign-ins that slow down guessing. All of
//! it lives in the database, so any server in front of it sees the same sessions and counts.

use crate::params;
use crate::sql::{Conn, OptionalExtension};
use klever_api::StaffRole;

use super::from_code;
use crate::{
    auth::SessionKind,
    error::{AppError, AppResult},
};

/// The tables behind each kind of account. Fixed strings, never from a request.
struct Tables {
    accounts: &'static str,
    sessions: &'static str,
    insert: &'static str,
}

fn tables(kind: SessionKind) -> Tables {
    match kind {
        SessionKind::Customer => Tables {
            accounts: "SELECT id, password_hash FROM customers WHERE email = ?1",
            sessions: "sessions",
            insert: "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, password_at) \
                     VALUES (?1, ?2, ?3, ?3, ?3)",
        },
        SessionKind::Staff => Tables {
            accounts: "SELECT id, password_hash FROM staff WHERE email = ?1",
            sessions: "staff_sessions",
            insert: "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at) \
                     VALUES (?1, ?2, ?3, ?3)",
        },
    }
}

/// Counts an attempt for `email` as failed before the password is checked, after
/// forgetting failures older than `window_secs`; refuses when `max` failed within it. In
/// the writer's transaction, so parallel guesses cannot all slip past the count.
pub fn reserve_attempt(
    tx: &Conn,
    email: &str,
    now: i64,
    window_secs: i64,
    max: i64,
) -> AppResult<()> {
    tx.prepare_cached("DELETE FROM sign_in_failures WHERE at <= ?1")?
        .execute([now - window_secs])?;
    let failures: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM sign_in_failures WHERE email = ?1")?
        .query_row([email], |r| r.get(0))?;
    if failures >= max {
        // The next try is possible when enough of the counted failures have aged out.
        let oldest: i64 = tx
            .prepare_cached(
                "SELECT at FROM sign_in_failures WHERE email = ?1 ORDER BY at LIMIT 1 OFFSET ?2",
            )?
            .query_row(params![email, failures - max], |r| r.get(0))?;
        return Err(AppError::TooManyAttempts {
            retry_after_secs: (oldest + window_secs - now).max(1) as u64,
        });
    }
    tx.prepare_cached("INSERT INTO sign_in_failures (email, at) VALUES (?1, ?2)")?
        .execute(params![email, now])?;
    Ok(())
}

/// Forgets the failures of `email`, after a correct password.
pub fn clear_failures(conn: &Conn, email: &str) -> AppResult<()> {
    conn.prepare_cached("DELETE FROM sign_in_failures WHERE email = ?1")?
        .execute([email])?;
    Ok(())
}

/// An account's id and password hash.
pub struct Account {
    pub id: i64,
    pub password_hash: String,
}

/// The `kind` account with this email, if there is one.
pub fn account(conn: &Conn, kind: SessionKind, email: &str) -> AppResult<Option<Account>> {
    Ok(conn
        .prepare_cached(tables(kind).accounts)?
        .query_row([email], |r| {
            Ok(Account {
                id: r.get(0)?,
                password_hash: r.get(1)?,
            })
        })
        .optional()?)
}

/// Which sessions are still live at some moment: used after `seen_after` (the idle limit)
/// and started after `started_after` (the absolute lifetime), both Unix seconds.
#[derive(Clone, Copy, Debug)]
pub struct Live {
    pub seen_after: i64,
    pub started_after: i64,
}

/// Starts a session for `account_id` under the token hash `new`, ends the one the browser
/// held before (`old`), and clears out sessions no longer `live`.
pub fn open(
    tx: &Conn,
    kind: SessionKind,
    old: Option<&str>,
    new: &str,
    account_id: i64,
    now: i64,
    live: Live,
) -> AppResult<()> {
    let tables = tables(kind);
    let table = tables.sessions;
    if let Some(old) = old {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE token_hash = ?1"))?
            .execute([old])?;
    }
    tx.prepare_cached(&format!(
        "DELETE FROM {table} WHERE last_seen_at <= ?1 OR created_at <= ?2"
    ))?
    .execute([live.seen_after, live.started_after])?;
    tx.prepare_cached(tables.insert)?
        .execute(params![new, account_id, now])?;
    Ok(())
}

/// Ends the session with this token hash, if it exists.
pub fn close(conn: &Conn, kind: SessionKind, hash: &str) -> AppResult<()> {
    let table = tables(kind).sessions;
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE token_hash = ?1"))?
        .execute([hash])?;
    Ok(())
}

/// A live customer session, as stored.
pub struct CustomerSessionRow {
    pub customer_id: i64,
    pub password_at: i64,
    pub last_seen_at: i64,
}

/// The customer session with this token hash, if it is still `live`.
pub fn customer_session(
    conn: &Conn,
    hash: &str,
    live: Live,
) -> AppResult<Option<CustomerSessionRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT customer_id, password_at, last_seen_at FROM sessions \
             WHERE token_hash = ?1 AND last_seen_at > ?2 AND created_at > ?3",
        )?
        .query_row(params![hash, live.seen_after, live.started_after], |r| {
            Ok(CustomerSessionRow {
                customer_id: r.get(0)?,
                password_at: r.get(1)?,
                last_seen_at: r.get(2)?,
            })
        })
        .optional()?)
}

/// A live staff session, as stored, with the employee's role.
pub struct StaffSessionRow {
    pub staff_id: i64,
    pub role: StaffRole,
    pub last_seen_at: i64,
}

/// The staff session with this token hash, if it is still `live`.
pub fn staff_session(conn: &Conn, hash: &str, live: Live) -> AppResult<Option<StaffSessionRow>> {
    let row: Option<(i64, String, i64)> = conn
        .prepare_cached(
            "SELECT s.staff_id, staff.role, s.last_seen_at FROM staff_sessions s \
             JOIN staff ON staff.id = s.staff_id \
             WHERE s.token_hash = ?1 AND s.last_seen_at > ?2 AND s.created_at > ?3",
        )?
        .query_row(params![hash, live.seen_after, live.started_after], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    row.map(|(staff_id, role, last_seen_at)| {
        Ok(StaffSessionRow {
            staff_id,
            role: from_code(&role)?,
            last_seen_at,
        })
    })
    .transpose()
}

/// Records a use of the session at `now`, unless it ended meanwhile (signed out, replaced,
/// or no longer `live`); whether it was still there.
pub fn touch(conn: &Conn, kind: SessionKind, hash: &str, now: i64, live: Live) -> AppResult<bool> {
    let table = tables(kind).sessions;
    let sql = format!(
        "UPDATE {table} SET last_seen_at = ?1 \
         WHERE token_hash = ?2 AND last_seen_at > ?3 AND created_at > ?4"
    );
    let updated = conn.prepare_cached(&sql)?.execute(params![
        now,
        hash,
        live.seen_after,
        live.started_after
    ])?;
    Ok(updated == 1)
}

/// Records that the password was entered again in this customer session at `now`.
pub fn password_entered(conn: &Conn, hash: &str, now: i64) -> AppResult<()> {
    conn.prepare_cached("UPDATE sessions SET password_at = ?1 WHERE token_hash = ?2")?
        .execute(params![now, hash])?;
    Ok(())
}
