//! Editing the permitted fields. Whatever the server answers (bad value, password needed,
//! someone else changed the data), what the customer typed stays in the form.

use std::collections::BTreeMap;

use klever_api::{
    AddressInput, ErrorCode, Language, Phone, Profile, ProfileUpdate, ValidationError,
};
use leptos::{either::Either, prelude::*};
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};
use wasm_bindgen::JsCast;

use crate::{
    api::{self, ApiError},
    components::{error_key, load, sign_in_path, stash, take_stash, PageHeading},
    i18n::{language_name, region_name, tr, use_i18n, Key},
};

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    view! {
        <div class="page form-page">
            <PageHeading key=Key::EditTitle />
            <p class="lead">{tr(Key::EditIntro)}</p>
            {load(profile, |profile| view! { <EditForm profile=profile /> })}
        </div>
    }
}

/// What the customer has typed, field by field, as typed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: Language,
    pub other_info: String,
}

impl Draft {
    pub fn from_profile(p: &Profile) -> Self {
        let address = p.contact.address.as_ref();
        let part = |f: fn(&klever_api::PostalAddress) -> &str| {
            address.map(f).unwrap_or_default().to_owned()
        };
        Draft {
            email: p.contact.email.to_string(),
            phone: p
                .contact
                .phone
                .as_ref()
                .map(klever_api::Phone::display)
                .unwrap_or_default(),
            street: part(|a| a.street()),
            postal_code: part(|a| a.postal_code()),
            city: part(|a| a.city()),
            country: address
                .map(|a| a.country().to_owned())
                .unwrap_or_else(|| "FI".to_owned()),
            language: p.contact.preferred_language,
            other_info: p.other_info.to_string(),
        }
    }

    fn address(&self) -> Option<AddressInput> {
        let empty = [&self.street, &self.postal_code, &self.city]
            .iter()
            .all(|s| s.trim().is_empty());
        (!empty).then(|| AddressInput {
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
        })
    }

    /// Every field as an update, to check them all whether changed or not.
    pub fn as_full_update(&self) -> ProfileUpdate {
        ProfileUpdate {
            email: Some(self.email.clone()),
            phone: Some(Some(self.phone.clone())),
            address: Some(self.address()),
            preferred_language: Some(self.language),
            other_info: Some(self.other_info.clone()),
        }
    }

    /// Only what differs from `base`, compared the way the server stores it, so typing the
    /// same number in another format is no change (and asks for no password).
    pub fn changes(&self, base: &Profile) -> ProfileUpdate {
        let saved = Draft::from_profile(base);
        let phone_same = match Phone::parse(&self.phone) {
            Ok(p) => Some(p.to_string()) == base.contact.phone.as_ref().map(ToString::to_string),
            Err(_) => self.phone.trim() == saved.phone,
        };
        let address_same = match (self.address(), base.contact.address.as_ref()) {
            (None, None) => true,
            (Some(mine), Some(theirs)) => {
                klever_api::PostalAddress::parse(&mine).as_ref() == Ok(theirs)
            }
            _ => false,
        };
        ProfileUpdate {
            email: (self.email.trim() != saved.email).then(|| self.email.clone()),
            phone: (!phone_same).then(|| Some(self.phone.clone()).filter(|p| !p.trim().is_empty())),
            address: (!address_same).then(|| self.address()),
            preferred_language: (self.language != saved.language).then_some(self.language),
            other_info: (self.other_info.trim() != saved.other_info)
                .then(|| self.other_info.clone()),
        }
    }
}

/// An unsaved draft kept across a new sign-in, with the version it was based on (so a
/// change made meanwhile still ends in the conflict view) and whose it is.
#[derive(serde::Serialize, serde::Deserialize)]
struct StashedDraft {
    owner: String,
    base: Profile,
    draft: Draft,
}

const DRAFT_STASH: &str = "profile-draft";

/// One signal per input, so each re-renders alone.
#[derive(Clone, Copy)]
struct Fields {
    email: RwSignal<String>,
    phone: RwSignal<String>,
    street: RwSignal<String>,
    postal_code: RwSignal<String>,
    city: RwSignal<String>,
    country: RwSignal<String>,
    language: RwSignal<Language>,
    other_info: RwSignal<String>,
}

impl Fields {
    fn new(d: Draft) -> Self {
        Fields {
            email: RwSignal::new(d.email),
            phone: RwSignal::new(d.phone),
            street: RwSignal::new(d.street),
            postal_code: RwSignal::new(d.postal_code),
            city: RwSignal::new(d.city),
            country: RwSignal::new(d.country),
            language: RwSignal::new(d.language),
            other_info: RwSignal::new(d.other_info),
        }
    }

    fn draft(&self) -> Draft {
        Draft {
            email: self.email.get_untracked(),
            phone: self.phone.get_untracked(),
            street: self.street.get_untracked(),
            postal_code: self.postal_code.get_untracked(),
            city: self.city.get_untracked(),
            country: self.country.get_untracked(),
            language: self.language.get_untracked(),
            other_info: self.other_info.get_untracked(),
        }
    }

    fn set(&self, d: Draft) {
        self.email.set(d.email);
        self.phone.set(d.phone);
        self.street.set(d.street);
        self.postal_code.set(d.postal_code);
        self.city.set(d.city);
        self.country.set(d.country);
        self.language.set(d.language);
        self.other_info.set(d.other_info);
    }
}

/// Error keys in the order the fields appear, with the id of each field's input.
const FIELD_IDS: [(&str, &str); 7] = [
    ("email", "edit-email"),
    ("phone", "edit-phone"),
    ("address.street", "edit-street"),
    ("address.postal_code", "edit-postal-code"),
    ("address.city", "edit-city"),
    ("address.country", "edit-country"),
    ("other_info", "edit-other-info"),
];

fn focus_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn focus_first_error(errors: &BTreeMap<String, ValidationError>) {
    if let Some((_, id)) = FIELD_IDS.iter().find(|(key, _)| errors.contains_key(*key)) {
        focus_id(id);
    }
}

/// Countries offered in the address; a stored one outside the list is added to it.
const COUNTRIES: [&str; 11] = [
    "FI", "AX", "SE", "NO", "DK", "EE", "DE", "FR", "ES", "GB", "US",
];

#[derive(Clone, Debug, PartialEq)]
enum Status {
    Editing,
    /// The form is not saved: say why, next to the button.
    Problem(Key),
    /// The server wants the password first; the save resumes after it.
    NeedsPassword,
    /// Someone changed the data meanwhile; this is what is saved now.
    Conflict(Box<Profile>),
}

/// What a save attempt came to.
#[derive(Clone, Debug)]
enum Outcome {
    Saved,
    Invalid(BTreeMap<String, ValidationError>),
    NeedsPassword,
    Conflict(Box<Profile>),
    SessionEnded,
    Failed(Key),
}

async fn save(version: i64, update: ProfileUpdate) -> Outcome {
    match api::update_profile(version, &update).await {
        Ok(_) => Outcome::Saved,
        Err(ApiError::Unauthorized) => Outcome::SessionEnded,
        Err(ApiError::Rejected { body, .. }) => match body.code {
            ErrorCode::ValidationFailed => Outcome::Invalid(body.fields),
            ErrorCode::ReauthenticationRequired => Outcome::NeedsPassword,
            ErrorCode::VersionConflict => match api::profile().await {
                Ok(current) => Outcome::Conflict(Box::new(current)),
                Err(e) => Outcome::Failed(error_key(&e)),
            },
            _ => Outcome::Failed(Key::ServerError),
        },
        Err(e) => Outcome::Failed(error_key(&e)),
    }
}

#[component]
pub fn EditForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    // A draft kept from before a new sign-in, if it is this customer's.
    let stashed = take_stash::<StashedDraft>(DRAFT_STASH)
        .filter(|s| s.owner == profile.contact.email.as_str());
    let (draft, base_profile) = match stashed {
        Some(s) => (s.draft, s.base),
        None => (Draft::from_profile(&profile), profile),
    };
    let fields = Fields::new(draft);
    // The version the draft is based on: the loaded one, or the newer one after a conflict.
    let base = RwSignal::new(base_profile);
    let errors = RwSignal::new(BTreeMap::<String, ValidationError>::new());
    let status = RwSignal::new(Status::Editing);
    let attempted = RwSignal::new(false);

    let save_action = Action::new_local(|(version, update): &(i64, ProfileUpdate)| {
        save(*version, update.clone())
    });
    let saving = save_action.pending();

    let submit = move || {
        attempted.set(true);
        let draft = fields.draft();
        if let Err(found) = draft.as_full_update().validate() {
            focus_first_error(&found);
            errors.set(found);
            status.set(Status::Problem(Key::FixErrors));
            return;
        }
        errors.set(BTreeMap::new());
        let update = draft.changes(&base.get_untracked());
        if update.is_empty() {
            status.set(Status::Problem(Key::NothingChanged));
            return;
        }
        status.set(Status::Editing);
        save_action.dispatch_local((base.with_untracked(|b| b.version), update));
    };

    Effect::new(move |_| {
        let Some(outcome) = save_action.value().get() else {
            return;
        };
        match outcome {
            Outcome::Saved => navigate("/profile?saved=1", NavigateOptions::default()),
            Outcome::SessionEnded => {
                // Keep what was typed across the sign-in; the form picks it up again.
                let base = base.get_untracked();
                let owner = base.contact.email.to_string();
                stash(
                    DRAFT_STASH,
                    &StashedDraft {
                        owner,
                        base,
                        draft: fields.draft(),
                    },
                );
                navigate(&sign_in_path(true), NavigateOptions::default());
            }
            Outcome::Invalid(found) => {
                focus_first_error(&found);
                errors.set(found);
                status.set(Status::Problem(Key::FixErrors));
            }
            Outcome::NeedsPassword => status.set(Status::NeedsPassword),
            Outcome::Conflict(current) => status.set(Status::Conflict(current)),
            Outcome::Failed(key) => status.set(Status::Problem(key)),
        }
    });

    // Re-checks a field as the customer types, once a save has been tried or the field
    // has an error: errors appear on save, then follow the typing. (Checking on blur made
    // messages appear under the pointer just as the customer clicked Save.)
    let recheck = move |key: &'static str| {
        if !attempted.get_untracked() && errors.with_untracked(|e| !e.contains_key(key)) {
            return;
        }
        let found = fields
            .draft()
            .as_full_update()
            .validate()
            .err()
            .unwrap_or_default();
        errors.update(|e| {
            e.retain(|k, _| k != key);
            if let Some(v) = found.get(key) {
                e.insert(key.to_owned(), *v);
            }
        });
    };
    let error =
        move |key: &'static str| Signal::derive(move || errors.with(|e| e.get(key).copied()));

    let sensitive = move || {
        let changes = Draft {
            email: fields.email.get(),
            phone: fields.phone.get(),
            ..fields.draft()
        }
        .changes(&base.get());
        changes.email.is_some() || changes.phone.is_some()
    };

    let country_options = move || {
        let lang = i18n.lang.get();
        let current = fields.country.get();
        let mut codes: Vec<String> = COUNTRIES.iter().map(|c| (*c).to_owned()).collect();
        if !current.is_empty() && !codes.contains(&current) {
            codes.push(current.clone());
        }
        codes
            .into_iter()
            .map(|code| {
                let selected = code == current;
                view! { <option value=code.clone() selected=selected>{region_name(lang, &code)}</option> }
            })
            .collect_view()
    };

    view! {
        <form
            class="card form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <TextField id="edit-email" label=Key::Email value=fields.email error=error("email")
                input_type="email" autocomplete="email" on_input=Callback::new(move |_| recheck("email")) />
            <TextField id="edit-phone" label=Key::Phone value=fields.phone error=error("phone")
                input_type="tel" autocomplete="tel" hint=Key::PhoneHint on_input=Callback::new(move |_| recheck("phone")) />
            // A live region, so the warning is heard as soon as the email or phone is changed.
            <div role="status" class="sensitive-status">
                <Show when=sensitive>
                    <p class="notice info" id="sensitive-hint">{tr(Key::SensitiveHint)}</p>
                </Show>
            </div>

            <fieldset>
                <legend>{tr(Key::Address)}</legend>
                <TextField id="edit-street" label=Key::Street value=fields.street error=error("address.street")
                    autocomplete="street-address" on_input=Callback::new(move |_| recheck("address.street")) />
                <div class="field-pair">
                    <TextField id="edit-postal-code" label=Key::PostalCode value=fields.postal_code
                        error=error("address.postal_code") autocomplete="postal-code"
                        on_input=Callback::new(move |_| recheck("address.postal_code")) />
                    <TextField id="edit-city" label=Key::City value=fields.city error=error("address.city")
                        autocomplete="address-level2" on_input=Callback::new(move |_| recheck("address.city")) />
                </div>
                <div class="form-field">
                    <label for="edit-country">{tr(Key::Country)}</label>
                    <select
                        id="edit-country"
                        autocomplete="country"
                        aria-invalid=move || error("address.country").get().is_some().then_some("true")
                        aria-describedby=move || error("address.country").get().is_some().then_some("edit-country-error")
                        prop:value=move || fields.country.get()
                        on:change:target=move |ev| {
                            fields.country.set(ev.target().value());
                            recheck("address.country");
                        }
                    >
                        {country_options}
                    </select>
                    {move || error("address.country").get().map(|e| view! {
                        <p class="field-error" id="edit-country-error">{tr(Key::validation(e))}</p>
                    })}
                </div>
            </fieldset>

            <div class="form-field">
                <label for="edit-language">{tr(Key::PreferredLanguage)}</label>
                <select
                    id="edit-language"
                    prop:value=move || fields.language.get().tag()
                    on:change:target=move |ev| {
                        if let Some(lang) = Language::from_tag(&ev.target().value()) {
                            fields.language.set(lang);
                        }
                    }
                >
                    {Language::ALL
                        .into_iter()
                        .map(|lang| view! {
                            <option value=lang.tag() lang=lang.tag() selected=move || fields.language.get() == lang>
                                {language_name(lang)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>

            <div class="form-field">
                <label for="edit-other-info">{tr(Key::OtherInfo)}</label>
                <textarea
                    id="edit-other-info"
                    rows="4"
                    maxlength="2000"
                    aria-describedby=move || {
                        let base = "edit-other-info-hint edit-other-info-count";
                        if errors.with(|e| e.contains_key("other_info")) {
                            format!("{base} edit-other-info-error")
                        } else {
                            base.to_owned()
                        }
                    }
                    aria-invalid=move || errors.with(|e| e.contains_key("other_info")).then_some("true")
                    prop:value=move || fields.other_info.get()
                    on:input:target=move |ev| {
                        fields.other_info.set(ev.target().value());
                        recheck("other_info");
                    }
                ></textarea>
                <p class="hint" id="edit-other-info-hint">{tr(Key::OtherInfoHint)}</p>
                <p class="hint count" id="edit-other-info-count" aria-live="polite">
                    {move || format!("{} / 2000", fields.other_info.with(|t| t.chars().count()))}
                </p>
                {move || error("other_info").get().map(|e| view! {
                    <p class="field-error" id="edit-other-info-error">{tr(Key::validation(e))}</p>
                })}
            </div>

            <div role="alert" class="form-alert">
                {move || match status.get() {
                    Status::Problem(key) => Some(view! { <p class="notice error">{tr(key)}</p> }),
                    _ => None,
                }}
            </div>

            {move || (status.get() == Status::NeedsPassword).then(|| view! {
                <ReauthPanel
                    on_done=Callback::new(move |_| {
                        status.set(Status::Editing);
                        submit();
                    })
                    on_cancel=Callback::new(move |_| status.set(Status::Editing))
                />
            })}

            {move || match status.get() {
                Status::Conflict(current) => Some(view! {
                    <ConflictView
                        current=*current
                        mine=fields.draft()
                        on_keep_mine=Callback::new(move |current: Profile| {
                            base.set(current);
                            status.set(Status::Editing);
                            submit();
                        })
                        on_take_saved=Callback::new(move |current: Profile| {
                            fields.set(Draft::from_profile(&current));
                            base.set(current);
                            errors.set(BTreeMap::new());
                            status.set(Status::Editing);
                        })
                    />
                }),
                _ => None,
            }}

            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || saving.get()>
                    {move || i18n.t(if saving.get() { Key::Saving } else { Key::Save })}
                </button>
                <A href="/profile" attr:class="button secondary">{tr(Key::Cancel)}</A>
            </div>
        </form>
    }
}

#[component]
fn TextField(
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    error: Signal<Option<ValidationError>>,
    on_input: Callback<()>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type=input_type
                autocomplete=autocomplete
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input:target=move |ev| {
                    value.set(ev.target().value());
                    on_input.run(());
                }
            />
            {hint.map(|key| view! { <p class="hint" id=hint_id>{tr(key)}</p> })}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone()>{tr(Key::validation(e))}</p> })}
        </div>
    }
}

/// Asks for the password in place; the pending save resumes when it is confirmed.
#[component]
fn ReauthPanel(on_done: Callback<()>, on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let password = RwSignal::new(String::new());
    let input = NodeRef::<leptos::html::Input>::new();
    let confirm = Action::new_local(|password: &String| {
        let password = password.clone();
        async move { api::reauthenticate(&password).await }
    });
    let failure = RwSignal::new(None::<Key>);
    input.on_load(|el| {
        let _ = el.focus();
    });
    Effect::new(move |_| match confirm.value().get() {
        Some(Ok(())) => on_done.run(()),
        Some(Err(ApiError::Rejected { body, .. }))
            if body.code == ErrorCode::InvalidCredentials =>
        {
            failure.set(Some(Key::WrongPassword));
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
            }
        }
        Some(Err(e)) => failure.set(Some(error_key(&e))),
        None => {}
    });
    let send = move || {
        if password.with_untracked(String::is_empty) {
            failure.set(Some(Key::ErrRequired));
            return;
        }
        confirm.dispatch_local(password.get_untracked());
    };
    view! {
        <section class="card inset" role="group" aria-labelledby="reauth-heading">
            <h2 id="reauth-heading">{tr(Key::ReauthTitle)}</h2>
            <p>{tr(Key::ReauthText)}</p>
            <div class="form-field">
                <label for="reauth-password">{tr(Key::Password)}</label>
                <input
                    id="reauth-password"
                    type="password"
                    autocomplete="current-password"
                    node_ref=input
                    aria-invalid=move || failure.with(Option::is_some).then_some("true")
                    aria-describedby=move || failure.with(Option::is_some).then_some("reauth-error")
                    prop:value=move || password.get()
                    on:input:target=move |ev| password.set(ev.target().value())
                    on:keydown=move |ev| {
                        // Enter here confirms the password rather than submitting the outer form.
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            send();
                        }
                    }
                />
                {move || failure.get().map(|key| view! { <p class="field-error" id="reauth-error" role="alert">{tr(key)}</p> })}
            </div>
            <div class="form-actions">
                <button type="button" class="button primary" disabled=move || confirm.pending().get() on:click=move |_| send()>
                    {move || i18n.t(Key::Confirm)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {tr(Key::Cancel)}
                </button>
            </div>
        </section>
    }
}

/// Shows, for each field the customer changed, what is saved now beside their own value.
#[component]
fn ConflictView(
    current: Profile,
    mine: Draft,
    on_keep_mine: Callback<Profile>,
    on_take_saved: Callback<Profile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved = Draft::from_profile(&current);
    let one_line = |d: &Draft| {
        d.address()
            .map(|a| format!("{}, {} {}, {}", a.street, a.postal_code, a.city, a.country))
            .unwrap_or_default()
    };
    let rows: Vec<(Key, String, String)> = [
        (Key::Email, saved.email.clone(), mine.email.clone()),
        (Key::Phone, saved.phone.clone(), mine.phone.clone()),
        (Key::Address, one_line(&saved), one_line(&mine)),
        (
            Key::PreferredLanguage,
            language_name(saved.language).to_owned(),
            language_name(mine.language).to_owned(),
        ),
        (
            Key::OtherInfo,
            saved.other_info.clone(),
            mine.other_info.clone(),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a.trim() != b.trim())
    .collect();
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let keep = current.clone();
    view! {
        <section class="card inset conflict" role="group" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading" tabindex="-1" node_ref=heading>{tr(Key::ConflictTitle)}</h2>
            <p>{tr(Key::ConflictText)}</p>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::Field)}</th>
                        <th scope="col">{tr(Key::SavedNow)}</th>
                        <th scope="col">{tr(Key::YourChange)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(key, theirs, yours)| {
                            let empty = move || i18n.t(Key::NotGiven).to_owned();
                            view! {
                                <tr>
                                    <th scope="row" data-label=move || i18n.t(Key::Field)>{tr(key)}</th>
                                    <td data-label=move || i18n.t(Key::SavedNow)>
                                        {if theirs.is_empty() { Either::Left(empty) } else { Either::Right(theirs) }}
                                    </td>
                                    <td data-label=move || i18n.t(Key::YourChange)>
                                        {if yours.is_empty() { Either::Left(empty) } else { Either::Right(yours) }}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=move |_| on_keep_mine.run(keep.clone())>
                    {tr(Key::KeepMine)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_take_saved.run(current.clone())>
                    {tr(Key::TakeSaved)}
                </button>
            </div>
        </section>
    }
}
