//! Several servers on one PostgreSQL database, as behind a load balancer: whatever one
//! server knows of a customer (a session, failed sign-ins, a request already filed) the
//! other knows too, and competing saves arriving at both settle as they do on one.

use futures_util::future::join_all;
use klever_api::{ErrorBody, ErrorCode, Profile, ProfileField, RequestView};
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{TestApp, AINO, ERIK};

#[tokio::test]
async fn a_session_started_on_one_server_works_and_ends_on_the_other() {
    let a = TestApp::spawn_on_postgres().await;
    let b = a.spawn_beside().await;
    let token = a.sign_in_token(&a.client(), AINO).await;

    let on_b = b.get_with_token(&token, "/api/me").await;
    assert_eq!(on_b.status(), StatusCode::OK);
    let profile: Profile = on_b.json().await.unwrap();
    assert_eq!(profile.contact.email.as_str(), AINO.0);

    // Signing out on B ends the session on A as well.
    let out = b
        .client()
        .delete(b.url("/api/session"))
        .header("cookie", format!("klever_session={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        a.get_with_token(&token, "/api/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn failed_sign_ins_count_across_servers() {
    let a = TestApp::spawn_on_postgres().await;
    let b = a.spawn_beside().await;
    let client = a.client();
    // Ten wrong passwords, alternating between the servers...
    for i in 0..10 {
        let server = if i % 2 == 0 { &a } else { &b };
        let wrong = server.sign_in(&client, (ERIK.0, "not-the-password")).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "try {i}");
    }
    // ...and either server refuses the next, unchecked.
    for server in [&a, &b] {
        let refused = server.sign_in(&client, ERIK).await;
        assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn one_request_key_sent_to_both_servers_files_one_request() {
    let a = TestApp::spawn_on_postgres().await;
    let b = a.spawn_beside().await;
    let client = a.customer(AINO).await;
    let body = json!({"idempotency_key": "both-servers-000001", "kind": "inspection"});
    let (first, second) = tokio::join!(
        client.post(a.url("/api/me/requests")).json(&body).send(),
        client.post(b.url("/api/me/requests")).json(&body).send(),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
    let first: RequestView = first.json().await.unwrap();
    let second: RequestView = second.json().await.unwrap();
    assert_eq!(first.id, second.id, "the same request both times");
    let filed: i64 = a.one("SELECT COUNT(*) FROM requests", args![]).await;
    assert_eq!(filed, 1);
}

#[tokio::test]
async fn sixteen_competing_saves_over_two_servers_give_one_success_and_fifteen_412s() {
    let a = TestApp::spawn_on_postgres().await;
    let b = a.spawn_beside().await;
    let client = a.customer(AINO).await;
    let version = a.version(&client).await;
    let history = a.count("change_history", AINO.0).await;

    let saves = (0..16).map(|i| {
        let server = if i % 2 == 0 { &a } else { &b };
        server.patch_me(&client, version, json!({"other_info": format!("save {i}")}))
    });
    let responses = join_all(saves).await;
    let mut won = Vec::new();
    let mut refused = 0;
    for (i, response) in responses.into_iter().enumerate() {
        match response.status() {
            StatusCode::OK => won.push(i),
            StatusCode::PRECONDITION_FAILED => {
                let body: ErrorBody = response.json().await.unwrap();
                assert_eq!(body.code, ErrorCode::VersionConflict);
                refused += 1;
            }
            other => panic!("save {i}: {other}"),
        }
    }
    assert_eq!((won.len(), refused), (1, 15));

    // The winner's text is stored, once, with one history entry.
    let profile: Profile = b.get_json(&client, "/api/me").await;
    assert_eq!(profile.other_info.as_str(), format!("save {}", won[0]));
    assert_eq!(profile.version, version + 1);
    assert_eq!(a.count("change_history", AINO.0).await, history + 1);
    let entries: Vec<String> = a
        .rows(
            "SELECT new_value FROM change_history WHERE field = ?1 AND at = ?2",
            args![ProfileField::OtherInfo.code(), crate::helpers::TEST_NOW],
            |r| r.get(0),
        )
        .await;
    assert_eq!(entries, [format!("save {}", won[0])]);
}
