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
use klever_api::ErrorBody;
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(profile, update))
}

/// The profile with its version as the ETag.
fn with_etag(profile: Profile) -> AppResult<impl IntoResponse> {
    let etag = HeaderValue::from_str(&format!("\"v{}\"", profile.version))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::ETAG, etag)], Json(profile)))
}

#[utoipa::path(
    get, path = "/me", operation_id = "profile", tag = "profile", security(("customer_session" = [])),
    responses((status = 200, description = "The customer's register entry.", body = Profile,
        headers(("ETag" = String, description = "The version, `\"v7\"`: send it back as `If-Match`."))))
)]
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
#[utoipa::path(
    patch, path = "/me", operation_id = "update_profile", tag = "profile", security(("customer_session" = [])),
    params(("If-Match" = String, Header, description = "The ETag of the profile the change is based on.")),
    request_body(content = ProfileUpdate, description = "Only the fields to change; `null` removes a phone or an address."),
    responses(
        (status = 200, description = "Saved; the profile as it is now.", body = Profile,
            headers(("ETag" = String, description = "The new version."))),
        (status = 403, description = "A field only staff may change (`restricted_field`, see `fields`), the password is needed again (`reauthentication_required`), or a request from another site.", body = ErrorBody),
        (status = 412, description = "The profile changed since it was read (`version_conflict`); nothing was written.", body = ErrorBody),
        (status = 422, description = "A value failed its check or a field is unknown (`validation_failed`, `unknown_field`; see `fields`).", body = ErrorBody),
        (status = 428, description = "No `If-Match` (`version_required`).", body = ErrorBody),
    )
)]
async fn update(
    State(state): State<AppState>,
    session: CustomerSession,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> AppResult<impl IntoResponse> {
    // Whatever the request says on its own (a field we do not have, a value of the wrong
    // shape or failing its check) is refused as such, whichever version it names.
    unknown_fields(&body)?;
    let permitted: Map<String, Value> = body
        .iter()
        .filter(|(k, _)| ProfileField::from_code(k).is_some_and(ProfileField::customer_may_change))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let request: ProfileUpdate = serde_json::from_value(Value::Object(permitted))
        .map_err(|e| AppError::MalformedRequest(e.to_string()))?;
    // Every value sent is checked, changed or not; then only real changes go on.
    request.validate().map_err(AppError::Validation)?;
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
            restricted_fields(&body, &current)?;
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

/// Refuses fields the profile does not have.
fn unknown_fields(body: &Map<String, Value>) -> AppResult<()> {
    let unknown: BTreeMap<String, ValidationError> = body
        .keys()
        .filter(|key| PatchKey::of(key) == PatchKey::Unknown)
        .map(|key| (key.clone(), ValidationError::Unknown))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(AppError::UnknownFields(unknown))
    }
}

/// Refuses restricted fields whose value differs from the stored one.
fn restricted_fields(body: &Map<String, Value>, current: &CustomerRow) -> AppResult<()> {
    let restricted: BTreeMap<String, ValidationError> = body
        .iter()
        .filter(|(key, value)| match PatchKey::of(key) {
            PatchKey::Unknown => false,
            PatchKey::Marketing => true,
            PatchKey::Field(field) => match field.access() {
                FieldAccess::Customer => false,
                FieldAccess::Staff => !same_as_stored(field, value, current),
                FieldAccess::List => true,
            },
        })
        .map(|(key, _)| (key.clone(), ValidationError::Restricted))
        .collect();
    if restricted.is_empty() {
        Ok(())
    } else {
        Err(AppError::Restricted(restricted))
    }
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
