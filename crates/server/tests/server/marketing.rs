//! Marketing bans and consents, their log, and the staff audience export that honours them.

use crate::helpers::{TestApp, AINO, HELENA, OLLI};
use klever_api::{
    AudienceMember, Channel, ConsentLogEntry, ErrorBody, ErrorCode, MarketingChoice,
    MarketingChoices, StaffInfo,
};
use reqwest::StatusCode;
use serde_json::json;

async fn set(
    app: &TestApp,
    client: &reqwest::Client,
    choice: MarketingChoice,
    value: bool,
) -> reqwest::Response {
    client
        .put(app.url(&format!("/api/me/marketing/{}", choice.code())))
        .json(&json!({ "value": value }))
        .send()
        .await
        .unwrap()
}

async fn log(app: &TestApp, client: &reqwest::Client) -> Vec<ConsentLogEntry> {
    app.get_json(client, "/api/me/consent-log").await
}

async fn audience(app: &TestApp, staff: &reqwest::Client, channel: &str) -> Vec<AudienceMember> {
    let response = staff
        .get(app.url(&format!("/api/staff/audience?channel={channel}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{channel}");
    response.json().await.unwrap()
}

fn ids(members: &[AudienceMember]) -> Vec<String> {
    members
        .iter()
        .map(|m| format!("{} {}", m.first_name, m.last_name))
        .collect()
}

#[tokio::test]
async fn every_choice_can_be_given_and_withdrawn_with_a_log_entry_each_time() {
    let app = TestApp::spawn().await;
    // Maija has never made a choice: everything starts off.
    let client = app.customer(crate::helpers::MAIJA).await;
    let before = log(&app, &client).await.len();
    for choice in MarketingChoice::ALL
        .into_iter()
        .filter(|c| *c != MarketingChoice::BanAll)
    {
        let on = set(&app, &client, choice, true).await;
        assert_eq!(on.status(), StatusCode::OK, "{choice:?}");
        let state: MarketingChoices = on.json().await.unwrap();
        assert!(state.get(choice), "{choice:?} on");
        assert!(
            state.changed_at.contains_key(&choice),
            "{choice:?} has a changed time"
        );
        let off: MarketingChoices = set(&app, &client, choice, false)
            .await
            .json()
            .await
            .unwrap();
        assert!(
            !off.get(choice),
            "{choice:?} off: withdrawing is one request too"
        );

        let entries = log(&app, &client).await;
        let mine: Vec<_> = entries.iter().filter(|e| e.choice == choice).collect();
        assert_eq!(mine.len(), 2, "{choice:?}: one entry per change");
        assert_eq!(
            (mine[0].old_value, mine[0].new_value),
            (true, false),
            "{choice:?}: newest first"
        );
        assert_eq!((mine[1].old_value, mine[1].new_value), (false, true));
        assert!(mine.iter().all(|e| e.channel == Channel::SelfService));
    }
    assert_eq!(log(&app, &client).await.len(), before + 14);
    // The same value again changes nothing and logs nothing.
    set(&app, &client, MarketingChoice::BanPost, false).await;
    assert_eq!(log(&app, &client).await.len(), before + 14);
}

#[tokio::test]
async fn ban_all_overrides_every_channel_and_lifting_it_restores_the_channel_choices() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await; // Aino already bans SMS.
    let olli = app.staff(OLLI).await;
    let in_audience = |channel: &'static str| {
        let (app, olli) = (&app, &olli);
        async move { ids(&audience(app, olli, channel).await).contains(&"Aino Laine".to_owned()) }
    };
    assert!(in_audience("email").await && !in_audience("sms").await);
    let entries_before = log(&app, &client).await.len();

    let state: MarketingChoices = set(&app, &client, MarketingChoice::BanAll, true)
        .await
        .json()
        .await
        .unwrap();
    assert!(state.ban_all);
    assert!(
        !state.ban_email && state.ban_sms && !state.ban_phone && !state.ban_post,
        "the channel choices are kept as they were"
    );
    assert!(MarketingChoice::CHANNEL_BANS
        .iter()
        .all(|c| state.banned(*c)));
    let entries = log(&app, &client).await;
    assert_eq!(entries.len(), entries_before + 1, "one change, one entry");
    assert_eq!(entries[0].choice, MarketingChoice::BanAll);
    assert!(entries[0].new_value);
    for channel in ["email", "sms", "phone", "post"] {
        assert!(!in_audience(channel).await, "{channel} while all is banned");
    }

    // Lifting "ban all" brings back what the customer had chosen per channel.
    let state: MarketingChoices = set(&app, &client, MarketingChoice::BanAll, false)
        .await
        .json()
        .await
        .unwrap();
    assert!(!state.ban_all && state.ban_sms && !state.ban_email);
    assert!(in_audience("email").await, "email allowed again");
    assert!(!in_audience("sms").await, "the SMS ban still holds");
}

#[tokio::test]
async fn bad_requests_change_nothing() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await;
    let before = log(&app, &client).await;
    let unknown = client
        .put(app.url("/api/me/marketing/ban_fax"))
        .json(&json!({"value": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let malformed = client
        .put(app.url("/api/me/marketing/ban_email"))
        .json(&json!({"value": "yes"}))
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        malformed.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::MalformedRequest
    );
    let anonymous = app
        .client()
        .put(app.url("/api/me/marketing/ban_email"))
        .json(&json!({"value": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(log(&app, &client).await, before);
}

#[tokio::test]
async fn a_failed_log_write_undoes_the_change() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await;
    app.fail_inserts("consent_log", None).await;
    let response = set(&app, &client, MarketingChoice::BanEmail, true).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let state: MarketingChoices = app.get_json(&client, "/api/me/marketing").await;
    assert!(!state.ban_email, "no change without its log entry");
}

#[tokio::test]
async fn the_consent_log_cannot_be_changed() {
    let app = TestApp::spawn().await;
    let client = app.customer(AINO).await;
    assert!(app
        .exec("UPDATE consent_log SET new_value = FALSE", args![])
        .await
        .is_err());
    assert!(app.exec("DELETE FROM consent_log", args![]).await.is_err());
    app.assert_read_only(&client, "/api/me/consent-log").await;
    // The seeded choices are explained by onboarding entries.
    let entries = log(&app, &client).await;
    assert!(entries
        .iter()
        .any(|e| e.choice == MarketingChoice::BanSms && e.channel == Channel::Onboarding));
}

#[tokio::test]
async fn the_export_honours_bans_made_in_the_app() {
    let app = TestApp::spawn().await;
    let olli = app.staff(OLLI).await;
    let email = ids(&audience(&app, &olli, "email").await);
    assert!(email.contains(&"Aino Laine".to_owned()));
    assert!(
        email.contains(&"Maija Virtanen".to_owned()),
        "no choices row: nothing banned"
    );
    // Erik bans all direct marketing but, of the channels, only post: "ban all" alone
    // keeps him off the lists that have his address and number.
    for channel in ["email", "sms", "phone", "post"] {
        assert!(
            !ids(&audience(&app, &olli, channel).await).contains(&"Erik Sjöberg".to_owned()),
            "Erik bans all direct marketing: {channel}"
        );
    }
    let sms = ids(&audience(&app, &olli, "sms").await);
    assert!(!sms.contains(&"Aino Laine".to_owned()), "Aino bans SMS");
    assert!(
        !sms.contains(&"Maija Virtanen".to_owned()),
        "Maija has no phone"
    );
    let post = audience(&app, &olli, "post").await;
    assert_eq!(post[0].contact, "Kauppapuistikko 12 A 5, 65100 Vaasa, FI");

    // Aino bans email in the app: the next export leaves her out.
    let aino = app.customer(AINO).await;
    set(&app, &aino, MarketingChoice::BanEmail, true).await;
    assert!(!ids(&audience(&app, &olli, "email").await).contains(&"Aino Laine".to_owned()));

    // Withdrawing consent to research removes her from the research export.
    assert!(ids(&audience(&app, &olli, "research").await).contains(&"Aino Laine".to_owned()));
    set(&app, &aino, MarketingChoice::ConsentMarketResearch, false).await;
    assert!(!ids(&audience(&app, &olli, "research").await).contains(&"Aino Laine".to_owned()));

    // Aino, who has a phone and an address and bans neither calls nor post, bans all:
    // every channel's export leaves her out, whatever her channel choices say.
    for channel in ["phone", "post"] {
        assert!(
            ids(&audience(&app, &olli, channel).await).contains(&"Aino Laine".to_owned()),
            "{channel} before"
        );
    }
    set(&app, &aino, MarketingChoice::BanAll, true).await;
    for channel in ["email", "sms", "phone", "post"] {
        assert!(
            !ids(&audience(&app, &olli, channel).await).contains(&"Aino Laine".to_owned()),
            "{channel} after ban all"
        );
    }
    // Lifting the ban brings her back where her channel choices allow.
    set(&app, &aino, MarketingChoice::BanAll, false).await;
    let phone = audience(&app, &olli, "phone").await;
    let aino_phone = phone.iter().find(|m| m.first_name == "Aino").unwrap();
    assert_eq!(aino_phone.contact, "+358401234567");

    // Maija bans all: gone from every channel at once.
    let maija = app.customer(crate::helpers::MAIJA).await;
    set(&app, &maija, MarketingChoice::BanAll, true).await;
    for channel in ["email", "sms", "phone", "post"] {
        assert!(
            !ids(&audience(&app, &olli, channel).await).contains(&"Maija Virtanen".to_owned()),
            "{channel}"
        );
    }
}

#[tokio::test]
async fn the_export_comes_as_csv_too() {
    let app = TestApp::spawn().await;
    let olli = app.staff(OLLI).await;
    let response = olli
        .get(app.url("/api/staff/audience?channel=post&format=csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "customer_id,first_name,last_name,preferred_language,contact"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(",Aino,Laine,fi,\"Kauppapuistikko 12 A 5, 65100 Vaasa, FI\"")),
        "{csv}"
    );
    assert!(!csv.contains("Sjöberg"));
    let bad = olli
        .get(app.url("/api/staff/audience?channel=fax"))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn staff_and_customer_sessions_never_stand_in_for_each_other() {
    let app = TestApp::spawn().await;
    let aino = app.customer(AINO).await;
    let forbidden = aino
        .get(app.url("/api/staff/audience?channel=email"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        forbidden.status(),
        StatusCode::FORBIDDEN,
        "a customer session gets 403"
    );
    assert_eq!(
        forbidden.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::Forbidden
    );
    // No staff route takes a customer's session: not the one that only says who is
    // signed in (no role check stands behind it), nor the staff sign-out.
    for path in [
        "/api/staff/session",
        "/api/staff/requests",
        "/api/staff/audience?channel=post",
    ] {
        let response = aino.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "customer on {path}"
        );
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::Forbidden, "customer on {path}");
    }
    let sign_out = aino
        .delete(app.url("/api/staff/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(sign_out.status(), StatusCode::NO_CONTENT, "nothing to end");
    assert_eq!(
        app.status(&aino, "/api/me").await,
        StatusCode::OK,
        "the customer's own session goes on"
    );
    let anonymous = app
        .client()
        .get(app.url("/api/staff/audience?channel=email"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let helena = app.staff(HELENA).await;
    // Customer service handle requests; contact lists are for marketing only.
    let not_marketing = helena
        .get(app.url("/api/staff/audience?channel=email"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_marketing.status(), StatusCode::FORBIDDEN);
    let me: StaffInfo = app.get_json(&helena, "/api/staff/session").await;
    assert_eq!(me.name, "Helena Kallio");
    for path in crate::helpers::ME_ROUTES {
        let response = helena.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "staff session on {path}"
        );
    }
    // A customer's password does not open a staff account, nor the other way round.
    assert_eq!(
        app.staff_sign_in(&app.client(), AINO).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in(&app.client(), HELENA).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_choices_say_when_each_last_changed() {
    let app = TestApp::spawn().await;
    let maija = app.customer(crate::helpers::MAIJA).await;
    // Maija has never chosen anything: no times at all.
    let fresh: MarketingChoices = app.get_json(&maija, "/api/me/marketing").await;
    assert_eq!((fresh.updated_at, fresh.changed_at.len()), (None, 0));

    app.clock.set_to("2026-11-25T10:05:00Z");
    set(&app, &maija, MarketingChoice::BanSms, true).await;
    app.clock.set_to("2026-11-25T10:07:30Z");
    let answer: MarketingChoices = set(&app, &maija, MarketingChoice::ConsentTargeting, true)
        .await
        .json()
        .await
        .unwrap();
    let read: MarketingChoices = app.get_json(&maija, "/api/me/marketing").await;
    assert_eq!(answer, read, "the answer is what a read shows");
    assert_eq!(read.updated_at.as_deref(), Some("2026-11-25T10:07:30Z"));
    assert_eq!(
        read.changed_at,
        std::collections::BTreeMap::from([
            (MarketingChoice::BanSms, "2026-11-25T10:05:00Z".to_owned()),
            (
                MarketingChoice::ConsentTargeting,
                "2026-11-25T10:07:30Z".to_owned()
            ),
        ])
    );
}
