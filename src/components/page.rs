use std::sync::atomic::{AtomicBool, Ordering};

use leptos::{html, prelude::*};

use crate::i18n::{tr, use_i18n, Key};

/// Set once the first page has shown, so later pages know they were navigated to.
static NAVIGATED: AtomicBool = AtomicBool::new(false);

/// The page's `<h1>`. It names the page in the document title, and after an in-app
/// navigation it takes focus so screen readers announce the new page.
#[component]
pub fn PageHeading(key: Key) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H1>::new();
    // The title is outside the app's DOM: an effect keeps it in step with the language.
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
