//! Delivery of the outbox by email, to a real SMTP server on a loopback port
//! (`SmtpSink`): what arrives and how it reads, exactly once with two servers sending,
//! retried after a refusal, and given up.

use std::time::Duration;

use crate::helpers::{SmtpSink, TestApp, AINO, TEST_NOW};
use serde_json::json;

/// One message's delivery state: tries, last error, sent at, given up at, next try at.
type State = (i64, String, String, String, i64);

async fn state(app: &TestApp, id: i64) -> State {
    app.rows(
        "SELECT attempts, COALESCE(last_error, ''), COALESCE(sent_at, ''), \
         COALESCE(given_up_at, ''), next_attempt_at FROM outgoing_messages WHERE id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .await
    .remove(0)
}

/// Waits (at most 20 s) until the message has been tried `attempts` times and the
/// outcome of the last try has been recorded (the claim is over).
async fn tried(app: &TestApp, id: i64, attempts: i64) -> State {
    for _ in 0..800 {
        // Tries and claim read together: read apart, a claim could start between them.
        let (tried, claimed): (i64, bool) = app
            .rows(
                "SELECT attempts, claimed_until IS NOT NULL FROM outgoing_messages WHERE id = ?1",
                args![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .await
            .remove(0);
        if tried >= attempts && !claimed {
            return state(app, id).await;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!(
        "message {id} was not tried {attempts} times: {:?}",
        state(app, id).await
    );
}

/// Lets the worker run a few more rounds (it looks every 50 ms).
async fn a_few_rounds() {
    tokio::time::sleep(Duration::from_millis(400)).await;
}

/// Aino changes her email: the notice to her old address arrives once, in Finnish, as
/// text and HTML, and names neither the new address nor anything else about her.
#[tokio::test]
async fn a_change_notice_arrives_once_in_the_customers_language() {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    let client = app.customer(AINO).await;
    let version = app.version(&client).await;
    let saved = app
        .patch_me(&client, version, json!({"email": "aino.uusi@example.fi"}))
        .await;
    assert_eq!(saved.status(), reqwest::StatusCode::OK);

    let mail = sink.wait_for(1).await;
    let notice = &mail[0];
    assert_eq!(notice.rcpt_to, [AINO.0]);
    assert_eq!(notice.to, AINO.0);
    assert_eq!(notice.from, "Kleverapp <no-reply@klever.test>");
    assert_eq!(notice.subject, "Sähköpostiosoitteesi vaihdettiin");
    assert_eq!(notice.content_type, "multipart/alternative");
    let text = notice.text.as_deref().unwrap();
    let html = notice.html.as_deref().unwrap();
    assert!(
        text.starts_with("Kleverapp-tilisi sähköpostiosoite vaihdettiin."),
        "{text}"
    );
    assert!(text.contains("vastauksia ei lueta"), "{text}");
    assert!(html.contains("<html lang=\"fi\">"), "{html}");
    assert!(
        html.contains("<p>Kleverapp-tilisi sähköpostiosoite vaihdettiin."),
        "{html}"
    );
    for private in ["aino.uusi", "Laine", "+358", "Vaasa 65"] {
        assert!(
            !text.contains(private) && !html.contains(private),
            "{private}"
        );
    }

    let id: i64 = app
        .one(
            "SELECT id FROM outgoing_messages WHERE kind = 'email_changed'",
            args![],
        )
        .await;
    // The sink has the message before the worker records the sending: wait for that.
    assert_eq!(
        tried(&app, id, 1).await,
        (1, String::new(), TEST_NOW.to_owned(), String::new(), 0)
    );
    a_few_rounds().await;
    assert_eq!(sink.received().len(), 1, "sent once");
}

/// Two servers on one database, each with its worker, and 24 messages waiting: each
/// arrives exactly once, and none was even claimed twice.
#[tokio::test]
async fn two_servers_deliver_every_message_exactly_once() {
    let sink = SmtpSink::start();
    let first = TestApp::spawn_with_mail(sink.mail_config()).await;
    let customer: i64 = first
        .one("SELECT id FROM customers WHERE email = ?1", args![AINO.0])
        .await;
    for n in 0..24 {
        first
            .exec(
                "INSERT INTO outgoing_messages \
                 (customer_id, channel, recipient, kind, language, subject, body, created_at) \
                 VALUES (?1, 'email', ?2, 'test', 'en', ?3, 'Body', ?4)",
                args![
                    customer,
                    format!("r{n}@example.fi"),
                    format!("Message {n}"),
                    TEST_NOW
                ],
            )
            .await
            .unwrap();
    }
    let second = first.spawn_beside_with_mail(sink.mail_config()).await;

    let mail = sink.wait_for(24).await;
    a_few_rounds().await;
    // The sink has each message before its sender records it: wait for every record.
    for _ in 0..800 {
        let claimed: i64 = second
            .one(
                "SELECT COUNT(*) FROM outgoing_messages WHERE claimed_until IS NOT NULL",
                args![],
            )
            .await;
        if claimed == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let mut subjects: Vec<String> = sink.received().into_iter().map(|m| m.subject).collect();
    assert_eq!(subjects.len(), 24, "{mail:?}");
    subjects.sort();
    subjects.dedup();
    assert_eq!(subjects.len(), 24, "no message twice");
    let tries: Vec<(i64, bool)> = second
        .rows(
            "SELECT attempts, sent_at IS NOT NULL FROM outgoing_messages WHERE kind = 'test'",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .await;
    assert_eq!(tries, vec![(1, true); 24]);
}

/// A temporary refusal (451) is tried again after a wait that doubles, not before, and the
/// message then arrives once.
#[tokio::test]
async fn a_refused_try_is_retried_after_a_growing_wait() {
    let sink = SmtpSink::start_with(&["--fail-first", "2"]);
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    let id = queue_one(&app).await;
    let start = app.clock.now();

    let first = tried(&app, id, 1).await;
    assert!(first.1.contains("451"), "{first:?}");
    assert_eq!(
        (first.2.as_str(), first.3.as_str(), first.4),
        ("", "", start + 60)
    );
    a_few_rounds().await;
    assert_eq!(state(&app, id).await.0, 1, "not before its time");

    app.clock.advance(60);
    let second = tried(&app, id, 2).await;
    assert_eq!(second.4, start + 60 + 120, "the wait doubled");
    app.clock.advance(120);
    let third = tried(&app, id, 3).await;
    assert_eq!((third.0, third.1.as_str(), third.3.as_str()), (3, "", ""));
    assert!(!third.2.is_empty(), "sent");
    assert_eq!(sink.wait_for(1).await.len(), 1);
}

/// Past the configured number of tries the message is given up, with the reason kept, and
/// never tried again.
#[tokio::test]
async fn a_message_is_given_up_after_the_last_try() {
    let sink = SmtpSink::start_with(&["--fail-first", "100"]);
    let mut mail = sink.mail_config();
    mail.max_tries = 3;
    let app = TestApp::spawn_with_mail(mail).await;
    let id = queue_one(&app).await;
    for attempt in 1..=3 {
        tried(&app, id, attempt).await;
        app.clock.advance(3600);
    }
    let last = state(&app, id).await;
    assert_eq!(last.0, 3);
    assert!(last.1.contains("451"), "{last:?}");
    assert_eq!(last.2, "", "never sent");
    assert!(!last.3.is_empty(), "given up");
    app.clock.advance(24 * 3600);
    a_few_rounds().await;
    assert_eq!(state(&app, id).await.0, 3, "no fourth try");
    assert!(sink.received().is_empty());
}

/// A permanent refusal (550) is given up at once: trying again cannot help.
#[tokio::test]
async fn a_permanent_refusal_is_given_up_at_once() {
    let sink = SmtpSink::start_with(&["--refuse"]);
    let app = TestApp::spawn_with_mail(sink.mail_config()).await;
    let id = queue_one(&app).await;
    let given_up = tried(&app, id, 1).await;
    assert!(given_up.1.contains("550"), "{given_up:?}");
    assert_eq!(given_up.3, TEST_NOW);
    app.clock.advance(24 * 3600);
    a_few_rounds().await;
    assert_eq!(state(&app, id).await.0, 1);
}

/// With no SMTP server configured (`scripts/run`'s default) messages stay in the outbox,
/// untried, and the change they report goes through as ever.
#[tokio::test]
async fn without_mail_settings_messages_wait_in_the_outbox() {
    let app = TestApp::spawn().await;
    let id = queue_one(&app).await;
    a_few_rounds().await;
    assert_eq!(
        state(&app, id).await,
        (0, String::new(), String::new(), String::new(), 0)
    );
}

/// Queues a notice the way the app does (Aino's phone change) and returns its id.
async fn queue_one(app: &TestApp) -> i64 {
    let client = app.customer(AINO).await;
    let version = app.version(&client).await;
    let saved = app
        .patch_me(
            &client,
            version,
            json!({"other_info": "x", "email": "aino.x@example.fi"}),
        )
        .await;
    assert_eq!(saved.status(), reqwest::StatusCode::OK);
    app.one(
        "SELECT id FROM outgoing_messages WHERE kind = 'email_changed'",
        args![],
    )
    .await
}
