//! The customer's inspection and correction requests: make them, follow them, cancel them.

mod correction;

use klever_api::{NewRequest, RequestKind, RequestView};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

pub use correction::{CorrectionForm, CorrectionPage};

use crate::{
    api,
    components::{error_key, load, DetailRow, PageHeading, RequestDetails},
    i18n::{format_date, format_instant, tr, use_i18n, Key},
};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let requests = LocalResource::new(api::requests);
    let query = use_query_map();
    // `?sent=12` after a correction request was sent: its confirmation comes first.
    let sent = move || query.with(|q| q.get("sent").and_then(|id| id.parse::<i64>().ok()));
    let refetch = Callback::new(move |_| requests.refetch());
    view! {
        <div class="page">
            <PageHeading key=Key::RequestsTitle />
            <p class="lead">{tr(Key::RequestsIntro)}</p>
            {move || sent().map(|id| load(requests, move |list: Vec<RequestView>| {
                list.into_iter().find(|r| r.id == id).map(|r| view! { <ReceivedPanel request=r /> })
            }))}
            <div class="sections">
                <InspectionCard on_sent=refetch />
                <section class="card" aria-labelledby="correction-heading">
                    <h2 id="correction-heading">{tr(Key::CorrectionTitle)}</h2>
                    <p>{tr(Key::CorrectionText)}</p>
                    <A href="/requests/correction" attr:class="button secondary">{tr(Key::NewCorrection)}</A>
                </section>
                <section class="card wide" aria-labelledby="my-requests-heading">
                    <h2 id="my-requests-heading">{tr(Key::MyRequests)}</h2>
                    {load(requests, move |list| view! { <RequestList list=list on_change=refetch /> })}
                </section>
            </div>
        </div>
    }
}

/// The confirmation after a request was sent: its reference, what happens next and by when
/// we answer. It takes focus, so the customer hears it at once.
#[component]
fn ReceivedPanel(request: RequestView) -> impl IntoView {
    let i18n = use_i18n();
    let panel = NodeRef::<leptos::html::Div>::new();
    // After it is in the page: inside a loading boundary it is built before it is shown.
    panel.on_load(|el| {
        request_animation_frame(move || {
            let _ = el.focus();
        });
    });
    let deadline = request.deadline.clone();
    view! {
        <div class="panel" role="status" tabindex="-1" node_ref=panel data-request=request.id>
            <h2>{tr(Key::RequestReceivedTitle)}</h2>
            <p>
                {tr(Key::ReferenceNumber)} <br />
                <strong class="reference">{request.reference()}</strong>
            </p>
            <h3>{tr(Key::WhatNext)}</h3>
            <p>{tr(Key::WhatNextText)}</p>
            <p>{tr(Key::AnswerBy)} " " <strong>{move || format_date(i18n.lang.get(), &deadline)}</strong>"."</p>
        </div>
    }
}

/// Asks before a step that cannot be taken back; its heading takes focus when it opens.
#[component]
fn Confirm(
    id: String,
    title: Key,
    #[prop(optional)] text: Option<Key>,
    yes: Key,
    no: Key,
    #[prop(into)] busy: Signal<bool>,
    on_yes: Callback<()>,
    on_no: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    heading.on_load(|h| {
        let _ = h.focus();
    });
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <div class="card inset confirm" role="group" aria-labelledby=labelled_by id=id>
            <h3 id=heading_id tabindex="-1" node_ref=heading>{tr(title)}</h3>
            {text.map(|t| view! { <p>{tr(t)}</p> })}
            <div class="form-actions">
                <button type="button" class="button primary auto" disabled=move || busy.get()
                    on:click=move |_| on_yes.run(())>{tr(yes)}</button>
                <button type="button" class="button secondary" on:click=move |_| on_no.run(())>{tr(no)}</button>
            </div>
        </div>
    }
}

#[component]
fn InspectionCard(on_sent: Callback<()>) -> impl IntoView {
    // One key per visit: a double click or a retry records one request.
    let key = api::new_idempotency_key();
    let confirming = RwSignal::new(false);
    let send = Action::new_local(move |_: &()| {
        let request = NewRequest {
            idempotency_key: key.clone(),
            kind: RequestKind::Inspection,
            field: None,
            proposed_value: None,
            explanation: None,
        };
        async move {
            let sent = api::create_request(&request).await;
            if sent.is_ok() {
                confirming.set(false);
                on_sent.run(());
            }
            sent
        }
    });
    let i18n = use_i18n();
    let sent = move || {
        send.value()
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    };
    view! {
        <section class="card" aria-labelledby="inspection-heading">
            <h2 id="inspection-heading">{tr(Key::InspectionTitle)}</h2>
            <p>{tr(Key::InspectionText)}</p>
            <div class="form-actions">
                // A plain link: the browser downloads the file; the router must not take it.
                <a class="button secondary" href="/api/me/export" download="" rel="external">
                    {tr(Key::DownloadData)}
                </a>
                <A href="/requests/data" attr:class="button secondary">{tr(Key::ShowReadable)}</A>
                <button
                    type="button"
                    class="button primary auto"
                    disabled=move || send.pending().get() || sent().is_some()
                    on:click=move |_| confirming.set(true)
                >
                    {move || i18n.t(if send.pending().get() { Key::Sending } else { Key::SendInspection })}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <Confirm
                    id="confirm-inspection".to_owned()
                    title=Key::ConfirmInspectionTitle
                    text=Key::ConfirmInspectionText
                    yes=Key::YesSend
                    no=Key::Cancel
                    busy=send.pending()
                    on_yes=Callback::new(move |_| { send.dispatch_local(()); })
                    on_no=Callback::new(move |_| confirming.set(false))
                />
            </Show>
            {move || sent().map(|request| view! { <ReceivedPanel request=request /> })}
            <div role="alert">
                {move || send.value().with(|r| match r {
                    Some(Err(e)) => Some(view! { <p class="notice error">{tr(error_key(e))}</p> }),
                    _ => None,
                })}
            </div>
        </section>
    }
}

#[component]
fn RequestList(list: Vec<RequestView>, on_change: Callback<()>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="empty">{tr(Key::NoRequests)}</p> }.into_any();
    }
    view! {
        <ul class="request-list">
            <For each=move || list.clone() key=|r| (r.id, r.status as u8, r.updated_at.clone()) let:request>
                <RequestCard request=request on_change=on_change />
            </For>
        </ul>
    }
    .into_any()
}

#[component]
fn RequestCard(request: RequestView, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let confirming = RwSignal::new(false);
    let cancel = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            let cancelled = api::cancel_request(id).await;
            if cancelled.is_ok() {
                on_change.run(());
            }
            cancelled
        }
    });
    let id = request.id;
    let status = request.status;
    let heading_id = format!("request-{id}-heading");
    let labelled_by = heading_id.clone();
    let status_class = format!("badge badge-{status:?}").to_lowercase();
    let (received_at, deadline) = (request.received_at.clone(), request.deadline.clone());
    view! {
        <li class="request-card" data-request=id aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {tr(Key::request_kind(request.kind))}
                {request.field.map(|f| view! { ": " {tr(Key::field(f))} })}
            </h3>
            <p><span class=status_class>{tr(Key::request_status(status))}</span></p>
            <dl class="fields compact">
                <DetailRow label=Key::Received>{move || format_instant(lang(), &received_at)}</DetailRow>
                {status.is_open().then(|| view! {
                    <DetailRow label=Key::Deadline>{move || format_date(lang(), &deadline)}</DetailRow>
                })}
                <RequestDetails request=request />
            </dl>
            {status.is_open().then(|| view! {
                <button type="button" class="button secondary" disabled=move || cancel.pending().get()
                    on:click=move |_| confirming.set(true)>
                    {tr(Key::CancelRequest)}
                </button>
                <Show when=move || confirming.get()>
                    <Confirm
                        id=format!("confirm-cancel-{id}")
                        title=Key::ConfirmCancelTitle
                        yes=Key::YesCancel
                        no=Key::NoKeep
                        busy=cancel.pending()
                        on_yes=Callback::new(move |_| { cancel.dispatch_local(id); })
                        on_no=Callback::new(move |_| confirming.set(false))
                    />
                </Show>
            })}
            <div role="alert">
                {move || cancel.value().with(|r| match r {
                    Some(Err(e)) => Some(view! { <p class="notice error">{tr(error_key(e))}</p> }),
                    _ => None,
                })}
            </div>
        </li>
    }
}
