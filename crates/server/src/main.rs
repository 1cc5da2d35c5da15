use klever_server::{db, links, prepare, seed, serve, Config};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: klever-server                     serve (settings from the environment)
       klever-server seed-bench [--customers N] [--no-migrate]
           fill the EMPTY database at DATABASE_URL with N (default 10000) load-test customers,
           bench00001@bench.example … , all with the password bench-password-2026;
           --no-migrate leaves the schema as an older server made it (to benchmark that server)
       klever-server invite --email ADDRESS [--email ADDRESS ...]
           send each customer (by email) who has not used the app yet an activation link,
           valid 48 hours; a running server with mail settings delivers it";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match start().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // As written, for the operator: what is wrong and what to set instead.
            eprintln!("klever-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn start() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => run().await,
        ["invite", rest @ ..] => {
            let mut emails = Vec::new();
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match *arg {
                    "--email" => emails.push(*rest.next().ok_or(USAGE)?),
                    _ => return Err(USAGE.into()),
                }
            }
            if emails.is_empty() {
                return Err(USAGE.into());
            }
            invite(&emails).await
        }
        ["seed-bench", rest @ ..] => {
            let (mut customers, mut migrate) = (10_000, true);
            let mut rest = rest.iter();
            while let Some(arg) = rest.next() {
                match *arg {
                    "--customers" => {
                        customers = rest.next().and_then(|n| n.parse().ok()).ok_or(USAGE)?
                    }
                    "--no-migrate" => migrate = false,
                    _ => return Err(USAGE.into()),
                }
            }
            seed_bench(customers, migrate).await
        }
        _ => Err(USAGE.into()),
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::from_env()?;
    let bind = config.bind;
    let state = prepare(config).await?;
    let db = state.db.clone();
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!("serving Kleverapp on http://{}", listener.local_addr()?);
    serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    // Commits what is still queued and checkpoints the WAL on the way out.
    db.close().await;
    Ok(())
}

/// One line per address: sent, already active, or no such customer. Fails (exit status 1)
/// if any address was no customer's, so a script notices a typo.
async fn invite(emails: &[&str]) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let state = prepare(Config::from_env()?).await?;
    let mut unknown = 0;
    for email in emails {
        match links::invite(&state, email).await? {
            links::Invited::Sent => println!("{email}: activation link queued"),
            links::Invited::AlreadyActive => {
                println!("{email}: uses the app already; nothing sent")
            }
            links::Invited::NoSuchCustomer => {
                unknown += 1;
                println!("{email}: no customer has this address");
            }
        }
    }
    state.db.close().await;
    if unknown > 0 {
        return Err(format!("{unknown} of {} addresses are no customer's", emails.len()).into());
    }
    Ok(())
}

async fn seed_bench(
    customers: u32,
    migrate: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::from_env()?;
    let started = std::time::Instant::now();
    let db = if migrate {
        db::connect(&config.database_url).await?
    } else {
        db::connect_unmigrated(&config.database_url).await?
    };
    seed::seed_bench(&db, customers).await?;
    db.close().await;
    tracing::info!(
        customers,
        seconds = started.elapsed().as_secs_f64(),
        "seeded benchmark customers"
    );
    Ok(())
}
