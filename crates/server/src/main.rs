use klever_server::{prepare, serve, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let config = Config::from_env()?;
    let bind = config.bind;
    let state = prepare(config).await?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!("serving Kleverapp on http://{}", listener.local_addr()?);
    serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
