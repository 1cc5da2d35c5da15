//! Where the customer is signed in: each browser with when it signed in and was last used,
//! and a way to end any of those sessions, or all but this one.

use klever_api::Device;
use leptos::prelude::*;

use crate::{
    api::{self, ApiError},
    components::{error_key, load, DetailRow, Gate, PageHeading},
    i18n::{format_instant, use_i18n, Key},
};

/// What the last ending came to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Notice {
    Ended,
    OthersEnded,
    Failed(Key),
}

/// A text of this page. The same as `tr`, but a function of this module's own: views built
/// from it are this page's own code, not shapes shared with other lazily loaded screens,
/// which the wasm splitter would cut into small shared chunks that each screen downloads.
fn t(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// Which sessions to end.
#[derive(Clone, Debug)]
enum End {
    One(String),
    /// All but this browser's.
    Others,
}

#[component]
pub fn DevicesPage() -> impl IntoView {
    let devices = LocalResource::new(api::devices);
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <div class="page form-page">
            <PageHeading key=Key::DevicesTitle />
            <p class="lead">{t(Key::DevicesIntro)}</p>
            <Gate ready=async move {
                let _ = devices.await;
            }>
                <div role="status" aria-live="polite">
                    {move || match notice.get() {
                        Some(Notice::Ended) => Some(view! { <p class="notice success">{t(Key::SessionEndedThere)}</p> }),
                        Some(Notice::OthersEnded) => Some(view! { <p class="notice success">{t(Key::OtherSessionsEnded)}</p> }),
                        _ => None,
                    }}
                </div>
                <div role="alert">
                    {move || match notice.get() {
                        Some(Notice::Failed(key)) => Some(view! { <p class="notice error">{t(key)}</p> }),
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
    // Plain tasks rather than an `Action`: this page needs no more than "busy".
    let busy = RwSignal::new(false);
    let end = Callback::new(move |target: End| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        notice.set(None);
        leptos::task::spawn_local(async move {
            let (result, done) = match &target {
                End::One(id) => (api::end_device(id).await, Notice::Ended),
                End::Others => (api::end_other_devices().await, Notice::OthersEnded),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    notice.set(Some(done));
                    devices.refetch();
                }
                Err(e) => notice.set(Some(Notice::Failed(error_key(&e)))),
            }
        });
    });
    let others = list.iter().filter(|d| !d.current).count();
    view! {
        <ul class="device-list plain">
            {list.into_iter().map(|device| view! { <DeviceCard device=device end=end busy=busy /> }).collect_view()}
        </ul>
        {if others == 0 {
            view! { <p class="meta">{t(Key::OnlyThisDevice)}</p> }.into_any()
        } else {
            view! {
                <p>
                    <button
                        type="button"
                        class="button secondary auto"
                        disabled=move || busy.get()
                        on:click=move |_| end.run(End::Others)
                    >
                        {t(Key::EndOtherSessions)}
                    </button>
                </p>
            }
            .into_any()
        }}
    }
}

#[component]
fn DeviceCard(device: Device, end: Callback<End>, busy: RwSignal<bool>) -> impl IntoView {
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
        <li class=if current { "card device current" } else { "card device" }>
            <h2 class="device-name">
                {move || heading.clone().unwrap_or_else(|| i18n.t(Key::UnknownBrowser).to_owned())}
                {current.then(|| view! { " " <span class="badge badge-current">{t(Key::ThisDevice)}</span> })}
            </h2>
            <dl class="fields compact">
                <DetailRow label=Key::SignedInAt>{move || format_instant(i18n.lang.get(), &signed_in)}</DetailRow>
                <DetailRow label=Key::LastUsed>{move || format_instant(i18n.lang.get(), &used)}</DetailRow>
            </dl>
            {(!current).then(|| {
                let id = id.clone();
                // Named with the device, so a list of "Sign out" buttons says which is which.
                let label = move || {
                    let device = name.clone().unwrap_or_else(|| i18n.t(Key::UnknownBrowser).to_owned());
                    format!("{}: {device}", i18n.t(Key::EndSession))
                };
                view! {
                    <button
                        type="button"
                        class="button secondary auto"
                        aria-label=label
                        disabled=move || busy.get()
                        on:click=move |_| end.run(End::One(id.clone()))
                    >
                        {t(Key::EndSession)}
                    </button>
                }
            })}
        </li>
    }
}
