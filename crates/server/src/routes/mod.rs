//! The API, one module per resource, each with its own `router()`.

use axum::Router;

use crate::{error::AppError, AppState};

mod bank_report;
mod billing;
mod devices;
mod export;
mod history;
mod marketing;
mod me;
mod requests;
mod session;
mod staff;
mod staff_requests;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(session::router())
        .merge(me::router())
        .merge(history::router())
        .merge(devices::router())
        .merge(billing::router())
        .merge(bank_report::router())
        .merge(marketing::router())
        .merge(staff::router())
        .merge(requests::router())
        .merge(staff_requests::router())
        .merge(export::router())
        .fallback(|| async { AppError::NotFound })
}
