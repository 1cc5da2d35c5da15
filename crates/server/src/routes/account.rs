//! `/api/account/…`: getting into an account without a password: asking for a link to
//! choose a new one, and choosing it through an activation or reset link. Customer service
//! sends activation links from `/api/staff/customers/{id}/activation-link`.

use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    Json,
};
use klever_api::{ErrorBody, LinkPurpose, LinkRequest, SessionInfo, SetPassword};
use utoipa_axum::routes;

use super::password::{acceptable, hash};
use super::session::{open_session, session_info};
use super::Api;
use crate::{
    auth::{token_hash, SessionKind, StaffSession},
    client_addr::ClientAddr,
    clock::rfc3339,
    error::{ApiJson, ApiPath, AppError, AppResult},
    links,
    store::{
        accounts, customers,
        staff_customers::{self, Access},
    },
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.routes(routes!(request_reset_link))
        .routes(routes!(set_password))
        .routes(routes!(send_activation_link))
}

/// A link to choose a new password, sent to the address if it is a customer's. The answer
/// is the same either way, so it tells nobody who is a customer.
#[utoipa::path(
    post, path = "/account/reset-link", operation_id = "request_reset_link", tag = "account",
    request_body = LinkRequest,
    responses(
        (status = 202, description = "If the address is a customer's, a link is on its way."),
        (status = 429, description = "Too many requests from this client (`too_many_attempts`).", body = ErrorBody,
            headers(("Retry-After" = u64, description = "Seconds until a request is taken again."))),
    )
)]
async fn request_reset_link(
    State(state): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<LinkRequest>,
) -> AppResult<StatusCode> {
    let email = req.email.trim().to_owned();
    let link = links::new_link(&state, accounts::Purpose::Reset);
    let now = state.clock.now();
    let client = client.0;
    // Counting the request, finding the customer and issuing the link are one transaction.
    state
        .db
        .write(move |tx| {
            if !accounts::count_link_request(tx, &client, &email, now)? {
                return Ok(());
            }
            // A customer who never chose a password gets the same link: choosing one
            // activates the account.
            match accounts::recipient_by_email(tx, &email)? {
                Some(to) => {
                    let (purpose, at) = (accounts::Purpose::Reset, rfc3339(now));
                    accounts::issue_link(tx, &to, purpose, &link.token_hash, &link.url, now, &at)
                }
                None => Ok(()),
            }
        })
        .await?;
    Ok(StatusCode::ACCEPTED)
}

/// Chooses a password through a link. The link is used up, every session of the customer
/// ends, and this browser is signed in.
#[utoipa::path(
    post, path = "/account/password", operation_id = "set_password_by_link", tag = "account",
    request_body = SetPassword,
    responses(
        (status = 200, description = "The password is set and this browser is signed in.", body = SessionInfo,
            headers(("Set-Cookie" = String, description = "The session cookie."))),
        (status = 410, description = "The link has expired, was used, or never existed (`invalid_link`); nothing changed.", body = ErrorBody),
        (status = 422, description = "The new password is not acceptable (`validation_failed`; see `fields`); the link still works.", body = ErrorBody),
    )
)]
async fn set_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SetPassword>,
) -> AppResult<impl IntoResponse> {
    // The password first: a refused one leaves the link usable for the next try.
    acceptable(&req.new_password).map_err(|e| AppError::field("new_password", e))?;
    if req.token.len() > 128 {
        return Err(AppError::InvalidLink);
    }
    let purpose = match req.purpose {
        LinkPurpose::Activation => accounts::Purpose::Activation,
        LinkPurpose::Reset => accounts::Purpose::Reset,
    };
    let new_hash = hash(req.new_password).await?;
    let link = token_hash(&req.token);
    let now = state.clock.now();
    let customer_id = state
        .db
        .write(move |tx| {
            let id = accounts::use_link(tx, &link, purpose, now)?;
            let at = rfc3339(now);
            // Every session ends: whoever had the old password is out.
            let reset = purpose == accounts::Purpose::Reset;
            customers::set_password(tx, &at, id, &new_hash, None, reset)?;
            accounts::activate(tx, id, &at)?;
            Ok(id)
        })
        .await?;
    let cookie = open_session(&state, SessionKind::Customer, customer_id, &headers).await?;
    let info = session_info(&state, customer_id, now).await?;
    Ok(([(header::SET_COOKIE, cookie)], Json(info)))
}

/// Customer service sends a customer who has not yet used the app an activation link.
#[utoipa::path(
    post, path = "/staff/customers/{id}/activation-link", operation_id = "send_activation_link", tag = "staff",
    security(("staff_session" = [])),
    params(("id" = i64, Path, description = "The customer's id.")),
    responses(
        (status = 202, description = "The link is on its way to the customer's email address."),
        (status = 403, description = "Only customer-service staff send links (`forbidden`), or a request from another site.", body = ErrorBody),
        (status = 404, description = "No customer has that id (`not_found`).", body = ErrorBody),
        (status = 409, description = "The customer uses the app already (`invalid_transition`).", body = ErrorBody),
    )
)]
async fn send_activation_link(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<StatusCode> {
    super::staff_customers::require_service(&staff)?;
    let link = links::new_link(&state, accounts::Purpose::Activation);
    let (staff_id, now) = (staff.staff_id, state.clock.now());
    // The link and the log line of who sent it are one transaction.
    state
        .db
        .write(move |tx| {
            let to = accounts::recipient_by_id(tx, id)?.ok_or(AppError::NotFound)?;
            if to.activated {
                return Err(AppError::InvalidTransition);
            }
            let (purpose, at) = (accounts::Purpose::Activation, rfc3339(now));
            accounts::issue_link(tx, &to, purpose, &link.token_hash, &link.url, now, &at)?;
            staff_customers::log_access(tx, staff_id, Access::ActivationLink, &id.to_string(), &at)
        })
        .await?;
    Ok(StatusCode::ACCEPTED)
}
