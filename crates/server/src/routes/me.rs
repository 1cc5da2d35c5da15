//! `/api/me`: the signed-in customer's own register entry, and changes to its permitted fields.

use std::collections::BTreeMap;

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use klever_api::{
    AddressInput, BankDetails, Bic, ContactDetails, Editable, Email, FieldAccess, FreeText, Gender,
    Iban, Language, MarketingChoices, PatchKey, PersonName, PersonalDetails, Phone, PostalAddress,
    Profile, ProfileField, ProfileUpdate, ValidUpdate, ValidationError,
};
use rusqlite::{params, Connection, Row};
use serde_json::{Map, Value};

use crate::{
    auth::CustomerSession,
    changes::{queue_message, record_history, ChangedBy, OutChannel},
    clock::rfc3339,
    error::{email_in_use, from_code, ApiJson, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/me", get(profile).patch(update))
}

#[derive(Clone)]
struct CustomerRow {
    email: String,
    first_name: String,
    last_name: String,
    gender: String,
    phone: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    preferred_language: String,
    other_info: String,
    iban: Option<String>,
    bic: Option<String>,
    customer_since: String,
    version: i64,
}

impl CustomerRow {
    fn from_row(r: &Row) -> rusqlite::Result<CustomerRow> {
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

fn load_row(conn: &Connection, customer_id: i64) -> AppResult<CustomerRow> {
    Ok(conn
        .prepare_cached(
            "SELECT email, first_name, last_name, gender, phone, street, postal_code, city, country, \
             preferred_language, other_info, iban, bic, customer_since, version \
             FROM customers WHERE id = ?1",
        )?
        .query_row([customer_id], CustomerRow::from_row)?)
}

/// The profile, its parts read in one transaction so they agree.
pub(crate) fn load_profile(conn: &Connection, customer_id: i64) -> AppResult<Profile> {
    crate::db::consistent(conn, |conn| {
        let row = load_row(conn, customer_id)?;
        let marketing = super::marketing::load_marketing(conn, customer_id)?;
        to_profile(row, marketing)
    })
}

/// The profile with its version as the ETag.
fn with_etag(profile: Profile) -> AppResult<impl IntoResponse> {
    let etag = HeaderValue::from_str(&format!("\"v{}\"", profile.version))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::ETAG, etag)], Json(profile)))
}

async fn profile(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<impl IntoResponse> {
    with_etag(state.db.read(|c| load_profile(c, session.customer_id))?)
}

/// Reads `If-Match: "v7"` (a weak `W/` prefix is tolerated).
fn expected_version(headers: &HeaderMap) -> AppResult<i64> {
    let raw = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .ok_or(AppError::VersionRequired)?;
    raw.trim()
        .trim_start_matches("W/")
        .trim_matches('"')
        .strip_prefix('v')
        .and_then(|n| n.parse().ok())
        // A tag we never issued cannot match the current version.
        .ok_or(AppError::VersionConflict)
}

/// Changes permitted fields. All or nothing: a restricted or unknown field, a bad value, a
/// stale version or a missing re-authentication refuses the whole request unchanged.
async fn update(
    State(state): State<AppState>,
    session: CustomerSession,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> AppResult<impl IntoResponse> {
    let expected = expected_version(&headers)?;
    let reauth_window = state.config.reauth_window;
    let now = state.clock.now();
    // The version check runs inside the writer's job, so nothing can change the row
    // between the check and the update.
    let profile = state
        .db
        .write(move |tx| {
            let current = load_row(tx, session.customer_id)?;
            if current.version != expected {
                return Err(AppError::VersionConflict);
            }

            check_fields(&body, &current)?;
            let permitted: Map<String, Value> = body
                .into_iter()
                .filter(|(k, _)| {
                    ProfileField::from_code(k).is_some_and(ProfileField::customer_may_change)
                })
                .collect();
            let request: ProfileUpdate = serde_json::from_value(Value::Object(permitted))
                .map_err(|e| AppError::MalformedRequest(e.to_string()))?;
            // Every value sent is checked, changed or not; then only real changes go on.
            request.validate().map_err(AppError::Validation)?;
            let changes = request.changes_from(&editable(&current)?);
            let new = changes.validate().map_err(AppError::Validation)?;

            if changes.needs_password() && !session.recently_authenticated(reauth_window, now) {
                return Err(AppError::ReauthenticationRequired);
            }
            if !changes.is_empty() {
                apply(tx, &rfc3339(now), session.customer_id, &current, &new)?;
            }
            load_profile(tx, session.customer_id)
        })
        .await?;
    with_etag(profile)
}

/// The stored values the customer may change, parsed as the contract compares them.
fn editable(row: &CustomerRow) -> AppResult<Editable> {
    Ok(Editable {
        email: Email::parse(&row.email)?,
        phone: row.phone.as_deref().map(Phone::parse).transpose()?,
        address: stored_address(row),
        preferred_language: Language::from_tag(&row.preferred_language).unwrap_or_default(),
        other_info: FreeText::parse(&row.other_info)?,
    })
}

/// Writes the changes (each `Some` differs from `current`) with their history entries and
/// notices, in the caller's transaction.
fn apply(
    tx: &Connection,
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
        let body = notice(&current.preferred_language, NoticeKind::Email);
        queue_message(
            tx,
            at,
            id,
            OutChannel::Email,
            &current.email,
            "email_changed",
            body,
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
        let body = notice(&current.preferred_language, NoticeKind::Phone);
        // Tell the old number; with none on file, the email address on file.
        match &current.phone {
            Some(old) => queue_message(tx, at, id, OutChannel::Sms, old, "phone_changed", body)?,
            None => queue_message(
                tx,
                at,
                id,
                OutChannel::Email,
                &current.email,
                "phone_changed",
                body,
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
}

/// The security notice, in the customer's language. It names no new value on purpose:
/// if the change was not theirs, the old address must not learn the attacker's.
fn notice(language: &str, kind: NoticeKind) -> &'static str {
    match (Language::from_tag(language).unwrap_or_default(), kind) {
        (Language::Fi, NoticeKind::Email) => "Kleverapp-tilisi sähköpostiosoite vaihdettiin. Jos et tehnyt muutosta itse, ota heti yhteyttä asiakaspalveluumme.",
        (Language::Sv, NoticeKind::Email) => "E-postadressen för ditt Kleverapp-konto har ändrats. Om det inte var du, kontakta genast vår kundtjänst.",
        (Language::En, NoticeKind::Email) => "The email address of your Kleverapp account was changed. If this was not you, contact our customer service at once.",
        (Language::Fi, NoticeKind::Phone) => "Kleverapp-tilisi puhelinnumero vaihdettiin. Jos et tehnyt muutosta itse, ota heti yhteyttä asiakaspalveluumme.",
        (Language::Sv, NoticeKind::Phone) => "Telefonnumret för ditt Kleverapp-konto har ändrats. Om det inte var du, kontakta genast vår kundtjänst.",
        (Language::En, NoticeKind::Phone) => "The phone number of your Kleverapp account was changed. If this was not you, contact our customer service at once.",
    }
}

/// Refuses unknown fields and restricted fields whose value differs from the stored one.
fn check_fields(body: &Map<String, Value>, current: &CustomerRow) -> AppResult<()> {
    let mut unknown = BTreeMap::new();
    let mut restricted = BTreeMap::new();
    for (key, value) in body {
        let refused = match PatchKey::of(key) {
            PatchKey::Unknown => {
                unknown.insert(key.clone(), ValidationError::Unknown);
                continue;
            }
            PatchKey::Marketing => true,
            PatchKey::Field(field) => match field.access() {
                FieldAccess::Customer => false,
                FieldAccess::Staff => !same_as_stored(field, value, current),
                FieldAccess::List => true,
            },
        };
        if refused {
            restricted.insert(key.clone(), ValidationError::Restricted);
        }
    }
    if !unknown.is_empty() {
        return Err(AppError::UnknownFields(unknown));
    }
    if !restricted.is_empty() {
        return Err(AppError::Restricted(restricted));
    }
    Ok(())
}

/// Whether a restricted field was sent back unchanged (normalised the way it is stored).
fn same_as_stored(field: ProfileField, value: &Value, current: &CustomerRow) -> bool {
    let text = value.as_str();
    match field {
        ProfileField::FirstName => text
            .and_then(|t| PersonName::parse(t).ok())
            .is_some_and(|n| n.as_str() == current.first_name),
        ProfileField::LastName => text
            .and_then(|t| PersonName::parse(t).ok())
            .is_some_and(|n| n.as_str() == current.last_name),
        ProfileField::Gender => text == Some(current.gender.as_str()),
        ProfileField::CustomerSince => text == Some(current.customer_since.as_str()),
        ProfileField::BankAccount => match (&current.iban, text) {
            (None, None) => value.is_null(),
            (Some(stored), Some(t)) => {
                // The browser only ever has the masked form; that counts as unchanged too.
                let masked = Iban::parse(stored).map(|i| i.masked()).ok();
                Iban::parse(t).is_ok_and(|i| i.as_str() == stored) || masked.as_deref() == Some(t)
            }
            _ => false,
        },
        ProfileField::Bic => match (&current.bic, text) {
            (None, None) => value.is_null(),
            (Some(stored), Some(t)) => Bic::parse(t).is_ok_and(|b| b.as_str() == stored),
            _ => false,
        },
        _ => false,
    }
}

fn stored_address(row: &CustomerRow) -> Option<PostalAddress> {
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
