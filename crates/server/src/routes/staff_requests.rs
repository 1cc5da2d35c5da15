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
use klever_api::{DataExport, ErrorBody};
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(queue))
        .routes(routes!(detail))
        .routes(routes!(act))
        .routes(routes!(export_for_request))
}

fn require_service(staff: &StaffSession) -> AppResult<()> {
    if staff.role == StaffRole::CustomerService {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Open requests, earliest deadline first.
#[utoipa::path(
    get, path = "/staff/requests", operation_id = "request_queue", tag = "staff", security(("staff_session" = [])),
    responses(
        (status = 200, description = "Open requests, earliest deadline first.", body = Vec<QueueItem>),
        (status = 403, description = "Only customer-service staff handle requests (`forbidden`).", body = ErrorBody),
    )
)]
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

#[utoipa::path(
    get, path = "/staff/requests/{id}", operation_id = "request_detail", tag = "staff", security(("staff_session" = [])),
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 200, description = "The request, its customer and its trail.", body = RequestDetail),
        (status = 403, description = "Only customer-service staff handle requests (`forbidden`).", body = ErrorBody),
        (status = 404, description = "No request has that id (`not_found`).", body = ErrorBody),
    )
)]
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
#[utoipa::path(
    post, path = "/staff/requests/{id}/{action}", operation_id = "request_step", tag = "staff", security(("staff_session" = [])),
    params(
        ("id" = i64, Path, description = "The request's id."),
        ("action" = RequestAction, Path, description = "The step: start, extend, complete or reject."),
    ),
    request_body = StaffAction,
    responses(
        (status = 200, description = "Done; the request as it is now.", body = QueueItem),
        (status = 403, description = "Only customer-service staff handle requests (`forbidden`), or a request from another site.", body = ErrorBody),
        (status = 404, description = "No request has that id, or no such step (`not_found`).", body = ErrorBody),
        (status = 409, description = "The request's status does not allow this step (`invalid_transition`).", body = ErrorBody),
        (status = 422, description = "A value failed its check (`validation_failed`; see `fields`).", body = ErrorBody),
    )
)]
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
#[utoipa::path(
    get, path = "/staff/requests/{id}/export", operation_id = "request_export", tag = "staff", security(("staff_session" = [])),
    params(("id" = i64, Path, description = "The request's id.")),
    responses(
        (status = 200, description = "Everything held about the requesting customer; the export is logged.", body = DataExport,
            headers(("Content-Disposition" = String, description = "A download named by the date."))),
        (status = 403, description = "Only customer-service staff handle requests (`forbidden`).", body = ErrorBody),
        (status = 404, description = "No request has that id (`not_found`).", body = ErrorBody),
    )
)]
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
