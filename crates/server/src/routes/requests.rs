//! `/api/me/requests`: the customer's inspection and correction requests.

use axum::{
    extract::State,
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use klever_api::{
    request_deadline, AddressInput, Iban, IsoDate, NewRequest, ProfileField, RequestAction,
    RequestEventKind, RequestKind, RequestStatus, RequestView,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::from_code;
use crate::{
    auth::CustomerSession,
    clock::rfc3339,
    error::{ApiJson, ApiPath, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/requests", get(list).post(create))
        .route("/me/requests/{id}/cancel", post(cancel))
}

pub(crate) struct RequestRow {
    id: i64,
    kind: String,
    status: String,
    received_at: String,
    deadline: String,
    field: Option<String>,
    current_value: Option<String>,
    proposed_value: Option<String>,
    explanation: Option<String>,
    extension_reason: Option<String>,
    answer: Option<String>,
    updated_at: String,
    pub(crate) customer_id: i64,
}

pub(crate) const COLUMNS: &str =
    "r.id, r.kind, r.status, r.received_at, r.deadline, r.field, r.current_value, \
     r.proposed_value, r.explanation, r.extension_reason, r.answer, r.updated_at, r.customer_id";

impl RequestRow {
    /// The row as selected by [`COLUMNS`], from column `at` on.
    pub(crate) fn from_row_at(r: &Row, at: usize) -> rusqlite::Result<RequestRow> {
        Ok(RequestRow {
            id: r.get(at)?,
            kind: r.get(at + 1)?,
            status: r.get(at + 2)?,
            received_at: r.get(at + 3)?,
            deadline: r.get(at + 4)?,
            field: r.get(at + 5)?,
            current_value: r.get(at + 6)?,
            proposed_value: r.get(at + 7)?,
            explanation: r.get(at + 8)?,
            extension_reason: r.get(at + 9)?,
            answer: r.get(at + 10)?,
            updated_at: r.get(at + 11)?,
            customer_id: r.get(at + 12)?,
        })
    }

    pub(crate) fn from_row(r: &Row) -> rusqlite::Result<RequestRow> {
        Self::from_row_at(r, 0)
    }
}

pub(crate) fn to_view(row: RequestRow) -> AppResult<RequestView> {
    Ok(RequestView {
        id: row.id,
        kind: from_code(&row.kind)?,
        status: from_code(&row.status)?,
        received_at: row.received_at,
        deadline: row.deadline,
        field: row.field.as_deref().map(from_code).transpose()?,
        current_value: row.current_value,
        proposed_value: row.proposed_value,
        explanation: row.explanation,
        extension_reason: row.extension_reason,
        answer: row.answer,
        updated_at: row.updated_at,
    })
}

pub(crate) fn customer_requests(
    conn: &Connection,
    customer_id: i64,
) -> AppResult<Vec<RequestView>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM requests r WHERE r.customer_id = ?1 ORDER BY r.received_at DESC, r.id DESC"
    );
    let mut query = conn.prepare_cached(&sql)?;
    let rows = query
        .query_map([customer_id], RequestRow::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(to_view).collect()
}

/// One request, with whose it is. Given `customer_id`, another customer's request is
/// simply not found.
pub(crate) fn load(
    conn: &Connection,
    id: i64,
    customer_id: Option<i64>,
) -> AppResult<(RequestView, i64)> {
    let sql = format!("SELECT {COLUMNS} FROM requests r WHERE r.id = ?1");
    let row: Option<RequestRow> = conn
        .prepare_cached(&sql)?
        .query_row([id], RequestRow::from_row)
        .optional()?;
    let row = row.ok_or(AppError::NotFound)?;
    let owner = row.customer_id;
    if customer_id.is_some_and(|c| c != owner) {
        return Err(AppError::NotFound);
    }
    Ok((to_view(row)?, owner))
}

/// Appends to the request's trail; `staff_id` `None` means the customer.
pub(crate) fn log_event(
    conn: &Connection,
    at: &str,
    request_id: i64,
    staff_id: Option<i64>,
    action: RequestEventKind,
    detail: Option<&str>,
) -> AppResult<()> {
    conn.prepare_cached(
        "INSERT INTO request_events (request_id, at, staff_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![request_id, at, staff_id, action.code(), detail])?;
    Ok(())
}

/// The `customers` column that holds a field, where it is a single column.
pub(crate) fn stored_column(field: ProfileField) -> Option<&'static str> {
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

/// The field's value now, as the customer sees it (the account number masked).
fn current_value(
    conn: &Connection,
    customer_id: i64,
    field: ProfileField,
) -> AppResult<Option<String>> {
    let column = match (stored_column(field), field) {
        (Some(column), _) => column,
        (None, ProfileField::Address) => return stored_one_line_address(conn, customer_id),
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

/// The address on file on one line, written the way the contract writes it.
fn stored_one_line_address(conn: &Connection, customer_id: i64) -> AppResult<Option<String>> {
    type Parts = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let parts: Parts = conn
        .prepare_cached("SELECT street, postal_code, city, country FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    Ok(match parts {
        (Some(street), Some(postal_code), Some(city), Some(country)) => Some(
            AddressInput {
                street,
                postal_code,
                city,
                country,
            }
            .one_line(),
        ),
        _ => None,
    })
}

async fn list(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<RequestView>>> {
    Ok(Json(
        state
            .db
            .read(|c| customer_requests(c, session.customer_id))?,
    ))
}

/// Records a request. The same idempotency key again returns the first request (200)
/// instead of making a second one (201).
async fn create(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiJson(req): ApiJson<NewRequest>,
) -> AppResult<(StatusCode, Json<RequestView>)> {
    req.validate().map_err(AppError::Validation)?;
    let id = session.customer_id;
    let now = state.clock.now();
    // The idempotency key is looked up inside the writer's job, so two sends of the same
    // key cannot both miss it.
    let created = state
        .db
        .write(move |tx| {
                let existing: Option<i64> = tx
                    .prepare_cached(
                        "SELECT id FROM requests WHERE customer_id = ?1 AND idempotency_key = ?2",
                    )?
                    .query_row(params![id, req.idempotency_key.trim()], |r| r.get(0))
                    .optional()?;
                if let Some(request_id) = existing {
                    let (view, _) = load(tx, request_id, Some(id))?;
                    return Ok((view, None));
                }

                let received_on = IsoDate::in_finland(now);
                let (field, current, proposed, explanation) = match req.kind {
                    RequestKind::Inspection => (None, None, None, None),
                    RequestKind::Correction => {
                        let field = req.field.expect("validated");
                        let proposed = field
                            .normalise(req.proposed_value.as_deref().unwrap_or(""))
                            .expect("validated");
                        let explanation =
                            req.explanation.as_deref().map(str::trim).map(str::to_owned);
                        (
                            Some(field),
                            current_value(tx, id, field)?,
                            Some(proposed),
                            explanation,
                        )
                    }
                };
                let request_id: i64 = tx
                    .prepare_cached(
                        "INSERT INTO requests (customer_id, idempotency_key, kind, status, received_at, received_on, deadline, \
                         field, current_value, proposed_value, explanation, updated_at) \
                         VALUES (?1, ?2, ?3, ?11, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4) RETURNING id",
                    )?
                    .query_row(
                        params![
                            id,
                            req.idempotency_key.trim(),
                            req.kind.code(),
                            rfc3339(now),
                            received_on.to_string(),
                            request_deadline(received_on, 0).to_string(),
                            field.map(ProfileField::code),
                            current,
                            proposed,
                            explanation,
                            RequestStatus::Received.code()
                        ],
                        |r| r.get(0),
                    )?;
                log_event(
                    tx,
                    &rfc3339(now),
                    request_id,
                    None,
                    RequestEventKind::Received,
                    None,
                )?;
                let (view, _) = load(tx, request_id, Some(id))?;
                Ok((view, Some(req.kind)))
        })
        .await?;
    match created {
        (view, None) => Ok((StatusCode::OK, Json(view))),
        (view, Some(kind)) => {
            tracing::info!(
                request_id = view.id,
                customer_id = id,
                kind = kind.code(),
                "request received"
            );
            Ok((StatusCode::CREATED, Json(view)))
        }
    }
}

/// Withdraws an open request of the customer's own.
async fn cancel(
    State(state): State<AppState>,
    session: CustomerSession,
    ApiPath(request_id): ApiPath<i64>,
) -> AppResult<Json<RequestView>> {
    let customer_id = session.customer_id;
    let at = state.clock.now_rfc3339();
    let view = state
        .db
        .write(move |tx| {
            let (view, _) = load(tx, request_id, Some(customer_id))?;
            let next = RequestAction::Cancel
                .next(view.status)
                .ok_or(AppError::InvalidTransition)?;
            set_status(tx, &at, request_id, next)?;
            log_event(
                tx,
                &at,
                request_id,
                None,
                RequestAction::Cancel.event(),
                None,
            )?;
            let (view, _) = load(tx, request_id, Some(customer_id))?;
            Ok(view)
        })
        .await?;
    Ok(Json(view))
}

pub(crate) fn set_status(
    conn: &Connection,
    at: &str,
    request_id: i64,
    status: RequestStatus,
) -> AppResult<()> {
    conn.prepare_cached("UPDATE requests SET status = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![status.code(), at, request_id])?;
    Ok(())
}
