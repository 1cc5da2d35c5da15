//! Getting in without a password: asking for a link to choose a new one, and choosing it
//! through a link from an email (a forgotten password, or an account's first use). The
//! link's token comes in the address's fragment, which no server sees; the page takes it
//! out of the address bar at once, so it stays in neither the history nor a screenshot.

use klever_api::{Email, ErrorCode, LinkPurpose, LinkRequest, SetPassword, ValidationError};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};

use super::password::{check_new_fields, NewPasswordFields};
use crate::{
    api::{self, ApiError},
    components::{focus_error_summary, form_failure, ErrorSummary, Field, PageHeading, TextInput},
    i18n::{use_i18n, Key},
    session::{use_session, Auth},
};

/// A text of this page (see `devices::t`).
fn t(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// "Forgot your password?": the email, then the same answer whether or not it is a
/// customer's.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<ValidationError>);
    let submit = Action::new_local(move |request: &LinkRequest| {
        let request = request.clone();
        async move {
            api::request_reset_link(&request).await?;
            Ok::<String, ApiError>(request.email)
        }
    });
    let pending = submit.pending();
    // Where the link went, once the server has taken the request.
    let sent_to = move || {
        submit
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()))
    };
    Effect::new(move |_| {
        if submit.value().with(|v| matches!(v, Some(Err(_)))) {
            focus_error_summary();
        }
    });
    let failure = Signal::derive(move || submit.value().with(|v| form_failure(v.as_ref())));
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        submit.value().set(None);
        match Email::parse(&email.get_untracked()) {
            Ok(address) => {
                email_error.set(None);
                submit.dispatch_local(LinkRequest {
                    email: address.as_str().to_owned(),
                });
            }
            Err(e) => {
                email_error.set(Some(e));
                focus_error_summary();
            }
        }
    };
    let shown = Signal::derive(move || email_error.get().map(|e| Key::field_error("email", e)));
    let summary = Signal::derive(move || {
        shown
            .get()
            .map(|key| vec![("forgot-email", key)])
            .unwrap_or_default()
    });
    view! {
        <div class="page narrow">
            <PageHeading key=Key::ForgotTitle />
            {move || match sent_to() {
                Some(address) => view! {
                    <div class="card confirmation" role="status">
                        <h2>{t(Key::CheckYourEmail)}</h2>
                        <p>{t(Key::ResetLinkSentTo)} " " <strong class="wrap">{address}</strong></p>
                        <p>{t(Key::ResetLinkHelp)}</p>
                        <p><A href="/signin" attr:class="button secondary auto">{t(Key::BackToSignIn)}</A></p>
                    </div>
                }.into_any(),
                None => view! {
                    <p class="lead">{t(Key::ForgotIntro)}</p>
                    <form class="card form" on:submit=on_submit novalidate=true>
                        <ErrorSummary message=failure fields=summary />
                        <Field id="forgot-email" label=Key::Email error=shown>
                            <TextInput value=email kind="email" name="email" autocomplete="username" inputmode="email"
                                required=true on_input=Callback::new(move |_| email_error.set(None)) />
                        </Field>
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {move || t(if pending.get() { Key::Sending } else { Key::SendLink })()}
                        </button>
                    </form>
                    <p class="after-form"><A href="/signin">{t(Key::BackToSignIn)}</A></p>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! { <ChoosePassword purpose=LinkPurpose::Reset /> }
}

#[component]
pub fn ActivatePage() -> impl IntoView {
    view! { <ChoosePassword purpose=LinkPurpose::Activation /> }
}

/// The token in the address's fragment, taken out of the address bar.
fn take_token() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = hash.trim_start_matches('#').to_owned();
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    (!token.is_empty()).then_some(token)
}

/// A new password through a link; signed in afterwards, on to the profile.
#[component]
fn ChoosePassword(purpose: LinkPurpose) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let token = take_token();
    let has_token = token.is_some();
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let new_error = RwSignal::new(None::<ValidationError>);
    let repeat_error = RwSignal::new(None::<Key>);
    let gone = RwSignal::new(!has_token);

    let submit = Action::new_local(move |request: &SetPassword| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            let info = api::set_password(&request).await?;
            session.0.set(Auth::SignedIn(info));
            navigate("/profile", NavigateOptions::default());
            Ok::<(), ApiError>(())
        }
    });
    let pending = submit.pending();
    Effect::new(move |_| match submit.value().get() {
        Some(Err(ApiError::Rejected { body, .. })) if body.code == ErrorCode::InvalidLink => {
            gone.set(true);
        }
        Some(Err(ApiError::Rejected { body, .. })) if !body.fields.is_empty() => {
            new_error.set(body.fields.get("new_password").copied());
            focus_error_summary();
        }
        Some(Err(_)) => focus_error_summary(),
        _ => {}
    });
    let failure = Signal::derive(move || submit.value().with(|v| form_failure(v.as_ref())));
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        submit.value().set(None);
        let (new_check, repeat_check) = check_new_fields(new, repeat);
        new_error.set(new_check);
        repeat_error.set(repeat_check);
        if new_check.is_some() || repeat_check.is_some() {
            focus_error_summary();
            return;
        }
        submit.dispatch_local(SetPassword {
            purpose,
            token: token.clone().unwrap_or_default(),
            new_password: new.get_untracked(),
        });
    };
    let summary = Signal::derive(move || {
        [
            (
                "password-new",
                new_error.get().map(|e| Key::field_error("new_password", e)),
            ),
            ("password-repeat", repeat_error.get()),
        ]
        .into_iter()
        .filter_map(|(id, key)| Some((id, key?)))
        .collect::<Vec<_>>()
    });
    let (title, intro, button) = match purpose {
        LinkPurpose::Activation => (Key::ActivateTitle, Key::ActivateIntro, Key::ActivateButton),
        LinkPurpose::Reset => (Key::ResetTitle, Key::ResetIntro, Key::ResetButton),
    };
    view! {
        <div class="page narrow">
            <PageHeading key=title />
            <Show
                when=move || !gone.get()
                fallback=move || view! {
                    <div class="notice error" role="alert">
                        <p><strong>{t(Key::LinkGone)}</strong></p>
                        <p>{t(Key::LinkGoneHelp)}</p>
                    </div>
                    <p><A href="/account/forgot" attr:class="button primary auto">{t(Key::AskNewLink)}</A></p>
                }
            >
                <p class="lead">{t(intro)}</p>
                <form class="card form" on:submit=on_submit.clone() novalidate=true>
                    <ErrorSummary message=failure fields=summary />
                    <NewPasswordFields new=new repeat=repeat new_error=new_error repeat_error=repeat_error
                        on_input=Callback::new(|_| {}) />
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || t(if pending.get() { Key::Saving } else { button })()}
                    </button>
                </form>
            </Show>
        </div>
    }
}
