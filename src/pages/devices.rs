//! Where the customer is signed in: each browser with when it signed in and was last used,
//! and a way to end any of those sessions, or all but this one.

use klever_api::Device;
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    components::{error_key, load, DetailRow, Gate, PageHeading},
    i18n::{format_instant, tr, use_i18n, Key},
};

/// What the last ending came to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Notice {
    Ended,
    OthersEnded,
    Failed(Key),
}

#[component]
pub fn DevicesPage() -> impl IntoView {
    let devices = LocalResource::new(api::devices);
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <div class="page form-page">
            <PageHeading key=Key::DevicesTitle />
            <p class="lead">{tr(Key::DevicesIntro)}</p>
            <Gate ready=async move {
                let _ = devices.await;
            }>
                <div role="status" aria-live="polite">
                    {move || match notice.get() {
                        Some(Notice::Ended) => Some(view! { <p class="notice success">{tr(Key::SessionEndedThere)}</p> }),
                        Some(Notice::OthersEnded) => Some(view! { <p class="notice success">{tr(Key::OtherSessionsEnded)}</p> }),
                        _ => None,
                    }}
                </div>
                <div role="alert">
                    {move || match notice.get() {
                        Some(Notice::Failed(key)) => Some(view! { <p class="notice error">{tr(key)}</p> }),
                        _ => None,
                    }}
                </div>
                {load(devices, move |list| view! { <DeviceList list=list devices=devices notice=notice /> })}
            </Gate>
        </div>
    }
}

#[component]
fn DeviceList(
    list: Vec<Device>,
    /// Fetched again after each ending.
    devices: LocalResource<Result<Vec<Device>, ApiError>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    // Both kinds of ending: one session by its id, or (None) all but this one.
    let end = Action::new_local(move |target: &Option<String>| {
        let target = target.clone();
        async move {
            let result = match &target {
                Some(id) => api::end_device(id).await,
                None => api::end_other_devices().await,
            };
            match result {
                Ok(()) => {
                    notice.set(Some(if target.is_some() {
                        Notice::Ended
                    } else {
                        Notice::OthersEnded
                    }));
                    devices.refetch();
                }
                Err(e) => notice.set(Some(Notice::Failed(error_key(&e)))),
            }
        }
    });
    let busy = end.pending();
    let others = list.iter().filter(|d| !d.current).count();
    view! {
        <ul class="device-list plain">
            {list.into_iter().map(|device| view! { <DeviceCard device=device end=end busy=busy notice=notice /> }).collect_view()}
        </ul>
        {if others == 0 {
            view! { <p class="meta">{tr(Key::OnlyThisDevice)}</p> }.into_any()
        } else {
            view! {
                <p>
                    <button
                        type="button"
                        class="button secondary auto"
                        disabled=move || busy.get()
                        on:click=move |_| {
                            notice.set(None);
                            end.dispatch_local(None);
                        }
                    >
                        {tr(Key::EndOtherSessions)}
                    </button>
                </p>
            }
            .into_any()
        }}
    }
}

#[component]
fn DeviceCard(
    device: Device,
    end: Action<Option<String>, ()>,
    busy: Memo<bool>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = match (&device.browser, &device.system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one.clone()),
        (None, None) => None,
    };
    let heading = name.clone();
    let (signed_in, used) = (device.signed_in_at.clone(), device.last_used_at.clone());
    let id = device.id.clone();
    let current = device.current;
    view! {
        <li class="card device" class:current=current data-device=device.id.clone()>
            <h2 class="device-name">
                {move || heading.clone().unwrap_or_else(|| i18n.t(Key::UnknownBrowser).to_owned())}
                {current.then(|| view! { " " <span class="badge badge-current">{tr(Key::ThisDevice)}</span> })}
            </h2>
            <dl class="fields compact">
                <DetailRow label=Key::SignedInAt>{move || format_instant(i18n.lang.get(), &signed_in)}</DetailRow>
                <DetailRow label=Key::LastUsed>{move || format_instant(i18n.lang.get(), &used)}</DetailRow>
            </dl>
            {(!current).then(|| {
                let id = id.clone();
                let name = name.clone();
                view! {
                    <button
                        type="button"
                        class="button secondary auto"
                        disabled=move || busy.get()
                        on:click=move |_| {
                            notice.set(None);
                            end.dispatch_local(Some(id.clone()));
                        }
                    >
                        {tr(Key::EndSession)}
                        <span class="visually-hidden">
                            ": " {move || name.clone().unwrap_or_else(|| i18n.t(Key::UnknownBrowser).to_owned())}
                        </span>
                    </button>
                }
            })}
        </li>
    }
}
