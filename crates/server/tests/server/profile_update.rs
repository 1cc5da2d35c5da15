//! Changing the profile: allow-list, validation, versions, re-authentication, history.

use crate::helpers::{TestApp, AINO, ERIK, MAIJA};
use klever_api::{ErrorBody, ErrorCode, HistoryEntry, Profile, ProfileField, ValidationError};
use reqwest::StatusCode;
use serde_json::json;

/// A signed-in client for Aino and her current version.
async fn aino(app: &TestApp) -> (reqwest::Client, i64) {
    let client = app.client();
    app.sign_in_token(&client, AINO).await;
    let version = app.version(&client).await;
    (client, version)
}

/// Everything a refused request must leave as it was.
async fn snapshot(app: &TestApp) -> (String, i64, i64) {
    let row: String = app
        .one(
            "SELECT email || '|' || COALESCE(phone,'') || '|' || COALESCE(street,'') || '|' || preferred_language \
             || '|' || other_info || '|' || first_name || '|' || last_name || '|' || gender || '|' || COALESCE(iban,'') \
             || '|' || COALESCE(bic,'') || '|' || customer_since || '|' || version FROM customers WHERE email = ?1",
            args![AINO.0],
        )
        .await;
    (
        row,
        app.count("change_history", AINO.0).await,
        app.count("outgoing_messages", AINO.0).await,
    )
}

/// Moves every session's last password entry 10 minutes back; the window is 5.
async fn password_entered_long_ago(app: &TestApp) {
    app.exec(
        "UPDATE sessions SET password_at = password_at - 600",
        args![],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn permitted_fields_change_with_history_and_notices() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    let history_before = app.count("change_history", AINO.0).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({
                "email": "aino.laine@example.com",
                "phone": "050 765 4321",
                "address": {"street": "Hovioikeudenpuistikko 3", "postal_code": "65100", "city": "Vaasa", "country": "FI"},
                "preferred_language": "en",
                "other_info": "Paper invoices, please."
            }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["etag"], format!("\"v{}\"", version + 1));
    let profile: Profile = response.json().await.unwrap();
    assert_eq!(profile.version, version + 1, "one change, one version");
    assert_eq!(profile.contact.email.as_str(), "aino.laine@example.com");
    assert_eq!(
        profile.contact.phone.unwrap().as_str(),
        "+358507654321",
        "stored as E.164"
    );
    assert_eq!(
        profile.contact.address.unwrap().street(),
        "Hovioikeudenpuistikko 3"
    );
    assert_eq!(profile.other_info.as_str(), "Paper invoices, please.");

    let history: Vec<HistoryEntry> = app.get_json(&client, "/api/me/history").await;
    assert_eq!(history.len() as i64, history_before + 5);
    // Each of the five entries with its old and new value, the time and the channel.
    let mut entries: Vec<_> = history
        .iter()
        .filter(|h| h.at == crate::helpers::TEST_NOW)
        .map(|h| {
            assert_eq!(h.channel, klever_api::Channel::SelfService, "{:?}", h.field);
            (h.field, h.old_value.as_deref(), h.new_value.as_deref())
        })
        .collect();
    entries.sort_by_key(|e| e.0.code());
    let mut expected = vec![
        (
            ProfileField::Email,
            Some(AINO.0),
            Some("aino.laine@example.com"),
        ),
        (
            ProfileField::Phone,
            Some("+358401234567"),
            Some("+358507654321"),
        ),
        (
            ProfileField::Address,
            Some("Kauppapuistikko 12 A 5, 65100 Vaasa, FI"),
            Some("Hovioikeudenpuistikko 3, 65100 Vaasa, FI"),
        ),
        (ProfileField::PreferredLanguage, Some("fi"), Some("en")),
        (
            ProfileField::OtherInfo,
            Some("Toivoo laskut sähköpostiin kuun alussa."),
            Some("Paper invoices, please."),
        ),
    ];
    expected.sort_by_key(|e| e.0.code());
    assert_eq!(entries, expected);
    // The customer's own changes name no employee.
    let staff: Vec<Option<i64>> = app
        .rows(
            "SELECT staff_id FROM change_history WHERE at = ?1",
            args![crate::helpers::TEST_NOW],
            |r| r.get(0),
        )
        .await;
    assert_eq!(staff, vec![None; 5]);

    // The old address and the old number hear of the change; the new values are not in it.
    let messages: Vec<(String, String, String, String)> = app
        .rows(
            "SELECT channel, recipient, kind, body FROM outgoing_messages ORDER BY id",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .await;
    assert_eq!(messages.len(), 2);
    assert_eq!(
        (
            messages[0].0.as_str(),
            messages[0].1.as_str(),
            messages[0].2.as_str()
        ),
        ("email", AINO.0, "email_changed")
    );
    assert_eq!(
        (
            messages[1].0.as_str(),
            messages[1].1.as_str(),
            messages[1].2.as_str()
        ),
        ("sms", "+358401234567", "phone_changed")
    );
    assert!(
        !messages[0].3.contains("example.com"),
        "notice does not reveal the new address"
    );
    // In Aino's language (Finnish), each saying what changed.
    assert!(
        messages[0]
            .3
            .starts_with("Kleverapp-tilisi sähköpostiosoite vaihdettiin."),
        "{}",
        messages[0].3
    );
    assert!(
        messages[1]
            .3
            .starts_with("Kleverapp-tilisi puhelinnumero vaihdettiin."),
        "{}",
        messages[1].3
    );
    assert!(!messages[1].3.contains("765"), "nor the new number");

    // Signing in now takes the new email.
    let fresh = app.client();
    assert_eq!(
        app.sign_in(&fresh, ("aino.laine@example.com", AINO.1))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn restricted_fields_table() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    // (field, a different value, the stored value as the browser might send it)
    let cases = [
        ("first_name", json!("Anna"), json!("Aino")),
        ("last_name", json!("Mäkelä"), json!(" Laine ")),
        ("gender", json!("male"), json!("female")),
        (
            "bank_account",
            json!("FI1979600310012345"),
            json!("FI21 1234 5600 0007 85"),
        ),
        (
            "bank_account",
            json!("FI1979600310012345"),
            json!("FI•• •••• •••• ••07 85"),
        ),
        ("bic", json!("OKOYFIHH"), json!("ndeafihh")),
        ("customer_since", json!("2020-01-01"), json!("2021-03-15")),
    ];
    let before = snapshot(&app).await;
    for (field, changed, same) in cases {
        for (what, value) in [("change", changed.clone()), ("remove", json!(null))] {
            let response = app
                .patch_me(
                    &client,
                    version,
                    json!({ field: value, "phone": "0507654321" }),
                )
                .await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{field}: {what}");
            let body: ErrorBody = response.json().await.unwrap();
            assert_eq!(body.code, ErrorCode::RestrictedField, "{field}: {what}");
            assert_eq!(
                body.fields.get(field),
                Some(&ValidationError::Restricted),
                "{field}: {what}"
            );
            assert_eq!(
                snapshot(&app).await,
                before,
                "{field}: {what} changed nothing, not even the phone"
            );
        }
        let harmless = app.patch_me(&client, version, json!({ field: same })).await;
        assert_eq!(
            harmless.status(),
            StatusCode::OK,
            "{field}: same value is harmless"
        );
        assert_eq!(
            snapshot(&app).await,
            before,
            "{field}: same value writes nothing"
        );
    }
    for list in ["history", "bank_report", "billing", "marketing"] {
        let response = app.patch_me(&client, version, json!({ list: [] })).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{list}");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::RestrictedField, "{list}");
        assert_eq!(
            body.fields,
            std::collections::BTreeMap::from([(list.to_owned(), ValidationError::Restricted)]),
            "{list}"
        );
    }
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn unknown_fields_refuse_the_whole_request() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    let before = snapshot(&app).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"other_info": "x", "nickname": "Ainoliini", "customer_id": 2}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::UnknownField);
    assert_eq!(body.fields.len(), 2);
    assert_eq!(body.fields["nickname"], ValidationError::Unknown);
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn bad_values_get_a_field_map_and_change_nothing() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    let before = snapshot(&app).await;
    let cases = [
        (
            json!({"email": "aino@"}),
            "email",
            ValidationError::InvalidFormat,
            "email without domain",
        ),
        (
            json!({"email": ""}),
            "email",
            ValidationError::Required,
            "email emptied",
        ),
        (
            json!({"phone": "12345"}),
            "phone",
            ValidationError::InvalidFormat,
            "phone without prefix",
        ),
        (
            json!({"phone": "+358 40 123 4567 8901"}),
            "phone",
            ValidationError::TooLong,
            "phone too long",
        ),
        (
            json!({"address": {"street": "Katu 1", "postal_code": "123", "city": "Vaasa", "country": "FI"}}),
            "address.postal_code",
            ValidationError::InvalidFormat,
            "short Finnish postal code",
        ),
        (
            json!({"address": {"street": "", "postal_code": "65100", "city": "Vaasa", "country": "FI"}}),
            "address.street",
            ValidationError::Required,
            "no street",
        ),
        (
            json!({"other_info": "x".repeat(2001)}),
            "other_info",
            ValidationError::TooLong,
            "free text over 2000",
        ),
        (
            json!({"other_info": "bell\u{7}"}),
            "other_info",
            ValidationError::InvalidCharacters,
            "control character",
        ),
        (
            json!({"phone": "040 111 2222", "email": "nope"}),
            "email",
            ValidationError::InvalidFormat,
            "one bad field spoils all",
        ),
    ];
    for (body, field, expected, why) in cases {
        let response = app.patch_me(&client, version, body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        let error: ErrorBody = response.json().await.unwrap();
        assert_eq!(error.code, ErrorCode::ValidationFailed, "{why}");
        assert_eq!(
            error.fields.get(field),
            Some(&expected),
            "{why}: {:?}",
            error.fields
        );
        assert_eq!(snapshot(&app).await, before, "{why}: nothing written");
    }
    let not_json = client
        .patch(app.url("/api/me"))
        .header("if-match", format!("\"v{version}\""))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        not_json.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::MalformedRequest
    );
    let wrong_type = app
        .patch_me(&client, version, json!({"preferred_language": "de"}))
        .await;
    assert_eq!(
        wrong_type.status(),
        StatusCode::BAD_REQUEST,
        "a language we do not offer"
    );
}

#[tokio::test]
async fn email_taken_by_another_customer_is_refused() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    let before = snapshot(&app).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"email": "Erik.Sjoberg@example.fi", "other_info": "Moved."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: ErrorBody = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::ValidationFailed);
    assert_eq!(
        body.fields,
        std::collections::BTreeMap::from([("email".to_owned(), ValidationError::AlreadyInUse)])
    );
    assert_eq!(
        snapshot(&app).await,
        before,
        "neither the email nor the other field sent with it was written"
    );
    let erik: (String,) = (app
        .one(
            "SELECT email FROM customers WHERE email = ?1",
            args![ERIK.0],
        )
        .await,);
    assert_eq!(erik.0, ERIK.0, "the owner keeps the address");
}

/// Two customers claiming one new address at the same moment: the database's unique
/// constraint lets exactly one have it, and the other gets the field error, not a 500.
#[tokio::test]
async fn two_customers_racing_for_one_new_address_one_wins_and_one_gets_the_field_error() {
    let app = TestApp::spawn().await;
    let (aino, aino_version) = aino(&app).await;
    let maija = app.client();
    app.sign_in_token(&maija, MAIJA).await;
    let maija_version = app.version(&maija).await;
    let claim = json!({"email": "shared.home@example.fi"});
    let (first, second) = tokio::join!(
        app.patch_me(&aino, aino_version, claim.clone()),
        app.patch_me(&maija, maija_version, claim.clone()),
    );
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY],
        "one wins, one is refused"
    );
    let refused = if first.status() == StatusCode::OK {
        second
    } else {
        first
    };
    let body: ErrorBody = refused.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::ValidationFailed);
    assert_eq!(
        body.fields,
        std::collections::BTreeMap::from([("email".to_owned(), ValidationError::AlreadyInUse)])
    );
    let holders: i64 = app
        .one(
            "SELECT COUNT(*) FROM customers WHERE email = 'shared.home@example.fi'",
            args![],
        )
        .await;
    assert_eq!(holders, 1);
    let entries: i64 = app.one("SELECT COUNT(*) FROM change_history WHERE field = 'email' AND new_value = 'shared.home@example.fi'", args![]).await;
    assert_eq!(entries, 1, "only the winner's change is in the history");
}

#[tokio::test]
async fn a_stale_version_gets_412_and_writes_nothing() {
    let app = TestApp::spawn().await;
    // Two devices of the same customer load the same version.
    let (phone, version) = aino(&app).await;
    let (laptop, same_version) = aino(&app).await;
    assert_eq!(version, same_version);

    let first = app
        .patch_me(&phone, version, json!({"other_info": "from the phone"}))
        .await;
    assert_eq!(first.status(), StatusCode::OK);
    let before = snapshot(&app).await;
    let second = app
        .patch_me(&laptop, version, json!({"other_info": "from the laptop"}))
        .await;
    assert_eq!(second.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        second.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::VersionConflict
    );
    assert_eq!(snapshot(&app).await, before, "the phone's change survives");

    // With the current version the laptop's change goes through.
    let current = app.version(&laptop).await;
    assert_eq!(current, version + 1);
    let retry = app
        .patch_me(&laptop, current, json!({"other_info": "from the laptop"}))
        .await;
    assert_eq!(retry.status(), StatusCode::OK);

    // A weak tag (`W/"v…"`, as some proxies rewrite it) names the same version.
    let weak = laptop
        .patch(app.url("/api/me"))
        .header("if-match", format!("W/\"v{}\"", current + 1))
        .json(&json!({"other_info": "weak tag"}))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::OK);
    assert_eq!(weak.headers()["etag"], format!("\"v{}\"", current + 2));
    assert_eq!(
        weak.json::<Profile>().await.unwrap().other_info.as_str(),
        "weak tag"
    );
    let before = snapshot(&app).await;

    let missing = laptop
        .patch(app.url("/api/me"))
        .json(&json!({"other_info": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::PRECONDITION_REQUIRED);
    assert_eq!(
        missing.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::VersionRequired
    );
    let garbage = laptop
        .patch(app.url("/api/me"))
        .header("if-match", "\"banana\"")
        .json(&json!({"other_info": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        garbage.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::VersionConflict
    );
    assert_eq!(snapshot(&app).await, before, "neither wrote anything");
}

/// What is wrong with a request on its own is said first, whatever version it names: the
/// customer fixes the field, then meets the conflict (if any) with the fixed text in hand.
#[tokio::test]
async fn a_bad_request_is_refused_as_such_before_its_version_is_looked_at() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    let before = snapshot(&app).await;
    let stale = version - 1;
    let cases = [
        (
            Some(stale),
            json!({"preferred_language": "xx"}),
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
        ),
        (
            None,
            json!({"phone": "12"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
        ),
        (
            Some(stale),
            json!({"nickname": "Ainski"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::UnknownField,
        ),
    ];
    for (version, body, status, code) in cases {
        let mut request = client.patch(app.url("/api/me")).json(&body);
        if let Some(v) = version {
            request = request.header("if-match", format!("\"v{v}\""));
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(
            response.json::<ErrorBody>().await.unwrap().code,
            code,
            "{body}"
        );
    }
    // A good request with the stale version still meets the conflict.
    let good = app
        .patch_me(&client, stale, json!({"other_info": "fine"}))
        .await;
    assert_eq!(good.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(snapshot(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn email_and_phone_changes_need_a_recent_password() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    password_entered_long_ago(&app).await;
    let before = snapshot(&app).await;
    for body in [
        json!({"phone": "050 765 4321"}),
        json!({"email": "new@example.fi"}),
        json!({"phone": null}),
    ] {
        let response = app.patch_me(&client, version, body.clone()).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{body}");
        assert_eq!(
            response.json::<ErrorBody>().await.unwrap().code,
            ErrorCode::ReauthenticationRequired
        );
        assert_eq!(snapshot(&app).await, before, "{body}");
    }
    // Other fields need no password, and sending the unchanged phone is not a phone change.
    let other = app
        .patch_me(
            &client,
            version,
            json!({"other_info": "ok", "phone": "+358401234567"}),
        )
        .await;
    assert_eq!(other.status(), StatusCode::OK);
    let version = version + 1;

    let wrong = client
        .post(app.url("/api/session/reauth"))
        .json(&json!({"password": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::InvalidCredentials
    );
    let right = client
        .post(app.url("/api/session/reauth"))
        .json(&json!({"password": AINO.1}))
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::NO_CONTENT);
    let now = app
        .patch_me(&client, version, json!({"phone": "050 765 4321"}))
        .await;
    assert_eq!(now.status(), StatusCode::OK);

    // Re-authentication needs a session, and only opens the window for that session.
    let anonymous = app
        .client()
        .post(app.url("/api/session/reauth"))
        .json(&json!({"password": AINO.1}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_session_says_how_long_a_sensitive_change_needs_no_password() {
    let app = TestApp::spawn().await;
    let (client, _) = aino(&app).await;
    let fresh = |info: &klever_api::SessionInfo| info.password_fresh_for_secs;
    let info: klever_api::SessionInfo = app.get_json(&client, "/api/session").await;
    // Signed in just now; the window is 5 minutes.
    assert!((295..=300).contains(&fresh(&info)), "{}", fresh(&info));
    password_entered_long_ago(&app).await;
    let info: klever_api::SessionInfo = app.get_json(&client, "/api/session").await;
    assert_eq!(fresh(&info), 0, "the password will be asked");
}

#[tokio::test]
async fn the_same_email_and_phone_typed_another_way_change_nothing_and_need_no_password() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    // Outside the re-authentication window: a real email change would be refused.
    password_entered_long_ago(&app).await;
    let before = snapshot(&app).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"email": "  aino.laine@EXAMPLE.FI ", "phone": "040 123 4567"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "no password asked");
    let profile: Profile = response.json().await.unwrap();
    assert_eq!(profile.version, version, "nothing changed, no new version");
    assert_eq!(profile.contact.email.as_str(), AINO.0);
    assert_eq!(
        snapshot(&app).await,
        before,
        "no write, no history, no notice"
    );
}

#[tokio::test]
async fn a_failed_history_write_undoes_the_change() {
    let app = TestApp::spawn().await;
    let (client, version) = aino(&app).await;
    // Make the history refuse phone entries, as a full disk or a bug would.
    app.fail_inserts("change_history", Some("NEW.field = 'phone'"))
        .await;
    let before = snapshot(&app).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"other_info": "written first", "phone": "050 765 4321"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.text().await.unwrap();
    assert!(
        !body.contains("simulated"),
        "internals stay in the log: {body}"
    );
    assert_eq!(
        snapshot(&app).await,
        before,
        "no change without its history"
    );
}

#[tokio::test]
async fn history_has_no_write_api() {
    let app = TestApp::spawn().await;
    let (client, _) = aino(&app).await;
    app.assert_read_only(&client, "/api/me/history").await;
}

#[tokio::test]
async fn one_customer_cannot_change_another() {
    let app = TestApp::spawn().await;
    let (aino_client, version) = aino(&app).await;
    let erik = app.client();
    app.sign_in_token(&erik, ERIK).await;
    let erik_version = app.version(&erik).await;
    // Erik's request changes Erik, whatever it says; there is no id to point elsewhere.
    let response = app
        .patch_me(&erik, erik_version, json!({"other_info": "Erik was here"}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let aino_profile: Profile = app.get_json(&aino_client, "/api/me").await;
    assert_eq!(aino_profile.version, version);
    assert!(!aino_profile.other_info.as_str().contains("Erik"));
}

#[tokio::test]
async fn a_new_phone_without_an_old_one_is_announced_to_the_old_email() {
    let app = TestApp::spawn().await;
    let client = app.customer(crate::helpers::MAIJA).await;
    let version = app.version(&client).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"email": "maija@example.org", "phone": "040 555 0101"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let sent: Vec<(String, String)> = app
        .rows(
            "SELECT kind, recipient FROM outgoing_messages ORDER BY id",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .await;
    assert_eq!(
        sent,
        vec![
            (
                "email_changed".to_owned(),
                crate::helpers::MAIJA.0.to_owned()
            ),
            (
                "phone_changed".to_owned(),
                crate::helpers::MAIJA.0.to_owned()
            ),
        ],
        "both notices go to the address on file before the change"
    );
}

#[tokio::test]
async fn sending_back_empty_bank_details_as_empty_is_harmless() {
    // Maija has no bank details: a form that sends them back empty (null) changes
    // nothing restricted, and the rest of the request goes through.
    let app = TestApp::spawn().await;
    let client = app.customer(crate::helpers::MAIJA).await;
    let version = app.version(&client).await;
    let response = app
        .patch_me(
            &client,
            version,
            json!({"bank_account": null, "bic": null, "other_info": "Invoices by email."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let profile: Profile = response.json().await.unwrap();
    assert_eq!(profile.other_info.as_str(), "Invoices by email.");
    assert_eq!(profile.version, version + 1);

    // Anything else in their place is a change only staff may make.
    for value in [json!("FI2112345600000785"), json!(0)] {
        let response = app
            .patch_me(&client, version + 1, json!({ "bank_account": value }))
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{value}");
        assert_eq!(
            response.json::<ErrorBody>().await.unwrap().fields["bank_account"],
            ValidationError::Restricted,
            "{value}"
        );
    }
}
