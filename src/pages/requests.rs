//! The customer's inspection and correction requests: make them, follow them, cancel them.

use std::collections::BTreeMap;

use klever_api::{
    Gender, Language, NewRequest, Profile, ProfileField, RequestKind, RequestView, ValidationError,
};
use leptos::prelude::*;
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::{
    api::{self, ApiError},
    components::{error_key, load, sign_in_path, stash, take_stash, PageHeading},
    i18n::{format_date, format_instant, language_name, tr, use_i18n, Key},
};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let requests = LocalResource::new(api::requests);
    let query = use_query_map();
    let sent = move || query.with(|q| q.get("sent").is_some());
    view! {
        <div class="page">
            <PageHeading key=Key::RequestsTitle />
            <p class="lead">{tr(Key::RequestsIntro)}</p>
            <Show when=sent>
                <p class="notice success" role="status">{tr(Key::RequestSent)}</p>
            </Show>
            <div class="sections">
                <InspectionCard on_sent=Callback::new(move |_| requests.refetch()) />
                <section class="card" aria-labelledby="correction-heading">
                    <h2 id="correction-heading">{tr(Key::CorrectionTitle)}</h2>
                    <p>{tr(Key::CorrectionText)}</p>
                    <A href="/requests/correction" attr:class="button secondary">{tr(Key::NewCorrection)}</A>
                </section>
                <section class="card wide" aria-labelledby="my-requests-heading">
                    <h2 id="my-requests-heading">{tr(Key::MyRequests)}</h2>
                    {load(requests, move |list| view! { <RequestList list=list on_change=Callback::new(move |_| requests.refetch()) /> })}
                </section>
            </div>
        </div>
    }
}

#[component]
fn InspectionCard(on_sent: Callback<()>) -> impl IntoView {
    // One key per visit: a double click or a retry records one request.
    let key = RwSignal::new(api::new_idempotency_key());
    let send = Action::new_local(|key: &String| {
        let request = NewRequest {
            idempotency_key: key.clone(),
            kind: RequestKind::Inspection,
            field: None,
            proposed_value: None,
            explanation: None,
        };
        async move { api::create_request(&request).await }
    });
    let i18n = use_i18n();
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            on_sent.run(());
        }
    });
    let result = move || send.value().get();
    view! {
        <section class="card" aria-labelledby="inspection-heading">
            <h2 id="inspection-heading">{tr(Key::InspectionTitle)}</h2>
            <p>{tr(Key::InspectionText)}</p>
            <div class="form-actions">
                // A plain link: the browser downloads the file; the router must not take it.
                <a class="button secondary" href="/api/me/export" download="" rel="external">
                    {tr(Key::DownloadData)}
                </a>
                <button
                    type="button"
                    class="button primary auto"
                    disabled=move || send.pending().get() || matches!(result(), Some(Ok(_)))
                    on:click=move |_| {
                        send.dispatch_local(key.get_untracked());
                    }
                >
                    {move || i18n.t(if send.pending().get() { Key::Sending } else { Key::SendInspection })}
                </button>
            </div>
            <div role="status">
                {move || matches!(result(), Some(Ok(_))).then(|| view! { <p class="notice success">{tr(Key::InspectionSent)}</p> })}
            </div>
            <div role="alert">
                {move || match result() {
                    Some(Err(e)) => Some(view! { <p class="notice error">{tr(error_key(&e))}</p> }),
                    _ => None,
                }}
            </div>
        </section>
    }
}

#[component]
fn RequestList(list: Vec<RequestView>, on_change: Callback<()>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">{tr(Key::NoRequests)}</p> }.into_any();
    }
    view! {
        <ul class="request-list">
            <For each=move || list.clone() key=|r| (r.id, r.status as u8, r.updated_at.clone()) let:request>
                <RequestCard request=request on_change=on_change />
            </For>
        </ul>
    }
    .into_any()
}

#[component]
fn RequestCard(request: RequestView, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let cancel = Action::new_local(|id: &i64| api::cancel_request(*id));
    Effect::new(move |_| {
        if let Some(Ok(_)) = cancel.value().get() {
            on_change.run(());
        }
    });
    let RequestView {
        id,
        kind,
        status,
        received_at,
        deadline,
        field,
        current_value,
        proposed_value,
        explanation,
        extension_reason,
        answer,
        ..
    } = request;
    let heading_id = format!("request-{id}-heading");
    let labelled_by = heading_id.clone();
    let status_class = format!("badge badge-{status:?}").to_lowercase();
    view! {
        <li class="request-card" data-request=id aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {tr(Key::request_kind(kind))}
                {field.map(|f| view! { ": " {tr(Key::field(f))} })}
            </h3>
            <p><span class=status_class>{tr(Key::request_status(status))}</span></p>
            <dl class="fields compact">
                <div class="field-row"><dt>{tr(Key::Received)}</dt><dd>{move || format_instant(lang(), &received_at)}</dd></div>
                {status.is_open().then(|| view! {
                    <div class="field-row"><dt>{tr(Key::Deadline)}</dt><dd>{move || format_date(lang(), &deadline)}</dd></div>
                })}
                {current_value.map(|v| view! { <div class="field-row"><dt>{tr(Key::CurrentValue)}</dt><dd>{coded_value(field, v)}</dd></div> })}
                {proposed_value.map(|v| view! { <div class="field-row"><dt>{tr(Key::ProposedValue)}</dt><dd>{coded_value(field, v)}</dd></div> })}
                {explanation.map(|v| view! { <div class="field-row"><dt>{tr(Key::Explanation)}</dt><dd class="free-text">{v}</dd></div> })}
                {extension_reason.map(|v| view! { <div class="field-row"><dt>{tr(Key::ExtensionReason)}</dt><dd class="free-text">{v}</dd></div> })}
                {answer.map(|v| view! { <div class="field-row answer"><dt>{tr(Key::Answer)}</dt><dd class="free-text">{v}</dd></div> })}
            </dl>
            {status.is_open().then(|| view! {
                <button type="button" class="button secondary" disabled=move || cancel.pending().get()
                    on:click=move |_| { cancel.dispatch_local(id); }>
                    {tr(Key::CancelRequest)}
                </button>
            })}
            <div role="alert">
                {move || match cancel.value().get() {
                    Some(Err(ApiError::Rejected { body, .. })) if body.code == klever_api::ErrorCode::InvalidTransition =>
                        Some(view! { <p class="notice error">{tr(Key::CannotChangeNow)}</p> }.into_any()),
                    Some(Err(e)) => Some(view! { <p class="notice error">{tr(error_key(&e))}</p> }.into_any()),
                    _ => None,
                }}
            </div>
        </li>
    }
}

/// A stored value as the customer reads it: gender and language codes by their names,
/// phone numbers grouped.
pub fn coded_value(field: Option<ProfileField>, value: String) -> impl IntoView + use<> {
    let i18n = use_i18n();
    move || match field {
        Some(ProfileField::Gender) => {
            let key = match value.as_str() {
                "female" => Key::GenderFemale,
                "male" => Key::GenderMale,
                "other" => Key::GenderOther,
                _ => Key::GenderNotStated,
            };
            i18n.t(key).to_owned()
        }
        Some(ProfileField::PreferredLanguage) => Language::from_tag(&value)
            .map(language_name)
            .unwrap_or(&value)
            .to_owned(),
        Some(ProfileField::Phone) => klever_api::Phone::parse(&value)
            .map(|p| p.display())
            .unwrap_or_else(|_| value.clone()),
        _ => value.clone(),
    }
}

/// Fields the customer may ask to have corrected, in the order the profile shows them.
const CORRECTABLE: [ProfileField; 14] = ProfileField::ALL;

/// The field's value in the profile, as the customer sees it, to show beside the proposal.
fn shown_value(profile: &Profile, field: ProfileField, lang: Language) -> Option<String> {
    let p = profile;
    match field {
        ProfileField::FirstName => Some(p.personal.first_name.to_string()),
        ProfileField::LastName => Some(p.personal.last_name.to_string()),
        ProfileField::Gender => {
            Some(crate::i18n::text(lang, Key::gender(p.personal.gender)).to_owned())
        }
        ProfileField::Email => Some(p.contact.email.to_string()),
        ProfileField::Phone => p.contact.phone.as_ref().map(klever_api::Phone::display),
        ProfileField::Address => p.contact.address.as_ref().map(|a| a.one_line()),
        ProfileField::PreferredLanguage => {
            Some(language_name(p.contact.preferred_language).to_owned())
        }
        ProfileField::OtherInfo => Some(p.other_info.to_string()).filter(|t| !t.is_empty()),
        ProfileField::BankAccount => p.bank.as_ref().map(|b| b.iban_masked.clone()),
        ProfileField::Bic => p.bank.as_ref().map(|b| b.bic.to_string()),
        ProfileField::CustomerSince => Some(format_date(lang, &p.customer_since)),
        ProfileField::Billing | ProfileField::BankReport | ProfileField::History => None,
    }
}

#[component]
pub fn CorrectionPage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <div class="page form-page">
            <PageHeading key=Key::CorrectionFormTitle />
            <p class="lead">{tr(Key::CorrectionFormIntro)}</p>
            {load(profile, |profile| view! { <CorrectionForm profile=profile /> })}
        </div>
    }
}

/// A correction being written when the session ended, kept for after the new sign-in.
#[derive(serde::Serialize, serde::Deserialize)]
struct StashedCorrection {
    owner: String,
    field: ProfileField,
    proposed: String,
    explanation: String,
}

const CORRECTION_STASH: &str = "correction";

#[component]
pub fn CorrectionForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let initial =
        query.with_untracked(|q| q.get("field").and_then(|f| ProfileField::from_code(&f)));
    // What was typed before a new sign-in, if it is this customer's.
    let kept = take_stash::<StashedCorrection>(CORRECTION_STASH)
        .filter(|k| k.owner == profile.contact.email.as_str());
    let field = RwSignal::new(
        kept.as_ref()
            .map(|k| k.field)
            .or(initial)
            .unwrap_or(ProfileField::LastName),
    );
    let proposed = RwSignal::new(
        kept.as_ref()
            .map(|k| k.proposed.clone())
            .unwrap_or_default(),
    );
    let explanation = RwSignal::new(kept.map(|k| k.explanation).unwrap_or_default());
    let errors = RwSignal::new(BTreeMap::<String, ValidationError>::new());
    let key = api::new_idempotency_key();
    let send = Action::new_local(|request: &NewRequest| {
        let request = request.clone();
        async move { api::create_request(&request).await }
    });
    let failure = RwSignal::new(None::<Key>);

    let stash_owner = profile.contact.email.to_string();
    Effect::new(move |_| match send.value().get() {
        Some(Ok(_)) => navigate("/requests?sent=1", NavigateOptions::default()),
        Some(Err(ApiError::Unauthorized)) => {
            // Keep what was typed across the new sign-in; the form picks it up again.
            let kept = StashedCorrection {
                owner: stash_owner.clone(),
                field: field.get_untracked(),
                proposed: proposed.get_untracked(),
                explanation: explanation.get_untracked(),
            };
            stash(CORRECTION_STASH, &kept);
            navigate(&sign_in_path(true), NavigateOptions::default());
        }
        Some(Err(ApiError::Rejected { body, .. })) if !body.fields.is_empty() => {
            errors.set(body.fields);
            failure.set(Some(Key::FixErrors));
        }
        Some(Err(e)) => failure.set(Some(error_key(&e))),
        None => {}
    });

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let request = NewRequest {
            idempotency_key: key.clone(),
            kind: RequestKind::Correction,
            field: Some(field.get_untracked()),
            proposed_value: Some(proposed.get_untracked()),
            explanation: Some(explanation.get_untracked()),
        };
        match request.validate() {
            Err(found) => {
                let first = ["proposed_value", "explanation"]
                    .into_iter()
                    .find(|k| found.contains_key(*k));
                errors.set(found);
                failure.set(Some(Key::FixErrors));
                if let Some(id) = first.map(|k| format!("correction-{}", k.replace('_', "-"))) {
                    focus(&id);
                }
            }
            Ok(()) => {
                errors.set(BTreeMap::new());
                failure.set(None);
                send.dispatch_local(request);
            }
        }
    };
    let error = move |k: &'static str| move || errors.with(|e| e.get(k).copied());
    let current = {
        let profile = profile.clone();
        move || shown_value(&profile, field.get(), i18n.lang.get())
    };

    view! {
        <form class="card form" novalidate=true on:submit=submit>
            <div class="form-field">
                <label for="correction-field">{tr(Key::FieldToCorrect)}</label>
                <select
                    id="correction-field"
                    prop:value=move || field.get().code()
                    on:change:target=move |ev| {
                        if let Some(f) = ProfileField::from_code(&ev.target().value()) {
                            field.set(f);
                            proposed.set(String::new());
                            errors.update(|e| { e.remove("proposed_value"); });
                        }
                    }
                >
                    {CORRECTABLE.into_iter().map(|f| view! {
                        <option value=f.code() selected=move || field.get() == f>{tr(Key::field(f))}</option>
                    }).collect_view()}
                </select>
            </div>
            <dl class="form-field current">
                <dt class="label-like">{tr(Key::CurrentValue)}</dt>
                <dd class="current-value" data-field="current-value">
                    {move || current().unwrap_or_else(|| i18n.t(Key::NotGiven).to_owned())}
                </dd>
            </dl>
            <div class="form-field">
                <label for="correction-proposed-value">{tr(Key::ProposedValue)}</label>
                {move || proposed_input(field.get(), proposed, error("proposed_value"))}
                {move || error("proposed_value")().map(|e| view! {
                    <p class="field-error" id="correction-proposed-value-error">{tr(Key::validation(e))}</p>
                })}
            </div>
            <div class="form-field">
                <label for="correction-explanation">{tr(Key::Explanation)}</label>
                <textarea
                    id="correction-explanation"
                    rows="4"
                    maxlength="2000"
                    aria-describedby=move || if error("explanation")().is_some() {
                        "correction-explanation-hint correction-explanation-error"
                    } else {
                        "correction-explanation-hint"
                    }
                    aria-invalid=move || error("explanation")().is_some().then_some("true")
                    prop:value=move || explanation.get()
                    on:input:target=move |ev| {
                        explanation.set(ev.target().value());
                        errors.update(|e| { e.remove("explanation"); });
                    }
                ></textarea>
                <p class="hint" id="correction-explanation-hint">{tr(Key::ExplanationHint)}</p>
                {move || error("explanation")().map(|e| view! {
                    <p class="field-error" id="correction-explanation-error">{tr(Key::validation(e))}</p>
                })}
            </div>
            <div role="alert" class="form-alert">
                {move || failure.get().map(|k| view! { <p class="notice error">{tr(k)}</p> })}
            </div>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || send.pending().get()>
                    {move || i18n.t(if send.pending().get() { Key::Sending } else { Key::SendRequest })}
                </button>
                <A href="/requests" attr:class="button secondary">{tr(Key::Cancel)}</A>
            </div>
        </form>
    }
}

/// The input that fits the field: a choice where only some values exist, text elsewhere.
fn proposed_input(
    field: ProfileField,
    value: RwSignal<String>,
    error: impl Fn() -> Option<ValidationError> + Copy + Send + Sync + 'static,
) -> AnyView {
    let invalid = move || error().is_some().then_some("true");
    let described = move || {
        error()
            .is_some()
            .then_some("correction-proposed-value-error")
    };
    let choices: Option<Vec<(String, Key)>> = match field {
        ProfileField::Gender => Some(
            [
                Gender::Female,
                Gender::Male,
                Gender::Other,
                Gender::NotStated,
            ]
            .into_iter()
            .zip(["female", "male", "other", "not_stated"])
            .map(|(g, code)| (code.to_owned(), Key::gender(g)))
            .collect(),
        ),
        _ => None,
    };
    if field == ProfileField::PreferredLanguage || choices.is_some() {
        let options: Vec<(String, String)> = match choices {
            Some(list) => list
                .into_iter()
                .map(|(code, key)| (code, crate::i18n::text(Language::En, key).to_owned()))
                .collect(),
            None => Language::ALL
                .into_iter()
                .map(|l| (l.tag().to_owned(), language_name(l).to_owned()))
                .collect(),
        };
        let i18n = use_i18n();
        if value.get_untracked().is_empty() {
            value.set(options[0].0.clone());
        }
        return view! {
            <select id="correction-proposed-value" aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get()
                on:change:target=move |ev| value.set(ev.target().value())>
                {options.into_iter().map(|(code, english)| {
                    // Gender names follow the page language; language names are their own.
                    let label = match field {
                        ProfileField::Gender => {
                            let key = match code.as_str() {
                                "female" => Key::GenderFemale,
                                "male" => Key::GenderMale,
                                "other" => Key::GenderOther,
                                _ => Key::GenderNotStated,
                            };
                            Either::Left(move || i18n.t(key))
                        }
                        _ => Either::Right(english),
                    };
                    view! { <option value=code>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any();
    }
    let (kind, mode) = match field {
        ProfileField::CustomerSince => ("date", None),
        ProfileField::Email => ("email", None),
        ProfileField::Phone => ("tel", None),
        _ => ("text", None::<&str>),
    };
    if matches!(
        field,
        ProfileField::Address
            | ProfileField::OtherInfo
            | ProfileField::Billing
            | ProfileField::BankReport
            | ProfileField::History
    ) {
        return view! {
            <textarea id="correction-proposed-value" rows="3" aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())></textarea>
        }
        .into_any();
    }
    view! {
        <input id="correction-proposed-value" type=kind inputmode=mode aria-invalid=invalid aria-describedby=described
            prop:value=move || value.get()
            on:input:target=move |ev| value.set(ev.target().value()) />
    }
    .into_any()
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

use leptos::either::Either;
