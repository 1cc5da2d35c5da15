//! Starts the real server on port 0 with a fresh SQLite file and the demo customers.

use klever_server::{clock::Clock, prepare_with_clock, serve, Config};
use sqlx::SqlitePool;

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
    /// A read-write pool of the test's own, beside the server's writer, for arranging and
    /// checking rows directly.
    pub pool: SqlitePool,
    /// The server's database handle (its read pool and its writer).
    pub db: klever_server::db::Db,
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
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<!doctype html><title>test index</title>",
        )
        .unwrap();
        let config = Config {
            bind: "127.0.0.1:0".parse().unwrap(),
            database_url: format!("sqlite://{}", dir.path().join("klever.db").display()),
            static_dir: dir.path().to_path_buf(),
            cookie_secure: false,
            demo_data,
            public_origin: Some(TEST_ORIGIN.to_owned()),
            ..Config::default()
        };
        let url = config.database_url.clone();
        let clock = Clock::at(TEST_NOW);
        let state = prepare_with_clock(config, clock.clone())
            .await
            .expect("database ready");
        let pool = SqlitePool::connect(&url).await.unwrap();
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
            pool,
            db,
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
        let mut headers = reqwest::header::HeaderMap::new();
        // What a browser says of a request from the app's own page (see `same_origin`).
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .unwrap()
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
        let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(customer_email)
            .fetch_one(&self.pool)
            .await
            .unwrap();
        n
    }

    /// A client signed in as the customer `who`.
    pub async fn customer(&self, who: (&str, &str)) -> reqwest::Client {
        let client = self.client();
        self.sign_in_token(&client, who).await;
        client
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
