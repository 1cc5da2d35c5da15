//! Signed-in devices: a customer sees where they are signed in and ends any of those
//! sessions, and only their own.

use klever_api::{Device, ErrorBody, ErrorCode};
use reqwest::StatusCode;

use crate::helpers::{TestApp, AINO, ERIK, TEST_NOW};

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const LAPTOP: &str =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn signed_in(
    app: &TestApp,
    user_agent: &str,
    who: (&str, &str),
) -> (reqwest::Client, String) {
    let client = app.client_named(user_agent);
    let token = app.sign_in_token(&client, who).await;
    (client, token)
}

async fn devices(app: &TestApp, client: &reqwest::Client) -> Vec<Device> {
    app.get_json(client, "/api/me/devices").await
}

async fn end(app: &TestApp, client: &reqwest::Client, path: &str) -> reqwest::Response {
    client.delete(app.url(path)).send().await.unwrap()
}

#[tokio::test]
async fn the_list_names_each_browser_and_marks_this_one() {
    let app = TestApp::spawn().await;
    let (laptop, laptop_token) = signed_in(&app, LAPTOP, AINO).await;
    app.clock.advance(20 * 60);
    let (phone, _) = signed_in(&app, PHONE, AINO).await;
    // Erik's session is his alone.
    signed_in(&app, PHONE, ERIK).await;

    let response = phone.get(app.url("/api/me/devices")).send().await.unwrap();
    let body = response.text().await.unwrap();
    assert!(
        !body.contains(&laptop_token)
            && !body.contains(&klever_server::auth::token_hash(&laptop_token)),
        "no token, nor its hash, leaves the server: {body}"
    );
    let list: Vec<Device> = serde_json::from_str(&body).unwrap();
    let seen: Vec<_> = list
        .iter()
        .map(|d| {
            (
                d.browser.as_deref(),
                d.system.as_deref(),
                d.signed_in_at.as_str(),
                d.last_used_at.as_str(),
                d.current,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                Some("Chrome"),
                Some("Android"),
                "2026-11-25T10:20:00Z",
                "2026-11-25T10:20:00Z",
                true
            ),
            (Some("Firefox"), Some("macOS"), TEST_NOW, TEST_NOW, false),
        ],
        "the most recently used first"
    );
    // Seen from the laptop (which this use marks as used now too), the laptop is "this
    // device".
    let from_laptop = devices(&app, &laptop).await;
    assert!(from_laptop[1].current && !from_laptop[0].current);
    assert_eq!(
        from_laptop[1].id, list[1].id,
        "one id per session, whoever asks"
    );
}

#[tokio::test]
async fn ending_another_device_signs_it_out_there_only() {
    let app = TestApp::spawn().await;
    let (laptop, _) = signed_in(&app, LAPTOP, AINO).await;
    let (phone, _) = signed_in(&app, PHONE, AINO).await;
    let list = devices(&app, &phone).await;
    let laptop_id = &list.iter().find(|d| !d.current).unwrap().id;

    let ended = end(&app, &phone, &format!("/api/me/devices/{laptop_id}")).await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert!(
        ended.headers().get("set-cookie").is_none(),
        "the phone stays signed in"
    );
    assert_eq!(
        app.status(&laptop, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.status(&phone, "/api/me").await, StatusCode::OK);
    assert_eq!(devices(&app, &phone).await.len(), 1);
    // Gone is gone: the same id again is not found.
    let again = end(&app, &phone, &format!("/api/me/devices/{laptop_id}")).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nobody_ends_another_customers_session() {
    let app = TestApp::spawn().await;
    let (erik, _) = signed_in(&app, PHONE, ERIK).await;
    let erik_id = devices(&app, &erik).await[0].id.clone();
    let (aino, _) = signed_in(&app, LAPTOP, AINO).await;

    let refused = end(&app, &aino, &format!("/api/me/devices/{erik_id}")).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        refused.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        end(&app, &aino, "/api/me/devices/others").await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.status(&erik, "/api/me").await,
        StatusCode::OK,
        "Erik is still in"
    );
    // And without a session, nothing at all.
    let nobody = app.client();
    assert_eq!(
        app.status(&nobody, "/api/me/devices").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        end(&app, &nobody, &format!("/api/me/devices/{erik_id}"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn ending_all_others_keeps_only_this_one() {
    let app = TestApp::spawn().await;
    let (first, _) = signed_in(&app, LAPTOP, AINO).await;
    let (second, _) = signed_in(&app, PHONE, AINO).await;
    let (this, _) = signed_in(&app, PHONE, AINO).await;
    assert_eq!(devices(&app, &this).await.len(), 3);

    let ended = end(&app, &this, "/api/me/devices/others").await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.status(&first, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.status(&second, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
    let left = devices(&app, &this).await;
    assert_eq!(left.len(), 1);
    assert!(left[0].current);
}

#[tokio::test]
async fn ending_this_device_is_signing_out() {
    let app = TestApp::spawn().await;
    let (phone, _) = signed_in(&app, PHONE, AINO).await;
    let own = devices(&app, &phone).await[0].id.clone();
    let ended = end(&app, &phone, &format!("/api/me/devices/{own}")).await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    let cookie = ended.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("Max-Age=0"), "{cookie}");
    assert_eq!(
        app.status(&phone, "/api/me").await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sessions_that_ended_by_time_are_not_listed() {
    let app = TestApp::spawn().await;
    let (laptop, _) = signed_in(&app, LAPTOP, AINO).await;
    let _ = laptop;
    // The laptop goes unused past the 30-minute idle limit; the phone signs in after.
    app.clock.advance(31 * 60);
    let (phone, _) = signed_in(&app, PHONE, AINO).await;
    let list = devices(&app, &phone).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].browser.as_deref(), Some("Chrome"));
}
