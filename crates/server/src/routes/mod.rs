//! The API, one module per resource, each with its own `routes()`. Each handler carries its
//! OpenAPI description (`#[utoipa::path]`), and the router is built from those descriptions,
//! so `GET /api/openapi.json` lists exactly the routes that exist.

use axum::{http::header, Router};
use utoipa::{
    openapi::{
        header::HeaderBuilder,
        path::Operation,
        security::{ApiKey, ApiKeyValue, SecurityScheme},
        OpenApi, Ref, RefOr, ResponseBuilder, Type,
    },
    OpenApi as _,
};
use utoipa_axum::router::OpenApiRouter;

use crate::{error::AppError, AppState};

mod account;
mod bank_report;
mod billing;
mod devices;
mod export;
mod history;
mod marketing;
mod me;
mod password;
mod requests;
mod session;
mod staff;
mod staff_customers;
mod staff_requests;

/// What each resource module adds its routes to.
pub type Api = OpenApiRouter<AppState>;

/// The security scheme names the handlers' `security(...)` refer to.
pub const CUSTOMER: &str = "customer_session";
pub const STAFF: &str = "staff_session";

/// The document's frame; the paths and schemas come from the handlers.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Kleverapp self-service API",
        description = "The customer register of Klever Ab Oy as its customers and staff use it. \
            Every failing answer carries an `ErrorBody` whose `code` says what went wrong. \
            A request that changes something (POST, PUT, PATCH, DELETE) must come from the \
            app's own origin (`Sec-Fetch-Site: same-origin`).",
        license(name = "Proprietary")
    ),
    // Path and query parameters refer to these; bodies bring their own schemas.
    components(schemas(klever_api::ErrorBody, klever_api::AudienceChannel, klever_api::RequestAction))
)]
struct Frame;

fn api() -> Api {
    let api = Api::new();
    let api = session::routes(api);
    let api = me::routes(api);
    let api = password::routes(api);
    let api = account::routes(api);
    let api = history::routes(api);
    let api = devices::routes(api);
    let api = billing::routes(api);
    let api = bank_report::routes(api);
    let api = marketing::routes(api);
    let api = staff::routes(api);
    let api = requests::routes(api);
    let api = staff_requests::routes(api);
    let api = staff_customers::routes(api);
    let api = export::routes(api);
    OpenApiRouter::with_openapi(Frame::openapi())
        .nest("/api", api.fallback(|| async { AppError::NotFound }))
}

/// The API's routes (under `/api`, unknown paths a JSON 404) and their OpenAPI document.
pub fn router() -> (Router<AppState>, OpenApi) {
    let (router, mut doc) = api().split_for_parts();
    complete(&mut doc);
    let json: std::sync::Arc<str> = doc.to_json().expect("the document is plain data").into();
    let router = router.route(
        "/api/openapi.json",
        axum::routing::get(move || {
            let json = json.clone();
            async move {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    json.to_string(),
                )
            }
        }),
    );
    (router, doc)
}

/// The API's OpenAPI 3.1 document.
pub fn document() -> OpenApi {
    router().1
}

/// Adds what the handlers' own descriptions leave out because every route shares it: the
/// two session cookies, and the error answers that come from the layers and extractors
/// rather than from a handler (no session, a request from another site, a body that is not
/// JSON, a path id that is no number, a database that gave up).
fn complete(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, cookie, whose) in [
        (CUSTOMER, "klever_session", "a customer"),
        (STAFF, "klever_staff", "a staff member"),
    ] {
        let mut key = ApiKeyValue::new(cookie);
        key.description = Some(format!(
            "The session of {whose}, set by signing in; HttpOnly, SameSite=Strict, and \
             named `__Host-{cookie}` when the server runs behind HTTPS."
        ));
        components.add_security_scheme(name, SecurityScheme::ApiKey(ApiKey::Cookie(key)));
    }
    let common = [
        ("Malformed", "The body or query is not what the operation takes (`malformed_request`); nothing was done.", false),
        ("Unauthorized", "No valid session (`unauthorized`): sign in again.", false),
        ("Refused", "Refused (`cross_site_request`, `forbidden`, or the reason the operation gives); nothing was done.", false),
        ("NotFound", "No such resource for the signed-in account (`not_found`).", false),
        ("NotJson", "The body is not `application/json` (`unsupported_media_type`); nothing was done.", false),
        ("Internal", "The server failed (`internal`); details are only in its log.", false),
        ("Busy", "The database gave up the transaction for competing ones (`internal`); nothing was done; try again after `Retry-After` seconds.", true),
    ];
    for (name, description, retry_after) in common {
        let mut response = ResponseBuilder::new()
            .description(description)
            .content("application/json", error_content());
        if retry_after {
            response = response.header("Retry-After", seconds_header());
        }
        components
            .responses
            .insert(name.to_owned(), response.build().into());
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [
            (&mut item.get, false),
            (&mut item.post, true),
            (&mut item.put, true),
            (&mut item.patch, true),
            (&mut item.delete, true),
        ];
        for (operation, changes) in operations {
            if let Some(operation) = operation {
                add_common(operation, changes);
            }
        }
    }
}

fn add_common(operation: &mut Operation, changes: bool) {
    let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let params = operation.parameters.as_deref().unwrap_or_default();
    let in_path = params.iter().any(|p| {
        matches!(p, RefOr::T(p) if matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Path))
    });
    let in_query = params.iter().any(|p| {
        matches!(p, RefOr::T(p) if matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
    });
    let body = operation.request_body.is_some();
    let wanted = [
        ("400", "Malformed", body || in_query),
        ("401", "Unauthorized", secured),
        ("403", "Refused", changes),
        ("404", "NotFound", in_path),
        ("415", "NotJson", body),
        ("500", "Internal", true),
        ("503", "Busy", true),
    ];
    let responses = &mut operation.responses.responses;
    for (status, name, applies) in wanted {
        if applies {
            // A handler's own description of the status says more; it stays.
            responses
                .entry(status.to_owned())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
        }
    }
}

fn error_content() -> utoipa::openapi::Content {
    utoipa::openapi::Content::new(Some(Ref::from_schema_name("ErrorBody")))
}

fn seconds_header() -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new().schema_type(Type::Integer),
        ))
        .description(Some("Seconds to wait before trying again."))
        .build()
}
