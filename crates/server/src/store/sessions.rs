//! Sessions of customers and staff, and the failed sign-ins that slow down guessing. All of
//! it lives in the database, so any server in front of it sees the same sessions and counts.

use crate::params;
use crate::sql::{Conn, OptionalExtension, Value};
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
            insert: "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, password_at, \
                     browser, system) VALUES (?1, ?2, ?3, ?3, ?3, ?4, ?5)",
        },
        SessionKind::Staff => Tables {
            accounts: "SELECT id, password_hash FROM staff WHERE email = ?1",
            sessions: "staff_sessions",
            insert: "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at) \
                     VALUES (?1, ?2, ?3, ?3)",
        },
    }
}

/// How many failed sign-ins some scope may have within a window before the next try is
/// refused unchecked.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
}

/// The limits on failed sign-ins. None of them locks a customer out: each refuses only the
/// clients that have been failing.
#[derive(Clone, Copy, Debug)]
pub struct AttemptLimits {
    /// One client guessing one account's password.
    pub client_on_account: Limit,
    /// One client trying many accounts (a list of leaked passwords).
    pub client: Limit,
    /// Many clients on one account: past this, a client that has failed on the account
    /// within the window is refused; one that has not still gets its try.
    pub account: Limit,
}

/// Which failures a limit counts.
#[derive(Clone, Copy)]
enum Scope {
    ClientOnAccount,
    Client,
    Account,
}

impl Scope {
    /// The count of its failures since a moment, and the time of its nth failure since
    /// then; fixed texts, never from a request.
    fn queries(self) -> (&'static str, &'static str) {
        match self {
            Scope::ClientOnAccount => (
                "SELECT COUNT(*) FROM sign_in_failures WHERE email = ?1 AND client = ?2 AND at > ?3",
                "SELECT at FROM sign_in_failures WHERE email = ?1 AND client = ?2 AND at > ?3 \
                 ORDER BY at LIMIT 1 OFFSET ?4",
            ),
            Scope::Client => (
                "SELECT COUNT(*) FROM sign_in_failures WHERE client = ?1 AND at > ?2",
                "SELECT at FROM sign_in_failures WHERE client = ?1 AND at > ?2 \
                 ORDER BY at LIMIT 1 OFFSET ?3",
            ),
            Scope::Account => (
                "SELECT COUNT(*) FROM sign_in_failures WHERE email = ?1 AND at > ?2",
                "SELECT at FROM sign_in_failures WHERE email = ?1 AND at > ?2 \
                 ORDER BY at LIMIT 1 OFFSET ?3",
            ),
        }
    }

    /// What identifies its failures.
    fn key<'a>(self, email: &'a str, client: &'a str) -> Vec<Value<'a>> {
        match self {
            Scope::ClientOnAccount => vec![Value::Text(email), Value::Text(client)],
            Scope::Client => vec![Value::Text(client)],
            Scope::Account => vec![Value::Text(email)],
        }
    }
}

/// The failures `scope` counts after `since`.
fn failures(tx: &Conn, scope: Scope, email: &str, client: &str, since: i64) -> AppResult<i64> {
    let mut args = scope.key(email, client);
    args.push(Value::Int(since));
    Ok(tx
        .prepare_cached(scope.queries().0)?
        .query_row(args.as_slice(), |r| r.get(0))?)
}

/// Refused, with when to try again (when enough failures have aged out), if `scope`'s
/// failures within `limit`'s window reach its maximum.
fn within(
    tx: &Conn,
    scope: Scope,
    email: &str,
    client: &str,
    now: i64,
    limit: Limit,
) -> AppResult<()> {
    let since = now - limit.window_secs;
    let count = failures(tx, scope, email, client, since)?;
    if count >= limit.max {
        let mut args = scope.key(email, client);
        args.extend([Value::Int(since), Value::Int(count - limit.max)]);
        let oldest: i64 = tx
            .prepare_cached(scope.queries().1)?
            .query_row(args.as_slice(), |r| r.get(0))?;
        return Err(AppError::TooManyAttempts {
            retry_after_secs: (oldest + limit.window_secs - now).max(1) as u64,
        });
    }
    Ok(())
}

/// Counts an attempt by `client` for `email` as failed before the password is checked,
/// after forgetting failures older than every window; refuses when a limit is reached. In
/// the write transaction, so parallel guesses cannot all slip past the count.
pub fn reserve_attempt(
    tx: &Conn,
    email: &str,
    client: &str,
    now: i64,
    limits: AttemptLimits,
) -> AppResult<()> {
    let keep = limits
        .client_on_account
        .window_secs
        .max(limits.client.window_secs)
        .max(limits.account.window_secs);
    tx.prepare_cached("DELETE FROM sign_in_failures WHERE at <= ?1")?
        .execute([now - keep])?;
    within(
        tx,
        Scope::ClientOnAccount,
        email,
        client,
        now,
        limits.client_on_account,
    )?;
    within(tx, Scope::Client, email, client, now, limits.client)?;
    // The account-wide limit holds back only clients already failing on this account.
    let since = now - limits.account.window_secs;
    if failures(tx, Scope::ClientOnAccount, email, client, since)? > 0 {
        within(tx, Scope::Account, email, client, now, limits.account)?;
    }
    tx.prepare_cached("INSERT INTO sign_in_failures (email, client, at) VALUES (?1, ?2, ?3)")?
        .execute(params![email, client, now])?;
    Ok(())
}

/// Forgets the failures of `client` on `email`, after a correct password. Other clients'
/// failures stay: one customer signing in does not give a guesser a fresh start.
pub fn clear_failures(conn: &Conn, email: &str, client: &str) -> AppResult<()> {
    conn.prepare_cached("DELETE FROM sign_in_failures WHERE email = ?1 AND client = ?2")?
        .execute([email, client])?;
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

/// Starts the session `new`, ends the one the browser held before (`old`), and clears out
/// sessions no longer `live`.
pub fn open(
    tx: &Conn,
    kind: SessionKind,
    old: Option<&str>,
    new: NewSession,
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
    let mut insert = tx.prepare_cached(tables.insert)?;
    let NewSession {
        token_hash,
        account_id,
        at,
        device,
    } = new;
    match kind {
        SessionKind::Customer => insert.execute(params![
            token_hash,
            account_id,
            at,
            device.browser,
            device.system
        ])?,
        // Staff have no devices list: their browser stays unrecorded.
        SessionKind::Staff => insert.execute(params![token_hash, account_id, at])?,
    };
    Ok(())
}

/// A session to start: its token's hash, whose it is, when, and on what.
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account_id: i64,
    pub at: i64,
    pub device: DeviceWords,
}

/// The browser and system a session was started with, as words (`describe_user_agent`).
#[derive(Clone, Copy, Debug, Default)]
pub struct DeviceWords {
    pub browser: Option<&'static str>,
    pub system: Option<&'static str>,
}

/// A customer's live session, as the devices list shows it.
pub struct DeviceRow {
    pub token_hash: String,
    pub browser: Option<String>,
    pub system: Option<String>,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// The customer's live sessions, the most recently used first.
pub fn devices(conn: &Conn, customer_id: i64, live: Live) -> AppResult<Vec<DeviceRow>> {
    let rows = conn
        .prepare_cached(
            "SELECT token_hash, browser, system, created_at, last_seen_at FROM sessions \
             WHERE customer_id = ?1 AND last_seen_at > ?2 AND created_at > ?3 \
             ORDER BY last_seen_at DESC, created_at DESC",
        )?
        .query_map(
            params![customer_id, live.seen_after, live.started_after],
            |r| {
                Ok(DeviceRow {
                    token_hash: r.get(0)?,
                    browser: r.get(1)?,
                    system: r.get(2)?,
                    created_at: r.get(3)?,
                    last_seen_at: r.get(4)?,
                })
            },
        )?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Ends one of the customer's sessions; whether there was one to end. The customer in the
/// condition keeps anyone from ending another customer's session.
pub fn end_device(tx: &Conn, customer_id: i64, token_hash: &str) -> AppResult<bool> {
    let ended = tx
        .prepare_cached("DELETE FROM sessions WHERE customer_id = ?1 AND token_hash = ?2")?
        .execute(params![customer_id, token_hash])?;
    Ok(ended == 1)
}

/// Ends every session of the customer but `keep`; how many ended.
pub fn end_other_devices(tx: &Conn, customer_id: i64, keep: &str) -> AppResult<usize> {
    Ok(tx
        .prepare_cached("DELETE FROM sessions WHERE customer_id = ?1 AND token_hash <> ?2")?
        .execute(params![customer_id, keep])?)
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
