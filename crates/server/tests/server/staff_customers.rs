//! Customer service finds customers and opens their records; marketing may not; every
//! search and every record opened is logged, append-only.

use crate::helpers::{TestApp, AINO, ERIK, HELENA, OLLI, TEST_NOW};
use klever_api::{CustomerHit, ErrorBody, ErrorCode, Profile, StaffCustomer, ValidationError};
use reqwest::StatusCode;

/// The access log: who, what, detail.
async fn log(app: &TestApp) -> Vec<(String, String, String, String)> {
    app.rows(
        "SELECT s.email, l.action, l.detail, l.at FROM staff_access_log l \
         JOIN staff s ON s.id = l.staff_id ORDER BY l.id",
        args![],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .await
}

async fn find(app: &TestApp, client: &reqwest::Client, q: &str) -> reqwest::Response {
    client
        .get(app.url("/api/staff/customers"))
        .query(&[("q", q)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn customer_service_finds_a_customer_by_name_email_or_phone_and_the_search_is_logged() {
    let app = TestApp::spawn().await;
    let helena = app.staff(HELENA).await;
    let names = |hits: Vec<CustomerHit>| -> Vec<String> {
        hits.into_iter()
            .map(|h| format!("{} {}", h.first_name, h.last_name))
            .collect()
    };
    for (q, expected) in [
        ("laine", vec!["Aino Laine"]),
        ("AINO LA", vec!["Aino Laine"]),
        ("sjoberg@example", vec!["Erik Sjöberg"]),
        ("40 123 4567", vec!["Aino Laine"]),
        (
            "example.fi",
            vec!["Aino Laine", "Erik Sjöberg", "Maija Virtanen"],
        ),
        // Typed wildcards are only themselves.
        ("%_", vec![]),
        ("nobody at all", vec![]),
    ] {
        let response = find(&app, &helena, q).await;
        assert_eq!(response.status(), StatusCode::OK, "{q}");
        let hits: Vec<CustomerHit> = response.json().await.unwrap();
        assert_eq!(names(hits), expected, "{q}");
    }
    let logged = log(&app).await;
    assert_eq!(logged.len(), 7);
    assert_eq!(
        logged[0],
        (
            HELENA.0.to_owned(),
            "search".to_owned(),
            "laine".to_owned(),
            TEST_NOW.to_owned()
        )
    );

    // Too short or too long a search says so at the field, and is not run or logged.
    for (q, error) in [
        ("a", ValidationError::TooShort),
        (&"x".repeat(101)[..], ValidationError::TooLong),
    ] {
        let response = find(&app, &helena, q).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.fields.get("q"), Some(&error));
    }
    assert_eq!(log(&app).await.len(), 7);

    // The log is append-only.
    assert!(app
        .exec("UPDATE staff_access_log SET detail = 'x'", args![])
        .await
        .is_err());
    assert!(app
        .exec("DELETE FROM staff_access_log", args![])
        .await
        .is_err());
}

#[tokio::test]
async fn the_record_shows_what_the_customer_sees_and_the_account_state() {
    let app = TestApp::spawn().await;
    let erik = app.customer(ERIK).await;
    let his: Profile = app.get_json(&erik, "/api/me").await;
    let id: i64 = app
        .one("SELECT id FROM customers WHERE email = ?1", args![ERIK.0])
        .await;
    let helena = app.staff(HELENA).await;
    let record: StaffCustomer = app
        .get_json(&helena, &format!("/api/staff/customers/{id}"))
        .await;
    assert_eq!(record.data.profile, his);
    let since: String = app
        .one(
            "SELECT customer_since FROM customers WHERE id = ?1",
            args![id],
        )
        .await;
    assert_eq!(
        record.account.activated_at,
        Some(format!("{since}T00:00:00Z"))
    );
    assert_eq!(record.account.activation_link_sent_at, None);
    assert_eq!(log(&app).await.last().unwrap().1, "view");
    assert_eq!(log(&app).await.last().unwrap().2, id.to_string());

    let missing = helena
        .get(app.url("/api/staff/customers/999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    // A customer who never used the app, after customer service sent the link.
    let sanna = app.never_activated("sanna.koskinen@example.fi", "sv").await;
    let before: StaffCustomer = app
        .get_json(&helena, &format!("/api/staff/customers/{sanna}"))
        .await;
    assert_eq!(before.account.activated_at, None);
    assert_eq!(before.account.activation_link_sent_at, None);
    let sent = helena
        .post(app.url(&format!("/api/staff/customers/{sanna}/activation-link")))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::ACCEPTED);
    let after: StaffCustomer = app
        .get_json(&helena, &format!("/api/staff/customers/{sanna}"))
        .await;
    assert_eq!(
        after.account.activation_link_sent_at.as_deref(),
        Some(TEST_NOW)
    );
    assert_eq!(
        after.account.activation_link_expires_at.as_deref(),
        Some("2026-11-27T10:00:00Z")
    );
    let actions: Vec<String> = log(&app).await.into_iter().map(|l| l.1).collect();
    assert_eq!(actions, ["view", "view", "activation_link", "view"]);
}

#[tokio::test]
async fn marketing_staff_and_customers_cannot_look_customers_up() {
    let app = TestApp::spawn().await;
    let id: i64 = app
        .one("SELECT id FROM customers WHERE email = ?1", args![AINO.0])
        .await;
    let olli = app.staff(OLLI).await;
    for path in [
        "/api/staff/customers?q=laine".to_owned(),
        format!("/api/staff/customers/{id}"),
    ] {
        let response = olli.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::Forbidden);
        let text = olli
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!text.contains("Laine"), "{path}");
        let customer = app.customer(ERIK).await;
        let response = customer.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert!(log(&app).await.is_empty(), "nothing was looked at");
}
