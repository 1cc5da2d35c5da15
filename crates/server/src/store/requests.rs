//! Inspection and correction requests and their trail. Every step and the trail entry that
//! records it are written in one transaction; the trail is never edited.

use crate::params;
use crate::sql::{Conn, OptionalExtension, Row};
use klever_api::{
    may_extend, request_deadline, FreeText, IsoDate, NewRequest, ProfileField, QueueItem,
    RequestAction, RequestEvent, RequestEventKind, RequestKind, RequestStatus, RequestView,
    StaffAction,
};

use super::customers;
use super::from_code;
use crate::error::{AppError, AppResult};

struct RequestRow {
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
    customer_id: i64,
}

const COLUMNS: &str =
    "r.id, r.kind, r.status, r.received_at, r.deadline, r.field, r.current_value, \
     r.proposed_value, r.explanation, r.extension_reason, r.answer, r.updated_at, r.customer_id";

impl RequestRow {
    /// The row as selected by [`COLUMNS`].
    fn from_row(r: &Row) -> crate::sql::Result<RequestRow> {
        Ok(RequestRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            status: r.get(2)?,
            received_at: r.get(3)?,
            deadline: r.get(4)?,
            field: r.get(5)?,
            current_value: r.get(6)?,
            proposed_value: r.get(7)?,
            explanation: r.get(8)?,
            extension_reason: r.get(9)?,
            answer: r.get(10)?,
            updated_at: r.get(11)?,
            customer_id: r.get(12)?,
        })
    }

    fn into_view(self) -> AppResult<RequestView> {
        Ok(RequestView {
            id: self.id,
            kind: from_code(&self.kind)?,
            status: from_code(&self.status)?,
            received_at: self.received_at,
            deadline: self.deadline,
            field: self.field.as_deref().map(from_code).transpose()?,
            current_value: self.current_value,
            proposed_value: self.proposed_value,
            explanation: self.explanation,
            extension_reason: self.extension_reason,
            answer: self.answer,
            updated_at: self.updated_at,
        })
    }
}

/// The customer's requests, newest first.
pub fn for_customer(conn: &Conn, customer_id: i64) -> AppResult<Vec<RequestView>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM requests r WHERE r.customer_id = ?1 ORDER BY r.received_at DESC, r.id DESC"
    );
    let mut query = conn.prepare_cached(&sql)?;
    let rows = query
        .query_map([customer_id], RequestRow::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(RequestRow::into_view).collect()
}

/// One request, with whose it is. Given `customer_id`, another customer's request is
/// simply not found.
pub fn get(conn: &Conn, id: i64, customer_id: Option<i64>) -> AppResult<(RequestView, i64)> {
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
    Ok((row.into_view()?, owner))
}

/// Records a validated request at `now`, or, when the customer already sent one with the
/// same idempotency key, finds that one. `true` when it was made now. The unique key
/// decides, not a look before the write, so two sends at once cannot both make one.
pub fn create(
    tx: &Conn,
    customer_id: i64,
    req: &NewRequest,
    now: i64,
) -> AppResult<(RequestView, bool)> {
    let key = req.idempotency_key.trim();
    let at = crate::clock::rfc3339(now);
    let received_on = IsoDate::in_finland(now);
    let (field, current, proposed, explanation) = match req.kind {
        RequestKind::Inspection => (None, None, None, None),
        RequestKind::Correction => {
            let field = req
                .field
                .ok_or_else(|| AppError::Internal("a correction without a field".into()))?;
            let proposed = field
                .normalise(req.proposed_value.as_deref().unwrap_or(""))
                .map_err(|e| AppError::field("proposed_value", e))?;
            let explanation = req.explanation.as_deref().map(str::trim).map(str::to_owned);
            (
                Some(field),
                customers::shown_value(tx, customer_id, field)?,
                Some(proposed),
                explanation,
            )
        }
    };
    let inserted: Option<i64> = tx
        .prepare_cached(
            "INSERT INTO requests (customer_id, idempotency_key, kind, status, received_at, received_on, deadline, \
             field, current_value, proposed_value, explanation, updated_at) \
             VALUES (?1, ?2, ?3, ?11, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4) \
             ON CONFLICT (customer_id, idempotency_key) DO NOTHING RETURNING id",
        )?
        .query_row(
            params![
                customer_id,
                key,
                req.kind.code(),
                at,
                received_on.to_string(),
                request_deadline(received_on, 0).to_string(),
                field.map(ProfileField::code),
                current,
                proposed,
                explanation,
                RequestStatus::Received.code()
            ],
            |r| r.get(0),
        )
        .optional()?;
    let Some(request_id) = inserted else {
        let first: i64 = tx
            .prepare_cached(
                "SELECT id FROM requests WHERE customer_id = ?1 AND idempotency_key = ?2",
            )?
            .query_row(params![customer_id, key], |r| r.get(0))?;
        let (view, _) = get(tx, first, Some(customer_id))?;
        return Ok((view, false));
    };
    log_event(tx, &at, request_id, None, RequestEventKind::Received, None)?;
    let (view, _) = get(tx, request_id, Some(customer_id))?;
    Ok((view, true))
}

/// Withdraws an open request of the customer's own.
pub fn cancel(tx: &Conn, at: &str, request_id: i64, customer_id: i64) -> AppResult<RequestView> {
    let (view, _) = get(tx, request_id, Some(customer_id))?;
    let next = RequestAction::Cancel
        .next(view.status)
        .ok_or(AppError::InvalidTransition)?;
    set_status(tx, at, request_id, next)?;
    log_event(
        tx,
        at,
        request_id,
        None,
        RequestAction::Cancel.event(),
        None,
    )?;
    let (view, _) = get(tx, request_id, Some(customer_id))?;
    Ok(view)
}

/// One staff step (start, extend, complete, reject) with its words, checked for the step
/// once the step is known to be allowed. Extending moves the deadline from the day of receipt, and only within the
/// first month; completing a correction writes the corrected value and its history entry;
/// every step goes into the trail with the employee. A step the status does not allow is
/// `InvalidTransition`.
pub fn take_step(
    tx: &Conn,
    at: &str,
    today: IsoDate,
    id: i64,
    staff_id: i64,
    action: RequestAction,
    body: &StaffAction,
) -> AppResult<QueueItem> {
    let (request, customer_id) = get(tx, id, None)?;
    let next = action
        .next(request.status)
        .ok_or(AppError::InvalidTransition)?;
    let valid = body.validate(action).map_err(AppError::Validation)?;
    let text = valid.text.as_ref().map(FreeText::as_str);
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
            if action == RequestAction::Complete && request.kind == RequestKind::Correction {
                customers::apply_correction(tx, at, customer_id, &request, staff_id)?;
            }
            tx.prepare_cached("UPDATE requests SET answer = ?1 WHERE id = ?2")?
                .execute(params![text, id])?;
        }
        RequestAction::Start | RequestAction::Cancel => {}
    }
    set_status(tx, at, id, next)?;
    log_event(tx, at, id, Some(staff_id), action.event(), text)?;
    item(tx, id, today)
}

fn set_status(conn: &Conn, at: &str, request_id: i64, status: RequestStatus) -> AppResult<()> {
    conn.prepare_cached("UPDATE requests SET status = ?1, updated_at = ?2 WHERE id = ?3")?
        .execute(params![status.code(), at, request_id])?;
    Ok(())
}

/// Appends to the request's trail; `staff_id` `None` means the customer.
pub fn log_event(
    conn: &Conn,
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

/// One request as the queue shows it, overdue from the day after its deadline.
pub fn item(conn: &Conn, id: i64, today: IsoDate) -> AppResult<QueueItem> {
    let (request, customer_id) = get(conn, id, None)?;
    Ok(QueueItem {
        overdue: request.status.is_open() && request.deadline < today.to_string(),
        request,
        customer_id,
        customer_name: customers::full_name(conn, customer_id)?,
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

/// Every open request, earliest deadline first.
pub fn queue(conn: &Conn, today: IsoDate) -> AppResult<Vec<QueueItem>> {
    let sql = format!(
        "SELECT {COLUMNS}, c.first_name || ' ' || c.last_name AS customer_name FROM requests r \
         JOIN customers c ON c.id = r.customer_id \
         WHERE r.status IN ({}) ORDER BY r.deadline, r.received_at, r.id",
        open_statuses()
    );
    let mut query = conn.prepare_cached(&sql)?;
    let rows = query
        .query_map((), |r| Ok((RequestRow::from_row(r)?, r.get::<String>(13)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let today = today.to_string();
    rows.into_iter()
        .map(|(row, customer_name)| {
            let customer_id = row.customer_id;
            let request = row.into_view()?;
            Ok(QueueItem {
                overdue: request.deadline < today,
                request,
                customer_id,
                customer_name,
            })
        })
        .collect()
}

/// The request's trail, oldest first, each entry with the employee's name (none for the
/// customer).
pub fn trail(conn: &Conn, request_id: i64) -> AppResult<Vec<RequestEvent>> {
    struct EventRow {
        at: String,
        action: String,
        staff_name: Option<String>,
        detail: Option<String>,
    }
    let mut query = conn.prepare_cached(
        "SELECT e.at, e.action, s.name, e.detail FROM request_events e LEFT JOIN staff s ON s.id = e.staff_id \
         WHERE e.request_id = ?1 ORDER BY e.id",
    )?;
    let rows = query
        .query_map([request_id], |r| {
            Ok(EventRow {
                at: r.get(0)?,
                action: r.get(1)?,
                staff_name: r.get(2)?,
                detail: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|row| {
            Ok(RequestEvent {
                at: row.at,
                action: from_code(&row.action)?,
                staff_name: row.staff_name,
                detail: row.detail,
            })
        })
        .collect()
}
