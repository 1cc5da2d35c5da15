//! Nothing answered is lost: the server binary, saving a customer's details and marketing
//! choices as fast as it is asked, is killed (SIGKILL, no chance to tidy up) at a random
//! moment, fifty times over, and restarted on the same SQLite file. Every save it answered
//! with 2xx is there afterwards, the history and the consent log are unbroken chains that
//! end at the stored values, and SQLite finds the file intact.

use std::{
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

use klever_api::{MarketingChoice, MarketingChoices, Profile, ProfileField};
use serde_json::json;

const KILLS: usize = 50;

struct Server {
    child: Child,
    base: String,
}

fn start(file: &std::path::Path, dir: &std::path::Path) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_klever-server"))
        .env_clear()
        .env("DATABASE_URL", format!("sqlite://{}", file.display()))
        .env("KLEVER_BIND", format!("127.0.0.1:{port}"))
        .env("KLEVER_STATIC_DIR", dir)
        .env("KLEVER_DEMO_DATA", "true")
        .env("KLEVER_COOKIE_SECURE", "false")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

/// Signs Maija in once the server answers.
async fn signed_in(server: &Server) -> reqwest::Client {
    let client = crate::helpers::browser(None, None);
    for _ in 0..200 {
        let answer = client
            .post(format!("{}/api/session", server.base))
            .json(&json!({"email": "maija.virtanen@example.fi", "password": "maija-demo-2026"}))
            .send()
            .await;
        if let Ok(r) = answer {
            assert_eq!(r.status(), reqwest::StatusCode::OK);
            return client;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the server did not start");
}

/// What the server acknowledged: other-info texts saved, and marketing values set.
#[derive(Default)]
struct Acked {
    texts: Vec<String>,
    choices: Vec<(MarketingChoice, bool)>,
}

/// Saves and marketing changes, one after another, until the server goes away.
async fn keep_saving(
    base: String,
    client: reqwest::Client,
    round: usize,
    acked: Arc<Mutex<Acked>>,
) {
    let Ok(r) = client.get(format!("{base}/api/me")).send().await else {
        return;
    };
    let Ok(mut profile) = r.json::<Profile>().await else {
        return;
    };
    let choices = [MarketingChoice::BanEmail, MarketingChoice::ConsentTargeting];
    for n in 0.. {
        let text = format!("round {round} save {n}");
        let saved = client
            .patch(format!("{base}/api/me"))
            .header("if-match", format!("\"v{}\"", profile.version))
            .json(&json!({ "other_info": text }))
            .send()
            .await;
        match saved {
            Ok(r) if r.status().is_success() => match r.json::<Profile>().await {
                Ok(p) => {
                    profile = p;
                    acked.lock().unwrap().texts.push(text);
                }
                Err(_) => return,
            },
            _ => return,
        }
        let choice = choices[n % 2];
        let value = !profile.marketing.get(choice);
        let set = client
            .put(format!("{base}/api/me/marketing/{}", choice.code()))
            .json(&json!({ "value": value }))
            .send()
            .await;
        match set {
            Ok(r) if r.status().is_success() => match r.json::<MarketingChoices>().await {
                Ok(m) => {
                    profile.marketing = m;
                    acked.lock().unwrap().choices.push((choice, value));
                }
                Err(_) => return,
            },
            _ => return,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answered_writes_survive_fifty_kills() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>t</title>",
    )
    .unwrap();
    let file = dir.path().join("klever.db");
    let acked = Arc::new(Mutex::new(Acked::default()));
    for round in 0..KILLS {
        let mut server = start(&file, dir.path());
        let client = signed_in(&server).await;
        let saving = tokio::spawn(keep_saving(
            server.base.clone(),
            client,
            round,
            acked.clone(),
        ));
        // A different moment in the stream of writes each time.
        let after = 20 + (round as u64 * 37) % 230;
        tokio::time::sleep(Duration::from_millis(after)).await;
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        let _ = saving.await;
    }

    let acked = std::mem::take(&mut *acked.lock().unwrap());
    assert!(
        acked.texts.len() >= KILLS && acked.choices.len() >= KILLS,
        "the loop got going: {} saves, {} choices",
        acked.texts.len(),
        acked.choices.len()
    );

    println!(
        "crash test: {KILLS} kills; {} saves and {} marketing changes answered, all checked",
        acked.texts.len(),
        acked.choices.len()
    );

    // Once more, to read what is stored, through the API and in the file itself.
    let mut server = start(&file, dir.path());
    let client = signed_in(&server).await;
    let profile: Profile = client
        .get(format!("{}/api/me", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let db = rusqlite::Connection::open(&file).unwrap();
    let integrity: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    // The history of the text: each entry takes up where the one before left off, and the
    // last ends at the stored text. Every acknowledged text is in it.
    let maija: i64 = db
        .query_row(
            "SELECT id FROM customers WHERE email = 'maija.virtanen@example.fi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut history = db
        .prepare(
            "SELECT old_value, new_value, at FROM change_history \
             WHERE customer_id = ?1 AND field = ?2 ORDER BY id",
        )
        .unwrap();
    let entries: Vec<(Option<String>, Option<String>, String)> = history
        .query_map(
            rusqlite::params![maija, ProfileField::OtherInfo.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // Empty text is stored as no value in the history.
    let mut current: Option<String> = None;
    for (old, new, _) in &entries {
        assert_eq!(old, &current, "the history is unbroken");
        current = new.clone();
    }
    assert!(
        entries.windows(2).all(|w| w[0].2 <= w[1].2),
        "in order of time"
    );
    assert_eq!(current.unwrap_or_default(), profile.other_info.as_str());
    let recorded: std::collections::HashSet<&str> =
        entries.iter().filter_map(|e| e.1.as_deref()).collect();
    for text in &acked.texts {
        assert!(
            recorded.contains(text.as_str()),
            "{text:?} was answered but is gone"
        );
    }
    assert_eq!(
        profile.version,
        1 + entries.len() as i64,
        "one version per history entry"
    );

    // The consent log likewise, per choice: unbroken, ending at the stored value, and every
    // acknowledged change in it (counted, as the same value recurs).
    for choice in [MarketingChoice::BanEmail, MarketingChoice::ConsentTargeting] {
        let mut log = db
            .prepare(
                "SELECT old_value, new_value FROM consent_log \
                 WHERE customer_id = ?1 AND choice = ?2 ORDER BY id",
            )
            .unwrap();
        let changes: Vec<(bool, bool)> = log
            .query_map(rusqlite::params![maija, choice.code()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut value = false;
        for (old, new) in &changes {
            assert_eq!(*old, value, "{choice:?}: the log is unbroken");
            value = *new;
        }
        assert_eq!(value, profile.marketing.get(choice), "{choice:?}");
        let answered = acked.choices.iter().filter(|(c, _)| *c == choice).count();
        assert!(
            changes.len() >= answered,
            "{choice:?}: {answered} answered, {} logged",
            changes.len()
        );
    }
}
