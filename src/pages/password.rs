//! Changing the password: the current one, then the new one twice, with a strength hint
//! as it is typed. Afterwards every other session has ended, which the page says.

use klever_api::{check_new_password, password_strength, PasswordChange, ValidationError};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    components::{focus_error_summary, form_failure, ErrorSummary, Field, PageHeading, TextInput},
    i18n::{use_i18n, Key},
};

/// A text of this page (see `devices::t`: this page's own code, not a shared shape).
fn t(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

const STRENGTH: [Key; 5] = [
    Key::StrengthVeryWeak,
    Key::StrengthWeak,
    Key::StrengthFair,
    Key::StrengthGood,
    Key::StrengthStrong,
];

#[component]
pub fn PasswordPage() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let current_error = RwSignal::new(None::<ValidationError>);
    let new_error = RwSignal::new(None::<ValidationError>);
    let repeat_error = RwSignal::new(None::<Key>);
    let done = RwSignal::new(false);

    let submit = Action::new_local(move |request: &PasswordChange| {
        let request = request.clone();
        async move { api::change_password(&request).await }
    });
    let pending = submit.pending();
    // The server's word on the last try: field errors go to their fields, anything else
    // to the summary. What was typed stays.
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(())) => {
            done.set(true);
            for field in [current, new, repeat] {
                field.set(String::new());
            }
        }
        Some(Err(ApiError::Rejected { body, .. })) if !body.fields.is_empty() => {
            current_error.set(body.fields.get("current_password").copied());
            new_error.set(body.fields.get("new_password").copied());
            focus_error_summary();
        }
        Some(Err(_)) => focus_error_summary(),
        None => {}
    });
    let failure = Signal::derive(move || submit.value().with(|v| form_failure(v.as_ref())));

    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        submit.value().set(None);
        done.set(false);
        let current_check = current
            .with_untracked(String::is_empty)
            .then_some(ValidationError::Required);
        let (new_check, repeat_check) = check_new_fields(new, repeat);
        current_error.set(current_check);
        new_error.set(new_check);
        repeat_error.set(repeat_check);
        if current_check.is_some() || new_check.is_some() || repeat_check.is_some() {
            focus_error_summary();
            return;
        }
        submit.dispatch_local(PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    let shown = |field: &'static str, error: RwSignal<Option<ValidationError>>| {
        Signal::derive(move || error.get().map(|e| Key::field_error(field, e)))
    };
    let summary = Signal::derive(move || {
        [
            (
                "password-current",
                shown("current_password", current_error).get(),
            ),
            ("password-new", shown("new_password", new_error).get()),
            ("password-repeat", repeat_error.get()),
        ]
        .into_iter()
        .filter_map(|(id, key)| Some((id, key?)))
        .collect::<Vec<_>>()
    });
    let typed = move |error: RwSignal<Option<ValidationError>>| {
        Callback::new(move |_| {
            error.set(None);
            done.set(false);
        })
    };

    view! {
        <div class="page narrow">
            <PageHeading key=Key::PasswordTitle />
            <p class="lead">{t(Key::PasswordIntro)}</p>
            <div role="status" aria-live="polite">
                <Show when=move || done.get()>
                    <p class="notice success">{t(Key::PasswordChanged)}</p>
                </Show>
            </div>
            <form class="card form" on:submit=on_submit novalidate=true>
                <ErrorSummary message=failure fields=summary />
                <Field id="password-current" label=Key::CurrentPassword error=shown("current_password", current_error)>
                    <TextInput value=current kind="password" name="current-password" autocomplete="current-password"
                        required=true on_input=typed(current_error) />
                </Field>
                <NewPasswordFields new=new repeat=repeat new_error=new_error repeat_error=repeat_error on_input=Callback::new(move |_| done.set(false)) />
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || t(if pending.get() { Key::Saving } else { Key::ChangePassword })()}
                </button>
            </form>
        </div>
    }
}

/// Checks the new password and its repetition before anything is sent.
pub(crate) fn check_new_fields(
    new: RwSignal<String>,
    repeat: RwSignal<String>,
) -> (Option<ValidationError>, Option<Key>) {
    let new_check = new.with_untracked(|p| check_new_password(p).err());
    let repeat_check = (new_check.is_none() && new.get_untracked() != repeat.get_untracked())
        .then_some(Key::ErrPasswordsDiffer);
    (new_check, repeat_check)
}

/// The new password, its strength as typed, and the same again: one shape for changing
/// the password, choosing one after a reset link, and activating an account.
#[component]
pub(crate) fn NewPasswordFields(
    new: RwSignal<String>,
    repeat: RwSignal<String>,
    /// Set by the caller's checks and by the server; cleared as the customer types.
    new_error: RwSignal<Option<ValidationError>>,
    repeat_error: RwSignal<Option<Key>>,
    /// Runs after each change of either field.
    on_input: Callback<()>,
) -> impl IntoView {
    let strength = Memo::new(move |_| new.with(|p| (!p.is_empty()).then(|| password_strength(p))));
    let new_shown =
        Signal::derive(move || new_error.get().map(|e| Key::field_error("new_password", e)));
    view! {
        <Field id="password-new" label=Key::NewPassword hint=Key::PasswordRules error=new_shown>
            <TextInput value=new kind="password" name="new-password" autocomplete="new-password"
                required=true on_input=Callback::new(move |_| {
                    new_error.set(None);
                    on_input.run(());
                }) />
        </Field>
        // Read out when it changes, but politely: it follows every keystroke.
        <p class="strength" aria-live="polite" data-level=move || strength.get().map(|s| s.to_string())>
            {move || strength.get().map(|level| view! {
                <span class="strength-bar" aria-hidden="true"><span></span></span>
                <span>{t(Key::PasswordStrength)} ": " <strong>{t(STRENGTH[usize::from(level.min(4))])}</strong></span>
            })}
        </p>
        <Field id="password-repeat" label=Key::RepeatPassword error=Signal::derive(move || repeat_error.get())>
            <TextInput value=repeat kind="password" name="repeat-password" autocomplete="new-password"
                required=true on_input=Callback::new(move |_| {
                    repeat_error.set(None);
                    on_input.run(());
                }) />
        </Field>
    }
}
