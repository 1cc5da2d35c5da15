use leptos::prelude::*;
use leptos_router::components::A;

use crate::{
    components::PageHeading,
    i18n::{tr, Key},
};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <div class="page narrow">
            <PageHeading key=Key::NotFoundTitle />
            <p>{tr(Key::NotFoundText)}</p>
            <p>
                <A href="/profile">{tr(Key::BackHome)}</A>
            </p>
        </div>
    }
}
