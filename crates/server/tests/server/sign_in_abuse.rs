//! Guessing is slowed per client, and nobody can lock a customer out by failing on their
//! account: the limits fall on the clients that fail (routes/session.rs, `LIMITS`).

use klever_api::{ErrorBody, ErrorCode};
use reqwest::StatusCode;

use crate::helpers::{retry_after, TestApp, AINO, ERIK};

#[tokio::test]
async fn a_guesser_is_held_back_while_the_customer_still_signs_in() {
    let app = TestApp::spawn_behind_proxy().await;
    let guesser = app.client_at("203.0.113.7");
    for i in 0..10 {
        let wrong = app.sign_in(&guesser, (AINO.0, &format!("guess-{i}"))).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    // The guesser waits, even with the right password...
    let held = app.sign_in(&guesser, AINO).await;
    assert_eq!(retry_after(&held), 15 * 60);
    assert_eq!(
        held.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::TooManyAttempts
    );
    // ...while Aino, on her own phone, signs in at once.
    let aino = app.client_at("198.51.100.20");
    assert_eq!(app.sign_in(&aino, AINO).await.status(), StatusCode::OK);
    // Her success does not give the guesser a fresh start.
    assert_eq!(
        app.sign_in(&guesser, AINO).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let left: i64 = app
        .one(
            "SELECT COUNT(*) FROM sign_in_failures WHERE client = ?1",
            args!["203.0.113.7"],
        )
        .await;
    assert_eq!(left, 10, "the guesser's failures stay");
}

#[tokio::test]
async fn without_a_trusted_proxy_a_forwarded_address_changes_nothing() {
    let app = TestApp::spawn().await;
    // A guesser who writes a new X-Forwarded-For each time is still one client.
    for i in 0..10 {
        let wrong = app
            .sign_in(&app.client_at(&format!("192.0.2.{i}")), (AINO.0, "guess"))
            .await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    let held = app.sign_in(&app.client_at("192.0.2.99"), AINO).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    let clients: Vec<String> = app
        .rows(
            "SELECT DISTINCT client FROM sign_in_failures",
            args![],
            |r| r.get(0),
        )
        .await;
    assert_eq!(
        clients,
        ["127.0.0.1"],
        "counted by the connection's address"
    );
}

#[tokio::test]
async fn one_client_trying_many_accounts_is_stopped_without_saying_which_exist() {
    let app = TestApp::spawn_behind_proxy().await;
    let stuffer = app.client_at("203.0.113.50");
    // Fifty failures over fifty addresses, registered or not, each answered alike.
    for i in 0..50 {
        let email = if i == 7 {
            ERIK.0.to_owned()
        } else {
            format!("nobody{i}@example.fi")
        };
        let wrong = app.sign_in(&stuffer, (&email, "Summer2026!")).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "{email}");
        assert_eq!(
            wrong.json::<ErrorBody>().await.unwrap().code,
            ErrorCode::InvalidCredentials
        );
    }
    // The next try, on any account, waits: the first failure ages out in 15 minutes.
    let held = app.sign_in(&stuffer, AINO).await;
    assert_eq!(retry_after(&held), 15 * 60);
    app.clock.advance(60);
    assert_eq!(
        retry_after(&app.sign_in(&stuffer, ("nobody99@example.fi", "x")).await),
        14 * 60
    );
    // Others are not held back.
    let aino = app.client_at("198.51.100.20");
    assert_eq!(app.sign_in(&aino, AINO).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn many_clients_failing_on_one_account_hold_back_only_themselves() {
    let app = TestApp::spawn_behind_proxy().await;
    // A hundred failures in an hour, ten from each of ten addresses: the account's limit.
    for c in 0..10 {
        let client = app.client_at(&format!("203.0.113.{c}"));
        for _ in 0..10 {
            let wrong = app.sign_in(&client, (AINO.0, "guess")).await;
            assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        }
        app.clock.advance(60);
    }
    // A new address gets its try, and having failed, waits: the account has had its
    // hundred, the first of which ages out of the hour 50 minutes from now.
    let next = app.client_at("203.0.113.200");
    assert_eq!(
        app.sign_in(&next, (AINO.0, "guess")).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let held = app.sign_in(&next, AINO).await;
    assert_eq!(retry_after(&held), 50 * 60);
    // Aino, who has not been failing, signs in: nobody has locked her out.
    let aino = app.client_at("198.51.100.20");
    assert_eq!(app.sign_in(&aino, AINO).await.status(), StatusCode::OK);
}
