//! Changing the password while signed in: the rules for the new one, the current one
//! checked (and its wrong guesses counted), other sessions ended, a notice queued.

use crate::helpers::{retry_after, TestApp, AINO};
use klever_api::{ErrorBody, ErrorCode, ValidationError};
use reqwest::StatusCode;
use serde_json::json;

const NEW: &str = "Tiistai aamuna 7 kahvia!";

async fn change(
    app: &TestApp,
    client: &reqwest::Client,
    current: &str,
    new: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/me/password"))
        .json(&json!({"current_password": current, "new_password": new}))
        .send()
        .await
        .unwrap()
}

/// The stored hash, the sessions and the messages of Aino: what a refused change must
/// leave as it was.
async fn snapshot(app: &TestApp) -> (String, i64, i64) {
    let hash: String = app
        .one(
            "SELECT password_hash FROM customers WHERE email = ?1",
            args![AINO.0],
        )
        .await;
    (
        hash,
        app.count("sessions", AINO.0).await,
        app.count("outgoing_messages", AINO.0).await,
    )
}

#[tokio::test]
async fn a_changed_password_signs_in_and_every_other_session_ends() {
    let app = TestApp::spawn().await;
    let here = app.customer(AINO).await;
    let elsewhere = app.customer(AINO).await;
    let (old_hash, _, _) = snapshot(&app).await;

    let response = change(&app, &here, AINO.1, NEW).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // This browser stays signed in; the other one is out.
    assert_eq!(app.status(&here, "/api/me").await, StatusCode::OK);
    assert_eq!(
        app.status(&elsewhere, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.count("sessions", AINO.0).await, 1);

    // Stored as a new Argon2id hash, never as typed.
    let (hash, _, _) = snapshot(&app).await;
    assert_ne!(hash, old_hash);
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(NEW));

    // The old password no longer signs in; the new one does.
    let old = app.sign_in(&app.client(), AINO).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    let new = app.sign_in(&app.client(), (AINO.0, NEW)).await;
    assert_eq!(new.status(), StatusCode::OK);

    // One notice, to the address on file, in Aino's language, without the password.
    let notices: Vec<(String, String, String, String, String)> = app
        .rows(
            "SELECT recipient, channel, language, subject, body FROM outgoing_messages \
             WHERE kind = 'password_changed'",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    let (to, channel, language, subject, body) = &notices[0];
    assert_eq!(
        (to.as_str(), channel.as_str(), language.as_str()),
        (AINO.0, "email", "fi")
    );
    assert_eq!(subject, "Salasanasi vaihdettiin");
    assert!(
        body.starts_with("Kleverapp-tilisi salasana vaihdettiin"),
        "{body}"
    );
    assert!(!body.contains(NEW) && !body.contains(AINO.1));
}

/// The field errors a refusal names, in field order.
type FieldErrors = &'static [(&'static str, ValidationError)];

#[tokio::test]
async fn a_refused_change_says_why_at_the_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await;
    let other = app.customer(AINO).await;
    let before = snapshot(&app).await;
    let cases: [(&str, &str, FieldErrors); 7] = [
        (
            "not my password",
            NEW,
            &[("current_password", ValidationError::Incorrect)],
        ),
        (
            AINO.1,
            "short pass",
            &[("new_password", ValidationError::TooShort)],
        ),
        (
            AINO.1,
            &"x".repeat(129),
            &[("new_password", ValidationError::TooLong)],
        ),
        // In the list of common passwords, whatever the case.
        (
            AINO.1,
            "123QWEasdZXC",
            &[("new_password", ValidationError::TooCommon)],
        ),
        (
            AINO.1,
            "tab\tinside a password",
            &[("new_password", ValidationError::InvalidCharacters)],
        ),
        (AINO.1, "", &[("new_password", ValidationError::Required)]),
        (
            "",
            "short",
            &[
                ("current_password", ValidationError::Required),
                ("new_password", ValidationError::TooShort),
            ],
        ),
    ];
    for (current, new, expected) in cases {
        let response = change(&app, &client, current, new).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{new:?}"
        );
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::ValidationFailed);
        let fields: Vec<(&str, ValidationError)> =
            body.fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(fields, expected, "{current:?} → {new:?}");
        assert_eq!(snapshot(&app).await, before, "{new:?} changed something");
    }
    assert_eq!(app.status(&other, "/api/me").await, StatusCode::OK);

    // Twelve characters of anything, spaces and emoji too, is a password.
    let emoji = "🐈 kissa 🐈 ulos!";
    assert_eq!(
        change(&app, &client, AINO.1, emoji).await.status(),
        StatusCode::NO_CONTENT
    );
    let signed_in = app.sign_in(&app.client(), (AINO.0, emoji)).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
}

/// Someone at an open session cannot guess the password through this form faster than
/// through the sign-in page: wrong current passwords count as failed sign-ins.
#[tokio::test]
async fn guessing_the_current_password_is_limited_like_signing_in() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await;
    for n in 0..10 {
        let response = change(&app, &client, &format!("guess number {n}"), NEW).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "guess {n}"
        );
    }
    let before = snapshot(&app).await;
    let refused = change(&app, &client, AINO.1, NEW).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&refused) > 0);
    assert_eq!(
        refused.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::TooManyAttempts
    );
    assert_eq!(
        snapshot(&app).await,
        before,
        "not even the right password gets through"
    );
}

#[tokio::test]
async fn without_a_session_nothing_changes() {
    let app = TestApp::spawn().await;
    let before = snapshot(&app).await;
    let response = change(&app, &app.client(), AINO.1, NEW).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(snapshot(&app).await, before);
}
