//! `/api/me`: the signed-in customer's own register entry.

use axum::{
    extract::State,
    http::{header, HeaderValue},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use klever_api::{
    BankDetails, Bic, ContactDetails, Email, FreeText, Gender, Iban, Language, MarketingChoices,
    PersonName, PersonalDetails, Phone, PostalAddress, Profile,
};

use crate::{
    auth::CustomerSession,
    error::{AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/me", get(profile))
}

#[derive(sqlx::FromRow)]
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

#[derive(sqlx::FromRow)]
struct MarketingRow {
    ban_all: bool,
    ban_email: bool,
    ban_sms: bool,
    ban_phone: bool,
    ban_post: bool,
    consent_market_research: bool,
    consent_research_disclosure: bool,
    consent_targeting: bool,
    updated_at: Option<String>,
}

async fn profile(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<impl IntoResponse> {
    let row: CustomerRow = sqlx::query_as(
        "SELECT email, first_name, last_name, gender, phone, street, postal_code, city, country, \
         preferred_language, other_info, iban, bic, customer_since, version \
         FROM customers WHERE id = ?1",
    )
    .bind(session.customer_id)
    .fetch_one(&state.pool)
    .await?;
    let marketing: Option<MarketingRow> = sqlx::query_as(
        "SELECT ban_all, ban_email, ban_sms, ban_phone, ban_post, consent_market_research, \
         consent_research_disclosure, consent_targeting, updated_at \
         FROM marketing_choices WHERE customer_id = ?1",
    )
    .bind(session.customer_id)
    .fetch_optional(&state.pool)
    .await?;

    let etag = HeaderValue::from_str(&format!("\"v{}\"", row.version))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::ETAG, etag)], Json(to_profile(row, marketing)?)))
}

fn to_profile(row: CustomerRow, marketing: Option<MarketingRow>) -> AppResult<Profile> {
    let gender = match row.gender.as_str() {
        "female" => Gender::Female,
        "male" => Gender::Male,
        "other" => Gender::Other,
        _ => Gender::NotStated,
    };
    let address = match (row.street, row.postal_code, row.city, row.country) {
        (Some(street), Some(postal_code), Some(city), Some(country)) => Some(PostalAddress {
            street,
            postal_code,
            city,
            country,
        }),
        _ => None,
    };
    let bank = match (row.iban, row.bic) {
        (Some(iban), Some(bic)) => Some(BankDetails {
            iban_masked: Iban::parse(&iban)?.masked(),
            bic: Bic::parse(&bic)?,
        }),
        _ => None,
    };
    // No row means the customer has never made a choice: nothing banned, nothing consented.
    let m = marketing.unwrap_or(MarketingRow {
        ban_all: false,
        ban_email: false,
        ban_sms: false,
        ban_phone: false,
        ban_post: false,
        consent_market_research: false,
        consent_research_disclosure: false,
        consent_targeting: false,
        updated_at: None,
    });
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
        marketing: MarketingChoices {
            ban_all: m.ban_all,
            ban_email: m.ban_email,
            ban_sms: m.ban_sms,
            ban_phone: m.ban_phone,
            ban_post: m.ban_post,
            consent_market_research: m.consent_market_research,
            consent_research_disclosure: m.consent_research_disclosure,
            consent_targeting: m.consent_targeting,
            updated_at: m.updated_at,
        },
        customer_since: row.customer_since,
    })
}
