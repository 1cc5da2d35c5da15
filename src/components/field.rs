//! One way to write a form field: its label, hint and error, and the ARIA links from the
//! control to them. Every form uses these, so every form reads the same to a screen reader.

use leptos::{context::Provider, html, prelude::*};

use super::page::PageTitle;
use crate::{
    dom::focus_id,
    i18n::{tr, use_i18n, Key},
};

/// What a control needs from the [`Field`] around it.
#[derive(Clone)]
struct FieldContext {
    id: &'static str,
    described_by: Signal<Option<String>>,
    invalid: Signal<bool>,
}

fn field_context() -> FieldContext {
    expect_context::<FieldContext>()
}

/// A labelled form field. Put one control inside it: [`TextInput`], [`Select`] or
/// [`TextArea`]. The control gets the field's id, `aria-describedby` (the hint, then the
/// error) and `aria-invalid` while there is an error.
#[component]
pub fn Field(
    /// The control's id; the hint's and the error's ids are made from it.
    id: &'static str,
    /// What the field asks for.
    label: Key,
    /// Help for filling it in.
    #[prop(optional)]
    hint: Option<Key>,
    /// The error to show at the field, if any.
    #[prop(optional, into)]
    error: MaybeProp<Key>,
    /// Announce the error the moment it appears: for a field checked in place, where no
    /// form-level summary speaks for it.
    #[prop(optional)]
    announce: bool,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_error = Signal::derive(move || error.with(Option::is_some));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        Signal::derive(move || {
            let ids: Vec<&str> = [
                hint.is_some().then_some(hint_id.as_str()),
                has_error.get().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    // A provider of its own, so the next field's context does not replace this one.
    let context = FieldContext {
        id,
        described_by,
        invalid: has_error,
    };
    view! {
        <div class="form-field">
            <label for=id>{tr(label)}</label>
            {hint.map(|key| view! { <p class="hint" id=hint_id>{tr(key)}</p> })}
            {move || error.get().map(|key| view! {
                <p class="field-error" id=error_id.clone() role=announce.then_some("alert")>{tr(key)}</p>
            })}
            <Provider value=context>{children()}</Provider>
        </div>
    }
}

/// A one-line input inside a [`Field`]; what is typed is kept as typed.
#[component]
pub fn TextInput(
    value: RwSignal<String>,
    /// The input type: `text`, `email`, `tel`, `password`, `date`.
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autofill hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Which on-screen keyboard a phone shows.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The form field's name, for password managers.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// To focus the input from outside.
    #[prop(optional)]
    input_ref: NodeRef<html::Input>,
    /// Runs after every change of `value`.
    #[prop(optional)]
    on_input: Option<Callback<()>>,
    /// Enter runs this instead of submitting the surrounding form.
    #[prop(optional)]
    on_enter: Option<Callback<()>>,
) -> impl IntoView {
    let field = field_context();
    view! {
        <input
            id=field.id
            type=kind
            autocomplete=autocomplete
            inputmode=inputmode
            name=name
            required=required
            node_ref=input_ref
            aria-invalid=move || field.invalid.get().then_some("true")
            aria-describedby=move || field.described_by.get()
            prop:value=move || value.get()
            on:input:target=move |ev| {
                value.set(ev.target().value());
                if let Some(on_input) = on_input {
                    on_input.run(());
                }
            }
            on:keydown=move |ev| {
                if let (Some(on_enter), "Enter") = (on_enter, ev.key().as_str()) {
                    ev.prevent_default();
                    on_enter.run(());
                }
            }
        />
    }
}

/// A drop-down inside a [`Field`]; its `<option>`s are the children.
#[component]
pub fn Select(
    /// The chosen option's value.
    #[prop(into)]
    value: Signal<String>,
    /// Gets the newly chosen value.
    on_change: Callback<String>,
    /// The browser's autofill hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let field = field_context();
    view! {
        <select
            id=field.id
            autocomplete=autocomplete
            aria-invalid=move || field.invalid.get().then_some("true")
            aria-describedby=move || field.described_by.get()
            prop:value=move || value.get()
            on:change:target=move |ev| on_change.run(ev.target().value())
        >
            {children()}
        </select>
    }
}

/// Free text inside a [`Field`], at most `max_chars` characters.
#[component]
pub fn TextArea(
    value: RwSignal<String>,
    #[prop(default = 4)] rows: u32,
    #[prop(default = 2000)] max_chars: usize,
    /// Shows how many characters are used, politely announced.
    #[prop(optional)]
    counted: bool,
    /// Runs after every change of `value`.
    #[prop(optional)]
    on_input: Option<Callback<()>>,
) -> impl IntoView {
    let field = field_context();
    let count_id = format!("{}-count", field.id);
    let described_by = {
        let count_id = count_id.clone();
        move || {
            let base = field.described_by.get();
            match (base, counted) {
                (Some(base), true) => Some(format!("{base} {count_id}")),
                (None, true) => Some(count_id.clone()),
                (base, false) => base,
            }
        }
    };
    view! {
        <textarea
            id=field.id
            rows=rows
            maxlength=max_chars
            aria-invalid=move || field.invalid.get().then_some("true")
            aria-describedby=described_by
            prop:value=move || value.get()
            on:input:target=move |ev| {
                value.set(ev.target().value());
                if let Some(on_input) = on_input {
                    on_input.run(());
                }
            }
        ></textarea>
        {counted.then(|| view! {
            <p class="hint count" id=count_id aria-live="polite">
                {move || format!("{} / {max_chars}", value.with(|t| t.chars().count()))}
            </p>
        })}
    }
}

/// The id every error summary has: a form moves focus here after a failed send.
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// Why the form was not sent, GOV.UK style, in the one announced place every form has: a
/// heading, and a link to each field in error that takes the customer to it.
#[component]
pub fn ErrorSummary(
    /// What went wrong with the form as a whole; `None` shows nothing unless fields are in error.
    #[prop(into)]
    message: Signal<Option<Key>>,
    /// The fields in error, in the order of the page: the control's id and its message.
    #[prop(optional, into)]
    fields: Signal<Vec<(&'static str, Key)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Memo::new(move |_| message.with(Option::is_some) || fields.with(|f| !f.is_empty()));
    // While errors show, the page title says so.
    Effect::new(move |was: Option<bool>| {
        let now = shown.get();
        if now != was.unwrap_or(false) {
            PageTitle::errors_shown(now);
        }
        now
    });
    on_cleanup(move || {
        if shown.get_untracked() {
            PageTitle::errors_shown(false);
        }
    });
    view! {
        <div role="alert" class="form-alert" id=ERROR_SUMMARY_ID tabindex="-1">
            <Show when=move || shown.get()>
                <div class="notice error error-summary">
                    <p class="error-summary-title">
                        <strong>{move || i18n.t(message.get().unwrap_or(Key::ThereIsAProblem))}</strong>
                    </p>
                    <ul>
                        {move || fields.get().into_iter().map(|(id, key)| view! {
                            <li>
                                <a href=format!("#{id}") on:click=move |ev| {
                                    // The router must not take the jump; the field takes focus.
                                    ev.prevent_default();
                                    focus_id(id);
                                }>{tr(key)}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

/// After a failed send: focus the error summary once it has been drawn.
pub fn focus_error_summary() {
    request_animation_frame(|| focus_id(ERROR_SUMMARY_ID));
}
