//! Direct-marketing bans and consents as switches that save at once, and their history.

use klever_api::{ConsentLogEntry, MarketingChoice, MarketingChoices};
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    components::{load, PageHeading},
    i18n::{format_instant, tr, use_i18n, Key},
};

#[component]
pub fn MarketingPage() -> impl IntoView {
    let choices = LocalResource::new(api::marketing);
    let log = LocalResource::new(api::consent_log);
    view! {
        <div class="page form-page">
            <PageHeading key=Key::MarketingChoices />
            <p class="lead">{tr(Key::MarketingIntro)}</p>
            {load(choices, move |saved| view! { <MarketingSwitches saved=saved on_saved=Callback::new(move |_| log.refetch()) /> })}
            <section class="card" aria-labelledby="consent-log-heading">
                <h2 id="consent-log-heading">{tr(Key::ConsentLog)}</h2>
                <p class="meta">{tr(Key::ConsentLogIntro)}</p>
                {load(log, consent_log_view)}
            </section>
        </div>
    }
}

/// Why the last attempt is shown: which choice, and whether it was saved.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Notice {
    Saved,
    Failed(Key),
}

#[component]
pub fn MarketingSwitches(saved: MarketingChoices, on_saved: Callback<()>) -> impl IntoView {
    // What the server has confirmed; the switches show this except while a save is on its way.
    let saved = RwSignal::new(saved);
    let pending = RwSignal::new(None::<(MarketingChoice, bool)>);
    let notice = RwSignal::new(None::<Notice>);
    let save = Action::new_local(|(choice, value): &(MarketingChoice, bool)| {
        api::set_marketing(*choice, *value)
    });

    Effect::new(move |_| {
        let Some(result) = save.value().get() else {
            return;
        };
        pending.set(None);
        match result {
            Ok(state) => {
                saved.set(state);
                notice.set(Some(Notice::Saved));
                on_saved.run(());
            }
            // The switch falls back to the saved value because `pending` is cleared.
            Err(ApiError::Unauthorized) => notice.set(Some(Notice::Failed(Key::SessionEnded))),
            Err(_) => notice.set(Some(Notice::Failed(Key::ChoiceNotSaved))),
        }
    });

    let toggle = move |choice: MarketingChoice| {
        if pending.get_untracked().is_some() {
            return;
        }
        let value = !saved.with_untracked(|s| s.get(choice));
        notice.set(None);
        pending.set(Some((choice, value)));
        save.dispatch_local((choice, value));
    };

    let switch =
        move |choice: MarketingChoice, on_label: Key, off_label: Key, overridable: bool| {
            view! {
                <Switch
                    choice=choice
                    saved=saved
                    pending=pending
                    on_label=on_label
                    off_label=off_label
                    overridable=overridable
                    on_toggle=Callback::new(toggle)
                />
            }
        };

    view! {
        <div class="card">
            <div class="switch-list">
                {switch(MarketingChoice::BanAll, Key::Banned, Key::Allowed, false)}
                <p class="hint" id="ban_all-hint">{tr(Key::BanAllHint)}</p>
            </div>
            <h2 class="group-heading" id="channel-bans-heading">{tr(Key::ChannelBans)}</h2>
            <div class="switch-list" role="group" aria-labelledby="channel-bans-heading">
                {MarketingChoice::CHANNEL_BANS
                    .into_iter()
                    .map(|c| switch(c, Key::Banned, Key::Allowed, true))
                    .collect_view()}
            </div>
            <h2 class="group-heading" id="consents-heading">{tr(Key::Consents)}</h2>
            <div class="switch-list" role="group" aria-labelledby="consents-heading">
                {[
                    MarketingChoice::ConsentMarketResearch,
                    MarketingChoice::ConsentResearchDisclosure,
                    MarketingChoice::ConsentTargeting,
                ]
                    .into_iter()
                    .map(|c| switch(c, Key::ConsentGiven, Key::ConsentNotGiven, false))
                    .collect_view()}
            </div>
            <div class="switch-notice" role="status" aria-live="polite">
                {move || match notice.get() {
                    Some(Notice::Saved) => Some(view! { <p class="notice success">{tr(Key::ChoiceSaved)}</p> }.into_any()),
                    _ => None,
                }}
            </div>
            <div class="switch-notice" role="alert">
                {move || match notice.get() {
                    Some(Notice::Failed(key)) => Some(view! { <p class="notice error">{tr(key)}</p> }),
                    _ => None,
                }}
            </div>
        </div>
    }
}

/// One choice as an accessible switch: a button with `role="switch"` whose state is
/// announced, operated with Enter or Space like any button.
#[component]
fn Switch(
    choice: MarketingChoice,
    saved: RwSignal<MarketingChoices>,
    pending: RwSignal<Option<(MarketingChoice, bool)>>,
    on_label: Key,
    off_label: Key,
    /// A channel ban that "ban all" overrides.
    overridable: bool,
    on_toggle: Callback<MarketingChoice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = choice.code();
    let label_id = format!("{code}-label");
    let state_id = format!("{code}-state");
    let overridden = move || overridable && saved.with(|s| s.ban_all);
    let is_on = move || match pending.get() {
        Some((c, value)) if c == choice => value,
        _ => saved.with(|s| s.get(choice)) || overridden(),
    };
    let busy = move || pending.with(|p| p.is_some_and(|(c, _)| c == choice));
    let changed = move || {
        saved.with(|s| {
            s.changed_at
                .get(&choice)
                .map(|at| {
                    format!(
                        "{}: {}",
                        i18n.t(Key::LastChanged),
                        format_instant(i18n.lang.get(), at)
                    )
                })
                .unwrap_or_else(|| i18n.t(Key::NeverChanged).to_owned())
        })
    };
    let described_by = if choice == MarketingChoice::BanAll {
        format!("{state_id} ban_all-hint")
    } else {
        state_id.clone()
    };
    view! {
        <div class="switch-row" data-choice=code>
            <span class="switch-label" id=label_id.clone()>{tr(Key::marketing(choice))}</span>
            <button
                type="button"
                role="switch"
                class="switch"
                id=format!("{code}-switch")
                aria-checked=move || if is_on() { "true" } else { "false" }
                aria-labelledby=label_id
                aria-describedby=described_by
                aria-disabled=move || overridden().then_some("true")
                aria-busy=move || busy().then_some("true")
                on:click=move |_| {
                    if !overridden() {
                        on_toggle.run(choice);
                    }
                }
            >
                <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                <span class="switch-text" aria-hidden="true">
                    {move || i18n.t(if is_on() { on_label } else { off_label })}
                </span>
            </button>
            <span class="switch-meta" id=state_id>
                {move || if overridden() { i18n.t(Key::OverriddenByBanAll).to_owned() } else { changed() }}
                {move || busy().then(|| view! { " · " {tr(Key::Saving)} })}
            </span>
        </div>
    }
}

fn consent_log_view(entries: Vec<ConsentLogEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{tr(Key::NoConsentLog)}</p> }.into_any();
    }
    let i18n = use_i18n();
    let label = move |key: Key| move || i18n.t(key);
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{tr(Key::ConsentLog)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(Key::When)}</th>
                    <th scope="col">{tr(Key::Choice)}</th>
                    <th scope="col">{tr(Key::Status)}</th>
                    <th scope="col">{tr(Key::ChangedBy)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || entries.clone() key=|e| e.id let:e>
                    <tr data-log=e.choice.code()>
                        <td data-label=label(Key::When)>{
                            let at = e.at.clone();
                            move || format_instant(i18n.lang.get(), &at)
                        }</td>
                        <th scope="row" data-label=label(Key::Choice)>{tr(Key::marketing(e.choice))}</th>
                        <td data-label=label(Key::Status)>{
                            let is_ban = !matches!(
                                e.choice,
                                MarketingChoice::ConsentMarketResearch
                                    | MarketingChoice::ConsentResearchDisclosure
                                    | MarketingChoice::ConsentTargeting
                            );
                            tr(match (is_ban, e.new_value) {
                                (true, true) => Key::LogBanned,
                                (true, false) => Key::LogBanLifted,
                                (false, true) => Key::LogConsentGiven,
                                (false, false) => Key::LogConsentWithdrawn,
                            })
                        }</td>
                        <td data-label=label(Key::ChangedBy)>{tr(Key::channel(e.channel))}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}
