//! Everything held about the customer as a readable, printable page: the same data as the
//! JSON download (GDPR Art. 15), for people rather than programs.

use klever_api::{DataExport, ProfileField, RequestView};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{
    marketing::consent_log_view,
    profile::{bank_report_view, billing_view, history_view, profile_sections, voiced, Section},
};
use crate::{
    api,
    components::{load, DetailRow, PageHeading, RequestDetails},
    i18n::{format_date, format_instant, tr, use_i18n, Key},
};

#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = LocalResource::new(api::export);
    view! {
        <div class="page printable">
            <PageHeading key=Key::MyDataTitle />
            <p class="lead">{tr(Key::MyDataIntro)}</p>
            <p class="no-print">
                <button type="button" class="button secondary auto" on:click=|_| { let _ = window().print(); }>
                    {tr(Key::Print)}
                </button>
            </p>
            {load(data, |d| data_view(d, true))}
        </div>
    }
}

/// Everything in the export, section by section. `for_customer` adds the customer's rights
/// and the correction links; customer service's copy of the same record has neither.
pub(crate) fn data_view(d: DataExport, for_customer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let at = d.generated_at.clone();
    view! {
        <p class="meta">{tr(Key::GeneratedAt)} ": " {move || format_instant(i18n.lang.get(), &at)}</p>
        <div class="masonry">
            {profile_sections(d.profile)}
            <Section id="bank-report" title=Key::BankReport correct=ProfileField::BankReport>
                {bank_report_view(d.bank_report)}
            </Section>
        </div>
        <div class="sections">
            <Section id="billing" title=Key::Billing wide=true>{billing_view(d.billing)}</Section>
            <Section id="history" title=Key::ChangeHistory wide=true>{history_view(d.change_history)}</Section>
            <Section id="consent-log" title=Key::ConsentLog wide=true>{consent_log_view(d.consent_log)}</Section>
            <Section id="my-requests" title=Key::MyRequests wide=true>{requests_view(d.requests)}</Section>
            {for_customer.then(|| view! {
                <Section id="about" title=Key::PrivacyTitle wide=true>
                    <p>{tr(Key::MyDataRights)}</p>
                    <p><A href="/privacy">{tr(Key::PrivacyTitle)}</A></p>
                </Section>
            })}
        </div>
    }
}

fn requests_view(list: Vec<RequestView>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="empty">{tr(voiced(Key::NoRequests))}</p> }.into_any();
    }
    view! {
        <ul class="request-list">
            {list.into_iter().map(|r| {
                let (received, deadline) = (r.received_at.clone(), r.deadline.clone());
                view! {
                    <li class="request-card">
                        <h3>
                            {tr(Key::request_kind(r.kind))}
                            {r.field.map(|f| view! { ": " {tr(Key::field(f))} })}
                            " · " {r.reference()}
                        </h3>
                        <dl class="fields compact">
                            <DetailRow label=Key::Status>{tr(Key::request_status(r.status))}</DetailRow>
                            <DetailRow label=Key::Received>{move || format_instant(i18n.lang.get(), &received)}</DetailRow>
                            <DetailRow label=Key::Deadline>{move || format_date(i18n.lang.get(), &deadline)}</DetailRow>
                            <RequestDetails request=r />
                        </dl>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
