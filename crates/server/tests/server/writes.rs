//! Writes under concurrency: every write goes through the one writer, which commits the
//! writes waiting together. Many at once must all land, with their log rows; a refused
//! one in the same batch must write nothing; and commits must be durable.

use std::sync::Arc;

use crate::helpers::TestApp;
use klever_api::{ErrorBody, ErrorCode, MarketingChoice, MarketingChoices, Profile};
use reqwest::StatusCode;
use serde_json::json;

/// The choices each customer sets at once (not `ban_all`, which also sets the channels).
const CHOICES: [MarketingChoice; 5] = [
    MarketingChoice::BanEmail,
    MarketingChoice::BanSms,
    MarketingChoice::BanPhone,
    MarketingChoice::BanPost,
    MarketingChoice::ConsentMarketResearch,
];

async fn customers(app: &TestApp, count: u32) -> Vec<reqwest::Client> {
    let mut clients = Vec::new();
    for n in 1..=count {
        clients.push(app.bench_customer(n).await);
    }
    clients
}

fn put_choice(
    app: &TestApp,
    client: &reqwest::Client,
    choice: MarketingChoice,
) -> impl std::future::Future<Output = (StatusCode, MarketingChoices)> + Send + 'static {
    let request = client
        .put(app.url(&format!("/api/me/marketing/{}", choice.code())))
        .json(&json!({ "value": true }));
    async move {
        let response = request.send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        let choices = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{choice:?} answered {status} {body}: {e}"));
        (status, choices)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_marketing_changes_by_forty_customers_all_land() {
    let app = TestApp::spawn_with_bench_customers(40).await;
    let clients = customers(&app, 40).await;
    let before = app.db.writer_stats();

    let mut tasks = Vec::new();
    for client in &clients {
        for choice in CHOICES {
            let put = put_choice(&app, client, choice);
            tasks.push(tokio::spawn(async move { (choice, put.await) }));
        }
    }
    assert_eq!(tasks.len(), 200);
    for task in tasks {
        let (choice, (status, choices)) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{choice:?}");
        assert!(choices.get(choice), "the answer shows {choice:?} set");
    }
    let after = app.db.writer_stats();
    // Informative only: how many commits the 200 writes took depends on timing.
    eprintln!(
        "{} jobs in {} commits, {} run again after a conflict",
        after.jobs - before.jobs,
        after.commits - before.commits,
        after.retries - before.retries
    );

    // Every customer has exactly the five choices set, each with one log entry.
    type Stored = (i64, bool, bool, bool, bool, bool, bool, bool, bool);
    let rows: Vec<Stored> = app
        .rows(
            "SELECT customer_id, ban_all, ban_email, ban_sms, ban_phone, ban_post, \
             consent_market_research, consent_research_disclosure, consent_targeting \
             FROM marketing_choices ORDER BY customer_id",
            args![],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .await;
    assert_eq!(rows.len(), 40);
    for row in &rows {
        assert_eq!(
            (row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8),
            (false, true, true, true, true, true, false, false),
            "customer {}",
            row.0
        );
    }
    let log: Vec<(i64, String, bool, bool, String)> = app
        .rows(
            "SELECT customer_id, choice, old_value, new_value, channel FROM consent_log \
             ORDER BY customer_id, choice",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .await;
    assert_eq!(log.len(), 200, "one log entry per change");
    let mut expected: Vec<&str> = CHOICES.iter().map(|c| c.code()).collect();
    expected.sort();
    for (i, chunk) in log.chunks(5).enumerate() {
        let choices: Vec<&str> = chunk.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(choices, expected, "customer #{i}");
        assert!(chunk.iter().all(|r| r.0 == chunk[0].0));
        assert!(chunk.iter().all(|r| !r.2 && r.3 && r.4 == "self_service"));
    }
}

async fn patch_other_info(
    app: &TestApp,
    client: &reqwest::Client,
    version: i64,
    text: &str,
) -> reqwest::Response {
    app.patch_me(client, version, json!({ "other_info": text }))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_patch_among_good_writes_is_refused_and_writes_nothing() {
    let app = Arc::new(TestApp::spawn_with_bench_customers(22).await);
    let clients = Arc::new(customers(&app, 22).await);
    // Customer 1 saves once, so version 1 is now stale.
    let first = patch_other_info(&app, &clients[0], 1, "first").await;
    assert_eq!(first.status(), StatusCode::OK);
    let history_before: i64 = app
        .one(
            "SELECT COUNT(*) FROM change_history WHERE customer_id = 1",
            args![],
        )
        .await;

    let mut tasks = Vec::new();
    // The stale save, the same customer's current one, another customer's, and 20
    // marketing changes, all at once.
    for (who, version, text) in [(0, 1, "stale"), (0, 2, "current"), (1, 1, "other")] {
        let (app, clients) = (app.clone(), clients.clone());
        tasks.push(tokio::spawn(async move {
            let response = patch_other_info(&app, &clients[who], version, text).await;
            (text, response.status(), response.text().await.unwrap())
        }));
    }
    for n in 2..22 {
        let put = put_choice(&app, &clients[n], MarketingChoice::ConsentTargeting);
        tasks.push(tokio::spawn(async move {
            let (status, _) = put.await;
            ("marketing", status, String::new())
        }));
    }
    for task in tasks {
        let (what, status, body) = task.await.unwrap();
        if what == "stale" {
            assert_eq!(status, StatusCode::PRECONDITION_FAILED);
            let body: ErrorBody = serde_json::from_str(&body).unwrap();
            assert_eq!(body.code, ErrorCode::VersionConflict);
        } else {
            assert_eq!(status, StatusCode::OK, "{what}: {body}");
        }
    }

    let profile: Profile = app.get_json(&clients[0], "/api/me").await;
    assert_eq!(profile.other_info.as_str(), "current");
    assert_eq!(profile.version, 3, "one save after the first, not two");
    let stale: i64 = app
        .one(
            "SELECT COUNT(*) FROM change_history WHERE new_value = 'stale'",
            args![],
        )
        .await;
    assert_eq!(stale, 0, "the refused save left no history");
    let history_after: i64 = app
        .one(
            "SELECT COUNT(*) FROM change_history WHERE customer_id = 1",
            args![],
        )
        .await;
    assert_eq!(history_after - history_before, 1);
    let other: Profile = app.get_json(&clients[1], "/api/me").await;
    assert_eq!((other.other_info.as_str(), other.version), ("other", 2));
    let consents: i64 = app
        .one(
            "SELECT COUNT(*) FROM consent_log WHERE choice = 'consent_targeting' AND new_value",
            args![],
        )
        .await;
    assert_eq!(consents, 20, "every good write in the batch committed");
}

#[tokio::test]
async fn writes_are_durable_and_reads_cannot_write() {
    let app = TestApp::spawn().await;
    if app.db.is_postgres() {
        // A commit is answered once it is on the server's disk, and every write job runs
        // as if alone (what SQLite's one writer gives).
        let (commit, isolation): (String, String) = app
            .db
            .write(|conn| {
                let commit = conn.query_row("SHOW synchronous_commit", (), |r| r.get(0))?;
                let isolation = conn.query_row("SHOW transaction_isolation", (), |r| r.get(0))?;
                Ok((commit, isolation))
            })
            .await
            .unwrap();
        assert_eq!(
            (commit.as_str(), isolation.as_str()),
            ("on", "serializable")
        );
    } else {
        let (synchronous, journal): (i64, String) = app
            .db
            .write(|conn| {
                let synchronous = conn.query_row("PRAGMA synchronous", (), |r| r.get(0))?;
                let journal = conn.query_row("PRAGMA journal_mode", (), |r| r.get(0))?;
                Ok((synchronous, journal))
            })
            .await
            .unwrap();
        assert_eq!(synchronous, 2, "2 is FULL: a commit waits for the disk");
        assert_eq!(journal, "wal");
    }
    let write = app
        .db
        .read(|c| Ok(c.execute("DELETE FROM sign_in_failures", ())?))
        .await;
    assert!(
        write.is_err(),
        "the handlers' read connections cannot write"
    );
}
