//! One log line per request: its id, method, route template, status and latency. Never the
//! concrete path, query, headers or body, which can hold a customer's email, a request
//! number or a token; the route template (`/api/staff/requests/{id}`) says what was asked
//! without saying about whom.
//!
//! The id goes back in `x-request-id`, so a customer's or operator's report can be matched
//! to the line. An id set by a load balancer in front is kept when it is a plain token.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use rand::RngCore;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The tracing target of the request lines, for filtering (`RUST_LOG=klever_request=info`).
pub const TARGET: &str = "klever_request";

/// Logs the request once it is answered. A path no route template matched is logged only
/// as `api?` or `static`: its text is the client's, not ours.
pub async fn log_request(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .filter(|v| is_plain_token(v.as_bytes()))
        .cloned()
        .unwrap_or_else(new_id);
    request.headers_mut().insert(REQUEST_ID, id.clone());
    let method = request.method().clone();
    // The template is shared (`MatchedPath` holds an `Arc<str>`): no copy per request.
    let matched = request.extensions().get::<MatchedPath>().cloned();
    let unmatched = if request.uri().path().starts_with("/api/") {
        "api?"
    } else {
        "static"
    };
    let mut response = next.run(request).await;
    let status = response.status().as_u16();
    tracing::info!(
        target: TARGET,
        id = %id.to_str().unwrap_or_default(),
        %method,
        route = %matched.as_ref().map_or(unmatched, MatchedPath::as_str),
        status,
        micros = started.elapsed().as_micros() as u64,
    );
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

/// 1–64 letters, digits, `-`, `_` or `.`: enough for any proxy's ids, and nothing that could
/// forge or break a log line.
fn is_plain_token(value: &[u8]) -> bool {
    (1..=64).contains(&value.len())
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// 64 random bits as 16 hex digits: unique enough to find one request among a day's.
fn new_id() -> HeaderValue {
    let id = format!("{:016x}", rand::thread_rng().next_u64());
    HeaderValue::from_str(&id).expect("hex digits are a valid header value")
}

#[cfg(test)]
mod tests {
    use super::is_plain_token;

    #[test]
    fn only_plain_tokens_of_sixty_four_bytes_at_most_are_kept() {
        assert!(is_plain_token(b"a"));
        assert!(is_plain_token(b"lb-7f3a_01.x"));
        assert!(is_plain_token("a".repeat(64).as_bytes()));
        assert!(!is_plain_token(b""));
        assert!(!is_plain_token("a".repeat(65).as_bytes()));
        assert!(!is_plain_token(b"a b"));
        assert!(!is_plain_token(b"a=b"));
        assert!(!is_plain_token(b"aino@example.fi"));
    }
}
