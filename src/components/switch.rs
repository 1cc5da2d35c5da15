use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key};

/// An on/off choice that takes effect at once: a button with `role="switch"`, operated with
/// Enter or Space like any button, its state also in words beside it, and a line under it
/// that is read with it.
#[component]
pub fn Switch(
    /// Makes the ids: `{id}-switch`, `{id}-label`, `{id}-state`; also `data-choice`.
    id: &'static str,
    label: Key,
    #[prop(into)] on: Signal<bool>,
    /// The state in words when on, and when off.
    on_text: Key,
    off_text: Key,
    /// The line under it: when it last changed, or why it cannot be changed now.
    #[prop(into)]
    meta: Signal<String>,
    /// Shown and announced, but not operable.
    #[prop(optional, into)]
    locked: Signal<bool>,
    /// A change is being saved.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// The id of a further description, such as a hint under the switch.
    #[prop(default = None)]
    hint_id: Option<&'static str>,
    on_toggle: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label_id = format!("{id}-label");
    let state_id = format!("{id}-state");
    let described_by = match hint_id {
        Some(hint) => format!("{state_id} {hint}"),
        None => state_id.clone(),
    };
    view! {
        <div class="switch-row" data-choice=id>
            <span class="switch-label" id=label_id.clone()>{tr(label)}</span>
            <button
                type="button"
                role="switch"
                class="switch"
                id=format!("{id}-switch")
                aria-checked=move || if on.get() { "true" } else { "false" }
                aria-labelledby=label_id
                aria-describedby=described_by
                aria-disabled=move || locked.get().then_some("true")
                aria-busy=move || busy.get().then_some("true")
                on:click=move |_| {
                    if !locked.get_untracked() {
                        on_toggle.run(());
                    }
                }
            >
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                <span class="switch-text" aria-hidden="true">
                    {move || i18n.t(if on.get() { on_text } else { off_text })}
                </span>
            </button>
            <span class="switch-meta" id=state_id>
                {move || meta.get()}
                {move || busy.get().then(|| view! { " · " {tr(Key::Saving)} })}
            </span>
        </div>
    }
}
