//! The API over real HTTP: each test starts the server on port 0 with a fresh SQLite file.

use crate::helpers::{retry_after, TestApp, AINO, ERIK};
use klever_api::{
    Billing, ErrorBody, ErrorCode, HistoryEntry, InvoiceStatus, Profile, SessionInfo,
};
use reqwest::StatusCode;

#[tokio::test]
async fn sign_in_with_the_right_password_starts_a_session() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = app.sign_in(&client, AINO).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for attr in ["klever_session=", "HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie} lacks {attr}");
    }
    let info: SessionInfo = response.json().await.unwrap();
    assert_eq!(info.first_name.as_str(), "Aino");

    let me = client.get(app.url("/api/session")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(
        me.json::<SessionInfo>().await.unwrap().last_name.as_str(),
        "Laine"
    );
}

#[tokio::test]
async fn wrong_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let cases = [
        (AINO.0, "wrong-password", "right email, wrong password"),
        ("nobody@example.fi", AINO.1, "unknown email"),
        ("", "", "empty form"),
        (AINO.0, "", "empty password"),
        (
            "AINO.LAINE@EXAMPLE.FI",
            "Aino-demo-2026",
            "password is case-sensitive",
        ),
    ];
    for (email, password, why) in cases {
        let client = app.client();
        let response = app.sign_in(&client, (email, password)).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{why}");
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{why}: no cookie"
        );
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::InvalidCredentials, "{why}");
        let after = client.get(app.url("/api/me")).send().await.unwrap();
        assert_eq!(
            after.status(),
            StatusCode::UNAUTHORIZED,
            "{why}: still signed out"
        );
    }
}

#[tokio::test]
async fn parallel_guesses_cannot_slip_past_the_limit() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.sign_in(&app.client(), (AINO.0, &format!("guess-{i}")))
                .await
                .status()
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    // Exactly ten guesses were checked (401); the other six were turned away unchecked
    // (429). Nothing else, such as a 500, may pass as either.
    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (10, 6), "{answers:?}");
    assert_eq!(
        app.sign_in(&app.client(), AINO).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn email_is_matched_without_regard_to_case() {
    let app = TestApp::spawn().await;
    let response = app
        .sign_in(&app.client(), (" Aino.Laine@Example.FI ", AINO.1))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn repeated_failures_are_throttled_per_email() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for _ in 0..10 {
        let r = app.sign_in(&client, (AINO.0, "guess")).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let blocked = app.sign_in(&client, AINO).await;
    assert_eq!(
        blocked.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    // The answer says when to try again: 15 minutes after the first of the failures.
    assert_eq!(retry_after(&blocked), 15 * 60);
    assert_eq!(
        blocked.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::TooManyAttempts
    );
    let other = app.sign_in(&client, ERIK).await;
    assert_eq!(
        other.status(),
        StatusCode::OK,
        "another customer is not affected"
    );

    app.clock.advance(5 * 60);
    assert_eq!(retry_after(&app.sign_in(&client, AINO).await), 10 * 60);
    // The failures count for 15 minutes: a second before they end it still waits...
    app.clock.advance(10 * 60 - 1);
    let waiting = app.sign_in(&client, AINO).await;
    assert_eq!(waiting.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&waiting), 1);
    // ...and at 15 minutes the right password signs in, and clears the count.
    app.clock.advance(1);
    assert_eq!(app.sign_in(&client, AINO).await.status(), StatusCode::OK);
    let left: i64 = app
        .one("SELECT COUNT(*) FROM sign_in_failures", args![])
        .await;
    assert_eq!(left, 0);
}

#[tokio::test]
async fn every_me_route_needs_a_session() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for path in crate::helpers::ME_ROUTES {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(
            response.json::<ErrorBody>().await.unwrap().code,
            ErrorCode::Unauthorized,
            "{path}"
        );
    }
    // A made-up token is no better than none.
    let forged = client
        .get(app.url("/api/me"))
        .header("cookie", format!("klever_session={}", "ab".repeat(32)))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let token = app.sign_in_token(&client, AINO).await;
    let out = client.delete(app.url("/api/session")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert!(out.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(
        app.status(&client, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    // Replaying the old cookie by hand does not bring the session back.
    let replay = app.get_with_token(&token, "/api/me").await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    // Signing out twice is harmless.
    let again = client.delete(app.url("/api/session")).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn signing_in_again_renews_the_session_id() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let first = app.sign_in_token(&client, AINO).await;
    let second = app.sign_in_token(&client, AINO).await;
    assert_ne!(first, second);
    let old = app.get_with_token(&first, "/api/me").await;
    assert_eq!(
        old.status(),
        StatusCode::UNAUTHORIZED,
        "the id held before sign-in is ended"
    );
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
}

#[tokio::test]
async fn an_idle_session_expires() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in_token(&client, AINO).await;
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
    // The idle limit is 30 minutes: used a second before it, the session goes on, and
    // the limit counts again from that use.
    app.clock.advance(30 * 60 - 1);
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
    app.clock.advance(30 * 60 - 1);
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
    // 30 minutes without use end it.
    app.clock.advance(30 * 60);
    assert_eq!(
        app.status(&client, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    // The next sign-in, anyone's, clears ended sessions out of the table.
    let erik = app.client();
    app.sign_in_token(&erik, ERIK).await;
    let sessions: i64 = app.one("SELECT COUNT(*) FROM sessions", args![]).await;
    assert_eq!(sessions, 1, "only Erik's");
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_much_it_is_used() {
    let app = TestApp::spawn().await;
    let signed_in = klever_server::clock::parse_rfc3339(crate::helpers::TEST_NOW).unwrap();
    let customer = app.client();
    app.sign_in_token(&customer, AINO).await;
    let staff = app.staff(crate::helpers::HELENA).await;
    // Used every 25 minutes, neither session is ever idle long enough to end...
    for _ in 0..28 {
        app.clock.advance(25 * 60);
        assert_eq!(app.status(&customer, "/api/me").await, StatusCode::OK);
        assert_eq!(
            app.status(&staff, "/api/staff/session").await,
            StatusCode::OK
        );
    }
    // ...and both last until a second before twelve hours from sign-in...
    app.clock.set(signed_in + 12 * 3600 - 1);
    assert_eq!(app.status(&customer, "/api/me").await, StatusCode::OK);
    assert_eq!(
        app.status(&staff, "/api/staff/session").await,
        StatusCode::OK
    );
    // ...and not a second longer, however recently used.
    app.clock.advance(1);
    assert_eq!(
        app.status(&customer, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.status(&staff, "/api/staff/session").await,
        StatusCode::UNAUTHORIZED
    );
    // Signing in again (on another device) starts a new twelve hours, and clears the old
    // session out, though it was used a second ago.
    let again = app.client();
    app.sign_in_token(&again, AINO).await;
    assert_eq!(app.status(&again, "/api/me").await, StatusCode::OK);
    let sessions: i64 = app.one("SELECT COUNT(*) FROM sessions", args![]).await;
    assert_eq!(sessions, 1, "only the new one");
}

/// The session's stored last use, Unix seconds.
async fn last_seen(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT last_seen_at FROM {table}");
    app.one(sql, args![]).await
}

async fn set_last_seen(app: &TestApp, table: &str, at: i64) {
    let sql = format!("UPDATE {table} SET last_seen_at = ?1");
    app.exec(sql, args![at]).await.unwrap();
}

#[tokio::test]
async fn a_session_used_within_the_minute_is_not_written() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in_token(&client, AINO).await;
    let recorded = app.clock.now() - 30;
    set_last_seen(&app, "sessions", recorded).await;
    let writes = app.db.writer_stats().jobs;
    for path in ["/api/me", "/api/session", "/api/me/marketing"] {
        assert_eq!(app.status(&client, path).await, StatusCode::OK, "{path}");
    }
    assert_eq!(
        last_seen(&app, "sessions").await,
        recorded,
        "left as it was"
    );
    assert_eq!(app.db.writer_stats().jobs, writes, "reads queued no write");
}

#[tokio::test]
async fn a_session_used_after_the_minute_records_the_use() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in_token(&client, AINO).await;
    set_last_seen(&app, "sessions", app.clock.now() - 61).await;
    let before = app.clock.now();
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
    assert_eq!(last_seen(&app, "sessions").await, before, "use recorded");
    // Within the idle limit, so it still works much later, and it was moved forward.
    set_last_seen(&app, "sessions", app.clock.now() - 29 * 60).await;
    assert_eq!(app.status(&client, "/api/me").await, StatusCode::OK);
    assert_eq!(last_seen(&app, "sessions").await, before);
}

#[tokio::test]
async fn a_staff_session_is_written_at_most_once_a_minute_too() {
    let app = TestApp::spawn().await;
    let staff = app.staff(crate::helpers::HELENA).await;
    let recorded = app.clock.now() - 30;
    set_last_seen(&app, "staff_sessions", recorded).await;
    assert_eq!(
        app.status(&staff, "/api/staff/session").await,
        StatusCode::OK
    );
    assert_eq!(last_seen(&app, "staff_sessions").await, recorded);
    set_last_seen(&app, "staff_sessions", app.clock.now() - 61).await;
    let before = app.clock.now();
    assert_eq!(
        app.status(&staff, "/api/staff/session").await,
        StatusCode::OK
    );
    assert_eq!(last_seen(&app, "staff_sessions").await, before);
    set_last_seen(&app, "staff_sessions", app.clock.now() - 31 * 60).await;
    assert_eq!(
        app.status(&staff, "/api/staff/session").await,
        StatusCode::UNAUTHORIZED,
        "idle past the limit"
    );
}

#[tokio::test]
async fn profile_holds_every_register_category() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in_token(&client, AINO).await;

    let response = client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers().contains_key("etag"));
    let raw = response.text().await.unwrap();
    assert!(
        !raw.contains("FI2112345600000785"),
        "full IBAN never leaves in the profile"
    );
    let profile: Profile = serde_json::from_str(&raw).unwrap();
    assert_eq!(profile.personal.first_name.as_str(), "Aino");
    assert_eq!(profile.personal.last_name.as_str(), "Laine");
    assert_eq!(profile.personal.gender, klever_api::Gender::Female);
    assert_eq!(profile.contact.email.as_str(), "aino.laine@example.fi");
    assert_eq!(
        profile.contact.phone.as_ref().unwrap().as_str(),
        "+358401234567"
    );
    assert_eq!(profile.contact.address.as_ref().unwrap().city(), "Vaasa");
    assert!(!profile.other_info.as_str().is_empty());
    let bank = profile.bank.as_ref().unwrap();
    assert_eq!(bank.iban_masked, "FI•• •••• •••• ••07 85");
    assert_eq!(bank.bic.as_str(), "NDEAFIHH");
    assert!(profile.marketing.ban_sms && profile.marketing.consent_market_research);
    assert!(!profile.marketing.ban_all);
    assert_eq!(profile.customer_since, "2021-03-15");

    let history: Vec<HistoryEntry> = app.get_json(&client, "/api/me/history").await;
    assert_eq!(history.len(), 4);
    assert!(
        history.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );

    let report: Option<klever_api::BankReport> = app.get_json(&client, "/api/me/bank-report").await;
    let report = report.unwrap();
    assert_eq!(report.provider, "Instantor");
    assert_eq!(report.balance_cents, 123_450);
    assert!(report.account_masked.ends_with("07 85"));

    let billing: Billing = app.get_json(&client, "/api/me/billing").await;
    assert_eq!(billing.invoices.len(), 3);
    let by_number = |n: &str| billing.invoices.iter().find(|i| i.number == n).unwrap();
    assert_eq!(by_number("KL-2026-0311").status, InvoiceStatus::Paid);
    assert_eq!(by_number("KL-2026-0187").status, InvoiceStatus::Overdue);
    assert_eq!(by_number("KL-2026-0412").payments.len(), 1);
}

#[tokio::test]
async fn a_customer_never_sees_another_customers_data() {
    let app = TestApp::spawn().await;
    let aino = app.client();
    let erik = app.client();
    app.sign_in_token(&aino, AINO).await;
    app.sign_in_token(&erik, ERIK).await;
    for path in crate::helpers::ME_ROUTES {
        let a = aino
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let e = erik
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_ne!(a, e, "{path} differs per customer");
        for marker in [
            "Aino",
            "Laine",
            "aino.laine",
            "KL-2026-0311",
            "Nordea",
            "+358401234567",
        ] {
            assert!(
                !e.contains(marker),
                "{path}: Erik's answer contains Aino's {marker}"
            );
        }
        for marker in [
            "Erik",
            "Sjöberg",
            "erik.sjoberg",
            "KL-2026-0399",
            "+358507654321",
        ] {
            assert!(
                !a.contains(marker),
                "{path}: Aino's answer contains Erik's {marker}"
            );
        }
    }
    // No query parameter or header picks another customer: the session alone decides.
    for path in ["/api/me?customer_id=2", "/api/me?id=2"] {
        let a = aino
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(a.contains("Aino") && !a.contains("Erik"), "{path}");
    }
    let erik_report: Option<klever_api::BankReport> =
        app.get_json(&erik, "/api/me/bank-report").await;
    assert!(erik_report.is_none());
}

#[tokio::test]
async fn unknown_api_paths_are_json_404_and_app_routes_get_the_app() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let missing = client
        .get(app.url("/api/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        missing.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::NotFound
    );
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/profile", StatusCode::OK),
        ("/profile/marketing", StatusCode::OK),
        ("/profile/devices", StatusCode::OK),
        ("/staff/requests/12", StatusCode::OK),
        ("/privacy", StatusCode::OK),
        // Not a page of the app: the app's not-found page, with a status that says so.
        ("/some/client/route", StatusCode::NOT_FOUND),
        ("/manifest.json", StatusCode::NOT_FOUND),
        ("/icons/missing.png", StatusCode::NOT_FOUND),
    ] {
        let page = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(page.status(), status, "{path}");
        assert_eq!(page.headers()["x-content-type-options"], "nosniff");
        let csp = page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.starts_with("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(
            page.text().await.unwrap().contains("test index"),
            "{path} serves index.html"
        );
    }
}

async fn customers(db: &klever_server::db::Db) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM customers", (), |r| r.get(0))?))
        .await
        .unwrap()
}

#[tokio::test]
async fn demo_data_is_seeded_once_and_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("k.db").display());
    let plain = klever_server::Config {
        database_url: url.clone(),
        ..Default::default()
    };
    let state = klever_server::prepare(plain.clone()).await.unwrap();
    let n = customers(&state.db).await;
    assert_eq!(n, 0, "no demo data unless KLEVER_DEMO_DATA is on");
    state.db.close().await;

    let demo = klever_server::Config {
        demo_data: true,
        ..plain
    };
    for _ in 0..2 {
        let state = klever_server::prepare(demo.clone()).await.unwrap();
        let n = customers(&state.db).await;
        assert_eq!(n, 3, "seeded once, not again on restart");
        state.db.close().await;
    }
}

#[tokio::test]
async fn bench_customers_go_only_into_an_empty_register() {
    let app = TestApp::spawn().await;
    let refused = klever_server::seed::seed_bench(&app.db, 5).await;
    assert!(refused.is_err(), "the demo customers are there");
    assert_eq!(customers(&app.db).await, 3, "nothing added");

    let empty = TestApp::spawn_with_bench_customers(5).await;
    assert_eq!(customers(&empty.db).await, 5);
    let client = empty.bench_customer(5).await;
    let profile: Profile = empty.get_json(&client, "/api/me").await;
    assert_eq!(profile.contact.email.as_str(), "bench00005@bench.example");
}

#[tokio::test]
async fn history_cannot_be_rewritten_even_by_sql() {
    let app = TestApp::spawn().await;
    let update = app
        .exec("UPDATE change_history SET new_value = 'x'", args![])
        .await;
    assert!(update.is_err(), "update refused");
    let delete = app.exec("DELETE FROM change_history", args![]).await;
    assert!(delete.is_err(), "delete refused");
    let n: i64 = app
        .one("SELECT COUNT(*) FROM change_history", args![])
        .await;
    assert_eq!(n, 6, "all seeded entries survive");
}

#[tokio::test]
async fn built_files_are_sent_gzipped_and_cached_by_their_hash() {
    let app = TestApp::spawn().await;
    let name = "kleverapp-0123456789abcdef_bg.wasm";
    let plain = b"\0asm pretend module".repeat(50);
    std::fs::write(app.static_dir.join(name), &plain).unwrap();
    // Any gzip stream will do: the server only picks the file, it does not decode it.
    std::fs::write(
        app.static_dir.join(format!("{name}.gz")),
        b"\x1f\x8bcompressed",
    )
    .unwrap();

    let client = app.client();
    let gz = client
        .get(app.url(&format!("/{name}")))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.status(), StatusCode::OK);
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(
        gz.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"\x1f\x8bcompressed");

    let raw = client
        .get(app.url(&format!("/{name}")))
        .send()
        .await
        .unwrap();
    assert!(
        raw.headers().get("content-encoding").is_none(),
        "no gzip unless asked for"
    );
    assert_eq!(raw.bytes().await.unwrap().len(), plain.len());

    let page = client.get(app.url("/profile")).send().await.unwrap();
    assert_eq!(
        page.headers()["cache-control"],
        "no-cache",
        "the app shell is checked every time"
    );
    let api = client.get(app.url("/api/me")).send().await.unwrap();
    assert_eq!(api.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn every_stored_gender_reads_back_as_itself() {
    let app = TestApp::spawn().await;
    let maija = app.customer(crate::helpers::MAIJA).await;
    for (code, gender) in [
        ("female", klever_api::Gender::Female),
        ("male", klever_api::Gender::Male),
        ("other", klever_api::Gender::Other),
        ("not_stated", klever_api::Gender::NotStated),
    ] {
        app.exec(
            "UPDATE customers SET gender = ?1 WHERE email = ?2",
            args![code, crate::helpers::MAIJA.0],
        )
        .await
        .unwrap();
        let profile: klever_api::Profile = app.get_json(&maija, "/api/me").await;
        assert_eq!(profile.personal.gender, gender, "{code}");
    }
}

/// A database URL the server cannot use stops it at start, saying what is wrong (and for a
/// URL it cannot read, what to write instead), and leaves nothing behind (a `postgres://`
/// URL once became a folder named `postgres:`).
#[test]
fn the_binary_refuses_a_database_url_it_cannot_use_and_writes_nothing() {
    let fix = "DATABASE_URL must be sqlite://PATH";
    for (url, says) in [
        // Nothing listens on port 1: which server it tried, never the password.
        (
            "postgres://klever:s3cret@127.0.0.1:1/klever",
            [
                "cannot connect to the PostgreSQL database \"klever\" on 127.0.0.1",
                "Connection refused",
            ],
        ),
        (
            "postgres://klever:s3cret@127.0.0.1:1",
            ["without a database name", fix],
        ),
        ("mysql://root:s3cret@127.0.0.1:1/klever", ["mysql://", fix]),
        ("klever.db", ["is no URL", fix]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_klever-server"))
            .current_dir(dir.path())
            .env_clear()
            .env("DATABASE_URL", url)
            .env("KLEVER_BIND", "127.0.0.1:0")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A server that took the URL would serve until stopped: stop it and fail.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
        }
        let output = child.wait_with_output().unwrap();
        assert!(!output.status.success(), "{url}: started");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for says in says {
            assert!(stderr.contains(says), "{url}: {stderr}");
        }
        assert!(!stderr.contains("s3cret"), "{stderr}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{url}: {left:?}");
    }
}

/// `GET /api/openapi.json` is the document the router was built from: every route, each
/// with a unique operation id, its session, and the answers it can give.
#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = TestApp::spawn().await;
    let response = app
        .client()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/json");
    let doc: serde_json::Value = response.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc,
        serde_json::to_value(klever_server::openapi()).unwrap(),
        "served as generated"
    );

    let routes = klever_server::api_routes();
    let mut ids = std::collections::BTreeSet::new();
    for (method, path) in &routes {
        let op = &doc["paths"][path][method.as_str().to_lowercase()];
        let id = op["operationId"].as_str().unwrap_or_default();
        assert!(
            ids.insert(id.to_owned()),
            "{method} {path}: operation id {id:?} twice"
        );
        let responses = op["responses"].as_object().unwrap();
        let has = |status: &str| responses.contains_key(status);
        assert!(has("500") && has("503"), "{method} {path}");
        let success = responses.keys().any(|s| s.starts_with('2'));
        assert!(success, "{method} {path}: no success answer");
        let changes = *method != reqwest::Method::GET;
        if changes {
            assert!(has("403"), "{method} {path}: cross-site refusal");
        }
        let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
        // Signing in and out needs no session; everything else does.
        let public = (changes && ["/api/session", "/api/staff/session"].contains(&path.as_str()))
            || path.starts_with("/api/account/");
        assert_eq!(secured, !public, "{method} {path}: session");
        if secured {
            assert!(has("401"), "{method} {path}");
        }
        for name in path
            .split('{')
            .skip(1)
            .map(|p| p.split('}').next().unwrap())
        {
            let documented = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
            assert!(documented, "{method} {path}: parameter {name}");
        }
    }
    // The routes the access test walks, at least those the app calls today.
    for known in [
        "/api/me",
        "/api/me/devices/{id}",
        "/api/staff/requests/{id}/{action}",
    ] {
        assert!(routes.iter().any(|(_, p)| p == known), "{known}");
    }
    // Also says when a route goes missing from the document (and so from the router).
    assert_eq!(routes.len(), 33);

    // The contract's coded values appear by their codes, as they travel.
    let gender = &doc["components"]["schemas"]["Gender"]["enum"];
    assert_eq!(
        gender,
        &serde_json::json!(["female", "male", "other", "not_stated"])
    );
}
