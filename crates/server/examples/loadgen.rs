//! A load generator for the API, used by `scripts/bench-api`. Not part of the server.
//!
//! oha sends one fixed request again and again; saving needs many customers, each request
//! a real change (a marketing choice flipped, an address alternated, with the right
//! `If-Match` version), so this sends those.
//!
//! ```text
//! loadgen signin --base URL --customers N --cookies FILE
//!     signs in as bench customers 1..N (see `klever-server seed-bench`), one cookie a line
//! loadgen run --base URL --cookies FILE --mode me|marketing|patch
//!     [--rate R | --concurrency C] [--seconds S] [--warmup S] [--label L] [--db PATH]
//! ```
//! With `--rate`, open loop: request i is due at start + i/R whatever the answers, and its
//! latency counts from that due time (latency correction), so a stall shows in the
//! percentiles instead of slowing the sender. With `--concurrency`, closed loop: C
//! connections, each with its own customers, send back to back; that gives the saturation
//! rate. With `--db`, counts the rows the run wrote (consent log or change history) to
//! check them against the 2xx answers.
//!
//! The measured requests go over plain hyper HTTP/1.1 connections kept open: reqwest's
//! extra layers cost more CPU than the server's work for a request, and on two cores the
//! load tool's CPU is taken from the server.

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{client::conn::http1::SendRequest, header, Method, Request};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

type Failure = Box<dyn std::error::Error + Send + Sync>;
type Conn = SendRequest<Full<Bytes>>;

const CHOICE: &str = "consent_market_research";
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Me,
    Marketing,
    Patch,
}

/// One signed-in customer and what the next change must be.
struct Customer {
    cookie: String,
    /// Requests made so far for this customer in this run.
    sent: AtomicU64,
    /// Requests for this customer not yet answered.
    in_flight: AtomicU64,
    consent: bool,
    version: i64,
    /// Whether the stored street is "Benchgatan 1" (so the first PATCH sets "… 2").
    street_one: bool,
}

impl Customer {
    /// The next request; every marketing PUT and PATCH changes a value, so each writes.
    fn request(&self, host: &str, mode: Mode) -> Request<Full<Bytes>> {
        let k = self.sent.fetch_add(1, Ordering::Relaxed);
        let flip = k.is_multiple_of(2);
        let (method, path, body, version) = match mode {
            Mode::Me => (Method::GET, "/api/me".to_owned(), None, None),
            Mode::Marketing => (
                Method::PUT,
                format!("/api/me/marketing/{CHOICE}"),
                Some(json!({ "value": self.consent ^ flip })),
                None,
            ),
            Mode::Patch => {
                let street = if self.street_one ^ flip { 1 } else { 2 };
                let body = json!({ "address": {
                    "street": format!("Benchgatan {street}"),
                    "postal_code": "65100", "city": "Vaasa", "country": "FI" } });
                // The version each PATCH will find, if every earlier one succeeded.
                let version = format!("\"v{}\"", self.version + k as i64);
                (
                    Method::PATCH,
                    "/api/me".to_owned(),
                    Some(body),
                    Some(version),
                )
            }
        };
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, host)
            .header(header::COOKIE, &self.cookie)
            // As a browser on the app's own page says it; changes without it are refused.
            .header("sec-fetch-site", "same-origin");
        if let Some(version) = version {
            builder = builder.header(header::IF_MATCH, version);
        }
        let body = match body {
            Some(body) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Bytes::from(body.to_string())
            }
            None => Bytes::new(),
        };
        builder.body(Full::new(body)).expect("a valid request")
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
    match command.as_str() {
        "signin" => signin(&args).await,
        "run" => run(&args).await,
        other => Err(format!("unknown command {other}").into()),
    }
}

/// `http://127.0.0.1:8201` → its socket address and Host header.
fn target(base: &str) -> Result<(SocketAddr, String), Failure> {
    let host = base
        .strip_prefix("http://")
        .ok_or("--base must be http://HOST:PORT")?
        .trim_end_matches('/');
    Ok((host.parse()?, host.to_owned()))
}

async fn connect(addr: SocketAddr) -> Result<Conn, Failure> {
    let stream = tokio::net::TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends one request and reads the whole answer; its status, or what went wrong.
async fn send(conn: &mut Conn, request: Request<Full<Bytes>>) -> Result<u16, String> {
    let exchange = async {
        conn.ready().await.map_err(|_| "connection closed")?;
        let response = conn
            .send_request(request)
            .await
            .map_err(|_| "transport error")?;
        let status = response.status().as_u16();
        // The answer is complete only with its body.
        response
            .into_body()
            .collect()
            .await
            .map_err(|_| "transport error")?;
        Ok::<_, &str>(status)
    };
    match tokio::time::timeout(TIMEOUT, exchange).await {
        Ok(result) => result.map_err(str::to_owned),
        Err(_) => Err("timeout".into()),
    }
}

/// A request on `conn`, reconnecting first if the connection has gone.
async fn send_on(
    conn: &mut Conn,
    addr: SocketAddr,
    request: Request<Full<Bytes>>,
) -> Result<u16, String> {
    if conn.is_closed() {
        *conn = connect(addr)
            .await
            .map_err(|_| "connect error".to_owned())?;
    }
    send(conn, request).await
}

/// Signs in as bench customers 1..=N, a few at a time (each sign-in is an Argon2 check).
async fn signin(args: &Args) -> Result<(), Failure> {
    let (addr, host) = target(args.need("base")?)?;
    let count: u32 = args.num("customers", 1000)?;
    let started = Instant::now();
    let next = Arc::new(AtomicU64::new(1));
    let mut workers = Vec::new();
    for _ in 0..4 {
        let (next, host) = (next.clone(), host.clone());
        workers.push(tokio::spawn(async move {
            let mut conn = connect(addr).await?;
            let mut cookies = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n > u64::from(count) {
                    return Ok::<_, Failure>(cookies);
                }
                let body = json!({
                    "email": klever_server::seed::bench_email(n as u32),
                    "password": klever_server::seed::BENCH_PASSWORD,
                });
                let request = Request::post("/api/session")
                    .header(header::HOST, &host)
                    .header("sec-fetch-site", "same-origin")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Full::new(Bytes::from(body.to_string())))?;
                conn.ready().await?;
                let response = conn.send_request(request).await?;
                if !response.status().is_success() {
                    return Err(format!("sign-in {n}: {}", response.status()).into());
                }
                let cookie = response
                    .headers()
                    .get(header::SET_COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.split(';').next())
                    .ok_or("sign-in set no cookie")?
                    .to_owned();
                response.into_body().collect().await?;
                cookies.push((n, cookie));
            }
        }));
    }
    let mut cookies = Vec::new();
    for worker in workers {
        cookies.extend(worker.await??);
    }
    cookies.sort();
    let text: String = cookies.iter().map(|(_, c)| format!("{c}\n")).collect();
    std::fs::write(args.need("cookies")?, text)?;
    eprintln!(
        "signed in {} customers in {:.1} s",
        cookies.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Reads each customer's current choices and version, which the changes build on.
async fn load_customers(
    addr: SocketAddr,
    host: &str,
    cookies: &str,
) -> Result<Vec<Customer>, Failure> {
    let mut conn = connect(addr).await?;
    let mut customers = Vec::new();
    for cookie in cookies.lines().filter(|l| !l.is_empty()) {
        let request = Request::get("/api/me")
            .header(header::HOST, host)
            .header(header::COOKIE, cookie)
            .body(Full::new(Bytes::new()))?;
        conn.ready().await?;
        let response = conn.send_request(request).await?;
        if !response.status().is_success() {
            return Err(format!("GET /api/me: {}", response.status()).into());
        }
        let profile: Value =
            serde_json::from_slice(&response.into_body().collect().await?.to_bytes())?;
        customers.push(Customer {
            cookie: cookie.to_owned(),
            sent: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
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
fn count_rows(db: Option<&str>, mode: Mode) -> Result<Option<i64>, Failure> {
    let sql = match mode {
        Mode::Me => return Ok(None),
        Mode::Marketing => "SELECT COUNT(*) FROM consent_log",
        Mode::Patch => "SELECT COUNT(*) FROM change_history WHERE field = 'address'",
    };
    let Some(path) = db else {
        return Ok(None);
    };
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(Some(conn.query_row(sql, [], |r| r.get(0))?))
}

#[derive(Default)]
struct Samples {
    /// Latencies of 2xx answers, microseconds.
    ok: Vec<u64>,
    failed: HashMap<String, u64>,
    /// Requests sent while the same customer's previous one was unanswered.
    overlapping: u64,
}

impl Samples {
    fn record(&mut self, outcome: Result<u16, String>, micros: u64) {
        match outcome {
            Ok(status) if (200..300).contains(&status) => self.ok.push(micros),
            Ok(status) => *self.failed.entry(status.to_string()).or_default() += 1,
            Err(e) => *self.failed.entry(e).or_default() += 1,
        }
    }

    fn merge(&mut self, other: Samples) {
        self.overlapping += other.overlapping;
        self.ok.extend(other.ok);
        for (k, v) in other.failed {
            *self.failed.entry(k).or_default() += v;
        }
    }
}

async fn run(args: &Args) -> Result<(), Failure> {
    let (addr, host) = target(args.need("base")?)?;
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
    let customers = Arc::new(load_customers(addr, &host, &cookies).await?);
    if customers.is_empty() {
        return Err("no signed-in customers".into());
    }
    let target = Target {
        addr,
        host,
        mode,
        customers: customers.clone(),
    };
    let rows_before = count_rows(args.get("db"), mode)?;

    let rate: f64 = args.num("rate", 0.0)?;
    // The warm-up's answers are left out of the figures but not out of the row check.
    let (warm, samples, elapsed, what) = if rate > 0.0 {
        let connections: usize = args.num("connections", 256)?;
        let pool = Pool::open(addr, connections).await?;
        let (warm, _) = open_loop(&target, &pool, rate, warmup).await;
        let (s, e) = open_loop(&target, &pool, rate, seconds).await;
        (warm, s, e, format!("open loop at {rate} req/s"))
    } else {
        let concurrency: usize = args.num("concurrency", 64)?;
        let (warm, _) = closed_loop(&target, concurrency, warmup).await?;
        let (s, e) = closed_loop(&target, concurrency, seconds).await?;
        (
            warm,
            s,
            e,
            format!("closed loop, {concurrency} connections"),
        )
    };
    // Every answered write is committed, so the count is final once the answers are in.
    let rows_after = count_rows(args.get("db"), mode)?;

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
        "{label}: {what}, {} customers: {rps:.0} req/s answered 2xx ({} ok, {failed} failed {:?}) \
         p50 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, max {:.2} ms",
        customers.len(),
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
        // One row per answered change, the warm-up's included. A request that timed out
        // here may still have been committed, so only then may there be more rows.
        let answered = (ok.len() + warm.ok.len()) as i64;
        let written = after - before;
        println!("{label}.ok_incl_warmup={answered}");
        println!("{label}.rows_written={written}");
        let timeouts = (samples.failed.get("timeout").copied().unwrap_or(0)
            + warm.failed.get("timeout").copied().unwrap_or(0)) as i64;
        let overlapping = samples.overlapping + warm.overlapping;
        let check = if written == answered {
            "yes"
        } else if written > answered && written <= answered + timeouts {
            "yes_with_timed_out_commits"
        } else if overlapping > 0 && mode == Mode::Marketing {
            // Out-of-order toggles of one customer: a 2xx that changed nothing, not a loss.
            "not_checkable_overlapping_requests"
        } else {
            "NO"
        };
        println!("{label}.overlapping_requests={overlapping}");
        println!("{label}.rows_match={check}");
    }
    Ok(())
}

struct Target {
    addr: SocketAddr,
    host: String,
    mode: Mode,
    customers: Arc<Vec<Customer>>,
}

/// Open connections shared by the open-loop requests: a request takes a free one, or
/// waits for one (and that wait counts in its latency).
#[derive(Clone)]
struct Pool {
    free: Arc<Mutex<Vec<Conn>>>,
    permits: Arc<tokio::sync::Semaphore>,
}

impl Pool {
    async fn open(addr: SocketAddr, size: usize) -> Result<Pool, Failure> {
        let mut conns = Vec::with_capacity(size);
        for _ in 0..size {
            conns.push(connect(addr).await?);
        }
        Ok(Pool {
            free: Arc::new(Mutex::new(conns)),
            permits: Arc::new(tokio::sync::Semaphore::new(size)),
        })
    }
}

/// Sends at a fixed rate for `seconds`, never waiting for answers before the next send.
async fn open_loop(target: &Target, pool: &Pool, rate: f64, seconds: f64) -> (Samples, f64) {
    let samples = Arc::new(Mutex::new(Samples::default()));
    let total = (rate * seconds).round() as u64;
    if total == 0 {
        return (Samples::default(), 0.0);
    }
    let start = tokio::time::Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    let customers = &target.customers;
    for i in 0..total {
        let due = start + Duration::from_secs_f64(i as f64 / rate);
        tokio::time::sleep_until(due).await;
        let index = (i % customers.len() as u64) as usize;
        let customer = &customers[index];
        let request = customer.request(&target.host, target.mode);
        // The customer's previous request still unanswered: the two may be applied in
        // either order, so a PUT may find the value already set and write nothing.
        if customer.in_flight.fetch_add(1, Ordering::Relaxed) > 0 {
            samples.lock().unwrap().overlapping += 1;
        }
        let customers = customers.clone();
        let (samples, pool, addr) = (samples.clone(), pool.clone(), target.addr);
        tasks.push(tokio::spawn(async move {
            let permit = pool.permits.acquire().await.expect("never closed");
            let mut conn = pool
                .free
                .lock()
                .unwrap()
                .pop()
                .expect("a permit means a free connection");
            let outcome = send_on(&mut conn, addr, request).await;
            pool.free.lock().unwrap().push(conn);
            drop(permit);
            customers[index].in_flight.fetch_sub(1, Ordering::Relaxed);
            // From when it was due, not when it went out: a late send is latency too.
            let micros = due.elapsed().as_micros() as u64;
            samples.lock().unwrap().record(outcome, micros);
        }));
    }
    let sending = start.elapsed();
    for task in tasks {
        let _ = task.await;
    }
    // Sending may have fallen behind the schedule: the rate is over the time really taken.
    let elapsed = seconds.max(sending.as_secs_f64());
    let samples = std::mem::take(&mut *samples.lock().unwrap());
    (samples, elapsed)
}

/// `concurrency` connections, each with its own customers (so one customer's changes
/// never overlap), sending back to back for `seconds`.
async fn closed_loop(
    target: &Target,
    concurrency: usize,
    seconds: f64,
) -> Result<(Samples, f64), Failure> {
    let customers = &target.customers;
    let workers = concurrency.min(customers.len());
    let mut conns = Vec::with_capacity(workers);
    for _ in 0..workers {
        conns.push(connect(target.addr).await?);
    }
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for (w, mut conn) in conns.into_iter().enumerate() {
        let (customers, host, mode, addr) = (
            customers.clone(),
            target.host.clone(),
            target.mode,
            target.addr,
        );
        tasks.push(tokio::spawn(async move {
            let mut samples = Samples::default();
            let mine: Vec<usize> = (w..customers.len()).step_by(workers).collect();
            let mut i = 0;
            while Instant::now() < end {
                let request = customers[mine[i % mine.len()]].request(&host, mode);
                i += 1;
                let sent = Instant::now();
                let outcome = send_on(&mut conn, addr, request).await;
                samples.record(outcome, sent.elapsed().as_micros() as u64);
            }
            samples
        }));
    }
    let mut all = Samples::default();
    for task in tasks {
        if let Ok(samples) = task.await {
            all.merge(samples);
        }
    }
    Ok((all, start.elapsed().as_secs_f64()))
}
