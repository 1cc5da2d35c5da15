//! A load generator for the API, used by `scripts/bench-api`. Not part of the server.
//!
//! oha sends one fixed request again and again; saving needs many customers, each request
//! a real change (a marketing choice flipped, an address alternated, with the right
//! `If-Match` version), so this sends those.
//!
//! ```text
//! loadgen signin --base URL --customers N --cookies FILE
//!     signs in as bench customers 1..N (see `klever-server seed-bench`), one token a line
//! loadgen run --base URL --cookies FILE --mode me|marketing|patch
//!     [--rate R | --concurrency C] [--seconds S] [--warmup S] [--label L] [--db PATH]
//! ```
//! With `--rate`, open loop: request i is sent at start + i/R whatever the answers, and its
//! latency counts from that scheduled time (latency correction), so a stall shows in the
//! percentiles instead of slowing the sender. With `--concurrency`, closed loop: C workers,
//! each with its own customers, send back to back; that gives the saturation rate.
//! With `--db`, counts the rows the run wrote (consent log or change history) to check
//! them against the 2xx answers.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use reqwest::{Client, Method, RequestBuilder};
use serde_json::{json, Value};

type Failure = Box<dyn std::error::Error + Send + Sync>;

const CHOICE: &str = "consent_market_research";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Me,
    Marketing,
    Patch,
}

/// One signed-in customer and what the next change must be.
struct Customer {
    cookie: String,
    /// Requests sent so far for this customer in this run.
    sent: AtomicU64,
    consent: bool,
    version: i64,
    /// Whether the stored street is "Benchgatan 1" (so the first PATCH sets "… 2").
    street_one: bool,
}

impl Customer {
    /// The next request; every marketing PUT and PATCH changes a value, so each writes.
    fn request(&self, client: &Client, base: &str, mode: Mode) -> RequestBuilder {
        let k = self.sent.fetch_add(1, Ordering::Relaxed);
        let flip = k.is_multiple_of(2);
        let builder = match mode {
            Mode::Me => client.get(format!("{base}/api/me")),
            Mode::Marketing => client
                .put(format!("{base}/api/me/marketing/{CHOICE}"))
                .json(&json!({ "value": self.consent ^ flip })),
            Mode::Patch => {
                // The version each PATCH will find, if every earlier one succeeded.
                let street = if self.street_one ^ flip { 1 } else { 2 };
                client
                    .request(Method::PATCH, format!("{base}/api/me"))
                    .header("if-match", format!("\"v{}\"", self.version + k as i64))
                    .json(&json!({ "address": {
                        "street": format!("Benchgatan {street}"),
                        "postal_code": "65100", "city": "Vaasa", "country": "FI" } }))
            }
        };
        builder.header("cookie", &self.cookie)
    }
}

struct Args(HashMap<String, String>);

impl Args {
    fn parse(args: &[String]) -> Result<Args, Failure> {
        let mut map = HashMap::new();
        let mut it = args.iter();
        while let Some(key) = it.next() {
            let key = key.strip_prefix("--").ok_or(format!("unexpected {key}"))?;
            let value = it.next().ok_or(format!("--{key} needs a value"))?;
            map.insert(key.to_owned(), value.clone());
        }
        Ok(Args(map))
    }
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }
    fn need(&self, key: &str) -> Result<&str, Failure> {
        Ok(self.get(key).ok_or(format!("--{key} is required"))?)
    }
    fn num<T: std::str::FromStr>(&self, key: &str, default: T) -> Result<T, Failure> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => Ok(v
                .parse()
                .map_err(|_| format!("--{key} {v}: not a number"))?),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = argv.split_first().ok_or("usage: loadgen signin|run …")?;
    let args = Args::parse(rest)?;
    let client = Client::builder()
        .pool_max_idle_per_host(usize::MAX)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(10))
        .build()?;
    match command.as_str() {
        "signin" => signin(&client, &args).await,
        "run" => run(&client, &args).await,
        other => Err(format!("unknown command {other}").into()),
    }
}

/// Signs in as bench customers 1..=N, a few at a time (each sign-in is an Argon2 check).
async fn signin(client: &Client, args: &Args) -> Result<(), Failure> {
    let base = args.need("base")?.to_owned();
    let count: u32 = args.num("customers", 1000)?;
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(1));
    let mut workers = Vec::new();
    for _ in 0..4 {
        let (client, base, next) = (client.clone(), base.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            let mut tokens = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n > u64::from(count) {
                    return Ok::<_, Failure>(tokens);
                }
                let response = client
                    .post(format!("{base}/api/session"))
                    .json(&json!({
                        "email": klever_server::seed::bench_email(n as u32),
                        "password": klever_server::seed::BENCH_PASSWORD,
                    }))
                    .send()
                    .await?;
                if !response.status().is_success() {
                    return Err(format!("sign-in {n}: {}", response.status()).into());
                }
                let cookie = response
                    .headers()
                    .get("set-cookie")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.split(';').next())
                    .ok_or("sign-in set no cookie")?;
                tokens.push((n, cookie.to_owned()));
            }
        }));
    }
    let mut tokens = Vec::new();
    for worker in workers {
        tokens.extend(worker.await??);
    }
    tokens.sort();
    let text: String = tokens.iter().map(|(_, c)| format!("{c}\n")).collect();
    std::fs::write(args.need("cookies")?, text)?;
    eprintln!(
        "signed in {} customers in {:.1} s",
        tokens.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Reads each customer's current choices and version, which the changes build on.
async fn load_customers(
    client: &Client,
    base: &str,
    cookies: &str,
) -> Result<Vec<Customer>, Failure> {
    let mut customers = Vec::new();
    for cookie in cookies.lines().filter(|l| !l.is_empty()) {
        let profile: Value = client
            .get(format!("{base}/api/me"))
            .header("cookie", cookie)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        customers.push(Customer {
            cookie: cookie.to_owned(),
            sent: AtomicU64::new(0),
            consent: profile["marketing"][CHOICE].as_bool().unwrap_or(false),
            version: profile["version"]
                .as_i64()
                .ok_or("profile without a version")?,
            street_one: profile["contact"]["address"]["street"] == "Benchgatan 1",
        });
    }
    Ok(customers)
}

/// Rows of the table the mode writes one of per successful request.
async fn count_rows(db: Option<&str>, mode: Mode) -> Result<Option<i64>, Failure> {
    let (Some(path), Some(sql)) = (
        db,
        match mode {
            Mode::Me => None,
            Mode::Marketing => Some("SELECT COUNT(*) FROM consent_log"),
            Mode::Patch => Some("SELECT COUNT(*) FROM change_history WHERE field = 'address'"),
        },
    ) else {
        return Ok(None);
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}?mode=ro")).await?;
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await?;
    pool.close().await;
    Ok(Some(n))
}

#[derive(Default)]
struct Samples {
    /// Latencies of 2xx answers, microseconds.
    ok: Vec<u64>,
    failed: HashMap<String, u64>,
}

impl Samples {
    fn record(&mut self, outcome: Result<reqwest::StatusCode, String>, micros: u64) {
        match outcome {
            Ok(status) if status.is_success() => self.ok.push(micros),
            Ok(status) => *self.failed.entry(status.to_string()).or_default() += 1,
            Err(e) => *self.failed.entry(e).or_default() += 1,
        }
    }
}

async fn send(request: RequestBuilder) -> Result<reqwest::StatusCode, String> {
    match request.send().await {
        // Read the whole body: the answer is not complete before.
        Ok(response) => {
            let status = response.status();
            response.bytes().await.map_err(|e| short(&e))?;
            Ok(status)
        }
        Err(e) => Err(short(&e)),
    }
}

fn short(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout".into()
    } else if e.is_connect() {
        "connect error".into()
    } else {
        "transport error".into()
    }
}

async fn run(client: &Client, args: &Args) -> Result<(), Failure> {
    let base = args.need("base")?.to_owned();
    let mode = match args.need("mode")? {
        "me" => Mode::Me,
        "marketing" => Mode::Marketing,
        "patch" => Mode::Patch,
        other => return Err(format!("unknown mode {other}").into()),
    };
    let seconds: f64 = args.num("seconds", 10.0)?;
    let warmup: f64 = args.num("warmup", 1.0)?;
    let label = args.get("label").unwrap_or("run").to_owned();
    let cookies = std::fs::read_to_string(args.need("cookies")?)?;
    let customers = Arc::new(load_customers(client, &base, &cookies).await?);
    if customers.is_empty() {
        return Err("no signed-in customers".into());
    }
    let rows_before = count_rows(args.get("db"), mode).await?;

    let rate: f64 = args.num("rate", 0.0)?;
    let (samples, elapsed, what) = if rate > 0.0 {
        if warmup > 0.0 {
            open_loop(client, &base, mode, &customers, rate, warmup).await;
        }
        let (s, e) = open_loop(client, &base, mode, &customers, rate, seconds).await;
        (s, e, format!("open loop at {rate} req/s"))
    } else {
        let concurrency: usize = args.num("concurrency", 64)?;
        if warmup > 0.0 {
            closed_loop(client, &base, mode, &customers, concurrency, warmup).await;
        }
        let (s, e) = closed_loop(client, &base, mode, &customers, concurrency, seconds).await;
        (s, e, format!("closed loop, {concurrency} at once"))
    };
    // Every answered write is committed, so the count is final once the answers are in.
    let rows_after = count_rows(args.get("db"), mode).await?;

    let mut ok = samples.ok;
    ok.sort_unstable();
    let failed: u64 = samples.failed.values().sum();
    let pct = |q: f64| -> f64 {
        if ok.is_empty() {
            return f64::NAN;
        }
        let i = ((q * ok.len() as f64).ceil() as usize).clamp(1, ok.len()) - 1;
        ok[i] as f64 / 1000.0
    };
    let rps = ok.len() as f64 / elapsed;
    println!(
        "{label}: {what}, {} customers: {:.0} req/s answered 2xx ({} ok, {failed} failed {:?}) \
         p50 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, max {:.2} ms",
        customers.len(),
        rps,
        ok.len(),
        samples.failed,
        pct(0.5),
        pct(0.99),
        pct(0.999),
        pct(1.0),
    );
    println!("{label}.rps={rps:.0}");
    println!("{label}.ok={}", ok.len());
    println!("{label}.failed={failed}");
    println!("{label}.p50_ms={:.2}", pct(0.5));
    println!("{label}.p99_ms={:.2}", pct(0.99));
    println!("{label}.p999_ms={:.2}", pct(0.999));
    if let (Some(before), Some(after)) = (rows_before, rows_after) {
        // Rows written during the warm-up are counted too, so compare with every 2xx sent.
        println!("{label}.rows_written={}", after - before);
    }
    let sent: u64 = customers
        .iter()
        .map(|c| c.sent.load(Ordering::Relaxed))
        .sum();
    println!("{label}.sent_incl_warmup={sent}");
    Ok(())
}

/// Sends at a fixed rate for `seconds`, never waiting for answers before the next send.
async fn open_loop(
    client: &Client,
    base: &str,
    mode: Mode,
    customers: &Arc<Vec<Customer>>,
    rate: f64,
    seconds: f64,
) -> (Samples, f64) {
    let samples = Arc::new(Mutex::new(Samples::default()));
    let total = (rate * seconds).round() as u64;
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(due).await;
        let customer = &customers[(i % customers.len() as u64) as usize];
        let request = customer.request(client, base, mode);
        let samples = samples.clone();
        tasks.push(tokio::spawn(async move {
            let outcome = send(request).await;
            // From when it was due, not when it went out: a late send is latency too.
            let micros = due.elapsed().as_micros() as u64;
            samples.lock().unwrap().record(outcome, micros);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let elapsed = seconds;
    let samples = std::mem::take(&mut *samples.lock().unwrap());
    (samples, elapsed)
}

/// `concurrency` workers, each with its own customers (so one customer's changes never
/// overlap), sending back to back for `seconds`.
async fn closed_loop(
    client: &Client,
    base: &str,
    mode: Mode,
    customers: &Arc<Vec<Customer>>,
    concurrency: usize,
    seconds: f64,
) -> (Samples, f64) {
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(seconds);
    let mut workers = Vec::new();
    for w in 0..concurrency.min(customers.len()) {
        let (client, base, customers) = (client.clone(), base.to_owned(), customers.clone());
        workers.push(tokio::spawn(async move {
            let mut samples = Samples::default();
            let mine: Vec<usize> = (w..customers.len()).step_by(concurrency).collect();
            let mut i = 0;
            while Instant::now() < end {
                let customer = &customers[mine[i % mine.len()]];
                i += 1;
                let sent = Instant::now();
                let outcome = send(customer.request(&client, &base, mode)).await;
                samples.record(outcome, sent.elapsed().as_micros() as u64);
            }
            samples
        }));
    }
    let mut all = Samples::default();
    for worker in workers {
        if let Ok(s) = worker.await {
            all.ok.extend(s.ok);
            for (k, v) in s.failed {
                *all.failed.entry(k).or_default() += v;
            }
        }
    }
    (all, start.elapsed().as_secs_f64())
}
