//! Every route of the API, as its OpenAPI document lists them (`klever_server::api_routes`;
//! the router is built from the same descriptions, so a route added later is tried without
//! a new test), called as nobody, as customer A with customer
//! B's identifiers in the path, as each kind of staff, and with the wrong kind of session.
//! Nobody gets in where they do not belong, and no byte of B's data reaches anyone who may
//! not see it.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{TestApp, AINO, ERIK, HELENA, OLLI};

/// What would give Erik (customer B) away: his name, email, phone, street, IBAN and the
/// number of his invoice.
const ERIKS: [&str; 7] = [
    "Erik",
    "Sjöberg",
    "erik.sjoberg@example.fi",
    "+358507654321",
    "Strandgatan",
    "FI1979600310012345",
    "KL-2026-0399",
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Nobody,
    CustomerA,
    CustomerService,
    Marketing,
}

/// Which kind of session a route is for, by where it lives.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Signing in: open to all.
    SignIn,
    /// Signing out: open to all, and safe to repeat (it ends only the caller's session).
    SignOut,
    /// Getting in by an emailed link: open to all, and the same for all.
    Link,
    Customer,
    Staff,
}

fn kind(method: &Method, path: &str) -> Kind {
    let session = matches!(path, "/api/session" | "/api/staff/session");
    if session && *method == Method::POST {
        Kind::SignIn
    } else if session && *method == Method::DELETE {
        Kind::SignOut
    } else if path.starts_with("/api/account/") {
        Kind::Link
    } else if path.starts_with("/api/staff/") {
        Kind::Staff
    } else {
        Kind::Customer
    }
}

/// A body the route would take from someone allowed, so a refusal is about who asks.
fn body(method: &Method, path: &str) -> Option<Value> {
    if *method == Method::GET || *method == Method::DELETE {
        return None;
    }
    Some(match path {
        "/api/session" => json!({"email": ERIK.0, "password": "not-his-password"}),
        "/api/staff/session" => json!({"email": HELENA.0, "password": "not-her-password"}),
        "/api/session/reauth" => json!({"password": "not-the-password"}),
        "/api/me" => json!({"email": ERIK.0}),
        "/api/account/reset-link" => json!({"email": ERIK.0}),
        "/api/account/password" => {
            json!({"purpose": "reset", "token": "0".repeat(64), "new_password": "Not Eriks password 2026"})
        }
        "/api/me/requests" => {
            json!({"idempotency_key": "access-test-000001", "kind": "inspection"})
        }
        p if p.starts_with("/api/me/marketing/") => json!({"value": true}),
        p if p.ends_with("/extend") => json!({"months": 1, "text": "More time"}),
        _ => json!({}),
    })
}

/// The route's path with B's identifiers in it.
fn with_bs_ids(template: &str, customer: i64, request: i64, device: &str) -> String {
    let mut path = String::new();
    for segment in template.split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        path.push_str(&match segment {
            "{id}" if template.contains("/devices/") => device.to_owned(),
            "{id}" if template.contains("/customers/") => customer.to_string(),
            "{id}" => request.to_string(),
            "{choice}" => "ban_email".to_owned(),
            "{action}" => "start".to_owned(),
            s if s.starts_with('{') => panic!("{template}: no test value for {s}"),
            s => s.to_owned(),
        });
    }
    path
}

async fn call(
    app: &TestApp,
    who: Who,
    method: &Method,
    path: &str,
    body: Option<&Value>,
) -> (StatusCode, String) {
    let client = match who {
        Who::Nobody => app.client(),
        Who::CustomerA => app.customer(AINO).await,
        Who::CustomerService => app.staff(HELENA).await,
        Who::Marketing => app.staff(OLLI).await,
    };
    let mut request = client.request(method.clone(), app.url(path));
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn every_route_refuses_whoever_it_is_not_for_and_shows_no_one_else_s_data() {
    let app = TestApp::spawn().await;
    // Erik has a request and a session: the identifiers A will try.
    let erik = app.customer(ERIK).await;
    let filed = erik
        .post(app.url("/api/me/requests"))
        .json(&json!({"idempotency_key": "eriks-own-request-01", "kind": "inspection"}))
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), StatusCode::CREATED);
    let request: klever_api::RequestView = filed.json().await.unwrap();
    let devices: Vec<klever_api::Device> = app.get_json(&erik, "/api/me/devices").await;
    let device = devices[0].id.clone();
    let erik_before: klever_api::Profile = app.get_json(&erik, "/api/me").await;
    let erik_id: i64 = app
        .one("SELECT id FROM customers WHERE email = ?1", args![ERIK.0])
        .await;

    let routes = klever_server::api_routes();
    assert!(routes.len() >= 25, "{routes:?}");
    let mut tried = 0;
    for (method, template) in &routes {
        let kind = kind(method, template);
        let path = with_bs_ids(template, erik_id, request.id, &device);
        let body = body(method, template);
        for who in [
            Who::Nobody,
            Who::CustomerA,
            Who::CustomerService,
            Who::Marketing,
        ] {
            let (status, text) = call(&app, who, method, &path, body.as_ref()).await;
            tried += 1;
            let what = format!("{who:?} {method} {path}: {status} {text}");
            assert!(!status.is_server_error(), "{what}");
            let expected = match (who, kind) {
                (_, Kind::SignIn) => Some(StatusCode::UNAUTHORIZED),
                (_, Kind::SignOut) => Some(StatusCode::NO_CONTENT),
                // Asking for a link is answered alike for anyone; a made-up link is gone.
                (_, Kind::Link) if template.ends_with("/reset-link") => Some(StatusCode::ACCEPTED),
                (_, Kind::Link) => Some(StatusCode::GONE),
                (Who::Nobody, _) => Some(StatusCode::UNAUTHORIZED),
                // B's request and device are no one else's to see or end.
                (Who::CustomerA, Kind::Customer) if template.contains("{id}") => {
                    Some(StatusCode::NOT_FOUND)
                }
                (Who::CustomerA, Kind::Customer) => None,
                (Who::CustomerA, Kind::Staff) => Some(StatusCode::FORBIDDEN),
                // A staff session is no customer session.
                (Who::CustomerService | Who::Marketing, Kind::Customer) => {
                    Some(StatusCode::UNAUTHORIZED)
                }
                (Who::Marketing, Kind::Staff) if template.starts_with("/api/staff/requests") => {
                    Some(StatusCode::FORBIDDEN)
                }
                (Who::Marketing, Kind::Staff) if template.starts_with("/api/staff/customers") => {
                    Some(StatusCode::FORBIDDEN)
                }
                (Who::CustomerService, Kind::Staff) if template == "/api/staff/audience" => {
                    Some(StatusCode::FORBIDDEN)
                }
                // Erik uses the app already: no activation link for him.
                (Who::CustomerService, Kind::Staff) if template.ends_with("/activation-link") => {
                    Some(StatusCode::CONFLICT)
                }
                (Who::CustomerService | Who::Marketing, Kind::Staff) => None,
            };
            if let Some(expected) = expected {
                assert_eq!(status, expected, "{what}");
            }
            // Only customer service, on the request queue, may see Erik.
            let may_see_erik = who == Who::CustomerService
                && kind == Kind::Staff
                && (template.starts_with("/api/staff/requests")
                    || template.starts_with("/api/staff/customers"));
            if !may_see_erik {
                for mark in ERIKS {
                    assert!(!text.contains(mark), "{what}: has {mark:?}");
                }
            }
        }
    }
    assert_eq!(tried, 4 * routes.len());

    // And Erik's things are as they were: his session, his request, his data.
    let erik_after: klever_api::Profile = app.get_json(&erik, "/api/me").await;
    assert_eq!(erik_after, erik_before);
    let mine: Vec<klever_api::RequestView> = app.get_json(&erik, "/api/me/requests").await;
    assert_eq!(mine.len(), 1);
    assert_eq!(
        mine[0].status,
        klever_api::RequestStatus::InProgress,
        "started by Helena only"
    );
    println!(
        "route × role: {} routes × 4 callers = {tried} requests",
        routes.len()
    );
}
