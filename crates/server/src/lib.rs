//! Kleverapp's server: the JSON API under `/api` and the built browser app for everything else.

use std::sync::Arc;

use axum::{
    http::{header, HeaderValue},
    Router,
};
use sqlx::SqlitePool;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

pub mod auth;
pub mod changes;
pub mod config;
pub mod db;
pub mod error;
mod routes;
pub mod seed;

pub use config::Config;

#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub config: Arc<Config>,
}

/// The whole application. Unknown `/api` paths are JSON 404s; any other unknown path gets
/// `index.html`, so the browser app's own router can show the page (or its not-found page).
pub fn app(state: AppState) -> Router {
    let index = state.config.static_dir.join("index.html");
    let static_files = ServeDir::new(&state.config.static_dir).fallback(ServeFile::new(index));
    let api = routes::router()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .fallback_service(static_files)
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
}

/// Opens (and migrates) the database, seeds demo data if configured, and builds the state.
pub async fn prepare(config: Config) -> Result<AppState, sqlx::Error> {
    let pool = db::connect(&config.database_url).await?;
    if config.demo_data && seed::seed_demo_data(&pool).await? {
        tracing::info!("seeded demo customers into the empty database");
    }
    Ok(AppState {
        pool,
        config: Arc::new(config),
    })
}

/// Serves until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
