//! Requests that change something are refused unless they come from the app's own pages,
//! and a JSON endpoint takes only JSON; a refused request writes nothing at all.

use klever_api::{ErrorBody, ErrorCode};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, AINO, HELENA, TEST_ORIGIN};

/// Every state-changing route, each with a body it would accept.
fn writes(request_id: i64, device_id: &str) -> Vec<(Method, String, serde_json::Value)> {
    vec![
        (
            Method::POST,
            "/api/session".into(),
            json!({"email": AINO.0, "password": AINO.1}),
        ),
        (Method::DELETE, "/api/session".into(), json!(null)),
        (
            Method::POST,
            "/api/session/reauth".into(),
            json!({"password": AINO.1}),
        ),
        (
            Method::PATCH,
            "/api/me".into(),
            json!({"other_info": "from elsewhere"}),
        ),
        (
            Method::PUT,
            "/api/me/marketing/ban_email".into(),
            json!({"value": true}),
        ),
        (
            Method::POST,
            "/api/me/requests".into(),
            json!({"idempotency_key": "cross-site-0000001", "kind": "inspection"}),
        ),
        (
            Method::POST,
            format!("/api/me/requests/{request_id}/cancel"),
            json!(null),
        ),
        (
            Method::POST,
            "/api/staff/session".into(),
            json!({"email": HELENA.0, "password": HELENA.1}),
        ),
        (Method::DELETE, "/api/staff/session".into(), json!(null)),
        (
            Method::POST,
            format!("/api/staff/requests/{request_id}/start"),
            json!({}),
        ),
        (Method::DELETE, "/api/me/devices/others".into(), json!(null)),
        (
            Method::DELETE,
            format!("/api/me/devices/{device_id}"),
            json!(null),
        ),
    ]
}

#[tokio::test]
async fn a_change_from_another_site_is_refused_on_every_route_and_writes_nothing() {
    let app = TestApp::spawn().await;
    // Signed in as both, with an open request, so every route has something to change.
    let client = app.client();
    let customer = app.sign_in_token(&client, AINO).await;
    let staff = app.staff_sign_in(&client, HELENA).await;
    assert_eq!(staff.status(), StatusCode::OK);
    let staff = staff.headers()["set-cookie"].to_str().unwrap();
    let staff = staff.split(';').next().unwrap();
    let cookies = format!("klever_session={customer}; {staff}");
    let made = client
        .post(app.url("/api/me/requests"))
        .json(&json!({"idempotency_key": "open-request-00001", "kind": "inspection"}))
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), StatusCode::CREATED);
    let request_id = made.json::<klever_api::RequestView>().await.unwrap().id;
    let devices: Vec<klever_api::Device> = app.get_json(&client, "/api/me/devices").await;
    let device_id = devices[0].id.clone();
    let url = app.url("/");
    let before = app.writes_so_far().await;

    let mut tried = 0;
    for (site, origin) in [
        (Some("cross-site"), Some("https://evil.example")),
        // A neighbour on the same site (another subdomain) is not this origin either.
        (Some("same-site"), Some("https://other.klever.test")),
        (Some("none"), None),
        // No Sec-Fetch-Site (an old browser): the Origin must be ours.
        (None, Some("https://evil.example")),
        (None, Some("null")),
        // Neither: not a request our pages make.
        (None, None),
    ] {
        for (method, path, body) in writes(request_id, &device_id) {
            // Built by hand: the test client would add its own Sec-Fetch-Site.
            let mut request = reqwest::Client::new()
                .request(
                    method.clone(),
                    format!("{}{}", url.trim_end_matches('/'), path),
                )
                .header("cookie", &cookies);
            if let Some(site) = site {
                request = request.header("sec-fetch-site", site);
            }
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            if !body.is_null() {
                request = request.json(&body);
            }
            if method == Method::PATCH {
                request = request.header("if-match", "\"v1\"");
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{method} {path} with {site:?}, {origin:?}"
            );
            let error: ErrorBody = response.json().await.unwrap();
            assert_eq!(error.code, ErrorCode::CrossSiteRequest, "{method} {path}");
            tried += 1;
        }
    }
    assert_eq!(tried, 72);
    assert_eq!(app.writes_so_far().await, before, "nothing was written");

    // The same requests from our own pages do go through (so the refusals above were not
    // for some other fault): from a browser that says so, and from one that only sends
    // our Origin.
    let response = reqwest::Client::new()
        .put(app.url("/api/me/marketing/ban_email"))
        .header("cookie", &cookies)
        .header("origin", TEST_ORIGIN)
        .json(&json!({"value": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = client
        .put(app.url("/api/me/marketing/ban_sms"))
        .json(&json!({"value": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(app.writes_so_far().await > before);
}

#[tokio::test]
async fn reads_from_anywhere_are_answered() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let token = app.sign_in_token(&client, AINO).await;
    let response = reqwest::Client::new()
        .get(app.url("/api/me"))
        .header("cookie", format!("klever_session={token}"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    // A read changes nothing, and without CORS the other site cannot see the answer.
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_json_endpoint_takes_only_json_and_writes_nothing_else() {
    let app = TestApp::spawn().await;
    let client = app.client();
    app.sign_in_token(&client, AINO).await;
    let version = app.version(&client).await;
    let before = app.writes_so_far().await;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let response = client
            .patch(app.url("/api/me"))
            .header("if-match", format!("\"v{version}\""))
            .header("content-type", content_type)
            .body(r#"{"other_info": "sent as a form"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(error.code, ErrorCode::UnsupportedMediaType);
    }
    assert_eq!(app.writes_so_far().await, before, "nothing was written");
}
