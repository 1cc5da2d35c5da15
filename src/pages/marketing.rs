//! Direct-marketing bans and consents as switches that save at once, and their history.

use klever_api::{ConsentLogEntry, MarketingChoice, MarketingChoices};
use leptos::prelude::*;

use super::profile::voiced;
use crate::{
    api::{self, ApiError},
    components::{load, Gate, PageHeading, Switch},
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
            <Gate ready=async move {
                let _ = choices.await;
                let _ = log.await;
            }>
                {load(choices, move |saved| view! { <MarketingSwitches saved=saved on_saved=Callback::new(move |_| log.refetch()) /> })}
                <section class="card" aria-labelledby="consent-log-heading">
                    <h2 id="consent-log-heading">{tr(Key::ConsentLog)}</h2>
                    <p class="meta">{tr(Key::ConsentLogIntro)}</p>
                    {load(log, consent_log_view)}
                </section>
            </Gate>
        </div>
    }
}

/// What the last attempt came to, and for which choice.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Notice {
    Saved(MarketingChoice),
    Failed(Key),
}

#[component]
pub fn MarketingSwitches(saved: MarketingChoices, on_saved: Callback<()>) -> impl IntoView {
    // What the server has confirmed; the switches show this except while a save is on its way.
    let saved = RwSignal::new(saved);
    // The choice being saved and the value it is being saved as (the stored value: a ban is
    // `true` when the switch is turned off).
    let pending = RwSignal::new(None::<(MarketingChoice, bool)>);
    let notice = RwSignal::new(None::<Notice>);
    let save = Action::new_local(move |(choice, value): &(MarketingChoice, bool)| {
        let (choice, value) = (*choice, *value);
        async move {
            let result = api::set_marketing(choice, value).await;
            // The switch falls back to the saved value once `pending` is cleared.
            pending.set(None);
            match result {
                Ok(state) => {
                    saved.set(state);
                    notice.set(Some(Notice::Saved(choice)));
                    on_saved.run(());
                }
                Err(ApiError::Unauthorized) => notice.set(Some(Notice::Failed(Key::SessionEnded))),
                Err(_) => notice.set(Some(Notice::Failed(Key::ChoiceNotSaved))),
            }
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

    let switch = move |choice: MarketingChoice| {
        view! {
            <ChoiceSwitch
                choice=choice
                saved=saved
                pending=pending
                notice=notice
                on_toggle=Callback::new(toggle)
            />
        }
    };

    view! {
        <div class="card">
            <div class="switch-list">
                {switch(MarketingChoice::BanAll)}
                <p class="hint" id="ban_all-hint">{tr(Key::BanAllHint)}</p>
            </div>
            <h2 class="group-heading" id="channel-bans-heading">{tr(Key::MayMarketBy)}</h2>
            <div class="switch-list" role="group" aria-labelledby="channel-bans-heading">
                {MarketingChoice::CHANNEL_BANS.into_iter().map(switch).collect_view()}
            </div>
            <h2 class="group-heading" id="consents-heading">{tr(Key::MayUseData)}</h2>
            <div class="switch-list" role="group" aria-labelledby="consents-heading">
                {MarketingChoice::CONSENTS.into_iter().map(switch).collect_view()}
            </div>
            // Heard at once; the visible "saved" stands beside the switch that changed.
            <div class="visually-hidden" role="status" aria-live="polite">
                {move || matches!(notice.get(), Some(Notice::Saved(_))).then(|| tr(Key::ChoiceSaved))}
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

/// One marketing choice as a [`Switch`] that reads as a permission: on means "Klever may".
#[component]
fn ChoiceSwitch(
    choice: MarketingChoice,
    saved: RwSignal<MarketingChoices>,
    pending: RwSignal<Option<(MarketingChoice, bool)>>,
    notice: RwSignal<Option<Notice>>,
    on_toggle: Callback<MarketingChoice>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_channel = MarketingChoice::CHANNEL_BANS.contains(&choice);
    // A channel is off while all direct marketing is; the customer's own choice waits underneath.
    let overridden = Signal::derive(move || is_channel && saved.with(|s| s.ban_all));
    let on = Signal::derive(move || {
        if overridden.get() {
            return false;
        }
        match pending.get() {
            Some((c, stored)) if c == choice => {
                let mut preview = saved.get();
                preview.set(choice, stored);
                preview.permits(choice)
            }
            _ => saved.with(|s| s.permits(choice)),
        }
    });
    let busy = Signal::derive(move || pending.with(|p| p.is_some_and(|(c, _)| c == choice)));
    let meta = Signal::derive(move || {
        if overridden.get() {
            return i18n.t(Key::OverriddenByBanAll).to_owned();
        }
        let changed = saved.with(|s| match s.changed_at.get(&choice) {
            Some(at) => format!(
                "{}: {}",
                i18n.t(Key::LastChanged),
                format_instant(i18n.lang.get(), at)
            ),
            None => i18n.t(Key::NeverChanged).to_owned(),
        });
        if notice.get() == Some(Notice::Saved(choice)) {
            format!("✓ {} · {changed}", i18n.t(Key::SavedShort))
        } else {
            changed
        }
    });
    view! {
        <Switch
            id=choice.code()
            label=Key::permission(choice)
            on=on
            on_text=Key::StateYes
            off_text=Key::StateNo
            meta=meta
            locked=overridden
            busy=busy
            hint_id=(choice == MarketingChoice::BanAll).then_some("ban_all-hint")
            on_toggle=Callback::new(move |_| on_toggle.run(choice))
        />
    }
}

pub(crate) fn consent_log_view(entries: Vec<ConsentLogEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{tr(voiced(Key::NoConsentLog))}</p> }.into_any();
    }
    let i18n = use_i18n();
    let label = move |key: Key| move || i18n.t(key);
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{tr(voiced(Key::ConsentLog))}</caption>
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
                            tr(match (!e.choice.is_consent(), e.new_value) {
                                (true, true) => Key::LogBanned,
                                (true, false) => Key::LogBanLifted,
                                (false, true) => Key::LogConsentGiven,
                                (false, false) => Key::LogConsentWithdrawn,
                            })
                        }</td>
                        <td data-label=label(Key::ChangedBy)>{tr(voiced(Key::channel(e.channel)))}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}
