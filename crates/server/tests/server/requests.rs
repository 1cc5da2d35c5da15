//! Inspection and correction requests: the customer's side, the staff side, and the export.

use crate::helpers::{TestApp, AINO, ERIK, HELENA, OLLI};
use klever_api::{
    DataExport, ErrorBody, ErrorCode, HistoryEntry, IsoDate, Profile, ProfileField, QueueItem,
    RequestDetail, RequestEventKind, RequestStatus, RequestView, ValidationError,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn key() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "test-key-{:08}-{}",
        N.fetch_add(1, Ordering::SeqCst),
        std::process::id()
    )
}

async fn submit(app: &TestApp, client: &reqwest::Client, body: Value) -> reqwest::Response {
    client
        .post(app.url("/api/me/requests"))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn correction(
    app: &TestApp,
    client: &reqwest::Client,
    field: &str,
    proposed: &str,
) -> RequestView {
    let body = json!({"idempotency_key": key(), "kind": "correction", "field": field,
        "proposed_value": proposed, "explanation": "The register has it wrong."});
    let response = submit(app, client, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.unwrap()
}

async fn step(
    app: &TestApp,
    staff: &reqwest::Client,
    id: i64,
    action: &str,
    body: Value,
) -> reqwest::Response {
    staff
        .post(app.url(&format!("/api/staff/requests/{id}/{action}")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn count_requests(app: &TestApp) -> i64 {
    let n: i64 = app.one("SELECT COUNT(*) FROM requests", args![]).await;
    n
}

#[tokio::test]
async fn an_inspection_request_is_recorded_once_per_key() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let body = json!({"idempotency_key": key(), "kind": "inspection"});
    let first = submit(&app, &aino, body.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: RequestView = first.json().await.unwrap();
    assert_eq!(first.status, RequestStatus::Received);
    // The deadline is one month from today in Finland.
    let today = app.clock.today_in_finland();
    assert_eq!(first.deadline, today.add_months(1).to_string());

    // A double click or a retry with the same key: the same request, not a second one.
    for _ in 0..3 {
        let again = submit(&app, &aino, body.clone()).await;
        assert_eq!(again.status(), StatusCode::OK);
        assert_eq!(again.json::<RequestView>().await.unwrap().id, first.id);
    }
    assert_eq!(count_requests(&app).await, 1);
    // Concurrent submissions with one key also make one request.
    let concurrent = json!({"idempotency_key": key(), "kind": "inspection"});
    let (a, b) = tokio::join!(
        submit(&app, &aino, concurrent.clone()),
        submit(&app, &aino, concurrent.clone())
    );
    // One of them made it (201), the other found it (200).
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CREATED]);
    let ids = (
        a.json::<RequestView>().await.unwrap().id,
        b.json::<RequestView>().await.unwrap().id,
    );
    assert_eq!(ids.0, ids.1);
    assert_eq!(count_requests(&app).await, 2);

    let mine: Vec<RequestView> = app.get_json(&aino, "/api/me/requests").await;
    assert_eq!(mine.len(), 2);
    // The same key from another customer is that customer's own request.
    let erik = app.customer(ERIK).await;
    assert_eq!(
        submit(&app, &erik, body).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_correction_request_is_checked_like_the_field_itself() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let cases = [
        (
            json!({"kind": "correction", "field": "last_name", "proposed_value": "Mäkelä"}),
            "explanation",
            ValidationError::Required,
            "no explanation",
        ),
        (
            json!({"kind": "correction", "proposed_value": "x", "explanation": "why"}),
            "field",
            ValidationError::Required,
            "no field",
        ),
        (
            json!({"kind": "correction", "field": "last_name", "proposed_value": "M4kelä", "explanation": "why"}),
            "proposed_value",
            ValidationError::InvalidCharacters,
            "digit in a name",
        ),
        (
            json!({"kind": "correction", "field": "bank_account", "proposed_value": "FI21 1234 5600 0007 86", "explanation": "why"}),
            "proposed_value",
            ValidationError::InvalidChecksum,
            "mistyped IBAN",
        ),
        (
            json!({"kind": "correction", "field": "billing", "proposed_value": "", "explanation": "why"}),
            "proposed_value",
            ValidationError::Required,
            "empty billing note",
        ),
        (
            json!({"kind": "inspection", "idempotency_key": "short"}),
            "idempotency_key",
            ValidationError::InvalidFormat,
            "too short a key",
        ),
    ];
    for (mut body, field, expected, why) in cases {
        if body.get("idempotency_key").is_none() {
            body["idempotency_key"] = json!(key());
        }
        let response = submit(&app, &aino, body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(
            error.fields.get(field),
            Some(&expected),
            "{why}: {:?}",
            error.fields
        );
    }
    assert_eq!(count_requests(&app).await, 0, "nothing recorded");

    let request = correction(&app, &aino, "bank_account", "FI1979600310012345").await;
    assert_eq!(request.field, Some(ProfileField::BankAccount));
    assert_eq!(
        request.current_value.as_deref(),
        Some("FI•• •••• •••• ••07 85"),
        "current value from the register, masked"
    );
    let request = correction(&app, &aino, "last_name", "  Mäkelä-Laine ").await;
    assert_eq!(request.current_value.as_deref(), Some("Laine"));
    assert_eq!(
        request.proposed_value.as_deref(),
        Some("Mäkelä-Laine"),
        "stored normalised"
    );
}

/// Drives a fresh request to `status` through the API.
async fn request_in(
    app: &TestApp,
    aino: &reqwest::Client,
    helena: &reqwest::Client,
    status: RequestStatus,
) -> i64 {
    let body = json!({"idempotency_key": key(), "kind": "inspection"});
    let id = submit(app, aino, body)
        .await
        .json::<RequestView>()
        .await
        .unwrap()
        .id;
    let steps: &[(&str, Value)] = match status {
        RequestStatus::Received => &[],
        RequestStatus::InProgress => &[("start", json!({}))],
        RequestStatus::Extended => &[("extend", json!({"months": 1, "text": "Busy season"}))],
        RequestStatus::Completed => &[("complete", json!({"text": "Sent"}))],
        RequestStatus::Rejected => &[("reject", json!({"text": "No"}))],
        RequestStatus::Cancelled => &[],
    };
    for (action, body) in steps {
        assert_eq!(
            step(app, helena, id, action, body.clone()).await.status(),
            StatusCode::OK,
            "{action}"
        );
    }
    if status == RequestStatus::Cancelled {
        let r = aino
            .post(app.url(&format!("/api/me/requests/{id}/cancel")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    id
}

#[tokio::test]
async fn every_status_transition_and_the_refused_ones() {
    use RequestStatus::*;
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let bodies = [
        ("start", json!({})),
        ("extend", json!({"months": 2, "text": "Needs the archive"})),
        ("complete", json!({"text": "Here is your data"})),
        ("reject", json!({"text": "Not ours"})),
        ("cancel", json!({})),
    ];
    // (from, allowed actions)
    let table: [(RequestStatus, &[&str]); 6] = [
        (
            Received,
            &["start", "extend", "complete", "reject", "cancel"],
        ),
        (InProgress, &["extend", "complete", "reject", "cancel"]),
        (Extended, &["complete", "reject", "cancel"]),
        (Completed, &[]),
        (Rejected, &[]),
        (Cancelled, &[]),
    ];
    for (from, allowed) in table {
        for (action, body) in &bodies {
            let id = request_in(&app, &aino, &helena, from).await;
            let response = if *action == "cancel" {
                aino.post(app.url(&format!("/api/me/requests/{id}/cancel")))
                    .send()
                    .await
                    .unwrap()
            } else {
                step(&app, &helena, id, action, body.clone()).await
            };
            let expected = if allowed.contains(action) {
                StatusCode::OK
            } else {
                StatusCode::CONFLICT
            };
            assert_eq!(response.status(), expected, "{action} from {from:?}");
            if expected == StatusCode::CONFLICT {
                assert_eq!(
                    response.json::<ErrorBody>().await.unwrap().code,
                    ErrorCode::InvalidTransition
                );
            }
        }
    }
}

#[tokio::test]
async fn extending_needs_a_reason_within_the_first_month_and_the_customer_sees_it() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let id = request_in(&app, &aino, &helena, RequestStatus::Received).await;
    for (body, field) in [
        (json!({"months": 1}), "text"),
        (json!({"months": 3, "text": "x"}), "months"),
        (json!({"text": "x"}), "months"),
    ] {
        let response = step(&app, &helena, id, "extend", body.clone()).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        assert!(
            response
                .json::<ErrorBody>()
                .await
                .unwrap()
                .fields
                .contains_key(field),
            "{body}"
        );
    }
    let ok = step(
        &app,
        &helena,
        id,
        "extend",
        json!({"months": 2, "text": "We need the paper archive."}),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK);
    let received_on: String = app
        .one("SELECT received_on FROM requests WHERE id = ?1", args![id])
        .await;
    let mine: Vec<RequestView> = app.get_json(&aino, "/api/me/requests").await;
    let extended = mine.iter().find(|r| r.id == id).unwrap();
    assert_eq!(extended.status, RequestStatus::Extended);
    assert_eq!(
        extended.deadline,
        IsoDate::parse(&received_on)
            .unwrap()
            .add_months(3)
            .to_string()
    );
    assert_eq!(
        extended.extension_reason.as_deref(),
        Some("We need the paper archive.")
    );

    // After the first month an extension is too late.
    let late = request_in(&app, &aino, &helena, RequestStatus::InProgress).await;
    // Received 40 days before the test's today (2026-11-25).
    app.exec(
        "UPDATE requests SET received_on = '2026-10-16' WHERE id = ?1",
        args![late],
    )
    .await
    .unwrap();
    let refused = step(
        &app,
        &helena,
        late,
        "extend",
        json!({"months": 1, "text": "Too late"}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_queue_puts_the_earliest_deadline_first_and_marks_overdue() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let erik = app.customer(ERIK).await;
    let helena = app.staff(HELENA).await;
    let a = request_in(&app, &aino, &helena, RequestStatus::InProgress).await;
    let e = request_in(&app, &erik, &helena, RequestStatus::Received).await;
    request_in(&app, &aino, &helena, RequestStatus::Completed).await;
    app.exec(
        "UPDATE requests SET deadline = '2026-01-02' WHERE id = ?1",
        args![e],
    )
    .await
    .unwrap();
    let queue: Vec<QueueItem> = app.get_json(&helena, "/api/staff/requests").await;
    let ids: Vec<i64> = queue.iter().map(|q| q.request.id).collect();
    assert_eq!(
        ids,
        vec![e, a],
        "closed requests leave the queue; earliest deadline first"
    );
    assert!(queue[0].overdue && !queue[1].overdue);
    assert_eq!(queue[0].customer_name, "Erik Sjöberg");
}

#[tokio::test]
async fn staff_and_customers_cannot_cross_over() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let id = request_in(&app, &aino, &helena, RequestStatus::Received).await;
    for path in [
        "/api/staff/requests".to_owned(),
        format!("/api/staff/requests/{id}"),
    ] {
        assert_eq!(
            app.status(&aino, &path).await,
            StatusCode::FORBIDDEN,
            "customer on {path}"
        );
        assert_eq!(
            app.client()
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED,
            "nobody on {path}"
        );
    }
    assert_eq!(
        step(
            &app,
            &aino,
            id,
            "complete",
            json!({"text": "self-approved"})
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    for path in ["/api/me/requests", "/api/me/export"] {
        assert_eq!(
            app.status(&helena, path).await,
            StatusCode::UNAUTHORIZED,
            "staff on {path}"
        );
    }
    let malformed = helena
        .get(app.url("/api/staff/requests/not-a-number"))
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        malformed.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::NotFound
    );
    // Marketing staff do not handle requests.
    let olli = app.staff(OLLI).await;
    assert_eq!(
        app.status(&olli, "/api/staff/requests").await,
        StatusCode::FORBIDDEN
    );
    // Another customer cannot cancel, or even find, Aino's request.
    let erik = app.customer(ERIK).await;
    let cancel = erik
        .post(app.url(&format!("/api/me/requests/{id}/cancel")))
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::NOT_FOUND);
    let theirs: Vec<RequestView> = app.get_json(&erik, "/api/me/requests").await;
    assert!(theirs.is_empty());
}

#[tokio::test]
async fn an_approved_correction_changes_the_field_with_a_staff_history_entry() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let version = app.version(&aino).await;
    let request = correction(&app, &aino, "last_name", "Mäkelä-Laine").await;
    let done = step(
        &app,
        &helena,
        request.id,
        "complete",
        json!({"text": "Corrected as you asked."}),
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);

    let profile: Profile = app.get_json(&aino, "/api/me").await;
    assert_eq!(profile.personal.last_name.as_str(), "Mäkelä-Laine");
    assert_eq!(
        profile.version,
        version + 1,
        "a staff change is a new version for open edit forms"
    );
    let history: Vec<HistoryEntry> = app.get_json(&aino, "/api/me/history").await;
    assert_eq!(history[0].field, ProfileField::LastName);
    assert_eq!(history[0].old_value.as_deref(), Some("Laine"));
    assert_eq!(history[0].channel, klever_api::Channel::Staff);
    let staff_id: Option<i64> = app
        .one(
            "SELECT staff_id FROM change_history ORDER BY id DESC LIMIT 1",
            args![],
        )
        .await;
    let helena_id: i64 = app
        .one("SELECT id FROM staff WHERE email = ?1", args![HELENA.0])
        .await;
    assert_eq!(staff_id, Some(helena_id));

    let mine: Vec<RequestView> = app.get_json(&aino, "/api/me/requests").await;
    assert_eq!(mine[0].status, RequestStatus::Completed);
    assert_eq!(mine[0].answer.as_deref(), Some("Corrected as you asked."));
    let detail: RequestDetail = app
        .get_json(&helena, &format!("/api/staff/requests/{}", request.id))
        .await;
    let actions: Vec<(&str, Option<&str>)> = detail
        .events
        .iter()
        .map(|e| (e.action.code(), e.staff_name.as_deref()))
        .collect();
    assert_eq!(
        actions,
        vec![("received", None), ("completed", Some("Helena Kallio"))]
    );

    // A corrected account number enters the history masked.
    let bank = correction(&app, &aino, "bank_account", "FI1979600310012345").await;
    step(&app, &helena, bank.id, "complete", json!({"text": "Done"})).await;
    let history: Vec<HistoryEntry> = app.get_json(&aino, "/api/me/history").await;
    assert_eq!(
        history[0].new_value.as_deref(),
        Some("FI•• •••• •••• ••23 45")
    );
    assert_eq!(
        history[0].old_value.as_deref(),
        Some("FI•• •••• •••• ••07 85")
    );
}

#[tokio::test]
async fn a_rejected_or_failed_correction_changes_nothing() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let rejected = correction(&app, &aino, "first_name", "Aina").await;
    assert_eq!(
        step(
            &app,
            &helena,
            rejected.id,
            "reject",
            json!({"text": "Your passport says Aino."})
        )
        .await
        .status(),
        StatusCode::OK
    );
    let profile: Profile = app.get_json(&aino, "/api/me").await;
    assert_eq!(profile.personal.first_name.as_str(), "Aino");

    // If the history cannot be written, neither the value nor the status changes.
    let request = correction(&app, &aino, "first_name", "Aina").await;
    app.fail_inserts("change_history", None).await;
    let failed = step(
        &app,
        &helena,
        request.id,
        "complete",
        json!({"text": "Done"}),
    )
    .await;
    assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let profile: Profile = app.get_json(&aino, "/api/me").await;
    assert_eq!(profile.personal.first_name.as_str(), "Aino");
    let mine: Vec<RequestView> = app.get_json(&aino, "/api/me/requests").await;
    assert_eq!(
        mine.iter().find(|r| r.id == request.id).unwrap().status,
        RequestStatus::Received
    );
}

#[tokio::test]
async fn the_export_holds_every_category_and_nothing_of_anyone_else() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    submit(
        &app,
        &aino,
        json!({"idempotency_key": key(), "kind": "inspection"}),
    )
    .await;
    let response = aino.get(app.url("/api/me/export")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"kleverapp-data-"));
    let raw = response.text().await.unwrap();
    let export: DataExport = serde_json::from_str(&raw).unwrap();
    assert_eq!(export.profile.personal.first_name.as_str(), "Aino");
    assert_eq!(export.profile.personal.gender, klever_api::Gender::Female);
    assert_eq!(
        export.bank_account.as_deref(),
        Some("FI2112345600000785"),
        "the customer's own copy is complete"
    );
    assert_eq!(export.profile.contact.email.as_str(), AINO.0);
    assert!(export.profile.contact.phone.is_some());
    assert!(!export.profile.other_info.as_str().is_empty());
    assert!(export.profile.marketing.ban_sms);
    assert_eq!(export.profile.customer_since, "2021-03-15");
    assert_eq!(export.change_history.len(), 4);
    assert!(!export.consent_log.is_empty());
    assert_eq!(export.bank_report.as_ref().unwrap().provider, "Instantor");
    assert_eq!(export.billing.invoices.len(), 3);
    assert_eq!(export.requests.len(), 1);
    assert!(
        export.purposes.len() >= 5
            && export.categories.len() >= 10
            && !export.recipients.is_empty()
    );
    assert!(export.sources.iter().any(|s| s.contains("Instantor")));
    assert!(!export.retention.is_empty() && !export.automated_decisions.is_empty());
    for marker in [
        "Erik",
        "Sjöberg",
        "erik.sjoberg",
        "Maija",
        "KL-2026-0399",
        "FI1979600310012345",
    ] {
        assert!(
            !raw.contains(marker),
            "export contains another customer's {marker}"
        );
    }
}

#[tokio::test]
async fn staff_export_the_requesting_customers_data_and_the_trail_says_who() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let id = request_in(&app, &aino, &helena, RequestStatus::InProgress).await;
    let path = format!("/api/staff/requests/{id}/export");

    let response = helena.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let export: DataExport = response.json().await.unwrap();
    assert_eq!(export.profile.personal.first_name.as_str(), "Aino");
    assert_eq!(export.billing.invoices.len(), 3);
    assert!(!export.change_history.is_empty() && !export.consent_log.is_empty());

    let detail: RequestDetail = app
        .get_json(&helena, &format!("/api/staff/requests/{id}"))
        .await;
    let last = detail.events.last().unwrap();
    assert_eq!(
        (last.action.code(), last.staff_name.as_deref()),
        ("exported", Some("Helena Kallio"))
    );

    assert_eq!(app.status(&aino, &path).await, StatusCode::FORBIDDEN);
    let olli = app.staff(OLLI).await;
    assert_eq!(app.status(&olli, &path).await, StatusCode::FORBIDDEN);
    let missing = helena
        .get(app.url("/api/staff/requests/999999/export"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn corrections_staff_make_by_hand_are_answered_without_touching_the_data() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let version = app.version(&aino).await;
    let history_before: Vec<HistoryEntry> = app.get_json(&aino, "/api/me/history").await;
    for field in ["history", "billing", "bank_report", "address"] {
        let request = correction(
            &app,
            &aino,
            field,
            "The 2024 entry says I changed it; it was customer service.",
        )
        .await;
        assert_eq!(
            request.current_value.is_none(),
            field != "address",
            "{field}"
        );
        let done = step(
            &app,
            &helena,
            request.id,
            "complete",
            json!({"text": "Checked and fixed by hand."}),
        )
        .await;
        assert_eq!(done.status(), StatusCode::OK, "{field}");
    }
    assert_eq!(
        app.version(&aino).await,
        version,
        "nothing applied automatically"
    );
    let history_after: Vec<HistoryEntry> = app.get_json(&aino, "/api/me/history").await;
    assert_eq!(history_after, history_before);
}

/// Aino submits an inspection request with the server's clock at `instant` (UTC), signed
/// in then (a session from another time may have expired).
async fn received_at(app: &TestApp, instant: &str) -> RequestView {
    app.clock.set_to(instant);
    let aino = app.customer(AINO).await;
    let response = submit(
        app,
        &aino,
        json!({"idempotency_key": key(), "kind": "inspection"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED, "{instant}");
    response.json().await.unwrap()
}

#[tokio::test]
async fn the_deadline_is_one_calendar_month_from_the_finnish_day_of_receipt() {
    let app = TestApp::spawn().await;
    // (received, UTC; the day it is then in Finland; the deadline)
    let cases = [
        // The end of a long month to the end of a short one.
        ("2026-01-31T10:00:00Z", "2026-01-31", "2026-02-28"),
        ("2027-01-29T10:00:00Z", "2027-01-29", "2027-02-28"),
        // Leap years: 29 February exists, and a month from it is the 29th again.
        ("2028-01-31T10:00:00Z", "2028-01-31", "2028-02-29"),
        ("2028-02-29T10:00:00Z", "2028-02-29", "2028-03-29"),
        // Into a 30-day month, where "30 days" and "a month" part ways.
        ("2026-03-31T08:00:00Z", "2026-03-31", "2026-04-30"),
        // Summer time starts on 29 March 2026 (UTC+2 before, UTC+3 after): the Finnish
        // day turns at 22:00 UTC before it and at 21:00 UTC after it.
        ("2026-03-28T21:59:59Z", "2026-03-28", "2026-04-28"),
        ("2026-03-28T22:00:00Z", "2026-03-29", "2026-04-29"),
        ("2026-03-31T20:59:59Z", "2026-03-31", "2026-04-30"),
        ("2026-03-31T21:00:00Z", "2026-04-01", "2026-05-01"),
        // Summer time ends on 25 October 2026.
        ("2026-10-24T20:59:59Z", "2026-10-24", "2026-11-24"),
        ("2026-10-24T21:00:00Z", "2026-10-25", "2026-11-25"),
        ("2026-10-25T21:59:59Z", "2026-10-25", "2026-11-25"),
        ("2026-10-25T22:00:00Z", "2026-10-26", "2026-11-26"),
        // A second before midnight on New Year's Eve in Finland, and at midnight.
        ("2026-12-31T21:59:59Z", "2026-12-31", "2027-01-31"),
        ("2026-12-31T22:00:00Z", "2027-01-01", "2027-02-01"),
    ];
    for (instant, day, deadline) in cases {
        let request = received_at(&app, instant).await;
        assert_eq!(request.received_at, instant);
        assert_eq!(request.deadline, deadline, "received {instant}");
        let stored: String = app
            .one(
                "SELECT received_on FROM requests WHERE id = ?1",
                args![request.id],
            )
            .await;
        assert_eq!(stored, day, "received {instant}");
    }
}

#[tokio::test]
async fn an_extension_counts_from_receipt_and_only_within_the_first_month() {
    let app = TestApp::spawn().await;
    let helena = app.staff(HELENA).await;
    let early = received_at(&app, "2026-01-31T10:00:00Z").await;
    let late = received_at(&app, "2026-01-31T11:00:00Z").await;

    // Three weeks later, two more months: three months from receipt, not from today.
    app.clock.set_to("2026-02-20T09:00:00Z");
    let body = json!({"months": 2, "text": "The paper archive is in storage."});
    let extended = step(&app, &helena, early.id, "extend", body).await;
    assert_eq!(extended.status(), StatusCode::OK);
    let extended: QueueItem = extended.json().await.unwrap();
    assert_eq!(extended.request.deadline, "2026-04-30");
    assert_eq!(extended.request.status, RequestStatus::Extended);
    assert!(!extended.overdue);

    // The last day of the first month (28 February) in Finland is still in time...
    app.clock.set_to("2026-02-28T21:59:59Z");
    let body = json!({"months": 1, "text": "Waiting for the bank."});
    let in_time = step(&app, &helena, late.id, "extend", body.clone()).await;
    assert_eq!(in_time.status(), StatusCode::OK);
    assert_eq!(
        in_time.json::<QueueItem>().await.unwrap().request.deadline,
        "2026-03-31"
    );
    // ...and the day after it is too late, and writes nothing.
    let third = received_at(&app, "2026-01-31T12:00:00Z").await;
    app.clock.set_to("2026-02-28T22:00:00Z");
    let too_late = step(&app, &helena, third.id, "extend", body).await;
    assert_eq!(too_late.status(), StatusCode::CONFLICT);
    assert_eq!(
        too_late.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::InvalidTransition
    );
    let stored: Vec<(String, Option<String>)> = app
        .rows(
            "SELECT deadline, extension_reason FROM requests WHERE id = ?1",
            args![third.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .await;
    assert_eq!(stored, [("2026-02-28".to_owned(), None)]);
}

#[tokio::test]
async fn a_request_is_overdue_from_the_day_after_its_deadline_in_finland() {
    let app = TestApp::spawn().await;
    let helena = app.staff(HELENA).await;
    let request = received_at(&app, "2026-01-31T10:00:00Z").await;
    let overdue = |instant: &'static str| {
        let (app, helena) = (&app, &helena);
        async move {
            app.clock.set_to(instant);
            let queue: Vec<QueueItem> = app.get_json(helena, "/api/staff/requests").await;
            let item = queue.iter().find(|q| q.request.id == request.id).unwrap();
            let detail: RequestDetail = app
                .get_json(helena, &format!("/api/staff/requests/{}", request.id))
                .await;
            assert_eq!(detail.item.overdue, item.overdue, "{instant}");
            item.overdue
        }
    };
    // The deadline is 28 February: the whole of that day in Finland is in time.
    assert!(!overdue("2026-02-28T21:59:59Z").await);
    assert!(overdue("2026-02-28T22:00:00Z").await);
    // Once answered it is no longer in the queue, however late.
    app.clock.set_to("2026-03-02T08:00:00Z");
    let done = step(
        &app,
        &helena,
        request.id,
        "complete",
        json!({"text": "Sent by post."}),
    )
    .await;
    assert_eq!(done.status(), StatusCode::OK);
    assert!(!done.json::<QueueItem>().await.unwrap().overdue);
    let queue: Vec<QueueItem> = app.get_json(&helena, "/api/staff/requests").await;
    assert!(queue.iter().all(|q| q.request.id != request.id));
}

#[tokio::test]
async fn approving_an_email_correction_to_another_customers_address_changes_nothing() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let helena = app.staff(HELENA).await;
    let request = correction(&app, &aino, "email", "Erik.Sjoberg@example.fi").await;
    let history = app.count("change_history", AINO.0).await;
    let events: (i64,) = (app
        .one("SELECT COUNT(*) FROM request_events", args![])
        .await,);

    let refused = step(
        &app,
        &helena,
        request.id,
        "complete",
        json!({"text": "Changed as asked."}),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = refused.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::ValidationFailed);
    assert_eq!(
        body.fields,
        std::collections::BTreeMap::from([(
            "proposed_value".to_owned(),
            ValidationError::AlreadyInUse
        )])
    );

    // Both addresses, the request, its trail and the history are as they were.
    let profile: Profile = app.get_json(&aino, "/api/me").await;
    assert_eq!(profile.contact.email.as_str(), AINO.0);
    let erik: i64 = app
        .one(
            "SELECT COUNT(*) FROM customers WHERE email = ?1",
            args![ERIK.0],
        )
        .await;
    assert_eq!(erik, 1);
    let mine: Vec<RequestView> = app.get_json(&aino, "/api/me/requests").await;
    let unchanged = mine.iter().find(|r| r.id == request.id).unwrap();
    assert_eq!(unchanged.status, RequestStatus::Received);
    assert_eq!(unchanged.answer, None);
    assert_eq!(app.count("change_history", AINO.0).await, history);
    let after: (i64,) = (app
        .one("SELECT COUNT(*) FROM request_events", args![])
        .await,);
    assert_eq!(after, events);
}

#[tokio::test]
async fn the_trail_names_every_step_with_who_and_when() {
    let app = TestApp::spawn().await;
    let helena = app.staff(HELENA).await;
    let trail = |id: i64| {
        let (app, helena) = (&app, &helena);
        async move {
            let detail: RequestDetail = app
                .get_json(helena, &format!("/api/staff/requests/{id}"))
                .await;
            detail
                .events
                .into_iter()
                .map(|e| (e.at, e.action, e.staff_name, e.detail))
                .collect::<Vec<_>>()
        }
    };
    let staff = || Some("Helena Kallio".to_owned());

    let answered = received_at(&app, "2026-01-05T08:00:00Z").await;
    for (instant, action, body) in [
        ("2026-01-06T09:00:00Z", "start", json!({})),
        (
            "2026-01-07T10:00:00Z",
            "extend",
            json!({"months": 1, "text": "Archive"}),
        ),
        (
            "2026-01-08T11:00:00Z",
            "complete",
            json!({"text": "Sent by post."}),
        ),
    ] {
        app.clock.set_to(instant);
        let response = step(&app, &helena, answered.id, action, body).await;
        assert_eq!(response.status(), StatusCode::OK, "{action}");
    }
    assert_eq!(
        trail(answered.id).await,
        vec![
            (
                "2026-01-05T08:00:00Z".into(),
                RequestEventKind::Received,
                None,
                None
            ),
            (
                "2026-01-06T09:00:00Z".into(),
                RequestEventKind::Started,
                staff(),
                None
            ),
            (
                "2026-01-07T10:00:00Z".into(),
                RequestEventKind::Extended,
                staff(),
                Some("Archive".into())
            ),
            (
                "2026-01-08T11:00:00Z".into(),
                RequestEventKind::Completed,
                staff(),
                Some("Sent by post.".into())
            ),
        ]
    );

    let refused = received_at(&app, "2026-01-05T09:00:00Z").await;
    app.clock.set_to("2026-01-09T12:00:00Z");
    let response = step(
        &app,
        &helena,
        refused.id,
        "reject",
        json!({"text": "Not ours."}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        trail(refused.id).await,
        vec![
            (
                "2026-01-05T09:00:00Z".into(),
                RequestEventKind::Received,
                None,
                None
            ),
            (
                "2026-01-09T12:00:00Z".into(),
                RequestEventKind::Rejected,
                staff(),
                Some("Not ours.".into())
            ),
        ]
    );
}
