//! Kleverapp self-service: the browser app. `main.rs` only mounts [`App`].

pub mod api;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod layout;
pub mod legal;
pub mod pages;
pub mod session;
pub mod stash;
pub mod values;

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path,
};

pub use session::{Auth, Session, StaffSession};

use crate::{
    components::SiteHeader,
    i18n::{provide_i18n, tr, I18n, Key},
    layout::{check_session, CustomerArea, StaffArea},
    pages::{
        CorrectionPage, EditProfilePage, MarketingPage, NotFoundPage, ProfilePage, RequestsPage,
        SignInPage, StaffHomePage, StaffRequestPage, StaffSignInPage,
    },
    session::Realm,
};

#[component]
pub fn App() -> impl IntoView {
    provide_i18n(I18n::detect());
    let session = Session::new();
    provide_context(session);
    provide_context(StaffSession::new());
    // Learn at once whether a session is live, so the header offers sign-out on any page.
    check_session(session, Realm::Customer, api::session);

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=dom::skip_to_main>
                {tr(Key::SkipToContent)}
            </a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile" /> } />
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/staff/signin") view=StaffSignInPage />
                    <ParentRoute path=path!("/staff") view=StaffArea>
                        <Route path=path!("") view=StaffHomePage />
                        <Route path=path!("requests/:id") view=StaffRequestPage />
                    </ParentRoute>
                    <ParentRoute path=path!("") view=CustomerArea>
                        <Route path=path!("profile") view=ProfilePage />
                        <Route path=path!("profile/edit") view=EditProfilePage />
                        <Route path=path!("profile/marketing") view=MarketingPage />
                        <Route path=path!("requests") view=RequestsPage />
                        <Route path=path!("requests/correction") view=CorrectionPage />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}
