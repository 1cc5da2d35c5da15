use std::sync::atomic::{AtomicBool, Ordering};

use leptos::{html, prelude::*};

use crate::i18n::{tr, use_i18n, Key};

/// The document title: the page's name, prefixed with "Error:" while a form on it shows
/// errors. One place writes it, so the page and its forms never overwrite each other.
#[derive(Clone, Copy)]
pub struct PageTitle {
    page: RwSignal<Option<Key>>,
    /// How many error summaries are showing errors now.
    errors: RwSignal<usize>,
}

impl PageTitle {
    /// Provides the title for the app and keeps `document.title` in step with it.
    pub fn provide() {
        let title = PageTitle {
            page: RwSignal::new(None),
            errors: RwSignal::new(0),
        };
        provide_context(title);
        let i18n = use_i18n();
        // The title is outside the app's DOM: an effect keeps it in step.
        Effect::new(move |_| {
            let name = title.page.get().map(|k| i18n.t(k)).unwrap_or_default();
            let prefix = if title.errors.get() > 0 {
                format!("{}: ", i18n.t(Key::ErrorPrefix))
            } else {
                String::new()
            };
            let app = i18n.t(Key::AppName);
            let text = if name.is_empty() {
                app.to_owned()
            } else {
                format!("{prefix}{name} – {app}")
            };
            document().set_title(&text);
        });
    }

    /// Marks errors shown (or no longer shown) by one error summary.
    pub fn errors_shown(shown: bool) {
        if let Some(title) = use_context::<PageTitle>() {
            title
                .errors
                .update(|n| *n = if shown { *n + 1 } else { n.saturating_sub(1) });
        }
    }
}

/// Set once the first page has shown, so later pages know they were navigated to.
static NAVIGATED: AtomicBool = AtomicBool::new(false);

/// The page's `<h1>`. It names the page in the document title, and after an in-app
/// navigation it takes focus so screen readers announce the new page.
#[component]
pub fn PageHeading(key: Key) -> impl IntoView {
    if let Some(title) = use_context::<PageTitle>() {
        title.page.set(Some(key));
        title.errors.set(0);
    }
    let heading = NodeRef::<html::H1>::new();
    heading.on_load(|h1| {
        if NAVIGATED.swap(true, Ordering::Relaxed) {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>{tr(key)}</h1>
    }
}
