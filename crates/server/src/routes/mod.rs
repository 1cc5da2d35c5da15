//! The API, one module per resource, each with its own `router()`.

use axum::{http::Method, Router};

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

/// The API's router and the list of its routes, made by the same calls, so the list has
/// every route (the route × role test walks it) and no route is missing from it.
pub struct Api {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

/// One method of building [`Api`], per HTTP method.
macro_rules! api_method {
    ($name:ident, $method:ident) => {
        pub fn $name<H, T>(mut self, path: &'static str, handler: H) -> Self
        where
            H: axum::handler::Handler<T, AppState>,
            T: 'static,
        {
            self.list.push((Method::$method, path));
            // Calls for the same path merge into one method router.
            self.router = self.router.route(path, axum::routing::$name(handler));
            self
        }
    };
}

impl Api {
    api_method!(get, GET);
    api_method!(post, POST);
    api_method!(put, PUT);
    api_method!(patch, PATCH);
    api_method!(delete, DELETE);
}

fn api() -> Api {
    let api = Api {
        router: Router::new(),
        list: Vec::new(),
    };
    let api = session::routes(api);
    let api = me::routes(api);
    let api = history::routes(api);
    let api = devices::routes(api);
    let api = billing::routes(api);
    let api = bank_report::routes(api);
    let api = marketing::routes(api);
    let api = staff::routes(api);
    let api = requests::routes(api);
    let api = staff_requests::routes(api);
    export::routes(api)
}

pub fn router() -> Router<AppState> {
    api().router.fallback(|| async { AppError::NotFound })
}

/// Every route of the API: its method and path under `/api`, with `{name}` for parameters.
pub fn list() -> Vec<(Method, String)> {
    api()
        .list
        .into_iter()
        .map(|(method, path)| (method, format!("/api{path}")))
        .collect()
}
