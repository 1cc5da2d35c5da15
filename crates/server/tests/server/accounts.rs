//! Getting into an account by email: a reset link for a forgotten password and an
//! activation link for an account never used, delivered to a real SMTP server; each link
//! single-use, expiring, and stored only as a hash; the request answered alike for every
//! address, and limited.

use crate::helpers::{retry_after, Received, SmtpSink, TestApp, AINO, HELENA, OLLI, TEST_ORIGIN};
use klever_api::{ErrorBody, ErrorCode, SessionInfo, ValidationError};
use reqwest::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};

const NEW: &str = "Tiistai aamuna 7 kahvia!";

async fn ask_reset(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    client
        .post(app.url("/api/account/reset-link"))
        .json(&json!({ "email": email }))
        .send()
        .await
        .unwrap()
}

async fn set_password(
    app: &TestApp,
    client: &reqwest::Client,
    purpose: &str,
    token: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/account/password"))
        .json(&json!({ "purpose": purpose, "token": token, "new_password": password }))
        .send()
        .await
        .unwrap()
}

/// The token of the link in a delivered message, checked to point at `page` on the
/// server's public origin, in the text and as a link in the HTML.
fn token_in(message: &Received, page: &str) -> String {
    let text = message.text.as_deref().unwrap();
    let prefix = format!("{TEST_ORIGIN}{page}#");
    let url = text
        .split_whitespace()
        .find(|w| w.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in {text}"));
    let html = message.html.as_deref().unwrap();
    assert!(html.contains(&format!("<a href=\"{url}\">")), "{html}");
    let token = url[prefix.len()..].to_owned();
    assert_eq!(token.len(), 64, "256 bits, hex");
    token
}

fn sha256_hex(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_through_a_single_use_link() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    let elsewhere = app.customer(AINO).await;

    let asked = ask_reset(&app, &app.client(), AINO.0).await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let mail = sink.wait_for(1).await;
    assert_eq!(mail[0].rcpt_to, [AINO.0]);
    assert_eq!(mail[0].subject, "Uusi salasana Kleverappiin");
    let token = token_in(&mail[0], "/account/reset");

    // Only the token's hash is kept, and nothing stored holds the token itself.
    let stored: Vec<(String, String, i64, i64)> = app
        .rows(
            "SELECT token_hash, purpose, created_at, expires_at FROM account_links",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, sha256_hex(&token));
    assert_eq!(stored[0].1, "reset");
    assert_eq!(stored[0].3 - stored[0].2, 30 * 60, "half an hour");
    let in_outbox: i64 = app
        .one(
            "SELECT COUNT(*) FROM account_links WHERE token_hash = ?1",
            args![token.clone()],
        )
        .await;
    assert_eq!(in_outbox, 0);

    // A weak password is refused and the link still works.
    let browser = app.client();
    let weak = set_password(&app, &browser, "reset", &token, "short").await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = weak.json().await.unwrap();
    assert_eq!(
        body.fields.get("new_password"),
        Some(&ValidationError::TooShort)
    );

    let done = set_password(&app, &browser, "reset", &token, NEW).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(
        done.json::<SessionInfo>()
            .await
            .unwrap()
            .first_name
            .as_str(),
        "Aino"
    );
    // This browser is signed in; the session elsewhere has ended.
    assert_eq!(app.status(&browser, "/api/me").await, StatusCode::OK);
    assert_eq!(
        app.status(&elsewhere, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&app.client(), AINO).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&app.client(), (AINO.0, NEW)).await.status(),
        StatusCode::OK
    );

    // Used once, never again; and the change was announced.
    let hash_now: String = app
        .one(
            "SELECT password_hash FROM customers WHERE email = ?1",
            args![AINO.0],
        )
        .await;
    let again = set_password(
        &app,
        &app.client(),
        "reset",
        &token,
        "Another long password",
    )
    .await;
    assert_eq!(again.status(), StatusCode::GONE);
    assert_eq!(
        again.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::InvalidLink
    );
    let hash_after: String = app
        .one(
            "SELECT password_hash FROM customers WHERE email = ?1",
            args![AINO.0],
        )
        .await;
    assert_eq!(hash_after, hash_now, "nothing changed");
    let notice = sink.wait_for(2).await.remove(1);
    assert_eq!(notice.subject, "Salasanasi vaihdettiin");
}

/// Known or not, an address gets the same answer; only a customer's gets a message.
#[tokio::test]
async fn the_answer_does_not_tell_who_is_a_customer() {
    let app = TestApp::spawn().await;
    let known = ask_reset(&app, &app.client(), AINO.0).await;
    let unknown = ask_reset(&app, &app.client(), "nobody@example.fi").await;
    let malformed = ask_reset(&app, &app.client(), "not an address").await;
    let shape = |r: &reqwest::Response| {
        let mut headers: Vec<(String, String)> = r
            .headers()
            .iter()
            // The date and the request's own log id differ for any two requests.
            .filter(|(name, _)| *name != "date" && *name != "x-request-id")
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        headers.sort();
        (r.status(), headers)
    };
    assert_eq!(shape(&known), shape(&unknown));
    assert_eq!(shape(&known), shape(&malformed));
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    let (a, b) = (known.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(a, b);
    let messages: Vec<String> = app
        .rows("SELECT recipient FROM outgoing_messages", args![], |r| {
            r.get(0)
        })
        .await;
    assert_eq!(messages, [AINO.0]);
}

#[tokio::test]
async fn a_link_expires() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    ask_reset(&app, &app.client(), AINO.0).await;
    let token = token_in(&sink.wait_for(1).await[0], "/account/reset");
    app.clock.advance(30 * 60);
    let late = set_password(&app, &app.client(), "reset", &token, NEW).await;
    assert_eq!(late.status(), StatusCode::GONE);
    assert_eq!(
        app.sign_in(&app.client(), AINO).await.status(),
        StatusCode::OK,
        "unchanged"
    );

    // A newer link replaces an older one, which stops working.
    ask_reset(&app, &app.client(), AINO.0).await;
    ask_reset(&app, &app.client(), AINO.0).await;
    let mail = sink.wait_for(3).await;
    let (older, newer) = (
        token_in(&mail[1], "/account/reset"),
        token_in(&mail[2], "/account/reset"),
    );
    app.clock.advance(30 * 60 - 1);
    let replaced = set_password(&app, &app.client(), "reset", &older, NEW).await;
    assert_eq!(replaced.status(), StatusCode::GONE);
    let in_time = set_password(&app, &app.client(), "reset", &newer, NEW).await;
    assert_eq!(
        in_time.status(),
        StatusCode::OK,
        "one second before it expires"
    );
}

/// Asking is limited per client (429 for any address alike) and per address (no more
/// links, the same answer).
#[tokio::test]
async fn asking_for_links_is_limited_per_client_and_per_address() {
    let app = TestApp::spawn_behind_proxy().await;
    for n in 0..5 {
        let client = app.client_at(&format!("203.0.113.{n}"));
        assert_eq!(
            ask_reset(&app, &client, AINO.0).await.status(),
            StatusCode::ACCEPTED
        );
    }
    let links: i64 = app.one("SELECT COUNT(*) FROM account_links", args![]).await;
    assert_eq!(links, 3, "three an hour to one address");

    let one = app.client_at("198.51.100.7");
    for n in 0..10 {
        let email = format!("someone{n}@example.fi");
        assert_eq!(
            ask_reset(&app, &one, &email).await.status(),
            StatusCode::ACCEPTED
        );
    }
    for email in [AINO.0, "nobody@example.fi"] {
        let refused = ask_reset(&app, &one, email).await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS, "{email}");
        assert_eq!(retry_after(&refused), 3600);
    }
    app.clock.advance(3600);
    assert_eq!(
        ask_reset(&app, &one, "x@example.fi").await.status(),
        StatusCode::ACCEPTED
    );
}

#[tokio::test]
async fn customer_service_invites_a_customer_who_then_activates_the_account() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    let sanna = app.never_activated("sanna.koskinen@example.fi", "sv").await;
    // Without a password nobody signs in, whatever they type.
    assert_eq!(
        app.sign_in(&app.client(), ("sanna.koskinen@example.fi", "!"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let path = format!("/api/staff/customers/{sanna}/activation-link");
    let marketing = app.staff(OLLI).await;
    let refused = marketing.post(app.url(&path)).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let service = app.staff(HELENA).await;
    let aino: i64 = app
        .one("SELECT id FROM customers WHERE email = ?1", args![AINO.0])
        .await;
    let active = service
        .post(app.url(&format!("/api/staff/customers/{aino}/activation-link")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        active.status(),
        StatusCode::CONFLICT,
        "Aino uses the app already"
    );
    let sent = service.post(app.url(&path)).send().await.unwrap();
    assert_eq!(sent.status(), StatusCode::ACCEPTED);

    let mail = sink.wait_for(1).await;
    assert_eq!(mail.len(), 1, "nothing to Aino");
    assert_eq!(mail[0].rcpt_to, ["sanna.koskinen@example.fi"]);
    assert_eq!(
        mail[0].subject, "Ta Kleverapp i bruk",
        "in Sanna's language"
    );
    let token = token_in(&mail[0], "/account/activate");

    // An activation link is no reset link.
    let wrong = set_password(&app, &app.client(), "reset", &token, NEW).await;
    assert_eq!(wrong.status(), StatusCode::GONE);
    app.clock.advance(47 * 3600);
    let browser = app.client();
    let done = set_password(&app, &browser, "activation", &token, NEW).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(app.status(&browser, "/api/me").await, StatusCode::OK);
    let activated: Option<String> = app
        .one(
            "SELECT activated_at FROM customers WHERE id = ?1",
            args![sanna],
        )
        .await;
    assert_eq!(activated.as_deref(), Some("2026-11-27T09:00:00Z"));
    assert_eq!(
        app.sign_in(&app.client(), ("sanna.koskinen@example.fi", NEW))
            .await
            .status(),
        StatusCode::OK
    );
}

/// `klever-server invite --email …` queues the same link, and says what it did per address.
#[tokio::test]
async fn the_invite_command_sends_activation_links() {
    let app = TestApp::spawn().await;
    app.never_activated("sanna.koskinen@example.fi", "sv").await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_klever-server"))
        .args([
            "invite",
            "--email",
            "sanna.koskinen@example.fi",
            "--email",
            AINO.0,
        ])
        .env("DATABASE_URL", &app.database_url)
        .env("KLEVER_PUBLIC_ORIGIN", TEST_ORIGIN)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("sanna.koskinen@example.fi: activation link queued"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{}: uses the app already; nothing sent", AINO.0)),
        "{stdout}"
    );
    let queued: Vec<(String, String)> = app
        .rows(
            "SELECT recipient, kind FROM outgoing_messages",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .await;
    assert_eq!(
        queued,
        [(
            "sanna.koskinen@example.fi".to_owned(),
            "activation_link".to_owned()
        )]
    );

    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_klever-server"))
        .args(["invite", "--email", "nobody@example.fi"])
        .env("DATABASE_URL", &app.database_url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(!unknown.status.success(), "a typo is an error");
    assert!(String::from_utf8_lossy(&unknown.stdout).contains("no customer has this address"));
}
