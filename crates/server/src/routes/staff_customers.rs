//! `/api/staff/customers`: customer service finds a customer and opens the record, the
//! same data the customer sees plus the account's state. Marketing staff may not; every
//! search and every record opened is logged with who and when.

use axum::{extract::State, Json};
use klever_api::{CustomerHit, ErrorBody, StaffCustomer, StaffRole, ValidationError};
use serde::Deserialize;
use utoipa_axum::routes;

use super::export::build_export;
use super::Api;
use crate::{
    auth::StaffSession,
    error::{ApiPath, ApiQuery, AppError, AppResult},
    store::staff_customers::{self, Access},
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.routes(routes!(search)).routes(routes!(record))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SearchQuery {
    /// Part of a name, an email address or a phone number: 2 to 100 characters.
    q: String,
}

pub(super) fn require_service(staff: &StaffSession) -> AppResult<()> {
    if staff.role == StaffRole::CustomerService {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[utoipa::path(
    get, path = "/staff/customers", operation_id = "find_customers", tag = "staff", security(("staff_session" = [])),
    params(SearchQuery),
    responses(
        (status = 200, description = "At most 20 customers whose name, email or phone holds the text, by last name.", body = Vec<CustomerHit>),
        (status = 403, description = "Only customer-service staff look up customers (`forbidden`).", body = ErrorBody),
        (status = 422, description = "Too short or too long a search (`validation_failed`, field `q`).", body = ErrorBody),
    )
)]
async fn search(
    State(state): State<AppState>,
    staff: StaffSession,
    query: Result<ApiQuery<SearchQuery>, AppError>,
) -> AppResult<Json<Vec<CustomerHit>>> {
    // Who may search is checked before what was asked.
    require_service(&staff)?;
    let ApiQuery(SearchQuery { q }) = query?;
    let q = q.trim().to_owned();
    let chars = q.chars().count();
    if chars < 2 {
        return Err(AppError::field("q", ValidationError::TooShort));
    }
    if chars > 100 {
        return Err(AppError::field("q", ValidationError::TooLong));
    }
    if q.chars().any(char::is_control) {
        return Err(AppError::field("q", ValidationError::InvalidCharacters));
    }
    let at = state.clock.now_rfc3339();
    let staff_id = staff.staff_id;
    // The search is logged in the same transaction that runs it.
    let hits = state
        .db
        .write(move |tx| {
            staff_customers::log_access(tx, staff_id, Access::Search, &q, &at)?;
            staff_customers::search(tx, &q)
        })
        .await?;
    Ok(Json(hits))
}

#[utoipa::path(
    get, path = "/staff/customers/{id}", operation_id = "customer_record", tag = "staff", security(("staff_session" = [])),
    params(("id" = i64, Path, description = "The customer's id.")),
    responses(
        (status = 200, description = "Everything held about the customer, and the account's state; the opening is logged.", body = StaffCustomer),
        (status = 403, description = "Only customer-service staff open customer records (`forbidden`).", body = ErrorBody),
        (status = 404, description = "No customer has that id (`not_found`).", body = ErrorBody),
    )
)]
async fn record(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<StaffCustomer>> {
    require_service(&staff)?;
    let at = state.clock.now_rfc3339();
    let staff_id = staff.staff_id;
    // Only a record that exists is logged as opened.
    state
        .db
        .write(move |tx| {
            crate::store::accounts::recipient_by_id(tx, id)?.ok_or(AppError::NotFound)?;
            staff_customers::log_access(tx, staff_id, Access::View, &id.to_string(), &at)
        })
        .await?;
    let now = state.clock.now();
    let (data, account) = state
        .db
        .read(move |c| {
            let data = build_export(c, id, now)?;
            let account = staff_customers::account_status(c, id)?;
            Ok((data, account))
        })
        .await?;
    Ok(Json(StaffCustomer { data, account }))
}
