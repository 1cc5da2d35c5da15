//! The request log: one line per request, found by the id the answer carries, with the
//! route template and never a personal value.

use std::sync::{Arc, Mutex, OnceLock};

use klever_server::request_log::{REQUEST_ID, TARGET};
use reqwest::StatusCode;

use crate::helpers::{TestApp, AINO};

/// What the request log wrote in this test process.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

/// The process's log, request lines only. Global because the server logs from any of the
/// runtime's threads; each test picks its own lines by request id.
fn log() -> &'static Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let captured = Captured::default();
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(format!("{TARGET}=info")))
            .with_writer(captured.clone())
            .with_ansi(false)
            .init();
        captured
    })
}

fn lines_with(id: &str) -> Vec<String> {
    String::from_utf8(log().0.lock().unwrap().clone())
        .unwrap()
        .lines()
        .filter(|l| l.contains(&format!("id={id} ")))
        .map(str::to_owned)
        .collect()
}

fn id_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(REQUEST_ID.as_str())
        .expect("every answer carries its request id")
        .to_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn each_request_is_one_line_by_route_template_with_no_personal_value() {
    log();
    let app = TestApp::spawn().await;
    let client = app.client();
    let sign_in = app.sign_in(&client, AINO).await;
    assert_eq!(sign_in.status(), StatusCode::OK);
    let cookie = sign_in
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();
    let mut seen = vec![(id_of(&sign_in), "POST", "/api/session", 200)];
    let me = client.get(app.url("/api/me")).send().await.unwrap();
    seen.push((id_of(&me), "GET", "/api/me", 200));
    let ban = client
        .put(app.url("/api/me/marketing/ban_email"))
        .json(&serde_json::json!({ "value": true }))
        .send()
        .await
        .unwrap();
    seen.push((id_of(&ban), "PUT", "/api/me/marketing/{choice}", 200));
    let staff = client
        .get(app.url("/api/staff/requests/1"))
        .send()
        .await
        .unwrap();
    seen.push((id_of(&staff), "GET", "/api/staff/requests/{id}", 403));
    let unknown = client
        .get(app.url("/api/aino.laine@example.fi?name=Aino"))
        .send()
        .await
        .unwrap();
    seen.push((id_of(&unknown), "GET", "api?", 404));
    let page = client.get(app.url("/profile")).send().await.unwrap();
    seen.push((id_of(&page), "GET", "/profile", 200));
    let file = client
        .get(app.url("/nothing-here-aino.laine.js"))
        .send()
        .await
        .unwrap();
    seen.push((id_of(&file), "GET", "static", 404));

    let mut all = String::new();
    for (id, method, route, status) in &seen {
        assert_eq!(id.len(), 16, "{id}: a fresh id is 16 hex digits");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        let lines = lines_with(id);
        assert_eq!(lines.len(), 1, "one line for {method} {route}: {lines:?}");
        let line = &lines[0];
        for part in [
            format!("method={method} "),
            format!("route={route} "),
            format!("status={status} "),
            "micros=".to_owned(),
        ] {
            assert!(line.contains(&part), "{part:?} in {line}");
        }
        all.push_str(line);
    }
    let ids: std::collections::HashSet<_> = seen.iter().map(|s| &s.0).collect();
    assert_eq!(ids.len(), seen.len(), "every request has its own id");
    for personal in [AINO.0, AINO.1, "Aino", "Laine", "aino", token.as_str()] {
        assert!(!all.contains(personal), "{personal:?} logged: {all}");
    }
}

#[tokio::test]
async fn a_proxys_plain_request_id_is_kept_and_anything_else_replaced() {
    log();
    let app = TestApp::spawn().await;
    let client = app.client();
    let kept = client
        .get(app.url("/api/session"))
        .header("x-request-id", "lb-7f3a_01.eu")
        .send()
        .await
        .unwrap();
    assert_eq!(id_of(&kept), "lb-7f3a_01.eu");
    let line = lines_with("lb-7f3a_01.eu");
    assert_eq!(line.len(), 1, "{line:?}");
    assert!(
        line[0].contains("route=/api/session status=401 "),
        "{}",
        line[0]
    );

    for forged in ["two words", "a=b", "x\tstatus=200", &"a".repeat(65)] {
        let replaced = client
            .get(app.url("/api/session"))
            .header("x-request-id", forged)
            .send()
            .await
            .unwrap();
        let id = id_of(&replaced);
        assert_ne!(id, forged);
        assert_eq!(id.len(), 16, "{id}");
        assert_eq!(lines_with(&id).len(), 1);
    }
}
