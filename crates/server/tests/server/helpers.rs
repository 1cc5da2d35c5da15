//! Starts the real server on port 0 with a fresh database and the demo customers: a SQLite
//! file, or with `KLEVER_TEST_BACKEND=postgres` a new database on the throw-away cluster at
//! `KLEVER_TEST_POSTGRES_URL` (scripts/test runs every test both ways).

use klever_server::{
    clock::Clock,
    error::AppError,
    prepare_with_clock, serve,
    sql::{FromSql, Row, ToParam, Value},
    Config,
};

/// `args![a, b]`: a query's arguments, owned (every test module has it: `#[macro_use]`).
macro_rules! args {
    ($($a:expr),* $(,)?) => { vec![$($crate::helpers::Arg::from($a)),*] };
}

pub const AINO: (&str, &str) = ("aino.laine@example.fi", "aino-demo-2026");
pub const MAIJA: (&str, &str) = ("maija.virtanen@example.fi", "maija-demo-2026");
pub const ERIK: (&str, &str) = ("erik.sjoberg@example.fi", "erik-demo-2026");

/// Every route that answers with the signed-in customer's own data.
pub const ME_ROUTES: [&str; 7] = [
    "/api/session",
    "/api/me",
    "/api/me/history",
    "/api/me/billing",
    "/api/me/bank-report",
    "/api/me/marketing",
    "/api/me/consent-log",
];

pub const HELENA: (&str, &str) = ("helena.kallio@klever.example", "helena-staff-2026");
pub const OLLI: (&str, &str) = ("olli.nieminen@klever.example", "olli-staff-2026");

/// The origin test servers take as their own (`KLEVER_PUBLIC_ORIGIN`).
pub const TEST_ORIGIN: &str = "http://klever.test";

/// Where every test server's clock stands until a test moves it: a Wednesday in late
/// November, 12:00 in Finland (UTC+2).
pub const TEST_NOW: &str = "2026-11-25T10:00:00Z";

pub struct TestApp {
    pub address: String,
    /// The server's clock, fixed at [`TEST_NOW`]; tests move it with `set_to` or `advance`.
    pub clock: Clock,
    /// The server's database handle, which the tests also use to arrange and check rows
    /// (`one`, `rows`, `exec`), so the same test runs on both databases.
    pub db: klever_server::db::Db,
    /// The database file, on SQLite; `None` on PostgreSQL.
    pub sqlite_file: Option<std::path::PathBuf>,
    /// The database's URL (a fresh one per test).
    pub database_url: String,
    _postgres: Option<PostgresDatabase>,
    watch: std::sync::Mutex<Option<rusqlite::Connection>>,
    /// Where the server looks for the built app.
    pub static_dir: std::path::PathBuf,
    _dir: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    /// The server with the demo customers.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(true).await
    }

    /// The server with no demo data but `count` bench customers (`seed-bench`), each
    /// signed in by [`TestApp::bench_customer`].
    pub async fn spawn_with_bench_customers(count: u32) -> TestApp {
        let app = Self::spawn_with(false).await;
        klever_server::seed::seed_bench(&app.db, count)
            .await
            .expect("bench customers seeded");
        app
    }

    /// A client signed in as bench customer `n` (1-based).
    pub async fn bench_customer(&self, n: u32) -> reqwest::Client {
        let email = klever_server::seed::bench_email(n);
        self.customer((&email, klever_server::seed::BENCH_PASSWORD))
            .await
    }

    async fn spawn_with(demo_data: bool) -> TestApp {
        let postgres = PostgresDatabase::create(postgres_backend());
        Self::start(demo_data, postgres, None, |_| {}).await
    }

    /// The server with the demo customers, behind a load balancer on 127.0.0.1
    /// (`KLEVER_TRUSTED_PROXIES`): clients made by [`TestApp::client_at`] seem to come
    /// from where they say.
    pub async fn spawn_behind_proxy() -> TestApp {
        let postgres = PostgresDatabase::create(postgres_backend());
        Self::start(true, postgres, None, |c| {
            c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        })
        .await
    }

    /// A browser-like client that names itself `user_agent`.
    pub fn client_named(&self, user_agent: &str) -> reqwest::Client {
        browser(Some(user_agent), None)
    }

    /// A client whose requests arrive through the load balancer from `address`.
    pub fn client_at(&self, address: &str) -> reqwest::Client {
        browser(None, Some(address))
    }

    /// The server with the demo customers on a PostgreSQL database of its own, whatever
    /// `KLEVER_TEST_BACKEND` says: for what only PostgreSQL can do (several servers).
    pub async fn spawn_on_postgres() -> TestApp {
        Self::start(true, PostgresDatabase::create(true), None, |_| {}).await
    }

    /// The server on a database made beforehand (at `url`; `postgres` is dropped with the
    /// server), migrated as the server starts. No demo data.
    pub async fn spawn_on_existing(url: String, postgres: Option<PostgresDatabase>) -> TestApp {
        Self::start(false, postgres, Some(url), |_| {}).await
    }

    /// The server with the demo customers, delivering mail as `mail` says.
    pub async fn spawn_with_mail(mail: klever_server::mail::MailConfig) -> TestApp {
        let postgres = PostgresDatabase::create(postgres_backend());
        Self::start(true, postgres, None, move |c| c.mail = Some(mail)).await
    }

    /// A second server on this one's database, delivering mail as `mail` says.
    pub async fn spawn_beside_with_mail(&self, mail: klever_server::mail::MailConfig) -> TestApp {
        let url = Some(self.database_url.clone());
        Self::start(true, None, url, move |c| c.mail = Some(mail)).await
    }

    /// A second server on this one's database, as a load balancer would have beside it.
    pub async fn spawn_beside(&self) -> TestApp {
        Self::start(true, None, Some(self.database_url.clone()), |_| {}).await
    }

    async fn start(
        demo_data: bool,
        postgres: Option<PostgresDatabase>,
        shared: Option<String>,
        configure: impl FnOnce(&mut Config),
    ) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><title>test index</title>",
        )
        .unwrap();
        let (database_url, sqlite_file) = match (&postgres, shared) {
            (_, Some(url)) => (url, None),
            (Some(pg), None) => (pg.url.clone(), None),
            (None, None) => {
                let file = dir.path().join("klever.db");
                (format!("sqlite://{}", file.display()), Some(file))
            }
        };
        let mut config = Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            database_url: database_url.clone(),
            static_dir: dir.path().to_path_buf(),
            cookie_secure: false,
            demo_data,
            public_origin: Some(TEST_ORIGIN.to_owned()),
            ..Config::default()
        };
        configure(&mut config);
        let clock = Clock::at(TEST_NOW);
        let state = prepare_with_clock(config, clock.clone())
            .await
            .expect("database ready");
        let db = state.db.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(serve(listener, state, async {
            let _ = rx.await;
        }));
        TestApp {
            address,
            clock,
            db,
            sqlite_file,
            database_url,
            _postgres: postgres,
            watch: std::sync::Mutex::new(None),
            static_dir: dir.path().to_path_buf(),
            _dir: dir,
            _shutdown: tx,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> reqwest::Client {
        browser(None, None)
    }

    pub async fn sign_in(&self, client: &reqwest::Client, who: (&str, &str)) -> reqwest::Response {
        self.post_sign_in(client, "/api/session", who).await
    }

    async fn post_sign_in(
        &self,
        client: &reqwest::Client,
        path: &str,
        (email, password): (&str, &str),
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .json(&klever_api::SignInRequest {
                email: email.into(),
                password: password.into(),
            })
            .send()
            .await
            .unwrap()
    }

    /// Asserts that `path` has no way to write: every writing method is 405.
    pub async fn assert_read_only(&self, client: &reqwest::Client, path: &str) {
        use reqwest::Method;
        for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let response = client
                .request(method.clone(), self.url(path))
                .json(&serde_json::json!([]))
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                reqwest::StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
        }
    }

    /// The status of `GET path` on `client`.
    pub async fn status(&self, client: &reqwest::Client, path: &str) -> reqwest::StatusCode {
        client.get(self.url(path)).send().await.unwrap().status()
    }

    /// `GET path` from a fresh client presenting `token` as its customer session cookie.
    pub async fn get_with_token(&self, token: &str, path: &str) -> reqwest::Response {
        self.client()
            .get(self.url(path))
            .header("cookie", format!("klever_session={token}"))
            .send()
            .await
            .unwrap()
    }

    /// `GET path` on `client`, decoded as `T` (panics on anything else).
    pub async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        path: &str,
    ) -> T {
        let response = client.get(self.url(path)).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// The signed-in customer's current profile version.
    pub async fn version(&self, client: &reqwest::Client) -> i64 {
        let profile: klever_api::Profile = client
            .get(self.url("/api/me"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        profile.version
    }

    /// `PATCH /api/me` with `If-Match` for `version`.
    pub async fn patch_me(
        &self,
        client: &reqwest::Client,
        version: i64,
        body: serde_json::Value,
    ) -> reqwest::Response {
        client
            .patch(self.url("/api/me"))
            .header("if-match", format!("\"v{version}\""))
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Counts rows of a table for one customer, to prove what a request did or did not write.
    pub async fn count(&self, table: &str, customer_email: &str) -> i64 {
        let sql = format!(
            "SELECT COUNT(*) FROM {table} WHERE customer_id = (SELECT id FROM customers WHERE email = ?1)"
        );
        self.one(sql, args![customer_email]).await
    }

    /// The first column of the first row of a query (SQLite's `?1` placeholders).
    pub async fn one<T: FromSql + Send + 'static>(
        &self,
        sql: impl Into<String>,
        args: Vec<Arg>,
    ) -> T {
        let sql = sql.into();
        self.db
            .read(move |c| Ok(c.query_row(&sql, args.as_slice(), |r| r.get(0))?))
            .await
            .unwrap()
    }

    /// Every row of a query, through `map`.
    pub async fn rows<T: Send + 'static>(
        &self,
        sql: impl Into<String>,
        args: Vec<Arg>,
        map: fn(&Row) -> klever_server::sql::Result<T>,
    ) -> Vec<T> {
        let sql = sql.into();
        self.db
            .read(move |c| {
                Ok(c.prepare_cached(&sql)?
                    .query_map(args.as_slice(), map)?
                    .collect::<Result<Vec<T>, _>>()?)
            })
            .await
            .unwrap()
    }

    /// A statement run as a write (through the server's writer on SQLite); its error, if
    /// the database refused it.
    pub async fn exec(&self, sql: impl Into<String>, args: Vec<Arg>) -> Result<usize, AppError> {
        let sql = sql.into();
        self.db
            .write(move |c| Ok(c.execute(&sql, args.as_slice())?))
            .await
    }

    /// What has been written so far: the server's write jobs and, on SQLite, the count of
    /// commits by other connections than the one asking (`PRAGMA data_version`). Unchanged
    /// means nothing was written in between, not even a session's last use.
    pub async fn writes_so_far(&self) -> (u64, i64) {
        let commits = match &self.sqlite_file {
            Some(file) => {
                // The same connection every time: the count is that connection's.
                let mut watch = self.watch.lock().unwrap();
                let watch = watch.get_or_insert_with(|| rusqlite::Connection::open(file).unwrap());
                watch
                    .query_row("PRAGMA data_version", [], |r| r.get(0))
                    .unwrap()
            }
            None => 0,
        };
        (self.db.writer_stats().jobs, commits)
    }

    /// Makes inserts into `table` fail (those matching `when`, a condition on `NEW`), as a
    /// full disk or a bug would: a trigger, written for the database at hand.
    pub async fn fail_inserts(&self, table: &str, when: Option<&str>) {
        if self.db.is_postgres() {
            self.exec(
                "CREATE FUNCTION simulated_failure() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$",
                args![],
            )
            .await
            .unwrap();
            let when = when.map_or(String::new(), |w| format!("WHEN ({w})"));
            self.exec(
                format!(
                    "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW {when} \
                     EXECUTE FUNCTION simulated_failure()"
                ),
                args![],
            )
            .await
            .unwrap();
        } else {
            let when = when.map_or(String::new(), |w| format!("WHEN {w}"));
            self.exec(
                format!(
                    "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} {when} \
                     BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
                ),
                args![],
            )
            .await
            .unwrap();
        }
    }

    /// A client signed in as the customer `who`.
    pub async fn customer(&self, who: (&str, &str)) -> reqwest::Client {
        let client = self.client();
        self.sign_in_token(&client, who).await;
        client
    }

    /// A customer the billing side made, who has never used the app (no password, never
    /// activated), speaking `language`; their id.
    pub async fn never_activated(&self, email: &str, language: &str) -> i64 {
        self.exec(
            "INSERT INTO customers (email, password_hash, first_name, last_name, gender, \
             preferred_language, customer_since) \
             VALUES (?1, '!', 'Sanna', 'Koskinen', 'female', ?2, '2026-11-01')",
            args![email, language],
        )
        .await
        .unwrap();
        self.one("SELECT id FROM customers WHERE email = ?1", args![email])
            .await
    }

    /// A client signed in as the employee `who`.
    pub async fn staff(&self, who: (&str, &str)) -> reqwest::Client {
        let client = self.client();
        let response = self.staff_sign_in(&client, who).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        client
    }

    /// Signs a staff member in on `client`.
    pub async fn staff_sign_in(
        &self,
        client: &reqwest::Client,
        who: (&str, &str),
    ) -> reqwest::Response {
        self.post_sign_in(client, "/api/staff/session", who).await
    }

    /// Signs in and returns the raw session token from the cookie.
    pub async fn sign_in_token(&self, client: &reqwest::Client, who: (&str, &str)) -> String {
        let response = self.sign_in(client, who).await;
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        let cookie = response.headers()["set-cookie"].to_str().unwrap();
        cookie
            .split(';')
            .next()
            .and_then(|kv| kv.split_once('='))
            .map(|(_, v)| v.to_owned())
            .unwrap()
    }
}

/// A client as a browser on the app's own page is (see `same_origin`), with its own cookie
/// jar; naming itself `user_agent`, and arriving through a proxy from `forwarded_for`.
pub fn browser(user_agent: Option<&str>, forwarded_for: Option<&str>) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    if let Some(address) = forwarded_for {
        headers.insert("x-forwarded-for", address.parse().unwrap());
    }
    let mut builder = reqwest::Client::builder()
        .cookie_store(true)
        .default_headers(headers);
    if let Some(user_agent) = user_agent {
        builder = builder.user_agent(user_agent);
    }
    builder.build().unwrap()
}

/// The `Retry-After` of a 429, in seconds.
pub fn retry_after(response: &reqwest::Response) -> u64 {
    assert_eq!(response.status(), reqwest::StatusCode::TOO_MANY_REQUESTS);
    response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// An owned query argument, so a test's query can run on the server's database threads.
#[derive(Clone, Debug)]
pub enum Arg {
    Int(i64),
    Text(String),
    Bool(bool),
}

impl ToParam for Arg {
    fn value(&self) -> Value<'_> {
        match self {
            Arg::Int(i) => Value::Int(*i),
            Arg::Text(s) => Value::Text(s),
            Arg::Bool(b) => Value::Bool(*b),
        }
    }
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Bool(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(v.clone())
    }
}

/// A database of the test's own on the throw-away PostgreSQL cluster, dropped with the
/// test.
pub struct PostgresDatabase {
    admin: String,
    name: String,
    pub url: String,
}

impl PostgresDatabase {
    /// A new, empty database if `wanted`; `None` otherwise.
    pub fn create(wanted: bool) -> Option<PostgresDatabase> {
        if !wanted {
            return None;
        }
        let admin = postgres_url();
        let name = format!("klever_test_{:016x}", rand::random::<u64>());
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        let create = format!("CREATE DATABASE {name}");
        let admin_url = admin.clone();
        // The blocking client runs a runtime of its own: not on the test's.
        std::thread::spawn(move || {
            postgres::Client::connect(&admin_url, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(&create))
        })
        .join()
        .unwrap()
        .expect("a database on the test cluster");
        Some(PostgresDatabase { admin, name, url })
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let (admin, drop) = (
            self.admin.clone(),
            format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
        let _ = std::thread::spawn(move || {
            postgres::Client::connect(&admin, postgres::NoTls)
                .and_then(|mut c| c.batch_execute(&drop))
        })
        .join();
    }
}

/// Whether the tests run on PostgreSQL (`KLEVER_TEST_BACKEND=postgres`) or SQLite.
pub fn postgres_backend() -> bool {
    match std::env::var("KLEVER_TEST_BACKEND").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Err(_) => false,
        Ok(other) => panic!("KLEVER_TEST_BACKEND={other:?}: sqlite or postgres"),
    }
}

/// The throw-away cluster's URL, which scripts/test sets.
pub fn postgres_url() -> String {
    std::env::var("KLEVER_TEST_POSTGRES_URL").expect(
        "KLEVER_TEST_POSTGRES_URL: scripts/test starts a throw-away PostgreSQL cluster and sets it",
    )
}

/// A real SMTP server on a loopback port (aiosmtpd, `tests/smtp_sink.py`), stopped when
/// dropped. Its Python is `KLEVER_TEST_PYTHON`, or the one `scripts/test` installs into
/// `target/test-venv`.
pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

/// A message as the SMTP server received it (decoded by Python's email package).
#[derive(Debug, serde::Deserialize)]
pub struct Received {
    pub rcpt_to: Vec<String>,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub content_type: String,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl SmtpSink {
    /// Accepts every message.
    pub fn start() -> SmtpSink {
        Self::start_with(&[])
    }

    /// With the sink's options: `--fail-first N` (451 to the first N), `--refuse` (550).
    pub fn start_with(options: &[&str]) -> SmtpSink {
        use std::io::BufRead;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let python = std::env::var("KLEVER_TEST_PYTHON").unwrap_or_else(|_| {
            root.join("../../target/test-venv/bin/python")
                .display()
                .to_string()
        });
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(&python)
            .arg(root.join("tests/smtp_sink.py"))
            .arg(dir.path())
            .args(options)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the test SMTP server with {python} ({e}): run scripts/test once, or set KLEVER_TEST_PYTHON to a Python with aiosmtpd")
            });
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the test SMTP server did not start (printed {line:?})"));
        SmtpSink { port, dir, child }
    }

    /// Settings for a server that sends here: a round every 50 ms, a minute's wait after
    /// the first failed try.
    pub fn mail_config(&self) -> klever_server::mail::MailConfig {
        let mut mail = klever_server::mail::MailConfig::plain(
            "127.0.0.1",
            self.port,
            "Kleverapp <no-reply@klever.test>",
        );
        mail.poll = std::time::Duration::from_millis(50);
        mail
    }

    /// Every message received so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits (at most 20 s) until `count` messages have arrived; all received by then.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..800 {
            if self.received().len() >= count {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let received = self.received();
        assert!(
            received.len() >= count,
            "{} of {count} messages arrived",
            received.len()
        );
        received
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
