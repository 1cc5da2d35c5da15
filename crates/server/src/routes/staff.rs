//! `/api/staff/…`: the employees' side. Staff sign in with their own accounts and sessions;
//! a customer session is never enough here.

use axum::{
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use klever_api::{AudienceChannel, AudienceMember, Language, SignInRequest, StaffInfo, StaffRole};
use serde::Deserialize;

use super::session::{authenticate, close_session, open_session};
use super::Api;
use crate::{
    auth::{SessionKind, StaffSession},
    client_addr::ClientAddr,
    error::{ApiJson, ApiQuery, AppError, AppResult},
    store::{marketing, staff},
    AppState,
};
use klever_api::ErrorBody;
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(sign_in, current, sign_out))
        .routes(routes!(audience))
}

#[utoipa::path(
    post, path = "/staff/session", operation_id = "staff_sign_in", tag = "staff",
    request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; the staff session cookie is set.", body = StaffInfo, headers(("Set-Cookie" = String, description = "The session cookie."))),
        (status = 401, description = "Wrong email or password (`invalid_credentials`).", body = ErrorBody),
        (status = 429, description = "Too many failed sign-ins from this client (`too_many_attempts`).", body = ErrorBody, headers(("Retry-After" = u64, description = "Seconds until a try is counted again."))),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    client: ClientAddr,
    ApiJson(req): ApiJson<SignInRequest>,
) -> AppResult<impl IntoResponse> {
    let staff_id = authenticate(&state, SessionKind::Staff, &req, &client).await?;
    let cookie = open_session(&state, SessionKind::Staff, staff_id, &headers).await?;
    let info = staff_info(&state, staff_id).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(info)))
}

#[utoipa::path(
    get, path = "/staff/session", operation_id = "staff_session", tag = "staff", security(("staff_session" = [])),
    responses((status = 200, description = "The signed-in employee.", body = StaffInfo))
)]
async fn current(
    State(state): State<AppState>,
    session: StaffSession,
) -> AppResult<Json<StaffInfo>> {
    Ok(Json(staff_info(&state, session.staff_id).await?))
}

#[utoipa::path(
    delete, path = "/staff/session", operation_id = "staff_sign_out", tag = "staff",
    responses((status = 204, description = "Signed out (also when no one was).", headers(("Set-Cookie" = String, description = "Clears the session cookie."))))
)]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<impl IntoResponse> {
    let cookie = close_session(&state, SessionKind::Staff, &headers).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]))
}

pub(super) async fn staff_info(state: &AppState, staff_id: i64) -> AppResult<StaffInfo> {
    state.db.read(move |c| staff::info(c, staff_id)).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct AudienceQuery {
    /// The channel the list is for.
    channel: AudienceChannel,
    /// JSON (the default) or a CSV file.
    #[serde(default)]
    #[param(inline)]
    format: Format,
}

#[derive(Deserialize, Default, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
enum Format {
    #[default]
    Json,
    Csv,
}

/// Who may be contacted on a channel now. Direct-marketing channels leave out everyone who
/// banned that channel or all direct marketing (no balancing: GDPR Art. 21(3)); research
/// takes only those who consented to it. Customers with no address for the channel are left out.
#[utoipa::path(
    get, path = "/staff/audience", operation_id = "audience", tag = "staff", security(("staff_session" = [])),
    params(AudienceQuery),
    responses(
        (status = 200, description = "Who may be contacted on the channel now.", content(
            (Vec<AudienceMember> = "application/json"),
            (String = "text/csv", example = "customer_id,first_name,last_name,preferred_language,contact"),
        )),
        (status = 403, description = "Only marketing staff get contact lists (`forbidden`).", body = ErrorBody),
    )
)]
async fn audience(
    State(state): State<AppState>,
    staff: StaffSession,
    query: Result<ApiQuery<AudienceQuery>, AppError>,
) -> AppResult<Response> {
    // Contact lists are for marketing's use only (register §9: access by need). Checked
    // before the query is, so whoever may not ask learns nothing of how to ask.
    if staff.role != StaffRole::Marketing {
        return Err(AppError::Forbidden);
    }
    let ApiQuery(query) = query?;
    // Every customer: on a blocking thread, not holding up other requests.
    let channel = query.channel;
    let rows = state
        .db
        .read_blocking(move |c| marketing::audience(c, channel))
        .await?;
    let members: Vec<AudienceMember> = rows
        .into_iter()
        .filter_map(|row| {
            let contact = row.contact(query.channel)?;
            Some(AudienceMember {
                customer_id: row.id,
                first_name: row.first_name,
                last_name: row.last_name,
                preferred_language: Language::from_tag(&row.preferred_language).unwrap_or_default(),
                contact,
            })
        })
        .collect();
    Ok(match query.format {
        Format::Json => Json(members).into_response(),
        Format::Csv => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"audience.csv\""),
                ),
            ],
            to_csv(&members),
        )
            .into_response(),
    })
}

fn to_csv(members: &[AudienceMember]) -> String {
    let mut out = String::from("customer_id,first_name,last_name,preferred_language,contact\r\n");
    for m in members {
        let fields = [
            m.customer_id.to_string(),
            m.first_name.clone(),
            m.last_name.clone(),
            m.preferred_language.tag().to_owned(),
            m.contact.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// RFC 4180 quoting, and a leading `'` on anything a spreadsheet would run as a formula
/// (an E.164 phone number only ever evaluates to itself, so it stays usable as is).
fn csv_field(value: &str) -> String {
    let phone = value
        .strip_prefix('+')
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let value = if value.starts_with(['=', '+', '-', '@']) && !phone {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("Vaasa"), "Vaasa");
        assert_eq!(
            csv_field("Katu 1, 65100 Vaasa, FI"),
            "\"Katu 1, 65100 Vaasa, FI\""
        );
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(
            csv_field("+358401234567"),
            "+358401234567",
            "a phone number is data"
        );
        assert_eq!(csv_field("+1+cmd"), "'+1+cmd");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    }
}
