//! The bars at the top: the site header on every page, the staff bar on staff screens.

use klever_api::Language;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};

use crate::{
    api,
    i18n::{language_name, tr, use_i18n, Key},
    session::{use_session, use_staff, Auth},
    stash::clear_stashes,
};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let signed_in = move || session.0.with(Auth::is_signed_in);
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            // Forget the session locally even if the server is unreachable: the cookie
            // expires on its own, and the customer asked to leave.
            let _ = api::sign_out().await;
            clear_stashes();
            session.0.set(Auth::SignedOut);
            navigate("/signin", NavigateOptions::default());
        });
    };
    view! {
        <header class="site-header">
            <A href="/profile" attr:class="brand">{tr(Key::AppName)}</A>
            <Show when=signed_in>
                <nav class="main-nav" aria-label=tr(Key::MainNav)>
                    <A href="/profile">{tr(Key::NavProfile)}</A>
                    <A href="/requests">{tr(Key::NavRequests)}</A>
                </nav>
            </Show>
            <div class="header-tools">
                <LanguageSwitcher />
                <Show when=signed_in>
                    <span class="signed-in">
                        <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                        {move || session.0.with(|s| s.info().map(|s| format!("{} {}", s.first_name, s.last_name)))}
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

/// Who is signed in as staff, with a way out.
#[component]
pub fn StaffBar() -> impl IntoView {
    let staff = use_staff();
    let navigate = use_navigate();
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::staff_sign_out().await;
            staff.0.set(Auth::SignedOut);
            navigate("/staff/signin", NavigateOptions::default());
        });
    };
    view! {
        <div class="staff-bar">
            <span>{tr(Key::StaffOnly)}</span>
            <Show when=move || staff.0.with(Auth::is_signed_in)>
                <span class="signed-in">
                    <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                    {move || staff.0.with(|s| s.info().map(|s| s.name.clone()))}
                </span>
                <button type="button" class="button secondary" on:click=sign_out.clone()>{tr(Key::SignOut)}</button>
            </Show>
        </div>
    }
}
