//! The two signed-in areas, as layout routes. Each looks after its own session once: it asks
//! who is signed in when that is not known, shows its bar, and sends a visitor without a
//! session to its sign-in page. The pages inside only load and show their data.

use leptos::{context::Provider, prelude::*, task::spawn_local};
use leptos_router::components::{Outlet, Redirect};

use crate::{
    api::{self, ApiError},
    components::StaffBar,
    session::{sign_in_path, use_session, use_staff, AskedAtStart, Auth, Realm, Signed},
};

/// Learns whether a session is live, unless the tab already knows it is. A network failure
/// leaves it unknown: the pages then show the error with a retry.
pub fn check_session<T, Fut>(signed: Signed<T>, realm: Realm, ask: impl FnOnce() -> Fut + 'static)
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    if signed.0.with_untracked(Auth::is_signed_in) {
        return;
    }
    spawn_local(async move {
        let answer = ask().await;
        // A sign-in that finished while this was on its way wins.
        signed.0.update(|auth| {
            if auth.is_signed_in() {
                return;
            }
            match answer {
                Ok(info) => *auth = Auth::SignedIn(info),
                Err(e) if e.ends_session(realm) => *auth = Auth::Anonymous,
                Err(_) => {}
            }
        });
    });
}

/// How long after the first screen the others are fetched in the background.
const PRELOAD_AFTER: std::time::Duration = std::time::Duration::from_secs(8);

/// The customer's screens. The app asks for the session when it starts (unless this browser
/// has surely not signed in); coming back after signing out or an expiry asks again.
#[component]
pub fn CustomerArea() -> impl IntoView {
    let session = use_session();
    let asked_at_start = use_context::<AskedAtStart>().is_some_and(|asked| asked.0);
    if session.0.with_untracked(|a| *a != Auth::Unknown) || !asked_at_start {
        check_session(session, Realm::Customer, api::session);
    }
    // The other customer screens are fetched a while after the first one is up, when the
    // phone is idle (see routes.rs): compiling them right away would compete with the first
    // page's own start-up for the phone's CPU.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let signed_in = session.0.with(Auth::is_signed_in);
        if signed_in {
            set_timeout(
                || request_idle_callback(crate::routes::preload_customer_screens),
                PRELOAD_AFTER,
            );
        }
        signed_in
    });
    let redirect = move || {
        let expired = session.0.with(|auth| match auth {
            Auth::Anonymous => Some(false),
            Auth::Expired => Some(true),
            _ => None,
        })?;
        Some(view! { <Redirect path=sign_in_path(expired) /> })
    };
    view! {
        {redirect}
        <Provider value=Realm::Customer>
            <Outlet />
        </Provider>
    }
}

/// The staff screens: the staff bar once, above every page.
#[component]
pub fn StaffArea() -> impl IntoView {
    let staff = use_staff();
    check_session(staff, Realm::Staff, api::staff_session);
    let _ = window_event_listener(leptos::ev::online, move |_| {
        check_session(staff, Realm::Staff, api::staff_session);
    });
    let lost = move || {
        staff
            .0
            .with(|auth| matches!(auth, Auth::Anonymous | Auth::Expired))
    };
    view! {
        <div class="page">
            <StaffBar />
            <Show when=lost>
                <Redirect path="/staff/signin" />
            </Show>
            <Provider value=Realm::Staff>
                <Outlet />
            </Provider>
        </div>
    }
}
