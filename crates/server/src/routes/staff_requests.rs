//! `/api/staff/requests`: the customer-service queue and the steps of handling a request.
//! Only customer-service staff may handle requests; every step is logged with who and when.

use axum::{
    extract::State,
    routing::{get, post},
    Json, Router,
};
use klever_api::{
    may_extend, request_deadline, Iban, IsoDate, ProfileField, QueueItem, RequestAction,
    RequestDetail, RequestEvent, RequestEventKind, RequestKind, RequestStatus, StaffAction,
    StaffRole,
};
use rusqlite::{params, Connection};

use super::{
    export::{as_download, build_export},
    me::load_profile,
    requests::{load, log_event, set_status, stored_column, to_view, RequestRow, COLUMNS},
};
use crate::{
    auth::StaffSession,
    changes::{record_history, ChangedBy},
    clock::rfc3339,
    error::{email_in_use, from_code, ApiJson, ApiPath, AppError, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/requests", get(queue))
        .route("/staff/requests/{id}", get(detail))
        .route("/staff/requests/{id}/{action}", post(act))
        .route("/staff/requests/{id}/export", get(export_for_request))
}

fn require_service(staff: &StaffSession) -> AppResult<()> {
    if staff.role == StaffRole::CustomerService {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn item(conn: &Connection, id: i64, today: IsoDate) -> AppResult<QueueItem> {
    let (request, customer_id) = load(conn, id, None)?;
    let (first, last): (String, String) = conn
        .prepare_cached("SELECT first_name, last_name FROM customers WHERE id = ?1")?
        .query_row([customer_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(QueueItem {
        overdue: request.status.is_open() && request.deadline < today.to_string(),
        request,
        customer_id,
        customer_name: format!("{first} {last}"),
    })
}

/// The open statuses' codes as an SQL list: `'received', 'in_progress', 'extended'`. Codes
/// are the contract's fixed identifiers, never input, so they may stand in the SQL text.
fn open_statuses() -> String {
    RequestStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Open requests, earliest deadline first.
async fn queue(
    State(state): State<AppState>,
    staff: StaffSession,
) -> AppResult<Json<Vec<QueueItem>>> {
    require_service(&staff)?;
    let sql = format!(
        "SELECT {COLUMNS}, c.first_name || ' ' || c.last_name AS customer_name FROM requests r \
         JOIN customers c ON c.id = r.customer_id \
         WHERE r.status IN ({}) ORDER BY r.deadline, r.received_at, r.id",
        open_statuses()
    );
    // Every open request: on a blocking thread, not holding up other requests.
    let rows: Vec<QueueRow> = state
        .db
        .read_blocking(move |c| {
            let mut query = c.prepare_cached(&sql)?;
            let rows = query.query_map([], |r| {
                Ok(QueueRow {
                    request: RequestRow::from_row(r)?,
                    customer_name: r.get(13)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    let today = state.clock.today_in_finland().to_string();
    rows.into_iter()
        .map(|r| {
            let customer_id = r.request.customer_id;
            let request = to_view(r.request)?;
            Ok(QueueItem {
                overdue: request.deadline < today,
                request,
                customer_id,
                customer_name: r.customer_name,
            })
        })
        .collect::<AppResult<Vec<_>>>()
        .map(Json)
}

struct QueueRow {
    request: RequestRow,
    customer_name: String,
}

async fn detail(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<RequestDetail>> {
    require_service(&staff)?;
    type Event = (String, String, Option<String>, Option<String>);
    let today = state.clock.today_in_finland();
    let (item, customer, events) = state.db.read(|c| {
        crate::db::consistent(c, |c| {
            let item = item(c, id, today)?;
            let customer = load_profile(c, item.customer_id)?;
            let mut query = c.prepare_cached(
                "SELECT e.at, e.action, s.name, e.detail FROM request_events e LEFT JOIN staff s ON s.id = e.staff_id \
                 WHERE e.request_id = ?1 ORDER BY e.id",
            )?;
            let events = query
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<Vec<Event>, _>>()?;
            Ok((item, customer, events))
        })
    })?;
    let events = events
        .into_iter()
        .map(|(at, action, staff_name, detail)| {
            Ok(RequestEvent {
                at,
                action: from_code(&action)?,
                staff_name,
                detail,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(Json(RequestDetail {
        item,
        customer,
        events,
    }))
}

/// One step: start, extend (1–2 months, with a reason, within the first month), complete
/// (with an answer; an approved correction is applied in the same transaction), or reject
/// (with a reason). A step the status does not allow is refused with 409.
async fn act(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath((id, action)): ApiPath<(i64, RequestAction)>,
    ApiJson(body): ApiJson<StaffAction>,
) -> AppResult<Json<QueueItem>> {
    require_service(&staff)?;
    if !action.is_staff_step() {
        return Err(AppError::NotFound);
    }
    let staff_id = staff.staff_id;
    let now = state.clock.now();
    let (today, at) = (IsoDate::in_finland(now), rfc3339(now));
    let item = state
        .db
        .write(move |tx| {
            let (request, customer_id) = load(tx, id, None)?;
            let next = action
                .next(request.status)
                .ok_or(AppError::InvalidTransition)?;
            let valid = body.validate(action).map_err(AppError::Validation)?;
            let text = valid.text.as_ref().map(klever_api::FreeText::as_str);
            match action {
                RequestAction::Extend => {
                    let received_on: String = tx
                        .prepare_cached("SELECT received_on FROM requests WHERE id = ?1")?
                        .query_row([id], |r| r.get(0))?;
                    let received_on = IsoDate::parse(&received_on)?;
                    if !may_extend(received_on, today) {
                        return Err(AppError::InvalidTransition);
                    }
                    let months = valid.months.unwrap_or(1);
                    tx.prepare_cached(
                        "UPDATE requests SET deadline = ?1, extension_reason = ?2 WHERE id = ?3",
                    )?
                    .execute(params![
                        request_deadline(received_on, months).to_string(),
                        text,
                        id
                    ])?;
                }
                RequestAction::Complete | RequestAction::Reject => {
                    if action == RequestAction::Complete && request.kind == RequestKind::Correction
                    {
                        apply_correction(tx, &at, customer_id, &request, staff_id)?;
                    }
                    tx.prepare_cached("UPDATE requests SET answer = ?1 WHERE id = ?2")?
                        .execute(params![text, id])?;
                }
                RequestAction::Start | RequestAction::Cancel => {}
            }
            set_status(tx, &at, id, next)?;
            log_event(tx, &at, id, Some(staff_id), action.event(), text)?;
            item(tx, id, today)
        })
        .await?;
    tracing::info!(
        request_id = id,
        staff_id,
        event = action.event().code(),
        "request step"
    );
    Ok(Json(item))
}

/// The requesting customer's full data, for answering an inspection request. Who exported
/// it, and when, goes into the request's trail in the same transaction.
async fn export_for_request(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<impl axum::response::IntoResponse> {
    require_service(&staff)?;
    let staff_id = staff.staff_id;
    let now = state.clock.now();
    let export = state
        .db
        .write(move |tx| {
            let (_, customer_id) = load(tx, id, None)?;
            let export = build_export(tx, customer_id, now)?;
            log_event(
                tx,
                &rfc3339(now),
                id,
                Some(staff_id),
                RequestEventKind::Exported,
                None,
            )?;
            Ok(export)
        })
        .await?;
    Ok(as_download(export))
}

/// Writes an approved correction and its history entry (channel staff, with the employee).
/// Address, billing and bank-report corrections are made by hand, so only their answer is recorded.
fn apply_correction(
    conn: &Connection,
    at: &str,
    customer_id: i64,
    request: &klever_api::RequestView,
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
