//! The sign-in form. What the customer typed stays in the form whatever the server answers.

use klever_api::{Email, SignInRequest, ValidationError};
use leptos::{html, prelude::*};
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::{
    api,
    components::{error_key, safe_next, PageHeading, Realm},
    i18n::{tr, use_i18n, Key},
    use_session, use_staff,
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
    let email_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();

    let submit = Action::new_local(move |request: &SignInRequest| {
        let request = request.clone();
        async move {
            match realm {
                Realm::Customer => api::sign_in(&request)
                    .await
                    .map(|info| session.0.set(Some(info))),
                Realm::Staff => api::staff_sign_in(&request)
                    .await
                    .map(|info| staff.0.set(Some(info))),
            }
        }
    });
    let pending = submit.pending();
    let failure = move || {
        submit
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().map(error_key)))
    };

    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            let home = match realm {
                Realm::Customer => "/profile",
                Realm::Staff => "/staff",
            };
            // Back to where the session ended, or home.
            let next = safe_next(query.with_untracked(|q| q.get("next")))
                .filter(|_| realm == Realm::Customer)
                .unwrap_or_else(|| home.to_owned());
            navigate(&next, NavigateOptions::default());
        }
    });

    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        // Only "is it there and shaped like an address": which accounts exist is the server's secret.
        let email_check = Email::parse(&email.get_untracked()).err();
        let password_check = password
            .with_untracked(|p| p.is_empty())
            .then_some(ValidationError::Required);
        email_error.set(email_check);
        password_error.set(password_check);
        if email_check.is_some() {
            if let Some(input) = email_input.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        if password_check.is_some() {
            if let Some(input) = password_input.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        submit.dispatch_local(SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        });
    };

    view! {
        <div class="page narrow">
            <PageHeading key=if realm == Realm::Staff { Key::StaffSignInTitle } else { Key::SignInTitle } />
            <p class="lead">{tr(if realm == Realm::Staff { Key::StaffOnly } else { Key::SignInIntro })}</p>
            <Show when=expired>
                <p class="notice info" role="status">{tr(Key::SessionEnded)}</p>
            </Show>
            <form class="card form" on:submit=on_submit novalidate=true>
                <div class="form-field">
                    <label for="signin-email">{tr(Key::Email)}</label>
                    <input
                        id="signin-email"
                        type="email"
                        name="email"
                        autocomplete="username"
                        inputmode="email"
                        required=true
                        node_ref=email_input
                        aria-invalid=move || email_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || email_error.with(Option::is_some).then_some("signin-email-error")
                        prop:value=move || email.get()
                        on:input:target=move |ev| {
                            email.set(ev.target().value());
                            email_error.set(None);
                        }
                    />
                    {move || email_error.get().map(|e| view! {
                        <p class="field-error" id="signin-email-error">{tr(Key::validation(e))}</p>
                    })}
                </div>
                <div class="form-field">
                    <label for="signin-password">{tr(Key::Password)}</label>
                    <input
                        id="signin-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required=true
                        node_ref=password_input
                        aria-invalid=move || password_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || password_error.with(Option::is_some).then_some("signin-password-error")
                        prop:value=move || password.get()
                        on:input:target=move |ev| {
                            password.set(ev.target().value());
                            password_error.set(None);
                        }
                    />
                    {move || password_error.get().map(|e| view! {
                        <p class="field-error" id="signin-password-error">{tr(Key::validation(e))}</p>
                    })}
                </div>
                <div role="alert" class="form-alert">
                    {move || failure().map(|key| view! { <p class="notice error">{tr(key)}</p> })}
                </div>
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::SigningIn } else { Key::SignInButton })}
                </button>
            </form>
        </div>
    }
}
