//! Kleverapp self-service: the browser app. `main.rs` only mounts [`App`].

pub mod api;
pub mod components;
pub mod dom;
pub mod i18n;
pub mod layout;
pub mod legal;
pub mod pages;
pub mod routes;
pub mod session;
pub mod stash;
pub mod values;

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path, Lazy,
};
use wasm_bindgen::JsCast;

pub use session::{Auth, Session, StaffSession};

use crate::{
    components::{OfflineBanner, SiteFooter, SiteHeader},
    i18n::{provide_i18n, tr, Key},
    layout::{check_session, CustomerArea, StaffArea},
    pages::{NotFoundPage, ProfilePage, SignInPage},
    routes::{
        AccessibilityRoute, ActivateRoute, CorrectionRoute, DevicesRoute, EditRoute, ForgotRoute,
        MarketingRoute, MyDataRoute, PasswordRoute, PrivacyRoute, RequestsRoute, ResetRoute,
        StaffCustomerRoute, StaffCustomersRoute, StaffHomeRoute, StaffRequestRoute,
        StaffSignInRoute,
    },
    session::Realm,
};

/// Asks the browser to keep the app shell for starting offline (`src/web/sw.js`). Browsers
/// without service workers, or pages not served over HTTPS or from localhost, simply skip it.
pub fn register_service_worker() {
    let navigator = window().navigator();
    let Ok(container) = js_sys::Reflect::get(&navigator, &"serviceWorker".into()) else {
        return;
    };
    if container.is_undefined() {
        return;
    }
    let register = js_sys::Reflect::get(&container, &"register".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(register) = register {
        // A failure only means no offline start; the app itself is unaffected.
        let _ = register.call1(&container, &"/sw.js".into());
    }
}

/// The whole app, in `lang`, whose texts must be here already (`i18n::start`).
#[component]
pub fn App(lang: klever_api::Language) -> impl IntoView {
    provide_i18n(lang);
    components::PageTitle::provide();
    let session = Session::new();
    provide_context(session);
    provide_context(StaffSession::new());
    // Learn at once whether a session is live, so the header offers sign-out on any page;
    // an app started offline asks again when the network is back. A browser that has not
    // signed in since it signed out is not asked (session.rs, `may_be_signed_in`).
    session::keep_signed_in_note(session);
    let ask = session::may_be_signed_in();
    provide_context(session::AskedAtStart(ask));
    if ask {
        check_session(session, Realm::Customer, api::session);
    }
    let _ = window_event_listener(leptos::ev::online, move |_| {
        if session::may_be_signed_in() {
            check_session(session, Realm::Customer, api::session);
        }
    });

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=dom::skip_to_main>
                {tr(Key::SkipToContent)}
            </a>
            <SiteHeader />
            <OfflineBanner />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=|| view! { <Redirect path="/profile" /> } />
                    <Route path=path!("/signin") view=SignInPage />
                    <Route path=path!("/account/forgot") view={Lazy::<ForgotRoute>::new()} />
                    <Route path=path!("/account/reset") view={Lazy::<ResetRoute>::new()} />
                    <Route path=path!("/account/activate") view={Lazy::<ActivateRoute>::new()} />
                    <Route path=path!("/privacy") view={Lazy::<PrivacyRoute>::new()} />
                    <Route path=path!("/accessibility") view={Lazy::<AccessibilityRoute>::new()} />
                    <Route path=path!("/staff/signin") view={Lazy::<StaffSignInRoute>::new()} />
                    <ParentRoute path=path!("/staff") view=StaffArea>
                        <Route path=path!("") view={Lazy::<StaffHomeRoute>::new()} />
                        <Route path=path!("requests/:id") view={Lazy::<StaffRequestRoute>::new()} />
                        <Route path=path!("customers") view={Lazy::<StaffCustomersRoute>::new()} />
                        <Route path=path!("customers/:id") view={Lazy::<StaffCustomerRoute>::new()} />
                    </ParentRoute>
                    <ParentRoute path=path!("") view=CustomerArea>
                        <Route path=path!("profile") view=ProfilePage />
                        <Route path=path!("profile/edit") view={Lazy::<EditRoute>::new()} />
                        <Route path=path!("profile/marketing") view={Lazy::<MarketingRoute>::new()} />
                        <Route path=path!("profile/devices") view={Lazy::<DevicesRoute>::new()} />
                        <Route path=path!("profile/password") view={Lazy::<PasswordRoute>::new()} />
                        <Route path=path!("requests") view={Lazy::<RequestsRoute>::new()} />
                        <Route path=path!("requests/correction") view={Lazy::<CorrectionRoute>::new()} />
                        <Route path=path!("requests/data") view={Lazy::<MyDataRoute>::new()} />
                    </ParentRoute>
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
