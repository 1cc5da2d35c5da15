//! Staff screens: the queue of open requests and the handling of one request, or the
//! audience export. They live in the staff area, which looks after the staff session.

use klever_api::{
    ProfileField, QueueItem, RequestAction, RequestDetail, RequestEventKind, RequestKind,
    RequestStatus, StaffAction, StaffRole,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params, params::Params};

use crate::{
    api::{self, ApiError},
    components::{
        error_key, load, DetailRow, ErrorSummary, Field, PageHeading, RequestDetails, Select,
        TextArea,
    },
    i18n::{format_date, format_instant, language_name, tr, use_i18n, Key},
    pages::NotFoundPage,
    session::{use_staff, Auth},
};

fn event_key(event: RequestEventKind) -> Key {
    match event {
        RequestEventKind::Received => Key::EventReceived,
        RequestEventKind::Started => Key::EventStarted,
        RequestEventKind::Extended => Key::EventExtended,
        RequestEventKind::Completed => Key::EventCompleted,
        RequestEventKind::Rejected => Key::EventRejected,
        RequestEventKind::Cancelled => Key::EventCancelled,
        RequestEventKind::Exported => Key::EventExported,
    }
}

/// The staff home: customer service get the request queue, marketing the audience export.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let staff = use_staff();
    move || match staff.0.with(|auth| auth.info().map(|me| me.role)) {
        Some(StaffRole::CustomerService) => view! { <Queue /> }.into_any(),
        Some(StaffRole::Marketing) => view! { <AudienceExport /> }.into_any(),
        None if staff.0.with(|a| *a == Auth::Unknown) => {
            view! { <p class="loading" role="status">{tr(Key::Loading)}</p> }.into_any()
        }
        None => ().into_any(),
    }
}

#[component]
fn Queue() -> impl IntoView {
    let queue = LocalResource::new(api::queue);
    view! {
        <PageHeading key=Key::StaffQueueTitle />
        <p class="lead">{tr(Key::StaffQueueIntro)}</p>
        <p><A href="/staff/customers" attr:class="button secondary auto">{tr(Key::FindCustomer)}</A></p>
        <section class="card" aria-labelledby="queue-heading">
            <h2 id="queue-heading" class="visually-hidden">{tr(Key::StaffQueueTitle)}</h2>
            {load(queue, queue_table)}
        </section>
    }
}

/// Download links per channel; the server applies every ban and consent at download time.
#[component]
fn AudienceExport() -> impl IntoView {
    let channels = [
        ("email", Key::AudienceEmail),
        ("sms", Key::AudienceSms),
        ("phone", Key::AudiencePhone),
        ("post", Key::AudiencePost),
        ("research", Key::AudienceResearch),
    ];
    view! {
        <PageHeading key=Key::AudienceTitle />
        <p class="lead">{tr(Key::AudienceIntro)}</p>
        <section class="card" aria-labelledby="audience-heading">
            <h2 id="audience-heading" class="visually-hidden">{tr(Key::AudienceTitle)}</h2>
            <ul class="plain audience-list">
                {channels.into_iter().map(|(code, key)| view! {
                    <li>
                        <span class="switch-label">{tr(key)}</span>
                        <a href=format!("/api/staff/audience?channel={code}&format=csv") download="" rel="external">
                            "CSV" <span class="visually-hidden">": " {tr(key)}</span>
                        </a>
                        <a href=format!("/api/staff/audience?channel={code}&format=json") download="" rel="external">
                            "JSON" <span class="visually-hidden">": " {tr(key)}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn queue_table(items: Vec<QueueItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">{tr(Key::QueueEmpty)}</p> }.into_any();
    }
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let label = move |key: Key| move || i18n.t(key);
    view! {
        <table class="data-table">
            <thead>
                <tr>
                    <th scope="col">{tr(Key::Deadline)}</th>
                    <th scope="col">{tr(Key::Customer)}</th>
                    <th scope="col">{tr(Key::Choice)}</th>
                    <th scope="col">{tr(Key::Received)}</th>
                    <th scope="col">{tr(Key::Status)}</th>
                    <th scope="col"><span class="visually-hidden">{tr(Key::Open)}</span></th>
                </tr>
            </thead>
            <tbody>
                <For each=move || items.clone() key=|q| q.request.id let:q>
                    <tr data-request=q.request.id class:overdue=q.overdue>
                        <td data-label=label(Key::Deadline)>
                            {
                                let deadline = q.request.deadline.clone();
                                move || format_date(lang(), &deadline)
                            }
                            {q.overdue.then(|| view! { " " <span class="badge badge-overdue">{tr(Key::Overdue)}</span> })}
                        </td>
                        <th scope="row" data-label=label(Key::Customer)>{q.customer_name.clone()}</th>
                        <td data-label=label(Key::Choice)>
                            {tr(Key::request_kind(q.request.kind))}
                            {q.request.field.map(|f| view! { ": " {tr(Key::field(f))} })}
                        </td>
                        <td data-label=label(Key::Received)>{
                            let at = q.request.received_at.clone();
                            move || format_instant(lang(), &at)
                        }</td>
                        <td data-label=label(Key::Status)>{tr(Key::request_status(q.request.status))}</td>
                        <td>
                            <A href=format!("/staff/requests/{}", q.request.id)>
                                {tr(Key::Open)}
                                <span class="visually-hidden">": " {q.customer_name.clone()}</span>
                            </A>
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}

#[derive(Params, Clone, Debug, PartialEq)]
struct RequestParams {
    id: Option<i64>,
}

#[component]
pub fn StaffRequestPage() -> impl IntoView {
    let params = use_params::<RequestParams>();
    let id = move || params.with(|p| p.as_ref().ok().and_then(|p| p.id));
    // Lives above the reloads after each step, so an answer being written is not lost.
    let text = RwSignal::new(String::new());
    move || match id() {
        None => view! { <NotFoundPage /> }.into_any(),
        Some(id) => {
            let detail = LocalResource::new(move || api::request_detail(id));
            let on_done = Callback::new(move |_| detail.refetch());
            view! {
                <p><A href="/staff">{tr(Key::BackToQueue)}</A></p>
                <PageHeading key=Key::RequestDetailTitle />
                {load(detail, move |d| view! { <RequestHandling detail=d text=text on_done=on_done /> })}
            }
            .into_any()
        }
    }
}

#[component]
fn RequestHandling(
    detail: RequestDetail,
    text: RwSignal<String>,
    on_done: Callback<()>,
) -> impl IntoView {
    let RequestDetail {
        item,
        customer,
        events,
    } = detail;
    let open = item.request.status.is_open();
    view! {
        <div class="sections">
            <RequestSummary item=item.clone() />
            <CustomerCard id=item.request.id customer=customer />
            {open.then(|| view! { <StaffActions item=item text=text on_done=on_done /> })}
            <Trail events=events />
        </div>
    }
}

/// What the request is, whose, and how it stands.
#[component]
fn RequestSummary(item: QueueItem) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let request = item.request;
    let (received_at, deadline) = (request.received_at.clone(), request.deadline.clone());
    view! {
        <section class="card" aria-labelledby="request-heading">
            <h2 id="request-heading">
                {tr(Key::request_kind(request.kind))}
                {request.field.map(|f| view! { ": " {tr(Key::field(f))} })}
            </h2>
            <dl class="fields compact">
                <DetailRow label=Key::Customer>{item.customer_name}</DetailRow>
                <DetailRow label=Key::Status test_id="status">{tr(Key::request_status(request.status))}</DetailRow>
                <DetailRow label=Key::Received>{move || format_instant(lang(), &received_at)}</DetailRow>
                <DetailRow label=Key::Deadline>
                    {move || format_date(lang(), &deadline)}
                    {item.overdue.then(|| view! { " " <span class="badge badge-overdue">{tr(Key::Overdue)}</span> })}
                </DetailRow>
                <RequestDetails request=request />
            </dl>
        </section>
    }
}

/// The requesting customer's details, and their full data as a file.
#[component]
fn CustomerCard(id: i64, customer: klever_api::Profile) -> impl IntoView {
    let i18n = use_i18n();
    let contact = customer.contact;
    let since = customer.customer_since;
    view! {
        <section class="card" aria-labelledby="customer-heading">
            <h2 id="customer-heading">{tr(Key::CustomerData)}</h2>
            // A plain link: the browser downloads the file, and the server logs who did.
            <p>
                <a class="button secondary" href=format!("/api/staff/requests/{id}/export") download="" rel="external">
                    {tr(Key::DownloadCustomerData)}
                </a>
            </p>
            <dl class="fields compact">
                <DetailRow label=Key::FirstName>{customer.personal.first_name.to_string()}</DetailRow>
                <DetailRow label=Key::LastName>{customer.personal.last_name.to_string()}</DetailRow>
                <DetailRow label=Key::Gender>{tr(Key::gender(customer.personal.gender))}</DetailRow>
                <DetailRow label=Key::Email>{contact.email.to_string()}</DetailRow>
                <DetailRow label=Key::Phone>{contact.phone.as_ref().map(klever_api::Phone::display)}</DetailRow>
                <DetailRow label=Key::Address>{contact.address.as_ref().map(|a| a.one_line())}</DetailRow>
                <DetailRow label=Key::PreferredLanguage>{language_name(contact.preferred_language)}</DetailRow>
                <DetailRow label=Key::Iban>{customer.bank.as_ref().map(|b| b.iban_masked.clone())}</DetailRow>
                <DetailRow label=Key::CustomerSince>{move || format_date(i18n.lang.get(), &since)}</DetailRow>
            </dl>
        </section>
    }
}

/// The steps staff may take now, with the words that go with them.
#[component]
fn StaffActions(item: QueueItem, text: RwSignal<String>, on_done: Callback<()>) -> impl IntoView {
    let request = item.request;
    let id = request.id;
    let can_start = RequestAction::Start.next(request.status).is_some();
    let can_extend = RequestAction::Extend.next(request.status).is_some();
    let months = RwSignal::new(1u32);
    let errors = RwSignal::new(std::collections::BTreeMap::new());
    let failure = RwSignal::new(None::<Key>);
    let step = Action::new_local(move |(action, body): &(RequestAction, StaffAction)| {
        let (action, body) = (*action, body.clone());
        async move {
            match api::staff_step(id, action, &body).await {
                Ok(item) => {
                    // Starting keeps the answer being written; the other steps have sent it.
                    if !item.request.status.is_open()
                        || item.request.status == RequestStatus::Extended
                    {
                        text.set(String::new());
                    }
                    on_done.run(());
                }
                Err(ApiError::Rejected { body, .. }) if !body.fields.is_empty() => {
                    errors.set(body.fields);
                }
                Err(e) => failure.set(Some(error_key(&e))),
            }
        }
    });
    let run = move |action: RequestAction| {
        let body = StaffAction {
            // Starting carries no words; the box keeps them for the answer.
            text: Some(text.get_untracked()).filter(|_| action != RequestAction::Start),
            months: (action == RequestAction::Extend).then(|| months.get_untracked()),
        };
        failure.set(None);
        match body.validate(action) {
            Ok(_) => {
                errors.set(Default::default());
                step.dispatch_local((action, body));
            }
            Err(found) => errors.set(found),
        }
    };
    let busy = move || step.pending().get();
    let text_error =
        Signal::derive(move || errors.with(|e| e.get("text").copied().map(Key::validation)));
    let applies = request.field.map(ProfileField::applies_automatically);
    view! {
        <section class="card wide" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{tr(Key::Actions)}</h2>
            {(request.kind == RequestKind::Correction).then(|| view! {
                <p class="notice info">{tr(if applies == Some(true) { Key::ApproveApplies } else { Key::ApproveByHand })}</p>
            })}
            <div class="form">
                <Field id="staff-text" label=Key::AnswerOrReason error=text_error>
                    <TextArea value=text on_input=Callback::new(move |_| errors.update(|e| { e.remove("text"); })) />
                </Field>
                <ErrorSummary message=failure />
                <div class="form-actions">
                    {can_start.then(|| view! {
                        <button type="button" class="button secondary" disabled=busy on:click=move |_| run(RequestAction::Start)>{tr(Key::Start)}</button>
                    })}
                    <button type="button" class="button primary auto" disabled=busy
                        on:click=move |_| run(RequestAction::Complete)>{tr(Key::Complete)}</button>
                    <button type="button" class="button secondary" disabled=busy
                        on:click=move |_| run(RequestAction::Reject)>{tr(Key::Reject)}</button>
                </div>
                {can_extend.then(|| view! {
                    <div class="form-actions">
                        <Field id="staff-months" label=Key::ExtendBy>
                            <Select
                                value=Signal::derive(move || months.get().to_string())
                                on_change=Callback::new(move |v: String| months.set(v.parse().unwrap_or(1)))
                            >
                                <option value="1">{tr(Key::OneMonth)}</option>
                                <option value="2">{tr(Key::TwoMonths)}</option>
                            </Select>
                        </Field>
                        <button type="button" class="button secondary" disabled=busy
                            on:click=move |_| run(RequestAction::Extend)>{tr(Key::Extend)}</button>
                    </div>
                })}
            </div>
        </section>
    }
}

/// Who did what to the request, and when.
#[component]
fn Trail(events: Vec<klever_api::RequestEvent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card wide" aria-labelledby="trail-heading">
            <h2 id="trail-heading">{tr(Key::Trail)}</h2>
            <ol class="trail">
                {events.into_iter().map(|e| {
                    let at = e.at.clone();
                    view! {
                        <li>
                            <span class="meta">{move || format_instant(i18n.lang.get(), &at)}</span> " · "
                            <strong>{tr(event_key(e.action))}</strong> " · "
                            {match e.staff_name.clone() {
                                Some(name) => name.into_any(),
                                None => tr(Key::ByCustomer).into_any(),
                            }}
                            {e.detail.clone().map(|d| view! { <span class="free-text">": " {d}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
