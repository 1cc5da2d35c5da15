//! The frame around every page: the header, the phone's tab bar, the footer, and the staff bar.

use klever_api::Language;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{components::A, hooks::use_navigate, NavigateOptions};

use crate::{
    api,
    i18n::{language_name, tr, use_i18n, Key},
    session::{use_session, use_staff, Auth},
    stash::clear_stashes,
};

/// Klever's mark: a K in a rounded square. Decorative; the name beside it is the text.
#[component]
pub fn Logo() -> impl IntoView {
    view! {
        <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" fill="#ffffff" />
            <path d="M9 7h4.2v7.6L20.1 7h5.2l-7.4 8 7.8 10h-5.3l-5.5-7.3-1.7 1.8V25H9z" fill="#0b5563" />
        </svg>
    }
}

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
    // The tab bar takes the bottom of a phone's screen; the page keeps room for it.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.class_list().toggle_with_force("has-tabs", signed_in());
        }
    });
    view! {
        <header class="site-header">
            <A href="/profile" attr:class="brand">
                <Logo />
                <span>{tr(Key::AppName)}</span>
            </A>
            // One box from the logo to the end of the header, with the language switch at its
            // end: what signing in adds (the desktop menu, the name, sign-out) appears before
            // the switch, so nothing moves when the session answer arrives.
            <div class="header-tools">
                <Show when=signed_in>
                    <nav class="main-nav" aria-label=tr(Key::MainNav)>
                        <A href="/profile" exact=true>{tr(Key::NavProfile)}</A>
                        <A href="/profile/marketing">{tr(Key::NavMarketing)}</A>
                        <A href="/requests">{tr(Key::NavRequests)}</A>
                    </nav>
                    <span class="signed-in">
                        <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                        {move || session.0.with(|s| s.info().map(|s| format!("{} {}", s.first_name, s.last_name)))}
                    </span>
                    <button type="button" class="icon-button" on:click=sign_out.clone()>
                        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
                            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
                            <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
                        </svg>
                        <span class="sign-out-text">{tr(Key::SignOut)}</span>
                    </button>
                </Show>
                <LanguageSwitcher />
            </div>
        </header>
        <Show when=signed_in>
            <TabBar />
        </Show>
    }
}

/// The phone's navigation: the three places of the app at the bottom of the screen.
#[component]
fn TabBar() -> impl IntoView {
    let icon = |d: &'static str| {
        view! {
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none"
                stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
                <path d=d />
            </svg>
        }
    };
    view! {
        <nav class="tab-bar" aria-label=tr(Key::TabNav)>
            <A href="/profile" exact=true>
                {icon("M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z")}
                {tr(Key::NavProfile)}
            </A>
            <A href="/profile/marketing">
                {icon("M3 11v2a1 1 0 0 0 1 1h2l5 4V6L6 10H4a1 1 0 0 0-1 1zM15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13")}
                {tr(Key::NavMarketing)}
            </A>
            <A href="/requests">
                {icon("M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9zM14 3v6h6M8 13h8M8 17h5")}
                {tr(Key::NavRequests)}
            </A>
        </nav>
    }
}

/// FI | SV | EN: each language named in itself for screen readers. A language's texts are
/// downloaded when it is first chosen; if that fails, an alert says so below the header.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || i18n.unavailable.get().is_some()>
            <div class="lang-unavailable" role="alert">
                <p>{tr(Key::LanguageNotLoaded)}</p>
                <button type="button" aria-label=tr(Key::Dismiss) on:click=move |_| i18n.unavailable.set(None)>
                    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"
                        fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
                        <path d="M6 6l12 12M18 6L6 18" />
                    </svg>
                </button>
            </div>
        </Show>
        <ul class="lang-switch" aria-label=tr(Key::Language)>
            {Language::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <li>
                            <button
                                type="button"
                                lang=lang.tag()
                                aria-pressed=move || if i18n.lang.get() == lang { "true" } else { "false" }
                                on:click=move |_| i18n.set(lang)
                            >
                                {lang.tag().to_uppercase()}
                                <span class="visually-hidden">" " {language_name(lang)}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Who Klever is and how to reach it, and the notices every page links to.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="inner">
                <div>
                    <p><strong>"Klever Ab Oy"</strong> " · " {tr(Key::BusinessId)} " 2697436-4"</p>
                    <p>"Pitkäkatu 34, 65100 Vaasa"</p>
                    <p>
                        {tr(Key::CustomerServiceHours)} " "
                        <a href="tel:+358207780490">"+358 20 7780 490"</a>
                    </p>
                </div>
                <nav aria-label=tr(Key::FooterNav)>
                    <ul>
                        <li><A href="/privacy">{tr(Key::PrivacyTitle)}</A></li>
                        <li><A href="/accessibility">{tr(Key::AccessibilityTitle)}</A></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// Says so while the device has no network: the kept app still opens, but no data can come.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(window().navigator().on_line());
    let _ = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    view! {
        <div role="status">
            <Show when=move || !online.get()>
                <p class="offline-banner">{tr(Key::Offline)}</p>
            </Show>
        </div>
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
