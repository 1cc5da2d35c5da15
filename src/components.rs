//! Pieces every screen shares: header, language switcher, page heading, loading and error states.

use std::sync::atomic::{AtomicBool, Ordering};

use klever_api::Language;
use leptos::{html, prelude::*, task::spawn_local};
use leptos_router::{
    components::{Redirect, A},
    hooks::use_navigate,
    NavigateOptions,
};
use wasm_bindgen::JsCast;

use crate::{
    api::{self, ApiError},
    i18n::{language_name, tr, use_i18n, Key},
    use_session,
};

/// Moves focus to the main region; the default jump would be taken over by the router.
pub fn skip_to_main(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            // Forget the session locally even if the server is unreachable: the cookie
            // expires on its own, and the customer asked to leave.
            let _ = api::sign_out().await;
            clear_stashes();
            session.0.set(None);
            navigate("/signin", NavigateOptions::default());
        });
    };
    view! {
        <header class="site-header">
            <A href="/profile" attr:class="brand">{tr(Key::AppName)}</A>
            <Show when=move || session.0.with(Option::is_some)>
                <nav class="main-nav" aria-label=tr(Key::MainNav)>
                    <A href="/profile">{tr(Key::NavProfile)}</A>
                    <A href="/requests">{tr(Key::NavRequests)}</A>
                </nav>
            </Show>
            <div class="header-tools">
                <LanguageSwitcher />
                <Show when=move || session.0.with(Option::is_some)>
                    <span class="signed-in">
                        <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                        {move || session.0.with(|s| s.as_ref().map(|s| format!("{} {}", s.first_name, s.last_name)))}
                    </span>
                    <button type="button" class="button secondary" on:click=sign_out.clone()>
                        {tr(Key::SignOut)}
                    </button>
                </Show>
            </div>
        </header>
    }
}

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="language">
            <span class="label-text">{tr(Key::Language)}</span>
            <select
                prop:value=move || i18n.lang.get().tag()
                on:change:target=move |ev| {
                    if let Some(lang) = Language::from_tag(&ev.target().value()) {
                        i18n.set(lang);
                    }
                }
            >
                {Language::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.tag() lang=lang.tag() selected=move || i18n.lang.get() == lang>
                                {language_name(lang)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Set once the first page has shown, so later pages know they were navigated to.
static NAVIGATED: AtomicBool = AtomicBool::new(false);

/// The page's `<h1>`. It names the page in the document title, and after an in-app
/// navigation it takes focus so screen readers announce the new page.
#[component]
pub fn PageHeading(key: Key) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        document().set_title(&format!("{} – {}", i18n.t(key), i18n.t(Key::AppName)));
    });
    heading.on_load(|h1| {
        if NAVIGATED.swap(true, Ordering::Relaxed) {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{tr(key)}</h1>
    }
}

/// The message for a failed call: what happened, in the customer's language.
pub fn error_key(error: &ApiError) -> Key {
    match error {
        ApiError::Network => Key::NetworkError,
        ApiError::Unauthorized => Key::SessionEnded,
        ApiError::Rejected { body, .. } => match body.code {
            klever_api::ErrorCode::InvalidCredentials => Key::InvalidCredentials,
            klever_api::ErrorCode::TooManyAttempts => Key::TooManyAttempts,
            klever_api::ErrorCode::ValidationFailed => Key::FixErrors,
            _ => Key::ServerError,
        },
    }
}

/// Whose screens a load belongs to: a lost session sends each to their own sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realm {
    Customer,
    Staff,
}

/// Renders a `LocalResource` of an API call: a loading state, the content, or an error
/// with a retry button. A lost session sends the customer to the sign-in page.
pub fn load<T, V, F>(resource: LocalResource<Result<T, ApiError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    load_in(Realm::Customer, resource, render)
}

/// [`load`] for either realm; on staff screens a customer session (403) also means
/// "sign in as staff".
pub fn load_in<T, V, F>(
    realm: Realm,
    resource: LocalResource<Result<T, ApiError>>,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let session = use_session();
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{tr(Key::Loading)}</p> }>
            {
                let render = render.clone();
                move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        let forbidden = |e: &ApiError| {
                            realm == Realm::Staff && e.code() == Some(klever_api::ErrorCode::Forbidden)
                        };
                        match resource.await {
                            Ok(data) => render(data).into_any(),
                            Err(e) if realm == Realm::Staff && (e == ApiError::Unauthorized || forbidden(&e)) => {
                                view! { <Redirect path="/staff/signin" /> }.into_any()
                            }
                            Err(ApiError::Unauthorized) => {
                                let expired = session.0.get_untracked().is_some();
                                session.0.set(None);
                                view! { <Redirect path=sign_in_path(expired) /> }.into_any()
                            }
                            Err(error) => {
                                view! {
                                    <ErrorNotice
                                        error=error
                                        on_retry=Callback::new(move |_| resource.refetch())
                                    />
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}

#[component]
pub fn ErrorNotice(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let key = error_key(&error);
    view! {
        <div class="notice error" role="alert">
            <p>
                <strong>{tr(Key::LoadFailed)}</strong>
                " "
                {tr(key)}
            </p>
            <button type="button" class="button secondary" on:click=move |_| on_retry.run(())>
                {tr(Key::Retry)}
            </button>
        </div>
    }
}

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

/// One labelled value in a definition list; `locked` marks what only staff may change.
#[component]
pub fn FieldRow(
    label: Key,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(optional)] locked: bool,
    #[prop(optional, into)] test_id: Option<&'static str>,
    /// For a locked field: the correction request it opens.
    #[prop(optional)]
    correct: Option<klever_api::ProfileField>,
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
pub fn CorrectionLink(field: klever_api::ProfileField, label: Key) -> impl IntoView {
    view! {
        <A href=format!("/requests/correction?field={}", field.code()) attr:class="correct-link">
            {tr(Key::RequestCorrection)}
            <span class="visually-hidden">": " {tr(label)}</span>
        </A>
    }
}

/// The sign-in page, told where to come back to: the page the customer is on now.
pub fn sign_in_path(expired: bool) -> String {
    let location = window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let next = String::from(js_sys::encode_uri_component(&here));
    let expired = if expired { "expired=1&" } else { "" };
    format!("/signin?{expired}next={next}")
}

/// A `next` target from the query string, if it is a path of this app (never another site).
/// Only visible ASCII is accepted: browsers drop tabs and line breaks from URLs and read
/// `\` as `/`, so `/<tab>/evil.example` would otherwise leave the site.
pub fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
    })
}

const STASH_PREFIX: &str = "klever.stash.";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// Keeps unsaved input for this tab (not for other tabs, not after it closes), so a form
/// can be filled again after signing in anew.
pub fn stash<T: serde::Serialize>(name: &str, value: &T) {
    if let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(&format!("{STASH_PREFIX}{name}"), &json);
    }
}

/// Takes a stashed value out; it is used once.
pub fn take_stash<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    let storage = session_storage()?;
    let key = format!("{STASH_PREFIX}{name}");
    let json = storage.get_item(&key).ok().flatten()?;
    let _ = storage.remove_item(&key);
    serde_json::from_str(&json).ok()
}

/// Forgets every stash: signing out must not leave one customer's input for the next.
pub fn clear_stashes() {
    let Some(storage) = session_storage() else {
        return;
    };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(STASH_PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
