//! A correction request: which detail, what it should say, and why.

use std::collections::BTreeMap;

use klever_api::{
    Gender, Language, NewRequest, Profile, ProfileField, RequestKind, ValidationError,
};
use leptos::{either::Either, prelude::*};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

use crate::{
    api::{self, ApiError},
    components::{
        error_key, focus_error_summary, load, DetailRow, ErrorSummary, Field, PageHeading, Select,
        TextArea, TextInput,
    },
    dom::focus_id,
    i18n::{format_date, language_name, tr, use_i18n, Key},
    session::Realm,
    stash::{stash, take_stash},
    values::{coded_value, gender_key},
};

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

/// A correction being written when the session ended, kept for after the new sign-in.
#[derive(serde::Serialize, serde::Deserialize)]
struct StashedCorrection {
    owner: String,
    field: ProfileField,
    proposed: String,
    explanation: String,
}

const CORRECTION_STASH: &str = "correction";

/// Error keys in the order the fields appear, with the id of each field's control.
const FIELD_IDS: [(&str, &str); 2] = [
    ("proposed_value", "correction-proposed-value"),
    ("explanation", "correction-explanation"),
];

#[component]
pub fn CorrectionForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let session_lost = Realm::current().lost_handle();
    let initial =
        query.with_untracked(|q| q.get("field").and_then(|f| ProfileField::from_code(&f)));
    // What was typed before a new sign-in, if it is this customer's.
    let owner = profile.contact.email.to_string();
    let kept = take_stash::<StashedCorrection>(CORRECTION_STASH).filter(|k| k.owner == owner);
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
    let failure = RwSignal::new(None::<Key>);
    let reviewing = RwSignal::new(None::<NewRequest>);
    // One key per request as written: a retry sends the same one, a changed request a new one.
    let key = RwSignal::new(api::new_idempotency_key());

    let show_errors = move |found: BTreeMap<String, ValidationError>| {
        errors.set(found);
        failure.set(Some(Key::FixErrors));
        focus_error_summary();
    };
    let send = Action::new_local(move |request: &NewRequest| {
        let request = request.clone();
        let navigate = navigate.clone();
        let owner = owner.clone();
        async move {
            match api::create_request(&request).await {
                Ok(sent) => navigate(
                    &format!("/requests?sent={}", sent.id),
                    NavigateOptions::default(),
                ),
                Err(ApiError::Unauthorized) => {
                    // Keep what was typed across the new sign-in; the form picks it up again.
                    let kept = StashedCorrection {
                        owner,
                        field: field.get_untracked(),
                        proposed: proposed.get_untracked(),
                        explanation: explanation.get_untracked(),
                    };
                    stash(CORRECTION_STASH, &kept);
                    session_lost.run(());
                }
                // Back to the form, where the summary says what went wrong.
                Err(ApiError::Rejected { body, .. }) if !body.fields.is_empty() => {
                    reviewing.set(None);
                    show_errors(body.fields)
                }
                Err(e) => {
                    reviewing.set(None);
                    failure.set(Some(error_key(&e)));
                    focus_error_summary();
                }
            }
        }
    });

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let request = NewRequest {
            idempotency_key: key.get_untracked(),
            kind: RequestKind::Correction,
            field: Some(field.get_untracked()),
            proposed_value: Some(proposed.get_untracked()),
            explanation: Some(explanation.get_untracked()),
        };
        match request.validate() {
            Err(found) => show_errors(found),
            // Valid: check it once more before it goes (GOV.UK "check answers").
            Ok(()) => {
                errors.set(BTreeMap::new());
                failure.set(None);
                reviewing.set(Some(request));
            }
        }
    };
    let error = move |k: &'static str| {
        Signal::derive(move || errors.with(|e| e.get(k).map(|e| Key::field_error(k, *e))))
    };
    let summary = Signal::derive(move || {
        errors.with(|e| {
            FIELD_IDS
                .iter()
                .filter_map(|(k, id)| e.get(*k).map(|v| (*id, Key::field_error(k, *v))))
                .collect::<Vec<_>>()
        })
    });
    let current = Signal::derive(move || {
        shown_value(&profile, field.get(), i18n.lang.get())
            .unwrap_or_else(|| i18n.t(Key::NotGiven).to_owned())
    });
    let review = move || {
        reviewing.get().map(|request| {
            view! {
                <CheckAnswers
                    request=request
                    current=current
                    sending=send.pending()
                    on_send=Callback::new(move |request: NewRequest| { send.dispatch_local(request); })
                    on_change=Callback::new(move |_| {
                        reviewing.set(None);
                        key.set(api::new_idempotency_key());
                        request_animation_frame(|| focus_id("correction-proposed-value"));
                    })
                />
            }
        })
    };

    view! {
        {review}
        <form class="card form" novalidate=true on:submit=submit hidden=move || reviewing.with(Option::is_some)>
            <Field id="correction-field" label=Key::FieldToCorrect>
                <Select
                    value=Signal::derive(move || field.get().code().to_owned())
                    on_change=Callback::new(move |code: String| {
                        if let Some(f) = ProfileField::from_code(&code) {
                            field.set(f);
                            proposed.set(String::new());
                            errors.update(|e| { e.remove("proposed_value"); });
                        }
                    })
                >
                    {ProfileField::ALL.into_iter().map(|f| view! {
                        <option value=f.code() selected=move || field.get() == f>{tr(Key::field(f))}</option>
                    }).collect_view()}
                </Select>
            </Field>
            <dl class="form-field current">
                <dt class="label-like">{tr(Key::CurrentValue)}</dt>
                <dd class="current-value" data-field="current-value">{current}</dd>
            </dl>
            <Field id="correction-proposed-value" label=Key::ProposedValue error=error("proposed_value")>
                {move || proposed_input(field.get(), proposed)}
            </Field>
            <Field id="correction-explanation" label=Key::Explanation hint=Key::ExplanationHint error=error("explanation")>
                <TextArea value=explanation on_input=Callback::new(move |_| errors.update(|e| { e.remove("explanation"); })) />
            </Field>
            <ErrorSummary message=failure fields=summary />
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || send.pending().get()>
                    {move || i18n.t(if send.pending().get() { Key::Sending } else { Key::SendRequest })}
                </button>
                <A href="/requests" attr:class="button secondary">{tr(Key::Cancel)}</A>
            </div>
        </form>
    }
}

/// The request as it will be sent, with a last chance to change it.
#[component]
fn CheckAnswers(
    request: NewRequest,
    #[prop(into)] current: Signal<String>,
    #[prop(into)] sending: Signal<bool>,
    on_send: Callback<NewRequest>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let field = request.field;
    let proposed = request.proposed_value.clone().unwrap_or_default();
    let explanation = request.explanation.clone().unwrap_or_default();
    view! {
        <section class="card" aria-labelledby="check-heading">
            <h2 id="check-heading" tabindex="-1" node_ref=heading>{tr(Key::CheckAnswersTitle)}</h2>
            <p>{tr(Key::CheckAnswersText)}</p>
            <dl class="fields">
                <DetailRow label=Key::FieldToCorrect>{field.map(|f| tr(Key::field(f)))}</DetailRow>
                <DetailRow label=Key::CurrentValue>{move || current.get()}</DetailRow>
                <DetailRow label=Key::ProposedValue test_id="check-proposed">{coded_value(field, proposed)}</DetailRow>
                <DetailRow label=Key::Explanation free_text=true>{explanation}</DetailRow>
            </dl>
            <div class="form-actions">
                <button type="button" class="button primary auto" disabled=move || sending.get()
                    on:click=move |_| on_send.run(request.clone())>
                    {move || i18n.t(if sending.get() { Key::Sending } else { Key::SendRequest })}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_change.run(())>
                    {tr(Key::ChangeAnswers)}
                </button>
            </div>
        </section>
    }
}

/// The control that fits the field: a choice where only some values exist, free text for
/// what staff correct by hand, one line elsewhere.
fn proposed_input(field: ProfileField, value: RwSignal<String>) -> AnyView {
    let i18n = use_i18n();
    // Gender names follow the page language; language names are their own.
    let choices: Option<Vec<(&'static str, Either<Key, &'static str>)>> = match field {
        ProfileField::Gender => Some(
            Gender::ALL
                .into_iter()
                .map(|g| (g.code(), Either::Left(gender_key(g))))
                .collect(),
        ),
        ProfileField::PreferredLanguage => Some(
            Language::ALL
                .into_iter()
                .map(|l| (l.tag(), Either::Right(language_name(l))))
                .collect(),
        ),
        _ => None,
    };
    if let Some(options) = choices {
        if value.with_untracked(String::is_empty) {
            value.set(options[0].0.to_owned());
        }
        return view! {
            <Select value=value on_change=Callback::new(move |v| value.set(v))>
                {options.into_iter().map(|(code, label)| {
                    let label = move || match label {
                        Either::Left(key) => i18n.t(key),
                        Either::Right(name) => name,
                    };
                    view! { <option value=code>{label}</option> }
                }).collect_view()}
            </Select>
        }
        .into_any();
    }
    if field.corrected_as_free_text() {
        return view! { <TextArea value=value rows=3 /> }.into_any();
    }
    let kind = match field {
        ProfileField::CustomerSince => "date",
        ProfileField::Email => "email",
        ProfileField::Phone => "tel",
        _ => "text",
    };
    view! { <TextInput value=value kind=kind /> }.into_any()
}
