//! `/api/me`: the signed-in customer's own register entry, and changes to its permitted fields.

use std::collections::BTreeMap;

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue},
    response::IntoResponse,
    Json,
};
use klever_api::{
    Bic, Editable, Email, FieldAccess, FreeText, Iban, Language, PatchKey, PersonName, Phone,
    Profile, ProfileField, ProfileUpdate, ValidationError,
};
use serde_json::{Map, Value};

use super::Api;
use crate::{
    auth::CustomerSession,
    clock::rfc3339,
    error::{ApiJson, AppError, AppResult},
    store::customers::{self, CustomerRow},
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.get("/me", profile).patch("/me", update)
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
    with_etag(
        state
            .db
            .read(move |c| customers::profile(c, session.customer_id))
            .await?,
    )
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
            let current = customers::row(tx, session.customer_id)?;
            if current.version != expected {
                return Err(AppError::VersionConflict);
            }

            check_fields(&body, &current)?;
            let permitted: Map<String, Value> = body
                .iter()
                .filter(|(k, _)| {
                    ProfileField::from_code(k).is_some_and(ProfileField::customer_may_change)
                })
                .map(|(k, v)| (k.clone(), v.clone()))
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
                customers::update_contact(tx, &rfc3339(now), session.customer_id, &current, &new)?;
            }
            customers::profile(tx, session.customer_id)
        })
        .await?;
    with_etag(profile)
}

/// The stored values the customer may change, parsed as the contract compares them.
fn editable(row: &CustomerRow) -> AppResult<Editable> {
    Ok(Editable {
        email: Email::parse(&row.email)?,
        phone: row.phone.as_deref().map(Phone::parse).transpose()?,
        address: customers::stored_address(row),
        preferred_language: Language::from_tag(&row.preferred_language).unwrap_or_default(),
        other_info: FreeText::parse(&row.other_info)?,
    })
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
