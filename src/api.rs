//! The typed client for `/api`: every call sends and receives `klever-api` types.

use gloo_net::http::{Request, RequestBuilder, Response};
use klever_api::{
    BankReport, Billing, ConsentLogEntry, CustomerHit, DataExport, Device, ErrorBody, ErrorCode,
    HistoryEntry, LinkRequest, MarketingChange, MarketingChoice, MarketingChoices, NewRequest,
    PasswordChange, Profile, ProfileUpdate, QueueItem, ReauthRequest, RequestAction, RequestDetail,
    RequestView, SessionInfo, SetPassword, SignInRequest, StaffAction, StaffCustomer, StaffInfo,
};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsCast;

use crate::session::Realm;

/// Why a call failed, in the terms the screens need.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// No live session: the app sends the customer to sign in.
    Unauthorized,
    /// The server answered with an error body.
    Rejected { status: u16, body: ErrorBody },
    /// The server could not be reached, or answered with something that is not our API.
    Network,
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Unauthorized => Some(ErrorCode::Unauthorized),
            ApiError::Rejected { body, .. } => Some(body.code),
            ApiError::Network => None,
        }
    }

    /// Whether this answer means the realm's session is gone. On staff screens a customer
    /// session (403) also means "sign in as staff".
    pub fn ends_session(&self, realm: Realm) -> bool {
        match self.code() {
            Some(ErrorCode::Unauthorized) => true,
            Some(ErrorCode::Forbidden) => realm == Realm::Staff,
            _ => false,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Unauthorized => f.write_str("not signed in"),
            ApiError::Rejected { status, body } => write!(f, "HTTP {status}: {:?}", body.code),
            ApiError::Network => f.write_str("network error"),
        }
    }
}

impl std::error::Error for ApiError {}

async fn send(
    request: Result<gloo_net::http::Request, gloo_net::Error>,
) -> Result<Response, ApiError> {
    let response = request
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    match json::<ErrorBody>(response).await {
        Ok(body) if body.code == ErrorCode::Unauthorized => Err(ApiError::Unauthorized),
        Ok(body) => Err(ApiError::Rejected { status, body }),
        // A proxy's error page or a server that is down: not an answer from our API.
        Err(_) => Err(ApiError::Network),
    }
}

/// The answer's JSON, parsed by the browser and converted to `T`; anything else is not an
/// answer from our API.
async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let parsing = web_sys::Response::from(response)
        .json()
        .map_err(|_| ApiError::Network)?;
    let value = wasm_bindgen_futures::JsFuture::from(parsing)
        .await
        .map_err(|_| ApiError::Network)?;
    serde_wasm_bindgen::from_value(value).map_err(|_| ApiError::Network)
}

fn with_body<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    let json = to_json(body)
        .ok_or_else(|| gloo_net::Error::GlooError("the body cannot be written as JSON".into()))?;
    builder
        .header("Content-Type", "application/json")
        .body(json)
}

/// `value` as JSON text, written by the browser's `JSON.stringify`.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    // JSON-compatible: maps become plain objects (not `Map`s, which stringify as `{}`).
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&js).ok()?.as_string()
}

/// JSON text read by the browser's `JSON.parse`, as `T`.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    json(send(Request::get(path).build()).await?).await
}

pub async fn sign_in(request: &SignInRequest) -> Result<SessionInfo, ApiError> {
    json(send(with_body(Request::post("/api/session"), request)).await?).await
}

pub async fn sign_out() -> Result<(), ApiError> {
    send(Request::delete("/api/session").build())
        .await
        .map(|_| ())
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/session").await
}

pub async fn profile() -> Result<Profile, ApiError> {
    get("/api/me").await
}

pub async fn history() -> Result<Vec<HistoryEntry>, ApiError> {
    get("/api/me/history").await
}

pub async fn billing() -> Result<Billing, ApiError> {
    get("/api/me/billing").await
}

pub async fn bank_report() -> Result<Option<BankReport>, ApiError> {
    get("/api/me/bank-report").await
}

/// Sends the changed fields, based on `version` of the profile. A newer version on the
/// server answers `VersionConflict`; an email or phone change may need the password again.
pub async fn update_profile(version: i64, update: &ProfileUpdate) -> Result<Profile, ApiError> {
    let builder = Request::patch("/api/me").header("If-Match", &format!("\"v{version}\""));
    json(send(with_body(builder, update)).await?).await
}

pub async fn reauthenticate(password: &str) -> Result<(), ApiError> {
    let body = ReauthRequest {
        password: password.to_owned(),
    };
    send(with_body(Request::post("/api/session/reauth"), &body))
        .await
        .map(|_| ())
}

pub async fn change_password(change: &PasswordChange) -> Result<(), ApiError> {
    send(with_body(Request::post("/api/me/password"), change))
        .await
        .map(|_| ())
}

pub async fn request_reset_link(request: &LinkRequest) -> Result<(), ApiError> {
    send(with_body(Request::post("/api/account/reset-link"), request))
        .await
        .map(|_| ())
}

pub async fn set_password(request: &SetPassword) -> Result<SessionInfo, ApiError> {
    json(send(with_body(Request::post("/api/account/password"), request)).await?).await
}

pub async fn marketing() -> Result<MarketingChoices, ApiError> {
    get("/api/me/marketing").await
}

/// Sets one choice; the answer is the full state after it (banning all changes several).
pub async fn set_marketing(
    choice: MarketingChoice,
    value: bool,
) -> Result<MarketingChoices, ApiError> {
    let path = format!("/api/me/marketing/{}", choice.code());
    json(send(with_body(Request::put(&path), &MarketingChange { value })).await?).await
}

pub async fn consent_log() -> Result<Vec<ConsentLogEntry>, ApiError> {
    get("/api/me/consent-log").await
}

/// Everything held about the customer, the same data as the JSON download.
pub async fn export() -> Result<DataExport, ApiError> {
    get("/api/me/export").await
}

/// Where the customer is signed in, the most recently used first.
pub async fn devices() -> Result<Vec<Device>, ApiError> {
    get("/api/me/devices").await
}

/// Ends the session `id` (this browser's own is signing out).
pub async fn end_device(id: &str) -> Result<(), ApiError> {
    send(Request::delete(&format!("/api/me/devices/{id}")).build())
        .await
        .map(|_| ())
}

/// Ends every session of the customer but this browser's.
pub async fn end_other_devices() -> Result<(), ApiError> {
    send(Request::delete("/api/me/devices/others").build())
        .await
        .map(|_| ())
}

pub async fn requests() -> Result<Vec<RequestView>, ApiError> {
    get("/api/me/requests").await
}

/// Sends a request; sending the same key again returns the first one, never a second.
pub async fn create_request(request: &NewRequest) -> Result<RequestView, ApiError> {
    json(send(with_body(Request::post("/api/me/requests"), request)).await?).await
}

pub async fn cancel_request(id: i64) -> Result<RequestView, ApiError> {
    let path = format!("/api/me/requests/{id}/cancel");
    json(send(Request::post(&path).build()).await?).await
}

/// A fresh idempotency key for one form: the browser's random UUID.
pub fn new_idempotency_key() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).ok();
    let uuid = crypto.and_then(|c| {
        let f: js_sys::Function = js_sys::Reflect::get(&c, &"randomUUID".into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call0(&c).ok()?.as_string()
    });
    // randomUUID needs a secure context; elsewhere (plain-HTTP on a LAN address) fall back.
    uuid.unwrap_or_else(|| {
        let part = || {
            format!(
                "{:08x}",
                (js_sys::Math::random() * f64::from(u32::MAX)) as u32
            )
        };
        format!("{}-{}-{}-{}", part(), part(), part(), part())
    })
}

pub async fn staff_sign_in(request: &SignInRequest) -> Result<StaffInfo, ApiError> {
    json(send(with_body(Request::post("/api/staff/session"), request)).await?).await
}

pub async fn staff_session() -> Result<StaffInfo, ApiError> {
    get("/api/staff/session").await
}

pub async fn staff_sign_out() -> Result<(), ApiError> {
    send(Request::delete("/api/staff/session").build())
        .await
        .map(|_| ())
}

pub async fn find_customers(q: &str) -> Result<Vec<CustomerHit>, ApiError> {
    let q = js_sys::encode_uri_component(q);
    get(&format!("/api/staff/customers?q={q}")).await
}

pub async fn customer_record(id: i64) -> Result<StaffCustomer, ApiError> {
    get(&format!("/api/staff/customers/{id}")).await
}

pub async fn send_activation_link(id: i64) -> Result<(), ApiError> {
    send(Request::post(&format!("/api/staff/customers/{id}/activation-link")).build())
        .await
        .map(|_| ())
}

pub async fn queue() -> Result<Vec<QueueItem>, ApiError> {
    get("/api/staff/requests").await
}

pub async fn request_detail(id: i64) -> Result<RequestDetail, ApiError> {
    get(&format!("/api/staff/requests/{id}")).await
}

/// One staff step on a request: start, extend, complete or reject.
pub async fn staff_step(
    id: i64,
    action: RequestAction,
    body: &StaffAction,
) -> Result<QueueItem, ApiError> {
    let path = format!("/api/staff/requests/{id}/{}", action.code());
    json(send(with_body(Request::post(&path), body)).await?).await
}
