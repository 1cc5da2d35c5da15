//! Passwords, session tokens and the extractor that turns a session cookie into a customer.

use std::sync::OnceLock;

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};
use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts, HeaderMap, HeaderValue},
};
use klever_api::StaffRole;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{error::AppError, store::sessions, AppState};

/// Argon2id's memory per hash, in KiB: 19 MiB, OWASP's baseline (Password Storage Cheat
/// Sheet), which keeps a sign-in near 30 ms of one core here while making each guess cost
/// a GPU as much memory.
const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
/// Passes over that memory: 2, the baseline's pairing with 19 MiB.
const ARGON2_PASSES: u32 = 2;
/// One lane: the server hashes on a blocking thread per sign-in, so parallelism inside one
/// hash would only take cores from the other sign-ins.
const ARGON2_LANES: u32 = 1;

/// The hasher for new passwords. Checking reads the parameters from the stored hash, so
/// hashes made with other parameters keep working.
fn argon2() -> Argon2<'static> {
    let params = argon2::Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES, None)
        .expect("valid Argon2 parameters");
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with valid default parameters")
        .to_string()
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
        .unwrap_or(false)
}

/// A hash to verify against when the email is unknown, so a wrong email costs as much
/// time as a wrong password and the answer time does not reveal who is a customer.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-real-password"))
}

/// 256 random bits, hex-encoded: the value of the session cookie.
pub fn new_session_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// What the database stores instead of the token itself.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Lower-case hex. Runs on every request (the session cookie's hash), so without a
/// `format!` per byte.
/// The name a session goes by in the devices list: derived from the token's hash so it
/// needs no column of its own, and one-way, so it leads to neither.
pub fn device_id(token_hash: &str) -> String {
    let digest = Sha256::digest(format!("device:{token_hash}").as_bytes());
    hex(&digest[..12])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// Customers and staff hold separate cookies and sessions, so neither can stand in for the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Customer,
    Staff,
}

/// `__Host-` pins the cookie to this origin and path `/`, but browsers only accept it
/// with `Secure`, so plain-HTTP development uses the bare name.
pub fn cookie_name(kind: SessionKind, secure: bool) -> &'static str {
    match (kind, secure) {
        (SessionKind::Customer, true) => "__Host-klever_session",
        (SessionKind::Customer, false) => "klever_session",
        (SessionKind::Staff, true) => "__Host-klever_staff",
        (SessionKind::Staff, false) => "klever_staff",
    }
}

pub fn session_cookie(kind: SessionKind, token: &str, secure: bool) -> HeaderValue {
    let mut cookie = format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict",
        cookie_name(kind, secure)
    );
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("hex token is a valid header value")
}

pub fn clear_session_cookie(kind: SessionKind, secure: bool) -> HeaderValue {
    session_cookie(kind, "", secure)
        .to_str()
        .map(|c| HeaderValue::from_str(&format!("{c}; Max-Age=0")).expect("valid header"))
        .expect("ASCII cookie")
}

/// The session token of `kind` from the request's cookies, if any.
pub fn session_token(headers: &HeaderMap, kind: SessionKind, secure: bool) -> Option<String> {
    let name = cookie_name(kind, secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_owned())
}

/// The signed-in customer, taken from the session alone. Any handler that names this
/// extractor answers 401 without a live session; the idle clock restarts on each use
/// (recorded at most once a minute: see [`LAST_SEEN_EVERY`]).
#[derive(Clone, Debug)]
pub struct CustomerSession {
    pub customer_id: i64,
    pub token_hash: String,
    /// When the password was last entered in this session (Unix seconds).
    pub password_at: i64,
}

impl CustomerSession {
    /// Whether the password was entered recently enough for a sensitive change.
    pub fn recently_authenticated(&self, window: std::time::Duration, now: i64) -> bool {
        self.password_at >= now - window.as_secs() as i64
    }
}

impl FromRequestParts<AppState> for CustomerSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session_token(
            &parts.headers,
            SessionKind::Customer,
            state.config.cookie_secure,
        )
        .ok_or(AppError::Unauthorized)?;
        let hash = token_hash(&token);
        let now = state.clock.now();
        let live = state.config.live_sessions(now);
        let row = state
            .db
            .read({
                let hash = hash.clone();
                move |c| sessions::customer_session(c, &hash, live)
            })
            .await?
            .ok_or(AppError::Unauthorized)?;
        if now - row.last_seen_at >= LAST_SEEN_EVERY {
            touch(state, SessionKind::Customer, &hash, now, live).await?;
        }
        Ok(CustomerSession {
            customer_id: row.customer_id,
            token_hash: hash,
            password_at: row.password_at,
        })
    }
}

/// A session's last use is written at most once in this many seconds. Reading a session
/// is then a read, not a write on every request, which would queue every request behind the
/// one writer. The price: the stored last use can be up to this much older than the real
/// one, so a session in use can end up to a minute before the idle limit (never after it).
pub const LAST_SEEN_EVERY: i64 = 60;

/// Records a use of the session through the writer; refuses it if the session ended since
/// it was read (signed out, or another sign-in replaced it).
async fn touch(
    state: &AppState,
    kind: SessionKind,
    hash: &str,
    now: i64,
    live: sessions::Live,
) -> Result<(), AppError> {
    let hash = hash.to_owned();
    let still_there = state
        .db
        .write(move |c| sessions::touch(c, kind, &hash, now, live))
        .await?;
    if !still_there {
        return Err(AppError::Unauthorized);
    }
    Ok(())
}

/// A signed-in employee. A request with only a customer session is refused with 403
/// (signed in, but not as staff); with no session at all, 401.
#[derive(Clone, Debug)]
pub struct StaffSession {
    pub staff_id: i64,
    pub role: StaffRole,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for StaffSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let secure = state.config.cookie_secure;
        let Some(token) = session_token(&parts.headers, SessionKind::Staff, secure) else {
            return Err(
                if CustomerSession::from_request_parts(parts, state)
                    .await
                    .is_ok()
                {
                    AppError::Forbidden
                } else {
                    AppError::Unauthorized
                },
            );
        };
        let hash = token_hash(&token);
        let now = state.clock.now();
        let live = state.config.live_sessions(now);
        let row = state
            .db
            .read({
                let hash = hash.clone();
                move |c| sessions::staff_session(c, &hash, live)
            })
            .await?
            .ok_or(AppError::Unauthorized)?;
        if now - row.last_seen_at >= LAST_SEEN_EVERY {
            touch(state, SessionKind::Staff, &hash, now, live).await?;
        }
        Ok(StaffSession {
            staff_id: row.staff_id,
            role: row.role,
            token_hash: hash,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let hash = hash_password("correct horse");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct horse ", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn the_stand_in_hash_costs_what_a_real_one_does() {
        // Same algorithm and parameters as a stored hash, so checking a password against
        // it takes as long as against a customer's; and it matches no password a test uses.
        let params = |phc: &str| {
            let hash = PasswordHash::new(phc).unwrap();
            (hash.algorithm.to_string(), hash.params.to_string())
        };
        assert_eq!(params(dummy_hash()), params(&hash_password("x")));
        assert!(!verify_password("", dummy_hash()));
    }

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "SHA-256 of abc"
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_session_token(), new_session_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; klever_session=abc123; other=1"),
        );
        let customer = SessionKind::Customer;
        assert_eq!(
            session_token(&headers, customer, false).as_deref(),
            Some("abc123")
        );
        assert_eq!(
            session_token(&headers, customer, true),
            None,
            "secure wants __Host-"
        );
        assert_eq!(
            session_token(&headers, SessionKind::Staff, false),
            None,
            "not a staff cookie"
        );
    }

    #[test]
    fn cookie_attributes() {
        let secure = session_cookie(SessionKind::Customer, "t", true);
        let secure = secure.to_str().unwrap();
        for attr in [
            "__Host-klever_session=t",
            "HttpOnly",
            "SameSite=Strict",
            "Secure",
            "Path=/",
        ] {
            assert!(secure.contains(attr), "{secure} lacks {attr}");
        }
        let plain = session_cookie(SessionKind::Customer, "t", false);
        assert!(!plain.to_str().unwrap().contains("Secure"));
        let cleared = clear_session_cookie(SessionKind::Staff, false);
        let cleared = cleared.to_str().unwrap();
        assert!(
            cleared.starts_with("klever_staff=;") && cleared.contains("Max-Age=0"),
            "{cleared}"
        );
    }
}
