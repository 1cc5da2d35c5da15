//! Editing the permitted fields. Whatever the server answers (bad value, password needed,
//! someone else changed the data), what the customer typed stays in the form.

mod conflict;
mod draft;
mod reauth;

use std::collections::BTreeMap;

use klever_api::{ErrorCode, Language, Profile, ProfileUpdate, ValidationError};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};

pub use draft::Draft;

use self::{
    conflict::ConflictView,
    draft::{Fields, StashedDraft, DRAFT_STASH},
    reauth::ReauthPanel,
};
use crate::{
    api::{self, ApiError},
    components::{
        error_key, focus_error_summary, load, ErrorSummary, Field, PageHeading, Select, TextArea,
        TextInput,
    },
    i18n::{language_name, prepare_region_names, region_name, tr, use_i18n, Key},
    session::Realm,
    stash::{stash, take_stash},
};

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    // Until when (browser time, ms) an email or phone change needs no password.
    let fresh = LocalResource::new(|| async {
        api::session()
            .await
            .ok()
            .map(|s| js_sys::Date::now() + s.password_fresh_for_secs as f64 * 1000.0)
    });
    let fresh_until = Signal::derive(move || fresh.get().flatten());
    let refresh = Callback::new(move |_| fresh.refetch());
    prepare_region_names();
    view! {
        <div class="page form-page">
            <PageHeading key=Key::EditTitle />
            <p class="lead">{tr(Key::EditIntro)}</p>
            {load(profile, move |profile| view! {
                <EditForm profile=profile password_fresh_until=fresh_until on_reauthenticated=refresh />
            })}
        </div>
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

/// Everything the form's parts share.
#[derive(Clone, Copy)]
struct Form {
    fields: Fields,
    /// The version the draft is based on: the loaded one, or the newer one after a conflict.
    base: RwSignal<Profile>,
    errors: RwSignal<BTreeMap<String, ValidationError>>,
    status: RwSignal<Status>,
    /// A save was tried: from then on errors follow the typing.
    attempted: RwSignal<bool>,
}

impl Form {
    /// The error at one field, as its message.
    fn error(self, key: &'static str) -> Signal<Option<Key>> {
        Signal::derive(move || {
            self.errors
                .with(|e| e.get(key).map(|e| Key::field_error(key, *e)))
        })
    }

    /// The fields in error, in page order, for the error summary.
    fn summary(self) -> Signal<Vec<(&'static str, Key)>> {
        Signal::derive(move || {
            self.errors.with(|e| {
                FIELD_IDS
                    .iter()
                    .filter_map(|(key, id)| e.get(*key).map(|v| (*id, Key::field_error(key, *v))))
                    .collect()
            })
        })
    }

    /// Re-checks a field as the customer types, once a save has been tried or the field
    /// has an error: errors appear on save, then follow the typing. (Checking on blur made
    /// messages appear under the pointer just as the customer clicked Save.)
    fn recheck(self, key: &'static str) -> Callback<()> {
        Callback::new(move |_| {
            if !self.attempted.get_untracked()
                && self.errors.with_untracked(|e| !e.contains_key(key))
            {
                return;
            }
            let found = self
                .fields
                .draft()
                .as_full_update()
                .validate()
                .err()
                .unwrap_or_default();
            self.errors.update(|e| {
                e.retain(|k, _| k != key);
                if let Some(v) = found.get(key) {
                    e.insert(key.to_owned(), *v);
                }
            });
        })
    }

    fn show_errors(self, found: BTreeMap<String, ValidationError>) {
        self.errors.set(found);
        self.status.set(Status::Problem(Key::FixErrors));
        focus_error_summary();
    }
}

#[component]
pub fn EditForm(
    profile: Profile,
    /// Until when (browser time, ms) an email or phone change goes through without the
    /// password; unknown means it will be asked, and the form says so.
    #[prop(optional, into)]
    password_fresh_until: MaybeProp<f64>,
    /// Runs after the password was entered again, to learn the new time.
    #[prop(optional)]
    on_reauthenticated: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let session_lost = Realm::current().lost_handle();
    // A draft kept from before a new sign-in, if it is this customer's.
    let stashed = take_stash::<StashedDraft>(DRAFT_STASH)
        .filter(|s| s.owner == profile.contact.email.as_str());
    let (draft, base_profile) = match stashed {
        Some(s) => (s.draft, s.base),
        None => (Draft::from_profile(&profile), profile),
    };
    let form = Form {
        fields: Fields::new(draft),
        base: RwSignal::new(base_profile),
        errors: RwSignal::new(BTreeMap::new()),
        status: RwSignal::new(Status::Editing),
        attempted: RwSignal::new(false),
    };

    // The outcome is handled where it arrives: each answer sets what the form shows next.
    let save_action = Action::new_local(move |(version, update): &(i64, ProfileUpdate)| {
        let (version, update) = (*version, update.clone());
        let navigate = navigate.clone();
        async move {
            match save(version, update).await {
                Outcome::Saved => navigate("/profile?saved=1", NavigateOptions::default()),
                Outcome::SessionEnded => {
                    // Keep what was typed across the sign-in; the form picks it up again.
                    let base = form.base.get_untracked();
                    let owner = base.contact.email.to_string();
                    let draft = form.fields.draft();
                    stash(DRAFT_STASH, &StashedDraft { owner, base, draft });
                    session_lost.run(());
                }
                Outcome::Invalid(found) => form.show_errors(found),
                Outcome::NeedsPassword => form.status.set(Status::NeedsPassword),
                Outcome::Conflict(current) => form.status.set(Status::Conflict(current)),
                Outcome::Failed(key) => form.status.set(Status::Problem(key)),
            }
        }
    });
    let saving = save_action.pending();

    let submit = move || {
        form.attempted.set(true);
        let draft = form.fields.draft();
        if let Err(found) = draft.as_full_update().validate() {
            form.show_errors(found);
            return;
        }
        form.errors.set(BTreeMap::new());
        let update = draft.changes(&form.base.get_untracked());
        if update.is_empty() {
            form.status.set(Status::Problem(Key::NothingChanged));
            return;
        }
        form.status.set(Status::Editing);
        save_action.dispatch_local((form.base.with_untracked(|b| b.version), update));
    };
    let problem = Signal::derive(move || match form.status.get() {
        Status::Problem(key) => Some(key),
        _ => None,
    });

    view! {
        <form
            class="card form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <ContactFields form=form password_fresh_until=password_fresh_until />
            <AddressFields form=form />
            <Field id="edit-language" label=Key::PreferredLanguage>
                <Select
                    value=Signal::derive(move || form.fields.language.get().tag().to_owned())
                    on_change=Callback::new(move |tag: String| {
                        if let Some(lang) = Language::from_tag(&tag) {
                            form.fields.language.set(lang);
                        }
                    })
                >
                    {Language::ALL
                        .into_iter()
                        .map(|lang| view! {
                            <option value=lang.tag() lang=lang.tag() selected=move || form.fields.language.get() == lang>
                                {language_name(lang)}
                            </option>
                        })
                        .collect_view()}
                </Select>
            </Field>
            <Field id="edit-other-info" label=Key::OtherInfo hint=Key::OtherInfoHint error=form.error("other_info")>
                <TextArea value=form.fields.other_info counted=true on_input=form.recheck("other_info") />
            </Field>

            <ErrorSummary message=problem fields=form.summary() />
            <SaveInterruptions
                form=form
                resume=Callback::new(move |_| {
                    if let Some(refresh) = on_reauthenticated {
                        refresh.run(());
                    }
                    submit();
                })
            />

            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || saving.get()>
                    {move || i18n.t(if saving.get() { Key::Saving } else { Key::Save })}
                </button>
                <A href="/profile" attr:class="button secondary">{tr(Key::Cancel)}</A>
            </div>
        </form>
    }
}

/// Email and phone, and the warning that changing them will ask for the password, shown
/// only when it will be asked.
#[component]
fn ContactFields(form: Form, password_fresh_until: MaybeProp<f64>) -> impl IntoView {
    let fields = form.fields;
    let sensitive = move || {
        let fresh = password_fresh_until
            .get()
            .is_some_and(|until| js_sys::Date::now() < until);
        !fresh
            && Draft {
                email: fields.email.get(),
                phone: fields.phone.get(),
                ..fields.draft()
            }
            .changes(&form.base.get())
            .needs_password()
    };
    view! {
        <Field id="edit-email" label=Key::Email error=form.error("email")>
            <TextInput value=fields.email kind="email" autocomplete="email" on_input=form.recheck("email") />
        </Field>
        <Field id="edit-phone" label=Key::Phone hint=Key::PhoneHint error=form.error("phone")>
            <TextInput value=fields.phone kind="tel" autocomplete="tel" on_input=form.recheck("phone") />
        </Field>
        // A live region, so the warning is heard as soon as the email or phone is changed.
        <div role="status" class="sensitive-status">
            <Show when=sensitive>
                <p class="notice info" id="sensitive-hint">{tr(Key::SensitiveHint)}</p>
            </Show>
        </div>
    }
}

#[component]
fn AddressFields(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let fields = form.fields;
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
        <fieldset>
            <legend>{tr(Key::Address)}</legend>
            <Field id="edit-street" label=Key::Street error=form.error("address.street")>
                <TextInput value=fields.street autocomplete="street-address" on_input=form.recheck("address.street") />
            </Field>
            <div class="field-pair">
                <Field id="edit-postal-code" label=Key::PostalCode error=form.error("address.postal_code")>
                    <TextInput value=fields.postal_code autocomplete="postal-code" on_input=form.recheck("address.postal_code") />
                </Field>
                <Field id="edit-city" label=Key::City error=form.error("address.city")>
                    <TextInput value=fields.city autocomplete="address-level2" on_input=form.recheck("address.city") />
                </Field>
            </div>
            <Field id="edit-country" label=Key::Country error=form.error("address.country")>
                <Select
                    value=fields.country
                    autocomplete="country"
                    on_change=Callback::new(move |code: String| {
                        fields.country.set(code);
                        form.recheck("address.country").run(());
                    })
                >
                    {country_options}
                </Select>
            </Field>
        </fieldset>
    }
}

/// What stops a save until the customer answers: the password, or someone else's change.
#[component]
fn SaveInterruptions(form: Form, resume: Callback<()>) -> impl IntoView {
    let password = move || {
        (form.status.get() == Status::NeedsPassword).then(|| {
            view! {
                <ReauthPanel
                    on_done=Callback::new(move |_| {
                        form.status.set(Status::Editing);
                        resume.run(());
                    })
                    on_cancel=Callback::new(move |_| form.status.set(Status::Editing))
                />
            }
        })
    };
    let conflict = move || match form.status.get() {
        Status::Conflict(current) => Some(view! {
            <ConflictView
                current=*current
                mine=form.fields.draft()
                on_keep_mine=Callback::new(move |current: Profile| {
                    form.base.set(current);
                    form.status.set(Status::Editing);
                    resume.run(());
                })
                on_take_saved=Callback::new(move |current: Profile| {
                    form.fields.set(Draft::from_profile(&current));
                    form.base.set(current);
                    form.errors.set(BTreeMap::new());
                    form.status.set(Status::Editing);
                })
            />
        }),
        _ => None,
    };
    view! {
        {password}
        {conflict}
    }
}
