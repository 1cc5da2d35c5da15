//! Links that let a customer set a password: an activation link for an account never used,
//! a reset link for a forgotten password. Each holds a random token of which only the hash
//! is stored, works once and expires; the email that carries it is queued in the same
//! transaction as the link.

use klever_api::Language;

use super::outbox::{queue_message, OutChannel, Text};
use crate::error::{AppError, AppResult};
use crate::params;
use crate::sql::{Conn, OptionalExtension};

/// What a link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Activation,
    Reset,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::Reset => "reset",
        }
    }

    /// How long a link works: two days for an invitation, which may wait in an inbox; half
    /// an hour for a reset, asked for by someone at the screen right now.
    pub fn lifetime_secs(self) -> i64 {
        match self {
            Purpose::Activation => 48 * 3600,
            Purpose::Reset => 30 * 60,
        }
    }

    /// The app's page that opens the link (the token follows in the fragment, which
    /// browsers send to no server and no `Referer`).
    pub fn page(self) -> &'static str {
        match self {
            Purpose::Activation => "/account/activate",
            Purpose::Reset => "/account/reset",
        }
    }
}

/// How many link requests one client may make in an hour, and how many links one address
/// may be sent in an hour. Past the first the client waits (429), the same for every
/// address; past the second nothing more is sent, and the answer stays the same.
pub const CLIENT_LINKS_PER_HOUR: i64 = 10;
pub const ADDRESS_LINKS_PER_HOUR: i64 = 3;

/// Counts a request for a link from `client` for `email`, and says whether a link may go
/// to that address now. Refuses the client past its limit, whatever the address is.
pub fn count_link_request(tx: &Conn, client: &str, email: &str, now: i64) -> AppResult<bool> {
    let hour_ago = now - 3600;
    tx.prepare_cached("DELETE FROM link_requests WHERE at <= ?1")?
        .execute([hour_ago])?;
    let (by_client, oldest): (i64, Option<i64>) = tx
        .prepare_cached("SELECT COUNT(*), MIN(at) FROM link_requests WHERE client = ?1")?
        .query_row([client], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if by_client >= CLIENT_LINKS_PER_HOUR {
        let retry_after_secs = (oldest.unwrap_or(now) + 3600 - now).max(1) as u64;
        return Err(AppError::TooManyAttempts { retry_after_secs });
    }
    let for_address: i64 = tx
        .prepare_cached("SELECT COUNT(*) FROM link_requests WHERE email = ?1")?
        .query_row([email], |r| r.get(0))?;
    tx.prepare_cached("INSERT INTO link_requests (client, email, at) VALUES (?1, ?2, ?3)")?
        .execute(params![client, email, now])?;
    Ok(for_address < ADDRESS_LINKS_PER_HOUR)
}

/// A customer a link can go to.
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub language: String,
    pub activated: bool,
}

/// A customer to send a link to, found by `key` (`email` or `id`) equal to `value`.
fn recipient(
    conn: &Conn,
    key: &str,
    value: &dyn crate::sql::ToParam,
) -> AppResult<Option<Recipient>> {
    // `key` is one of the two column names below, never input.
    let sql = format!(
        "SELECT id, email, preferred_language, activated_at IS NOT NULL FROM customers \
         WHERE {key} = ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![value], read_recipient)
        .optional()?)
}

pub fn recipient_by_email(conn: &Conn, email: &str) -> AppResult<Option<Recipient>> {
    recipient(conn, "email", &email)
}

pub fn recipient_by_id(conn: &Conn, id: i64) -> AppResult<Option<Recipient>> {
    recipient(conn, "id", &id)
}

fn read_recipient(r: &crate::sql::Row) -> crate::sql::Result<Recipient> {
    Ok(Recipient {
        id: r.get(0)?,
        email: r.get(1)?,
        language: r.get(2)?,
        activated: r.get(3)?,
    })
}

/// Stores a new link for `to` and queues the email that carries it, whose address is
/// `url` (the page, `#`, the token). Earlier unused links of the same purpose stop
/// working: only the newest one counts.
pub fn issue_link(
    tx: &Conn,
    to: &Recipient,
    purpose: Purpose,
    token_hash: &str,
    url: &str,
    now: i64,
    at: &str,
) -> AppResult<()> {
    tx.prepare_cached(
        "UPDATE account_links SET used_at = ?3 \
         WHERE customer_id = ?1 AND purpose = ?2 AND used_at IS NULL",
    )?
    .execute(params![to.id, purpose.code(), now])?;
    tx.prepare_cached(
        "INSERT INTO account_links (token_hash, customer_id, purpose, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        token_hash,
        to.id,
        purpose.code(),
        now,
        now + purpose.lifetime_secs()
    ])?;
    let language = Language::from_tag(&to.language).unwrap_or_default();
    let (subject, body) = link_message(language, purpose, url);
    let text = Text {
        language,
        subject,
        body: &body,
    };
    let kind = match purpose {
        Purpose::Activation => "activation_link",
        Purpose::Reset => "reset_link",
    };
    queue_message(tx, at, to.id, OutChannel::Email, &to.email, kind, &text)
}

/// The email with the link, in the customer's language. It names nobody: the link is all
/// it needs.
fn link_message(language: Language, purpose: Purpose, url: &str) -> (&'static str, String) {
    match (language, purpose) {
        (Language::Fi, Purpose::Reset) => ("Uusi salasana Kleverappiin", format!(
            "Kleverapp-tilillesi pyydettiin uutta salasanaa. Valitse uusi salasana tästä linkistä 30 minuutin kuluessa:\n\n{url}\n\nLinkki toimii kerran. Jos et pyytänyt uutta salasanaa, voit jättää viestin huomiotta: salasanasi pysyy ennallaan."
        )),
        (Language::Sv, Purpose::Reset) => ("Nytt lösenord till Kleverapp", format!(
            "Någon bad om ett nytt lösenord till ditt Kleverapp-konto. Välj ett nytt lösenord via den här länken inom 30 minuter:\n\n{url}\n\nLänken fungerar en gång. Om det inte var du kan du bortse från meddelandet: ditt lösenord förblir detsamma."
        )),
        (Language::En, Purpose::Reset) => ("A new password for Kleverapp", format!(
            "Someone asked for a new password for your Kleverapp account. Choose a new password with this link within 30 minutes:\n\n{url}\n\nThe link works once. If this was not you, you can ignore this message: your password stays as it is."
        )),
        (Language::Fi, Purpose::Activation) => ("Ota Kleverapp käyttöön", format!(
            "Tervetuloa Kleverappiin! Siellä näet tietosi, päätät markkinointiluvistasi ja teet tarkastus- ja korjauspyyntöjä. Valitse salasana ja ota tili käyttöön tästä linkistä 48 tunnin kuluessa:\n\n{url}\n\nLinkki toimii kerran."
        )),
        (Language::Sv, Purpose::Activation) => ("Ta Kleverapp i bruk", format!(
            "Välkommen till Kleverapp! Där ser du dina uppgifter, bestämmer över dina marknadsföringsval och gör begäranden om insyn och rättelse. Välj ett lösenord och ta kontot i bruk via den här länken inom 48 timmar:\n\n{url}\n\nLänken fungerar en gång."
        )),
        (Language::En, Purpose::Activation) => ("Start using Kleverapp", format!(
            "Welcome to Kleverapp! There you see your details, decide on your marketing choices and make inspection and correction requests. Choose a password and start using your account with this link within 48 hours:\n\n{url}\n\nThe link works once."
        )),
    }
}

/// Uses a link: the customer it belongs to, if it is of this purpose, unused and not
/// expired; it never works again. Anything else is [`AppError::InvalidLink`].
pub fn use_link(tx: &Conn, token_hash: &str, purpose: Purpose, now: i64) -> AppResult<i64> {
    let found: Option<(i64, i64, Option<i64>)> = tx
        .prepare_cached(
            "SELECT customer_id, expires_at, used_at FROM account_links \
             WHERE token_hash = ?1 AND purpose = ?2",
        )?
        .query_row(params![token_hash, purpose.code()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    match found {
        Some((customer_id, expires_at, None)) if now < expires_at => {
            tx.prepare_cached("UPDATE account_links SET used_at = ?2 WHERE token_hash = ?1")?
                .execute(params![token_hash, now])?;
            Ok(customer_id)
        }
        _ => Err(AppError::InvalidLink),
    }
}

/// Marks the account as in use, the first time a password is set through a link.
pub fn activate(tx: &Conn, customer_id: i64, at: &str) -> AppResult<()> {
    tx.prepare_cached(
        "UPDATE customers SET activated_at = ?2 WHERE id = ?1 AND activated_at IS NULL",
    )?
    .execute(params![customer_id, at])?;
    Ok(())
}
