//! Kleverapp self-service: the browser app. `main.rs` only mounts [`App`].

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;

use klever_api::SessionInfo;
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use crate::{
    components::SiteHeader,
    i18n::{provide_i18n, tr, I18n, Key},
    pages::{
        CorrectionPage, EditProfilePage, MarketingPage, NotFoundPage, ProfilePage, RequestsPage,
        SignInPage, StaffQueuePage, StaffRequestPage, StaffSignInPage,
    },
};

/// Who is signed in, as far as this tab knows; `None` before the first answer and after sign-out.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<SessionInfo>>);

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The signed-in employee on the staff screens, kept apart from the customer session.
#[derive(Clone, Copy)]
pub struct StaffSession(pub RwSignal<Option<klever_api::StaffInfo>>);

pub fn use_staff() -> StaffSession {
    expect_context::<StaffSession>()
}

#[component]
pub fn App() -> impl IntoView {
    provide_i18n(I18n::detect());
    let session = Session(RwSignal::new(None));
    provide_context(session);
    provide_context(StaffSession(RwSignal::new(None)));
    // Learn whether a session is already live, so the header can offer sign-out on reload.
    spawn_local(async move {
        if let Ok(info) = api::session().await {
            session.0.set(Some(info));
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=components::skip_to_main>
                {tr(Key::SkipToContent)}
            </a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile" /> } />
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/profile") view=ProfilePage />
                    <Route path=path!("/profile/edit") view=EditProfilePage />
                    <Route path=path!("/profile/marketing") view=MarketingPage />
                    <Route path=path!("/requests") view=RequestsPage />
                    <Route path=path!("/requests/correction") view=CorrectionPage />
                    <Route path=path!("/staff/signin") view=StaffSignInPage />
                    <Route path=path!("/staff") view=StaffQueuePage />
                    <Route path=path!("/staff/requests/:id") view=StaffRequestPage />
                </Routes>
            </main>
        </Router>
    }
}
