//! Staff screens: the queue of open requests and the handling of one request.
//! They live under `/staff`, reachable only with a staff session.

use klever_api::{ProfileField, QueueItem, RequestDetail, RequestKind, StaffAction, StaffRole};
use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::A,
    hooks::{use_navigate, use_params_map},
    NavigateOptions,
};

use crate::{
    api::{self, ApiError},
    components::{error_key, load_in, PageHeading, Realm},
    i18n::{format_date, format_instant, language_name, tr, use_i18n, Key},
    pages::coded_value,
    use_staff,
};

/// Who is signed in as staff, with a way out; fills the staff session on a fresh load.
#[component]
fn StaffBar() -> impl IntoView {
    let staff = use_staff();
    let navigate = use_navigate();
    if staff.0.get_untracked().is_none() {
        spawn_local(async move {
            if let Ok(info) = api::staff_session().await {
                staff.0.set(Some(info));
            }
        });
    }
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::staff_sign_out().await;
            staff.0.set(None);
            navigate("/staff/signin", NavigateOptions::default());
        });
    };
    view! {
        <div class="staff-bar">
            <span>{tr(Key::StaffOnly)}</span>
            <Show when=move || staff.0.with(Option::is_some)>
                <span class="signed-in">
                    <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                    {move || staff.0.with(|s| s.as_ref().map(|s| s.name.clone()))}
                </span>
                <button type="button" class="button secondary" on:click=sign_out.clone()>{tr(Key::SignOut)}</button>
            </Show>
        </div>
    }
}

fn event_label(action: &str) -> impl IntoView + use<> {
    let key = match action {
        "received" => Some(Key::EventReceived),
        "started" => Some(Key::EventStarted),
        "extended" => Some(Key::EventExtended),
        "completed" => Some(Key::EventCompleted),
        "rejected" => Some(Key::EventRejected),
        "cancelled" => Some(Key::EventCancelled),
        "exported" => Some(Key::EventExported),
        _ => None,
    };
    let raw = action.to_owned();
    let i18n = use_i18n();
    move || {
        key.map(|k| i18n.t(k).to_owned())
            .unwrap_or_else(|| raw.clone())
    }
}

/// The staff home: customer service get the request queue, marketing the audience export.
#[component]
pub fn StaffQueuePage() -> impl IntoView {
    let me = LocalResource::new(api::staff_session);
    view! {
        <div class="page">
            <StaffBar />
            {load_in(Realm::Staff, me, |me: klever_api::StaffInfo| match me.role {
                StaffRole::CustomerService => view! { <Queue /> }.into_any(),
                StaffRole::Marketing => view! { <AudienceExport /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let queue = LocalResource::new(api::queue);
    view! {
        <PageHeading key=Key::StaffQueueTitle />
        <p class="lead">{tr(Key::StaffQueueIntro)}</p>
        <section class="card" aria-labelledby="queue-heading">
            <h2 id="queue-heading" class="visually-hidden">{tr(Key::StaffQueueTitle)}</h2>
            {load_in(Realm::Staff, queue, queue_table)}
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

#[component]
pub fn StaffRequestPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let detail = LocalResource::new(move || api::request_detail(id()));
    // Lives above the reloads after each step, so an answer being written is not lost.
    let text = RwSignal::new(String::new());
    view! {
        <div class="page">
            <StaffBar />
            <p><A href="/staff">{tr(Key::BackToQueue)}</A></p>
            <PageHeading key=Key::RequestDetailTitle />
            {load_in(Realm::Staff, detail, move |d| view! { <RequestHandling detail=d text=text on_done=Callback::new(move |_| detail.refetch()) /> })}
        </div>
    }
}

#[component]
fn RequestHandling(
    detail: RequestDetail,
    text: RwSignal<String>,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let RequestDetail {
        item,
        customer,
        events,
    } = detail;
    let request = item.request.clone();
    let id = request.id;
    let open = request.status.is_open();
    let can_start = request.status == klever_api::RequestStatus::Received;
    let can_extend = matches!(
        request.status,
        klever_api::RequestStatus::Received | klever_api::RequestStatus::InProgress
    );
    let months = RwSignal::new(1u32);
    let step = Action::new_local(move |(action, body): &(&'static str, StaffAction)| {
        let body = body.clone();
        let action = *action;
        async move { api::staff_step(id, action, &body).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(item)) = step.value().get() {
            // Starting keeps the answer being written; the other steps have sent it.
            if !item.request.status.is_open()
                || item.request.status == klever_api::RequestStatus::Extended
            {
                text.set(String::new());
            }
            on_done.run(());
        }
    });
    let failure = move || match step.value().get() {
        Some(Err(ApiError::Rejected { body, .. }))
            if body.code == klever_api::ErrorCode::InvalidTransition =>
        {
            Some(Key::CannotChangeNow)
        }
        Some(Err(ApiError::Rejected { body, .. })) if !body.fields.is_empty() => {
            body.fields.values().next().map(|e| Key::validation(*e))
        }
        Some(Err(e)) => Some(error_key(&e)),
        _ => None,
    };
    let run = move |action: &'static str| {
        let body = StaffAction {
            // Starting carries no words; the box keeps them for the answer.
            text: Some(text.get_untracked()).filter(|t| action != "start" && !t.trim().is_empty()),
            months: (action == "extend").then(|| months.get_untracked()),
        };
        step.dispatch_local((action, body));
    };
    let applies = request.field.map(ProfileField::applies_automatically);
    let contact = customer.contact.clone();
    view! {
        <div class="sections">
            <section class="card" aria-labelledby="request-heading">
                <h2 id="request-heading">
                    {tr(Key::request_kind(request.kind))}
                    {request.field.map(|f| view! { ": " {tr(Key::field(f))} })}
                </h2>
                <dl class="fields compact">
                    <div class="field-row"><dt>{tr(Key::Customer)}</dt><dd>{item.customer_name.clone()}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Status)}</dt><dd data-field="status">{tr(Key::request_status(request.status))}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Received)}</dt><dd>{
                        let at = request.received_at.clone();
                        move || format_instant(lang(), &at)
                    }</dd></div>
                    <div class="field-row"><dt>{tr(Key::Deadline)}</dt><dd>
                        {
                            let deadline = request.deadline.clone();
                            move || format_date(lang(), &deadline)
                        }
                        {item.overdue.then(|| view! { " " <span class="badge badge-overdue">{tr(Key::Overdue)}</span> })}
                    </dd></div>
                    {request.current_value.clone().map(|v| view! { <div class="field-row"><dt>{tr(Key::CurrentValue)}</dt><dd>{coded_value(request.field, v)}</dd></div> })}
                    {request.proposed_value.clone().map(|v| view! { <div class="field-row"><dt>{tr(Key::ProposedValue)}</dt><dd data-field="proposed">{coded_value(request.field, v)}</dd></div> })}
                    {request.explanation.clone().map(|v| view! { <div class="field-row"><dt>{tr(Key::Explanation)}</dt><dd class="free-text">{v}</dd></div> })}
                    {request.extension_reason.clone().map(|v| view! { <div class="field-row"><dt>{tr(Key::ExtensionReason)}</dt><dd class="free-text">{v}</dd></div> })}
                    {request.answer.clone().map(|v| view! { <div class="field-row"><dt>{tr(Key::Answer)}</dt><dd class="free-text">{v}</dd></div> })}
                </dl>
            </section>

            <section class="card" aria-labelledby="customer-heading">
                <h2 id="customer-heading">{tr(Key::CustomerData)}</h2>
                // A plain link: the browser downloads the file, and the server logs who did.
                <p>
                    <a class="button secondary" href=format!("/api/staff/requests/{id}/export") download="" rel="external">
                        {tr(Key::DownloadCustomerData)}
                    </a>
                </p>
                <dl class="fields compact">
                    <div class="field-row"><dt>{tr(Key::FirstName)}</dt><dd>{customer.personal.first_name.to_string()}</dd></div>
                    <div class="field-row"><dt>{tr(Key::LastName)}</dt><dd>{customer.personal.last_name.to_string()}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Gender)}</dt><dd>{tr(Key::gender(customer.personal.gender))}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Email)}</dt><dd>{contact.email.to_string()}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Phone)}</dt><dd>{contact.phone.as_ref().map(klever_api::Phone::display)}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Address)}</dt><dd>{contact.address.as_ref().map(|a| a.one_line())}</dd></div>
                    <div class="field-row"><dt>{tr(Key::PreferredLanguage)}</dt><dd>{language_name(contact.preferred_language)}</dd></div>
                    <div class="field-row"><dt>{tr(Key::Iban)}</dt><dd>{customer.bank.as_ref().map(|b| b.iban_masked.clone())}</dd></div>
                    <div class="field-row"><dt>{tr(Key::CustomerSince)}</dt><dd>{
                        let since = customer.customer_since.clone();
                        move || format_date(lang(), &since)
                    }</dd></div>
                </dl>
            </section>

            {open.then(|| view! {
                <section class="card wide" aria-labelledby="actions-heading">
                    <h2 id="actions-heading">{tr(Key::Actions)}</h2>
                    {(request.kind == RequestKind::Correction).then(|| view! {
                        <p class="notice info">{tr(if applies == Some(true) { Key::ApproveApplies } else { Key::ApproveByHand })}</p>
                    })}
                    <div class="form">
                        <div class="form-field">
                            <label for="staff-text">{tr(Key::AnswerToCustomer)} " / " {tr(Key::Reason)}</label>
                            <textarea id="staff-text" rows="4" maxlength="2000"
                                prop:value=move || text.get()
                                on:input:target=move |ev| text.set(ev.target().value())></textarea>
                        </div>
                        <div role="alert" class="form-alert">
                            {move || failure().map(|k| view! { <p class="notice error">{tr(k)}</p> })}
                        </div>
                        <div class="form-actions">
                            {can_start.then(|| view! {
                                <button type="button" class="button secondary" on:click=move |_| run("start")>{tr(Key::Start)}</button>
                            })}
                            <button type="button" class="button primary auto" disabled=move || step.pending().get()
                                on:click=move |_| run("complete")>{tr(Key::Complete)}</button>
                            <button type="button" class="button secondary" disabled=move || step.pending().get()
                                on:click=move |_| run("reject")>{tr(Key::Reject)}</button>
                        </div>
                        {can_extend.then(|| view! {
                            <div class="form-actions">
                                <label for="staff-months">{tr(Key::ExtendBy)}</label>
                                <select id="staff-months" on:change:target=move |ev| months.set(ev.target().value().parse().unwrap_or(1))>
                                    <option value="1">{tr(Key::OneMonth)}</option>
                                    <option value="2">{tr(Key::TwoMonths)}</option>
                                </select>
                                <button type="button" class="button secondary" disabled=move || step.pending().get()
                                    on:click=move |_| run("extend")>{tr(Key::Extend)}</button>
                            </div>
                        })}
                    </div>
                </section>
            })}

            <section class="card wide" aria-labelledby="trail-heading">
                <h2 id="trail-heading">{tr(Key::Trail)}</h2>
                <ol class="trail">
                    {events.into_iter().map(|e| {
                        let at = e.at.clone();
                        view! {
                            <li>
                                <span class="meta">{move || format_instant(lang(), &at)}</span> " · "
                                <strong>{event_label(&e.action)}</strong> " · "
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
        </div>
    }
}
