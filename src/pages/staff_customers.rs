//! Customer service finds a customer and opens the record: the account's state (and an
//! activation link for an account never used), then everything the customer sees.

use klever_api::{AccountStatus, CustomerHit, StaffCustomer, ValidationError};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_params, params::Params};

use super::{my_data::data_view, profile::StaffView};
use crate::{
    api::{self, ApiError},
    components::{
        error_key, form_failure, load, DetailRow, ErrorSummary, Field, PageHeading, TextInput,
    },
    i18n::{format_instant, tr, use_i18n, Key},
    pages::NotFoundPage,
};

#[component]
pub fn StaffCustomersPage() -> impl IntoView {
    let query = RwSignal::new(String::new());
    let query_error = RwSignal::new(None::<ValidationError>);
    let search = Action::new_local(|q: &String| {
        let q = q.clone();
        async move { api::find_customers(&q).await }
    });
    let pending = search.pending();
    let failure = Signal::derive(move || search.value().with(|v| form_failure(v.as_ref())));
    Effect::new(move |_| {
        if let Some(Err(ApiError::Rejected { body, .. })) = search.value().get() {
            query_error.set(body.fields.get("q").copied());
        }
    });
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked().trim().to_owned();
        if q.chars().count() < 2 {
            query_error.set(Some(ValidationError::TooShort));
            return;
        }
        query_error.set(None);
        search.dispatch_local(q);
    };
    let shown = Signal::derive(move || query_error.get().map(|e| Key::field_error("q", e)));
    view! {
        <p><A href="/staff">{tr(Key::BackToQueue)}</A></p>
        <PageHeading key=Key::StaffCustomersTitle />
        <p class="lead">{tr(Key::StaffCustomersIntro)}</p>
        <form class="card form search-form" role="search" on:submit=on_submit novalidate=true>
            <ErrorSummary message=failure />
            <Field id="customer-search" label=Key::SearchLabel error=shown announce=true>
                <TextInput value=query kind="search" name="q" on_input=Callback::new(move |_| query_error.set(None)) />
            </Field>
            <button type="submit" class="button primary auto" disabled=move || pending.get()>{tr(Key::SearchButton)}</button>
        </form>
        <div aria-live="polite">
            {move || search.value().get().and_then(Result::ok).map(hits_view)}
        </div>
    }
}

fn hits_view(hits: Vec<CustomerHit>) -> impl IntoView {
    if hits.is_empty() {
        return view! { <p class="empty">{tr(Key::NoCustomersFound)}</p> }.into_any();
    }
    view! {
        <ul class="hit-list plain">
            {hits.into_iter().map(|hit| view! {
                <li class="card hit">
                    <A href=format!("/staff/customers/{}", hit.id)>{format!("{} {}", hit.first_name, hit.last_name)}</A>
                    <span class="meta wrap">{hit.email}</span>
                    {hit.phone.map(|p| view! { <span class="meta">{p}</span> })}
                    {(!hit.activated).then(|| view! { <span class="badge">{tr(Key::AccountNeverActivated)}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[derive(Params, Clone, Debug, PartialEq)]
struct CustomerParams {
    id: Option<i64>,
}

#[component]
pub fn StaffCustomerPage() -> impl IntoView {
    let params = use_params::<CustomerParams>();
    let id = move || params.with(|p| p.as_ref().ok().and_then(|p| p.id));
    move || match id() {
        None => view! { <NotFoundPage /> }.into_any(),
        Some(id) => {
            let record = LocalResource::new(move || api::customer_record(id));
            // Above the reload that follows, so the confirmation outlives it.
            let sent = RwSignal::new(false);
            let on_sent = Callback::new(move |_| {
                sent.set(true);
                record.refetch();
            });
            view! {
                <p><A href="/staff/customers">{tr(Key::BackToCustomers)}</A></p>
                <div role="status">
                    {move || sent.get().then(|| view! {
                        <p class="notice success">{tr(Key::ActivationLinkSentNotice)}</p>
                    })}
                </div>
                {load(record, move |c| view! { <CustomerRecord id=id record=c on_sent=on_sent /> })}
            }
            .into_any()
        }
    }
}

#[component]
fn CustomerRecord(id: i64, record: StaffCustomer, on_sent: Callback<()>) -> impl IntoView {
    provide_context(StaffView);
    let personal = &record.data.profile.personal;
    let name = format!("{} {}", personal.first_name, personal.last_name);
    view! {
        <h1 class="page-title" tabindex="-1">{name}</h1>
        <AccountCard id=id account=record.account on_sent=on_sent />
        {data_view(record.data, false)}
    }
}

/// Whether the customer uses the app; for one who does not, the activation link.
#[component]
fn AccountCard(id: i64, account: AccountStatus, on_sent: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let active = account.activated_at.is_some();
    let send = Action::new_local(move |_: &()| async move { api::send_activation_link(id).await });
    let pending = send.pending();
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            on_sent.run(());
        }
    });
    let (activated, sent, expires) = (
        account.activated_at.clone(),
        account.activation_link_sent_at.clone(),
        account.activation_link_expires_at.clone(),
    );
    view! {
        <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">{tr(Key::AccountTitle)}</h2>
            <dl class="fields compact">
                <DetailRow label=Key::Status test_id="account-state">
                    {tr(if active { Key::AccountActive } else { Key::AccountNeverActivated })}
                </DetailRow>
                {activated.map(|at| view! {
                    <DetailRow label=Key::ActivatedAt>{move || format_instant(lang(), &at)}</DetailRow>
                })}
                {sent.map(|at| view! {
                    <DetailRow label=Key::ActivationLinkSent test_id="link-sent">{move || format_instant(lang(), &at)}</DetailRow>
                })}
                {(!active).then(|| expires.map(|at| view! {
                    <DetailRow label=Key::LinkValidUntil>{move || format_instant(lang(), &at)}</DetailRow>
                })).flatten()}
            </dl>
            <div role="alert">
                {move || send.value().get().and_then(Result::err).map(|e| view! {
                    <p class="notice error">{tr(error_key(&e))}</p>
                })}
            </div>
            {(!active).then(|| view! {
                <button type="button" class="button primary auto" disabled=move || pending.get()
                    on:click=move |_| { send.dispatch_local(()); }>
                    {tr(Key::SendActivationLink)}
                </button>
            })}
        </section>
    }
}
