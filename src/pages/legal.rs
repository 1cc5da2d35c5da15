//! The privacy notice and the accessibility statement: readable without signing in.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::PageHeading,
    i18n::{tr, use_i18n, Key},
    legal::{accessibility_statement, privacy_notice, Section},
};

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <ReadingPage title=Key::PrivacyTitle intro=Key::PrivacyIntro sections=privacy_notice /> }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! {
        <ReadingPage title=Key::AccessibilityTitle intro=Key::AccessibilityIntro sections=accessibility_statement />
    }
}

/// A page of titled sections in the page's language.
#[component]
fn ReadingPage(
    title: Key,
    intro: Key,
    sections: fn(klever_api::Language) -> &'static [Section],
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page prose">
            <PageHeading key=title />
            <p class="lead">{tr(intro)}</p>
            {move || sections(i18n.lang.get()).iter().map(section_view).collect_view()}
        </div>
    }
}

fn section_view(s: &'static Section) -> impl IntoView {
    let heading_id = format!("{}-heading", s.id);
    let labelled_by = heading_id.clone();
    view! {
        <section id=s.id aria-labelledby=labelled_by>
            <h2 id=heading_id>{s.heading}</h2>
            {s.paragraphs.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            {(!s.items.is_empty()).then(|| view! {
                <ul>{s.items.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
            })}
            {(!s.links.is_empty()).then(|| view! {
                <ul class="links plain">
                    {s.links.iter().map(|l| view! { <li><A href=l.href>{l.label}</A></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}
