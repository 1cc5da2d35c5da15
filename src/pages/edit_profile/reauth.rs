//! Asking for the password in place before an email or phone change.

use klever_api::ErrorCode;
use leptos::{html, prelude::*};

use crate::{
    api::{self, ApiError},
    components::{error_key, Field, TextInput},
    i18n::{tr, Key},
};

/// Asks for the password in place; the pending save resumes when it is confirmed.
#[component]
pub(super) fn ReauthPanel(on_done: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let input = NodeRef::<html::Input>::new();
    let failure = RwSignal::new(None::<Key>);
    let confirm = Action::new_local(move |password: &String| {
        let password = password.clone();
        async move {
            match api::reauthenticate(&password).await {
                Ok(()) => on_done.run(()),
                Err(ApiError::Rejected { body, .. })
                    if body.code == ErrorCode::InvalidCredentials =>
                {
                    failure.set(Some(Key::WrongPassword));
                    if let Some(el) = input.get_untracked() {
                        let _ = el.focus();
                    }
                }
                Err(e) => failure.set(Some(error_key(&e))),
            }
        }
    });
    input.on_load(|el| {
        let _ = el.focus();
    });
    let send = Callback::new(move |_| {
        if password.with_untracked(String::is_empty) {
            failure.set(Some(Key::ErrPasswordRequired));
            return;
        }
        confirm.dispatch_local(password.get_untracked());
    });
    view! {
        <section class="card inset" role="group" aria-labelledby="reauth-heading">
            <h2 id="reauth-heading">{tr(Key::ReauthTitle)}</h2>
            <p>{tr(Key::ReauthText)}</p>
            // Enter here confirms the password rather than submitting the outer form.
            <Field id="reauth-password" label=Key::Password error=failure announce=true>
                <TextInput value=password kind="password" autocomplete="current-password"
                    input_ref=input on_enter=send />
            </Field>
            <div class="form-actions">
                <button type="button" class="button primary" disabled=move || confirm.pending().get()
                    on:click=move |_| send.run(())>
                    {tr(Key::Confirm)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {tr(Key::Cancel)}
                </button>
            </div>
        </section>
    }
}
