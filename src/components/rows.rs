//! Labelled values in definition lists: profile fields, request details.

use klever_api::{ProfileField, RequestView};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    i18n::{tr, Key},
    values::coded_value,
};

/// A lock icon with its meaning spelt out for screen readers.
#[component]
pub fn LockedMark() -> impl IntoView {
    view! {
        <span class="lock" title=tr(Key::LockedHint)>
            <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
                <path
                    fill="currentColor"
                    d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z"
                />
            </svg>
            <span class="visually-hidden">{tr(Key::Locked)}</span>
        </span>
    }
}

/// One labelled value of the register entry; `locked` marks what only staff may change.
#[component]
pub fn FieldRow(
    label: Key,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(optional)] locked: bool,
    /// Names the row for tests and styles (`data-field`).
    #[prop(optional, into)]
    test_id: Option<&'static str>,
    /// For a locked field: the correction request it opens.
    #[prop(optional)]
    correct: Option<ProfileField>,
) -> impl IntoView {
    view! {
        <div class="field-row" data-field=test_id>
            <dt>
                {tr(label)}
                {locked.then(|| view! { <LockedMark /> })}
            </dt>
            <dd>
                {move || match value.get() {
                    Some(v) if !v.is_empty() => view! { <span class="value">{v}</span> }.into_any(),
                    _ => view! { <span class="value empty">{tr(Key::NotGiven)}</span> }.into_any(),
                }}
                {correct.map(|field| view! { <CorrectionLink field=field label=label /> })}
            </dd>
        </div>
    }
}

/// "Request a correction" for one field, named with the field for screen readers.
#[component]
pub fn CorrectionLink(field: ProfileField, label: Key) -> impl IntoView {
    view! {
        <A href=format!("/requests/correction?field={}", field.code()) attr:class="correct-link">
            {tr(Key::RequestCorrection)}
            <span class="visually-hidden">": " {tr(label)}</span>
        </A>
    }
}

/// A labelled detail whose value is any view.
#[component]
pub fn DetailRow(
    label: Key,
    /// Extra classes on the row.
    #[prop(optional)]
    class: &'static str,
    /// Keeps the line breaks of free text.
    #[prop(optional)]
    free_text: bool,
    /// Names the value for tests (`data-field`).
    #[prop(optional)]
    test_id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class=format!("field-row {class}").trim_end().to_owned()>
            <dt>{tr(label)}</dt>
            <dd class:free-text=free_text data-field=test_id>{children()}</dd>
        </div>
    }
}

/// What a request is about, as both the customer and staff see it: the value then, the
/// proposal, the reasons and the answer, each only if there is one.
#[component]
pub fn RequestDetails(request: RequestView) -> impl IntoView {
    let field = request.field;
    let text = |label: Key, value: Option<String>, class: &'static str| {
        value.map(|v| view! { <DetailRow label=label class=class free_text=true>{v}</DetailRow> })
    };
    view! {
        {request.current_value.map(|v| view! {
            <DetailRow label=Key::CurrentValue>{coded_value(field, v)}</DetailRow>
        })}
        {request.proposed_value.map(|v| view! {
            <DetailRow label=Key::ProposedValue test_id="proposed">{coded_value(field, v)}</DetailRow>
        })}
        {text(Key::Explanation, request.explanation, "")}
        {text(Key::ExtensionReason, request.extension_reason, "")}
        {text(Key::Answer, request.answer, "answer")}
    }
}
