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
    AddressInput, BankDetails, Bic, Channel, ContactDetails, Email, FreeText, Gender, Iban,
    Language, MarketingChoices, PersonName, PersonalDetails, Phone, PostalAddress, Profile,
    ProfileField, ProfileUpdate, ValidationError,
};
use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use crate::{
    auth::CustomerSession,
    changes::{queue_message, record_history, OutChannel},
    error::{ApiJson, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/me", get(profile).patch(update))
}

/// What the customer may change themselves. The server alone decides this.
const PERMITTED: [&str; 5] = [
    "email",
    "phone",
    "address",
    "preferred_language",
    "other_info",
];

/// Fields shown in the profile that only staff change (through a correction request).
/// Sending one with its current value is harmless; any other value refuses the request.
const RESTRICTED: [&str; 6] = [
    "first_name",
    "last_name",
    "gender",
    "bank_account",
    "bic",
    "customer_since",
];

/// Lists that are part of the register but never part of a profile change.
const RESTRICTED_LISTS: [&str; 4] = ["bank_report", "billing", "history", "marketing"];

#[derive(sqlx::FromRow, Clone)]
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

async fn load_row(conn: &mut SqliteConnection, customer_id: i64) -> AppResult<CustomerRow> {
    Ok(sqlx::query_as(
        "SELECT email, first_name, last_name, gender, phone, street, postal_code, city, country, \
         preferred_language, other_info, iban, bic, customer_since, version \
         FROM customers WHERE id = ?1",
    )
    .bind(customer_id)
    .fetch_one(conn)
    .await?)
}

pub(crate) async fn load_profile(
    conn: &mut SqliteConnection,
    customer_id: i64,
) -> AppResult<Profile> {
    let row = load_row(&mut *conn, customer_id).await?;
    let marketing = super::marketing::load_marketing(conn, customer_id).await?;
    to_profile(row, marketing)
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
    let mut conn = state.pool.acquire().await?;
    with_etag(load_profile(&mut conn, session.customer_id).await?)
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
    // IMMEDIATE takes the write lock now, so the version read below cannot go stale
    // before the update (and SQLite never has to upgrade a read lock mid-transaction).
    let mut tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    let current = load_row(&mut tx, session.customer_id).await?;
    if current.version != expected {
        return Err(AppError::VersionConflict);
    }

    check_fields(&body, &current)?;
    let permitted: Map<String, Value> = body
        .into_iter()
        .filter(|(k, _)| PERMITTED.contains(&k.as_str()))
        .collect();
    let request: ProfileUpdate = serde_json::from_value(Value::Object(permitted))
        .map_err(|e| AppError::MalformedRequest(e.to_string()))?;
    let valid = request.validate().map_err(AppError::Validation)?;

    let old_address = stored_address(&current);
    let new = Changes {
        email: valid
            .email
            .map(|e| e.to_string())
            .filter(|e| *e != current.email),
        phone: valid
            .phone
            .map(|p| p.map(|p| p.to_string()))
            .filter(|p| *p != current.phone),
        address: valid.address.filter(|a| *a != old_address),
        language: valid
            .preferred_language
            .filter(|l| l.tag() != current.preferred_language),
        other_info: valid
            .other_info
            .map(|t| t.to_string())
            .filter(|t| *t != current.other_info),
    };

    if (new.email.is_some() || new.phone.is_some())
        && !session.recently_authenticated(state.config.reauth_window)
    {
        return Err(AppError::ReauthenticationRequired);
    }
    if let Some(email) = &new.email {
        let taken: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM customers WHERE email = ?1 AND id != ?2")
                .bind(email)
                .bind(session.customer_id)
                .fetch_optional(&mut *tx)
                .await?;
        if taken.is_some() {
            let fields = BTreeMap::from([("email".to_owned(), ValidationError::AlreadyInUse)]);
            return Err(AppError::Validation(fields));
        }
    }

    if !new.is_empty() {
        apply(&mut tx, session.customer_id, &current, &new).await?;
    }
    let profile = load_profile(&mut tx, session.customer_id).await?;
    tx.commit().await?;
    with_etag(profile)
}

/// Only the fields that really change; `None` leaves a field as it is.
struct Changes {
    email: Option<String>,
    phone: Option<Option<String>>,
    address: Option<Option<PostalAddress>>,
    language: Option<Language>,
    other_info: Option<String>,
}

impl Changes {
    fn is_empty(&self) -> bool {
        self.email.is_none()
            && self.phone.is_none()
            && self.address.is_none()
            && self.language.is_none()
            && self.other_info.is_none()
    }
}

async fn apply(
    tx: &mut SqliteConnection,
    id: i64,
    current: &CustomerRow,
    new: &Changes,
) -> AppResult<()> {
    let email = new.email.as_deref().unwrap_or(&current.email);
    let phone = new.phone.clone().unwrap_or_else(|| current.phone.clone());
    let address = new
        .address
        .clone()
        .unwrap_or_else(|| stored_address(current));
    let language = new
        .language
        .map(Language::tag)
        .unwrap_or(&current.preferred_language);
    let other_info = new.other_info.as_deref().unwrap_or(&current.other_info);
    let updated = sqlx::query(
        "UPDATE customers SET email = ?1, phone = ?2, street = ?3, postal_code = ?4, city = ?5, \
         country = ?6, preferred_language = ?7, other_info = ?8, version = version + 1 \
         WHERE id = ?9 AND version = ?10",
    )
    .bind(email)
    .bind(&phone)
    .bind(address.as_ref().map(|a| a.street()))
    .bind(address.as_ref().map(|a| a.postal_code()))
    .bind(address.as_ref().map(|a| a.city()))
    .bind(address.as_ref().map(|a| a.country()))
    .bind(language)
    .bind(other_info)
    .bind(id)
    .bind(current.version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::VersionConflict);
    }

    let ch = Channel::SelfService;
    if let Some(email) = &new.email {
        record_history(
            tx,
            id,
            ProfileField::Email,
            Some(&current.email),
            Some(email),
            ch,
            None,
        )
        .await?;
        let body = notice(&current.preferred_language, NoticeKind::Email);
        queue_message(
            tx,
            id,
            OutChannel::Email,
            &current.email,
            "email_changed",
            body,
        )
        .await?;
    }
    if let Some(phone) = &new.phone {
        record_history(
            tx,
            id,
            ProfileField::Phone,
            current.phone.as_deref(),
            phone.as_deref(),
            ch,
            None,
        )
        .await?;
        let body = notice(&current.preferred_language, NoticeKind::Phone);
        // Tell the old number; with none on file, the email address on file.
        match &current.phone {
            Some(old) => queue_message(tx, id, OutChannel::Sms, old, "phone_changed", body).await?,
            None => {
                queue_message(
                    tx,
                    id,
                    OutChannel::Email,
                    &current.email,
                    "phone_changed",
                    body,
                )
                .await?
            }
        }
    }
    if let Some(address) = &new.address {
        let old = stored_address(current).map(|a| a.one_line());
        let new = address.as_ref().map(PostalAddress::one_line);
        record_history(
            tx,
            id,
            ProfileField::Address,
            old.as_deref(),
            new.as_deref(),
            ch,
            None,
        )
        .await?;
    }
    if let Some(language) = new.language {
        record_history(
            tx,
            id,
            ProfileField::PreferredLanguage,
            Some(&current.preferred_language),
            Some(language.tag()),
            ch,
            None,
        )
        .await?;
    }
    if let Some(text) = &new.other_info {
        let old = Some(current.other_info.as_str()).filter(|t| !t.is_empty());
        let new = Some(text.as_str()).filter(|t| !t.is_empty());
        record_history(tx, id, ProfileField::OtherInfo, old, new, ch, None).await?;
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
        if PERMITTED.contains(&key.as_str()) {
            continue;
        }
        if RESTRICTED_LISTS.contains(&key.as_str()) {
            restricted.insert(key.clone(), ValidationError::Restricted);
        } else if RESTRICTED.contains(&key.as_str()) {
            if !same_as_stored(key, value, current) {
                restricted.insert(key.clone(), ValidationError::Restricted);
            }
        } else {
            unknown.insert(key.clone(), ValidationError::Unknown);
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
fn same_as_stored(key: &str, value: &Value, current: &CustomerRow) -> bool {
    let text = value.as_str();
    match key {
        "first_name" => text
            .and_then(|t| PersonName::parse(t).ok())
            .is_some_and(|n| n.as_str() == current.first_name),
        "last_name" => text
            .and_then(|t| PersonName::parse(t).ok())
            .is_some_and(|n| n.as_str() == current.last_name),
        "gender" => text == Some(current.gender.as_str()),
        "customer_since" => text == Some(current.customer_since.as_str()),
        "bank_account" => match (&current.iban, text) {
            (None, None) => value.is_null(),
            (Some(stored), Some(t)) => {
                // The browser only ever has the masked form; that counts as unchanged too.
                let masked = Iban::parse(stored).map(|i| i.masked()).ok();
                Iban::parse(t).is_ok_and(|i| i.as_str() == stored) || masked.as_deref() == Some(t)
            }
            _ => false,
        },
        "bic" => match (&current.bic, text) {
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
    let gender = match row.gender.as_str() {
        "female" => Gender::Female,
        "male" => Gender::Male,
        "other" => Gender::Other,
        _ => Gender::NotStated,
    };
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
