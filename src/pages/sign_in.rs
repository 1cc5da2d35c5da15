//! The sign-in form. What the customer typed stays in the form whatever the server answers.

use klever_api::{Email, SignInRequest, ValidationError};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::{
    api,
    components::{error_key, focus_error_summary, ErrorSummary, Field, PageHeading, TextInput},
    i18n::{tr, use_i18n, Key},
    session::{safe_next, use_session, use_staff, Auth, Realm},
    stash::retain_owner,
};

#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <SignInForm realm=Realm::Customer /> }
}

#[component]
pub fn StaffSignInPage() -> impl IntoView {
    view! { <SignInForm realm=Realm::Staff /> }
}

/// One form for both realms: customers go to their profile, staff to the request queue.
#[component]
fn SignInForm(realm: Realm) -> impl IntoView {
    let session = use_session();
    let staff = use_staff();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let expired = move || query.with(|q| q.get("expired").is_some());

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let email_error = RwSignal::new(None::<ValidationError>);
    let password_error = RwSignal::new(None::<ValidationError>);

    // Signed in: remember who, then go back to where the session ended, or home.
    let submit = Action::new_local(move |request: &SignInRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        async move {
            match realm {
                Realm::Customer => {
                    let info = api::sign_in(&request).await?;
                    // Unsaved input is kept only for the customer who typed it.
                    if let Ok(email) = Email::parse(&request.email) {
                        retain_owner(email.as_str());
                    }
                    session.0.set(Auth::SignedIn(info));
                    let next = safe_next(query.with_untracked(|q| q.get("next")));
                    navigate(
                        next.as_deref().unwrap_or("/profile"),
                        NavigateOptions::default(),
                    );
                }
                Realm::Staff => {
                    let info = api::staff_sign_in(&request).await?;
                    staff.0.set(Auth::SignedIn(info));
                    navigate("/staff", NavigateOptions::default());
                }
            }
            Ok::<(), api::ApiError>(())
        }
    });
    let pending = submit.pending();
    let failure = Signal::derive(move || {
        submit
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().map(error_key)))
    });

    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        // A new try: the last answer no longer applies.
        submit.value().set(None);
        // Only "is it there and shaped like an address": which accounts exist is the server's secret.
        let email_check = Email::parse(&email.get_untracked()).err();
        let password_check = password
            .with_untracked(|p| p.is_empty())
            .then_some(ValidationError::Required);
        email_error.set(email_check);
        password_error.set(password_check);
        if email_check.is_some() || password_check.is_some() {
            focus_error_summary();
            return;
        }
        submit.dispatch_local(SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };
    let shown = |field: &'static str, error: RwSignal<Option<ValidationError>>| {
        Signal::derive(move || error.get().map(|e| Key::field_error(field, e)))
    };
    let summary = Signal::derive(move || {
        [
            ("signin-email", shown("email", email_error).get()),
            ("signin-password", shown("password", password_error).get()),
        ]
        .into_iter()
        .filter_map(|(id, key)| Some((id, key?)))
        .collect::<Vec<_>>()
    });
    // Typing again takes back what the server said about the last try.
    let typed = move |error: RwSignal<Option<ValidationError>>| {
        Callback::new(move |_| {
            error.set(None);
            submit.value().set(None);
        })
    };

    view! {
        <div class="page narrow">
            <PageHeading key=if realm == Realm::Staff { Key::StaffSignInTitle } else { Key::SignInTitle } />
            <p class="lead">{tr(if realm == Realm::Staff { Key::StaffOnly } else { Key::SignInIntro })}</p>
            <Show when=expired>
                <p class="notice info" role="status">{tr(Key::SessionEnded)}</p>
            </Show>
            <form class="card form" on:submit=on_submit novalidate=true>
                <ErrorSummary message=failure fields=summary />
                <Field id="signin-email" label=Key::Email error=shown("email", email_error)>
                    <TextInput value=email kind="email" name="email" autocomplete="username" inputmode="email"
                        required=true on_input=typed(email_error) />
                </Field>
                <Field id="signin-password" label=Key::Password error=shown("password", password_error)>
                    <TextInput value=password kind="password" name="password" autocomplete="current-password"
                        required=true on_input=typed(password_error) />
                </Field>
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::SigningIn } else { Key::SignInButton })}
                </button>
            </form>
            {(realm == Realm::Customer).then(|| view! {
                <p class="after-form"><A href="/account/forgot">{tr(Key::ForgotTitle)}</A></p>
            })}
        </div>
    }
}
