//! `/api/staff/requests`: the customer-service queue and the steps of handling a request.
//! Only customer-service staff may handle requests; every step is logged with who and when.

use axum::{extract::State, Json};
use klever_api::{
    IsoDate, QueueItem, RequestAction, RequestDetail, RequestEventKind, StaffAction, StaffRole,
};

use super::export::{as_download, build_export};
use super::Api;
use crate::{
    auth::StaffSession,
    clock::rfc3339,
    error::{ApiJson, ApiPath, AppError, AppResult},
    store::{customers, requests},
    AppState,
};

pub fn routes(api: Api) -> Api {
    api.get("/staff/requests", queue)
        .get("/staff/requests/{id}", detail)
        .post("/staff/requests/{id}/{action}", act)
        .get("/staff/requests/{id}/export", export_for_request)
}

fn require_service(staff: &StaffSession) -> AppResult<()> {
    if staff.role == StaffRole::CustomerService {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Open requests, earliest deadline first.
async fn queue(
    State(state): State<AppState>,
    staff: StaffSession,
) -> AppResult<Json<Vec<QueueItem>>> {
    require_service(&staff)?;
    let today = state.clock.today_in_finland();
    // Every open request: on a blocking thread, not holding up other requests.
    let queue = state
        .db
        .read_blocking(move |c| requests::queue(c, today))
        .await?;
    Ok(Json(queue))
}

async fn detail(
    State(state): State<AppState>,
    staff: StaffSession,
    ApiPath(id): ApiPath<i64>,
) -> AppResult<Json<RequestDetail>> {
    require_service(&staff)?;
    let today = state.clock.today_in_finland();
    let detail = state
        .db
        .read(move |c| {
            crate::db::consistent(c, |c| {
                let item = requests::item(c, id, today)?;
                Ok(RequestDetail {
                    customer: customers::profile(c, item.customer_id)?,
                    events: requests::trail(c, id)?,
                    item,
                })
            })
        })
        .await?;
    Ok(Json(detail))
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
        .write(move |tx| requests::take_step(tx, &at, today, id, staff_id, action, &body))
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
            let (_, customer_id) = requests::get(tx, id, None)?;
            let export = build_export(tx, customer_id, now)?;
            requests::log_event(
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
