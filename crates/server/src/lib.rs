//! Kleverapp's server: the JSON API under `/api` and the built browser app for everything else.

use std::sync::Arc;

use axum::{
    http::{header, HeaderValue},
    Router,
};
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

pub mod auth;
pub mod client_addr;
pub mod clock;
mod common_passwords;
pub mod config;
mod csp;
pub mod db;
pub mod error;
pub mod links;
pub mod mail;
pub mod request_log;
mod routes;
mod same_origin;
pub mod sql;
pub mod store;
/// Demo and benchmark data (`store::seed`), for the binary and the tests.
pub use store::seed;
pub mod writer;

pub use config::Config;

#[derive(Clone)]
pub struct AppState {
    /// Reads on its read-only pool; every write through its one writer.
    pub db: db::Db,
    pub config: Arc<Config>,
    /// Where every "now" comes from; tests set it.
    pub clock: clock::Clock,
}

/// The API's OpenAPI 3.1 document, as `GET /api/openapi.json` serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes::document()
}

/// Every route of the API (method and path template), read from the OpenAPI document the
/// router is built from.
pub fn api_routes() -> Vec<(axum::http::Method, String)> {
    let mut routes = Vec::new();
    for (path, item) in openapi().paths.paths {
        let operations = [
            (axum::http::Method::GET, item.get.is_some()),
            (axum::http::Method::POST, item.post.is_some()),
            (axum::http::Method::PUT, item.put.is_some()),
            (axum::http::Method::PATCH, item.patch.is_some()),
            (axum::http::Method::DELETE, item.delete.is_some()),
        ];
        for (method, present) in operations {
            if present {
                routes.push((method, path.clone()));
            }
        }
    }
    routes
}

/// The pages of the browser app: each is `index.html`, whose router shows the page.
const APP_PAGES: [&str; 20] = [
    "/",
    "/signin",
    "/privacy",
    "/accessibility",
    "/profile",
    "/profile/edit",
    "/profile/marketing",
    "/profile/devices",
    "/profile/password",
    "/account/forgot",
    "/account/reset",
    "/account/activate",
    "/requests",
    "/requests/correction",
    "/requests/data",
    "/staff",
    "/staff/signin",
    "/staff/requests/{id}",
    "/staff/customers",
    "/staff/customers/{id}",
];

/// The whole application. Unknown `/api` paths are JSON 404s. The app's pages get
/// `index.html`; any other path that is no built file answers 404, with `index.html` as the
/// body so a person sees the app's own not-found page (and a missing file is not mistaken
/// for a page).
pub fn app(state: AppState) -> Router {
    let index = state.config.static_dir.join("index.html");
    let policy = csp::policy(std::fs::read_to_string(&index).ok().as_deref());
    let policy = HeaderValue::from_str(&policy).expect("the policy is plain ASCII");
    // `.br` and `.gz` files written next to the build go to browsers that accept them.
    let page = ServeFile::new(&index)
        .precompressed_br()
        .precompressed_gzip();
    let static_files = ServeDir::new(&state.config.static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .not_found_service(page.clone());
    let static_files = APP_PAGES
        .into_iter()
        .fold(Router::new(), |router, path| {
            router.route_service(path, page.clone())
        })
        .fallback_service(static_files)
        .layer(axum::middleware::map_response(cache_policy));
    let (api, _) = routes::router();
    let api = api
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            same_origin::guard,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state);
    Router::new()
        .merge(api)
        .merge(static_files)
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            policy,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(axum::middleware::from_fn(request_log::log_request))
}

/// Trunk names built files by their content hash, so they never change and can be kept
/// for a year; anything else (index.html for every app route) must be checked each time.
async fn cache_policy(
    uri: axum::http::Uri,
    mut response: axum::response::Response,
) -> axum::response::Response {
    let hashed = uri
        .path()
        .rsplit_once('-')
        .and_then(|(_, tail)| tail.split(['.', '_']).next())
        .is_some_and(|hash| {
            (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        });
    let policy = if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    response
}

/// Opens (and migrates) the database, seeds demo data if configured, and builds the state
/// on the system clock (or the one `KLEVER_CLOCK_START` starts).
pub async fn prepare(config: Config) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
    let clock = config
        .clock_start
        .map_or_else(clock::Clock::system, clock::Clock::starting_at);
    prepare_with_clock(config, clock).await
}

/// [`prepare`] on a given clock (a test's fixed one).
pub async fn prepare_with_clock(
    config: Config,
    clock: clock::Clock,
) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
    let db = db::connect(&config.database_url).await?;
    if config.demo_data && seed::seed_demo_data(&db).await? {
        tracing::info!("seeded demo customers into the empty database");
    }
    Ok(AppState {
        db,
        config: Arc::new(config),
        clock,
    })
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The outbox's delivery runs beside the server and stops with it.
    let worker = mail::spawn_worker(state.clone()).map_err(std::io::Error::other)?;
    // With each connection's address, for counting failed sign-ins per client.
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    if let Some(worker) = worker {
        worker.abort();
    }
    served
}
