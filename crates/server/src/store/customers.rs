//! Customers: their register entry, the changes they make to the permitted fields (each
//! with its history entry and, for email and phone, a notice to the old address), and the
//! corrections staff apply.

use crate::params;
use crate::sql::{Conn, Row};
use klever_api::{
    AddressInput, BankDetails, Bic, ContactDetails, Email, FreeText, Gender, Iban, Language,
    MarketingChoices, PersonName, PersonalDetails, Phone, PostalAddress, Profile, ProfileField,
    RequestView, ValidUpdate,
};

use super::{email_in_use, from_code};
use super::{
    history::{record_history, ChangedBy},
    marketing,
    outbox::{queue_message, OutChannel, Text},
};
use crate::error::{AppError, AppResult};

/// A customer's row, as stored.
#[derive(Clone)]
pub struct CustomerRow {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub phone: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub preferred_language: String,
    pub other_info: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub customer_since: String,
    pub version: i64,
}

impl CustomerRow {
    fn from_row(r: &Row) -> crate::sql::Result<CustomerRow> {
        Ok(CustomerRow {
            email: r.get(0)?,
            first_name: r.get(1)?,
            last_name: r.get(2)?,
            gender: r.get(3)?,
            phone: r.get(4)?,
            street: r.get(5)?,
            postal_code: r.get(6)?,
            city: r.get(7)?,
            country: r.get(8)?,
            preferred_language: r.get(9)?,
            other_info: r.get(10)?,
            iban: r.get(11)?,
            bic: r.get(12)?,
            customer_since: r.get(13)?,
            version: r.get(14)?,
        })
    }
}

/// The customer's row.
pub fn row(conn: &Conn, customer_id: i64) -> AppResult<CustomerRow> {
    Ok(conn
        .prepare_cached(
            "SELECT email, first_name, last_name, gender, phone, street, postal_code, city, country, \
             preferred_language, other_info, iban, bic, customer_since, version \
             FROM customers WHERE id = ?1",
        )?
        .query_row([customer_id], CustomerRow::from_row)?)
}

/// The profile, its parts read in one transaction so they agree.
pub fn profile(conn: &Conn, customer_id: i64) -> AppResult<Profile> {
    crate::db::consistent(conn, |conn| {
        let row = row(conn, customer_id)?;
        let marketing = marketing::choices(conn, customer_id)?;
        to_profile(row, marketing)
    })
}

/// The postal address on file, when it has every part.
pub fn stored_address(row: &CustomerRow) -> Option<PostalAddress> {
    match (&row.street, &row.postal_code, &row.city, &row.country) {
        (Some(street), Some(postal_code), Some(city), Some(country)) => {
            PostalAddress::parse(&AddressInput {
                street: street.clone(),
                postal_code: postal_code.clone(),
                city: city.clone(),
                country: country.clone(),
            })
            .ok()
        }
        _ => None,
    }
}

fn to_profile(row: CustomerRow, marketing: MarketingChoices) -> AppResult<Profile> {
    let gender = from_code::<Gender>(&row.gender)?;
    let address = stored_address(&row);
    let bank = match (&row.iban, &row.bic) {
        (Some(iban), Some(bic)) => Some(BankDetails {
            iban_masked: Iban::parse(iban)?.masked(),
            bic: Bic::parse(bic)?,
        }),
        _ => None,
    };
    Ok(Profile {
        personal: PersonalDetails {
            first_name: PersonName::parse(&row.first_name)?,
            last_name: PersonName::parse(&row.last_name)?,
            gender,
        },
        contact: ContactDetails {
            email: Email::parse(&row.email)?,
            phone: row.phone.as_deref().map(Phone::parse).transpose()?,
            address,
            preferred_language: Language::from_tag(&row.preferred_language).unwrap_or_default(),
        },
        other_info: FreeText::parse(&row.other_info)?,
        bank,
        marketing,
        customer_since: row.customer_since,
        version: row.version,
    })
}

/// Writes the changes (each `Some` differs from `current`) with their history entries and
/// notices, in the caller's transaction.
pub fn update_contact(
    tx: &Conn,
    at: &str,
    id: i64,
    current: &CustomerRow,
    new: &ValidUpdate,
) -> AppResult<()> {
    let email = new
        .email
        .as_ref()
        .map_or(current.email.as_str(), Email::as_str);
    let phone = match &new.phone {
        Some(p) => p.as_ref().map(ToString::to_string),
        None => current.phone.clone(),
    };
    let address = new
        .address
        .clone()
        .unwrap_or_else(|| stored_address(current));
    let language = new
        .preferred_language
        .map(Language::tag)
        .unwrap_or(&current.preferred_language);
    let other_info = new
        .other_info
        .as_ref()
        .map_or(current.other_info.as_str(), FreeText::as_str);
    let updated = tx
        .prepare_cached(
            "UPDATE customers SET email = ?1, phone = ?2, street = ?3, postal_code = ?4, city = ?5, \
             country = ?6, preferred_language = ?7, other_info = ?8, version = version + 1 \
             WHERE id = ?9 AND version = ?10",
        )?
        .execute(params![
            email,
            phone,
            address.as_ref().map(|a| a.street()),
            address.as_ref().map(|a| a.postal_code()),
            address.as_ref().map(|a| a.city()),
            address.as_ref().map(|a| a.country()),
            language,
            other_info,
            id,
            current.version
        ])
        .map_err(email_in_use("email"))?;
    if updated != 1 {
        return Err(AppError::VersionConflict);
    }

    let by = ChangedBy::Customer;
    if let Some(email) = &new.email {
        record_history(
            tx,
            at,
            id,
            ProfileField::Email,
            Some(&current.email),
            Some(email.as_str()),
            by,
        )?;
        let text = notice(&current.preferred_language, NoticeKind::Email);
        queue_message(
            tx,
            at,
            id,
            OutChannel::Email,
            &current.email,
            "email_changed",
            &text,
        )?;
    }
    if let Some(phone) = &new.phone {
        let phone = phone.as_ref().map(ToString::to_string);
        record_history(
            tx,
            at,
            id,
            ProfileField::Phone,
            current.phone.as_deref(),
            phone.as_deref(),
            by,
        )?;
        let text = notice(&current.preferred_language, NoticeKind::Phone);
        // Tell the old number; with none on file, the email address on file.
        match &current.phone {
            Some(old) => queue_message(tx, at, id, OutChannel::Sms, old, "phone_changed", &text)?,
            None => queue_message(
                tx,
                at,
                id,
                OutChannel::Email,
                &current.email,
                "phone_changed",
                &text,
            )?,
        }
    }
    if let Some(address) = &new.address {
        let old = stored_address(current).map(|a| a.one_line());
        let new = address.as_ref().map(PostalAddress::one_line);
        record_history(
            tx,
            at,
            id,
            ProfileField::Address,
            old.as_deref(),
            new.as_deref(),
            by,
        )?;
    }
    if let Some(language) = new.preferred_language {
        record_history(
            tx,
            at,
            id,
            ProfileField::PreferredLanguage,
            Some(&current.preferred_language),
            Some(language.tag()),
            by,
        )?;
    }
    if let Some(text) = &new.other_info {
        let old = Some(current.other_info.as_str()).filter(|t| !t.is_empty());
        let new = Some(text.as_str()).filter(|t| !t.is_empty());
        record_history(tx, at, id, ProfileField::OtherInfo, old, new, by)?;
    }
    Ok(())
}

enum NoticeKind {
    Email,
    Phone,
    Password,
}

/// The security notice, in the customer's language. It names no new value on purpose:
/// if the change was not theirs, the old address must not learn the attacker's.
fn notice(language: &str, kind: NoticeKind) -> Text<'static> {
    let language = Language::from_tag(language).unwrap_or_default();
    let (subject, body) = match (language, kind) {
        (Language::Fi, NoticeKind::Email) => ("Sähköpostiosoitteesi vaihdettiin", "Kleverapp-tilisi sähköpostiosoite vaihdettiin. Jos et tehnyt muutosta itse, ota heti yhteyttä asiakaspalveluumme."),
        (Language::Sv, NoticeKind::Email) => ("Din e-postadress har ändrats", "E-postadressen för ditt Kleverapp-konto har ändrats. Om det inte var du, kontakta genast vår kundtjänst."),
        (Language::En, NoticeKind::Email) => ("Your email address was changed", "The email address of your Kleverapp account was changed. If this was not you, contact our customer service at once."),
        (Language::Fi, NoticeKind::Phone) => ("Puhelinnumerosi vaihdettiin", "Kleverapp-tilisi puhelinnumero vaihdettiin. Jos et tehnyt muutosta itse, ota heti yhteyttä asiakaspalveluumme."),
        (Language::Sv, NoticeKind::Phone) => ("Ditt telefonnummer har ändrats", "Telefonnumret för ditt Kleverapp-konto har ändrats. Om det inte var du, kontakta genast vår kundtjänst."),
        (Language::En, NoticeKind::Phone) => ("Your phone number was changed", "The phone number of your Kleverapp account was changed. If this was not you, contact our customer service at once."),
        (Language::Fi, NoticeKind::Password) => ("Salasanasi vaihdettiin", "Kleverapp-tilisi salasana vaihdettiin, ja muilla laitteilla avoinna olleet istunnot päätettiin. Jos et vaihtanut salasanaa itse, ota heti yhteyttä asiakaspalveluumme."),
        (Language::Sv, NoticeKind::Password) => ("Ditt lösenord har ändrats", "Lösenordet för ditt Kleverapp-konto har ändrats och inloggningarna på andra enheter har avslutats. Om det inte var du, kontakta genast vår kundtjänst."),
        (Language::En, NoticeKind::Password) => ("Your password was changed", "The password of your Kleverapp account was changed, and your sessions on other devices were ended. If this was not you, contact our customer service at once."),
    };
    Text {
        language,
        subject,
        body,
    }
}

/// Sets a new password hash and ends every session of the customer but `keep` (none when
/// `None`), in the caller's transaction; with `notify`, queues the notice of the change
/// (not for an account's first password: there was nothing to change).
pub fn set_password(
    tx: &Conn,
    at: &str,
    customer_id: i64,
    password_hash: &str,
    keep: Option<&str>,
    notify: bool,
) -> AppResult<()> {
    tx.prepare_cached("UPDATE customers SET password_hash = ?2 WHERE id = ?1")?
        .execute(params![customer_id, password_hash])?;
    super::sessions::end_other_devices(tx, customer_id, keep.unwrap_or(""))?;
    if !notify {
        return Ok(());
    }
    let (email, language): (String, String) = tx
        .prepare_cached("SELECT email, preferred_language FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let text = notice(&language, NoticeKind::Password);
    queue_message(
        tx,
        at,
        customer_id,
        OutChannel::Email,
        &email,
        "password_changed",
        &text,
    )
}

/// The `customers` column that holds a field, where it is a single column.
fn stored_column(field: ProfileField) -> Option<&'static str> {
    Some(match field {
        ProfileField::FirstName => "first_name",
        ProfileField::LastName => "last_name",
        ProfileField::Gender => "gender",
        ProfileField::Email => "email",
        ProfileField::Phone => "phone",
        ProfileField::PreferredLanguage => "preferred_language",
        ProfileField::OtherInfo => "other_info",
        ProfileField::BankAccount => "iban",
        ProfileField::Bic => "bic",
        ProfileField::CustomerSince => "customer_since",
        ProfileField::Address
        | ProfileField::Billing
        | ProfileField::BankReport
        | ProfileField::History => return None,
    })
}

/// A field's value now as the customer sees it (the account number masked, the address on
/// one line), for a correction request to show beside the proposed one.
pub fn shown_value(
    conn: &Conn,
    customer_id: i64,
    field: ProfileField,
) -> AppResult<Option<String>> {
    let column = match (stored_column(field), field) {
        (Some(column), _) => column,
        (None, ProfileField::Address) => {
            let row = row(conn, customer_id)?;
            return Ok(one_line_address(&row));
        }
        (None, _) => return Ok(None),
    };
    // The column comes from the fixed match above.
    let sql = format!("SELECT {column} FROM customers WHERE id = ?1");
    let value: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row([customer_id], |r| r.get(0))?;
    Ok(match field {
        ProfileField::BankAccount => value
            .as_deref()
            .map(|v| Iban::parse(v).map(|i| i.masked()))
            .transpose()?,
        _ => value,
    })
}

/// The address on file on one line, written the way the contract writes it, whether or
/// not it would pass today's checks.
fn one_line_address(row: &CustomerRow) -> Option<String> {
    match (&row.street, &row.postal_code, &row.city, &row.country) {
        (Some(street), Some(postal_code), Some(city), Some(country)) => Some(
            AddressInput {
                street: street.clone(),
                postal_code: postal_code.clone(),
                city: city.clone(),
                country: country.clone(),
            }
            .one_line(),
        ),
        _ => None,
    }
}

/// Writes an approved correction and its history entry (channel staff, with the employee).
/// Address, billing and bank-report corrections are made by hand, so only their answer is recorded.
pub fn apply_correction(
    conn: &Conn,
    at: &str,
    customer_id: i64,
    request: &RequestView,
    staff_id: i64,
) -> AppResult<()> {
    let field = request
        .field
        .ok_or_else(|| AppError::Internal("correction without a field".into()))?;
    if !field.applies_automatically() {
        return Ok(());
    }
    let proposed = request.proposed_value.as_deref().unwrap_or("");
    let new = field
        .normalise(proposed)
        .map_err(|e| AppError::field("proposed_value", e))?;
    let Some(column) = stored_column(field) else {
        return Ok(());
    };
    // The column name comes from the fixed match above.
    let read = format!("SELECT {column} FROM customers WHERE id = ?1");
    let old: Option<String> = conn
        .prepare_cached(&read)?
        .query_row([customer_id], |r| r.get(0))?;
    let write = format!("UPDATE customers SET {column} = ?1, version = version + 1 WHERE id = ?2");
    conn.prepare_cached(&write)?
        .execute(params![new, customer_id])
        .map_err(email_in_use("proposed_value"))?;
    // History shows bank account numbers masked, like every other screen.
    let shown = |v: &str| match field {
        ProfileField::BankAccount => Iban::parse(v)
            .map(|i| i.masked())
            .unwrap_or_else(|_| v.to_owned()),
        _ => v.to_owned(),
    };
    let old = old.as_deref().map(shown);
    let new = shown(&new);
    record_history(
        conn,
        at,
        customer_id,
        field,
        old.as_deref(),
        Some(&new),
        ChangedBy::Staff(staff_id),
    )
}

/// "First Last", as staff see the customer in the queue.
pub fn full_name(conn: &Conn, customer_id: i64) -> AppResult<String> {
    let (first, last): (String, String) = conn
        .prepare_cached("SELECT first_name, last_name FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(format!("{first} {last}"))
}

/// The full account number, for the customer's own export only.
pub fn full_iban(conn: &Conn, customer_id: i64) -> AppResult<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT iban FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))?)
}

/// The customer's email and password hash, to check the password again.
pub fn credentials(conn: &Conn, customer_id: i64) -> AppResult<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT email, password_hash FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// First name, last name and language tag: what the app greets the customer with.
pub fn greeting(conn: &Conn, customer_id: i64) -> AppResult<(String, String, String)> {
    Ok(conn
        .prepare_cached(
            "SELECT first_name, last_name, preferred_language FROM customers WHERE id = ?1",
        )?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}
