//! Requests that change something must come from the app's own pages (ASVS 4.2.2, 13.2.3).
//! The session cookie is `SameSite=Strict` already; this is the second lock, for browsers or
//! set-ups where that one fails. Reads are not guarded: they change nothing, and without
//! CORS another site cannot read the answer.

use axum::{
    extract::{Request, State},
    http::{header, Method},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{error::AppError, AppState};

/// Lets a POST, PUT, PATCH or DELETE through only when the browser says it comes from this
/// origin: `Sec-Fetch-Site: same-origin`, or, from a browser too old to send that, an
/// `Origin` equal to `KLEVER_PUBLIC_ORIGIN`. Anything else is refused with 403
/// `cross_site_request` before any handler runs, so nothing is written.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let allowed = match headers.get("sec-fetch-site") {
        Some(site) => site.as_bytes() == b"same-origin",
        None => match (headers.get(header::ORIGIN), &state.config.public_origin) {
            (Some(origin), Some(ours)) => {
                origin.to_str().is_ok_and(|o| o.eq_ignore_ascii_case(ours))
            }
            _ => false,
        },
    };
    if allowed {
        next.run(request).await
    } else {
        AppError::CrossSite.into_response()
    }
}
