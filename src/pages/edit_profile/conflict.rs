//! When someone else saved first: what is saved now beside what the customer typed.

use klever_api::Profile;
use leptos::{either::Either, prelude::*};

use super::draft::Draft;
use crate::i18n::{language_name, tr, use_i18n, Key};

/// Shows, for each field the customer changed, what is saved now beside their own value.
#[component]
pub(super) fn ConflictView(
    current: Profile,
    mine: Draft,
    on_keep_mine: Callback<Profile>,
    on_take_saved: Callback<Profile>,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved = Draft::from_profile(&current);
    let one_line = |d: &Draft| d.address().map(|a| a.one_line()).unwrap_or_default();
    let rows: Vec<(Key, String, String)> = [
        (Key::Email, saved.email.clone(), mine.email.clone()),
        (Key::Phone, saved.phone.clone(), mine.phone.clone()),
        (Key::Address, one_line(&saved), one_line(&mine)),
        (
            Key::PreferredLanguage,
            language_name(saved.language).to_owned(),
            language_name(mine.language).to_owned(),
        ),
        (
            Key::OtherInfo,
            saved.other_info.clone(),
            mine.other_info.clone(),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a.trim() != b.trim())
    .collect();
    let heading = NodeRef::<leptos::html::H2>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let keep = current.clone();
    let shown = move |value: String| {
        if value.is_empty() {
            Either::Left(move || i18n.t(Key::NotGiven))
        } else {
            Either::Right(value)
        }
    };
    view! {
        <section class="card inset conflict" role="group" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading" tabindex="-1" node_ref=heading>{tr(Key::ConflictTitle)}</h2>
            <p>{tr(Key::ConflictText)}</p>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::Field)}</th>
                        <th scope="col">{tr(Key::SavedNow)}</th>
                        <th scope="col">{tr(Key::YourChange)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(key, theirs, yours)| view! {
                            <tr>
                                <th scope="row" data-label=tr(Key::Field)>{tr(key)}</th>
                                <td data-label=tr(Key::SavedNow)>{shown(theirs)}</td>
                                <td data-label=tr(Key::YourChange)>{shown(yours)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=move |_| on_keep_mine.run(keep.clone())>
                    {tr(Key::KeepMine)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_take_saved.run(current.clone())>
                    {tr(Key::TakeSaved)}
                </button>
            </div>
        </section>
    }
}
