//! Customer service's view of the register: finding a customer, and the account's state.
//! What they search for and open is logged (`log_access`), append-only.

use klever_api::{AccountStatus, CustomerHit};

use crate::error::AppResult;
use crate::params;
use crate::sql::{Conn, OptionalExtension};

/// What a member of staff did with the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Search,
    View,
    ActivationLink,
}

pub fn log_access(
    tx: &Conn,
    staff_id: i64,
    access: Access,
    detail: &str,
    at: &str,
) -> AppResult<()> {
    let action = match access {
        Access::Search => "search",
        Access::View => "view",
        Access::ActivationLink => "activation_link",
    };
    tx.prepare_cached(
        "INSERT INTO staff_access_log (staff_id, action, detail, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![staff_id, action, detail, at])?;
    Ok(())
}

/// The most a search shows: enough to pick from, too few to page through the register.
pub const SEARCH_LIMIT: i64 = 20;

/// Customers whose name, email or phone number holds `query` (without regard to case, in
/// ASCII at least; a phone number's spaces and dashes need not be typed), by last name.
/// The email is searched under the `binary` collation: PostgreSQL's case-blind one for
/// emails cannot do `LIKE` (migration 0010 makes `binary`, SQLite has it built in).
pub fn search(conn: &Conn, query: &str) -> AppResult<Vec<CustomerHit>> {
    let text = format!("%{}%", escape_like(&query.to_lowercase()));
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    // Only a query with three digits or more looks at phone numbers.
    let phone = if digits.len() >= 3 {
        format!("%{digits}%")
    } else {
        String::new()
    };
    let rows = conn
        .prepare_cached(
            "SELECT id, first_name, last_name, email, phone, activated_at IS NOT NULL \
             FROM customers \
             WHERE LOWER(first_name || ' ' || last_name) LIKE ?1 ESCAPE '\\' \
                OR LOWER(email COLLATE \"binary\") LIKE ?1 ESCAPE '\\' \
                OR (?2 <> '' AND REPLACE(REPLACE(REPLACE(COALESCE(phone, ''), ' ', ''), '-', ''), '+', '') LIKE ?2) \
             ORDER BY last_name, first_name, id LIMIT ?3",
        )?
        .query_map(params![text, phone, SEARCH_LIMIT], |r| {
            Ok(CustomerHit {
                id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                email: r.get(3)?,
                phone: r.get(4)?,
                activated: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// `%`, `_` and the escape itself typed in a search are themselves, not wildcards.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the account is in use, and the latest activation link sent.
pub fn account_status(conn: &Conn, customer_id: i64) -> AppResult<AccountStatus> {
    let activated_at: Option<String> = conn
        .prepare_cached("SELECT activated_at FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))?;
    let link: Option<(i64, i64, Option<i64>)> = conn
        .prepare_cached(
            "SELECT created_at, expires_at, used_at FROM account_links \
             WHERE customer_id = ?1 AND purpose = 'activation' ORDER BY created_at DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(AccountStatus {
        activated_at,
        activation_link_sent_at: link.map(|(sent, _, _)| crate::clock::rfc3339(sent)),
        activation_link_expires_at: link.map(|(_, expires, _)| crate::clock::rfc3339(expires)),
    })
}
