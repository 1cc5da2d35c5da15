//! The profile overview: every category the register holds about the customer.

use klever_api::{
    BankReport, Billing, HistoryEntry, Invoice, MarketingChoice, MarketingChoices, Profile,
    ProfileField,
};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_query_map};

use crate::{
    api,
    components::{load, CorrectionLink, FieldRow, Gate, LockedMark, PageHeading},
    i18n::{
        format_date, format_instant, format_money, language_name, prepare_region_names,
        region_name, tr, use_i18n, Key,
    },
    values::coded_value,
};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = LocalResource::new(api::profile);
    let bank_report = LocalResource::new(api::bank_report);
    let billing = LocalResource::new(api::billing);
    let history = LocalResource::new(api::history);
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("saved").is_some());
    prepare_region_names();

    view! {
        <div class="page">
            <PageHeading key=Key::ProfileTitle />
            <p class="lead">{tr(Key::ProfileIntro)}</p>
            <Gate ready=async move {
                let _ = profile.await;
                let _ = bank_report.await;
                let _ = billing.await;
                let _ = history.await;
            }>
                <Show when=saved>
                    <p class="notice success" role="status">{tr(Key::Saved)}</p>
                </Show>
                {load(profile, summary_card)}
                <p class="legend">
                    <LockedMark />
                    " "
                    {tr(Key::LockedHint)}
                </p>
                // Cards of every height flow into columns on a desktop, so the grid has no holes.
                <div class="masonry">
                    {load(profile, profile_sections)}
                    <Section id="bank-report" title=Key::BankReport correct=ProfileField::BankReport>
                        {load(bank_report, bank_report_view)}
                    </Section>
                </div>
                <div class="sections">
                    <Section id="billing" title=Key::Billing wide=true correct=ProfileField::Billing>
                        {load(billing, billing_view)}
                    </Section>
                    <Section id="history" title=Key::ChangeHistory wide=true correct=ProfileField::History>
                        {load(history, history_view)}
                    </Section>
                </div>
            </Gate>
        </div>
    }
}

/// Who this is and the things most often done, first on the page.
fn summary_card(p: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let since = p.customer_since.clone();
    view! {
        <section class="card summary-card" aria-labelledby="summary-name">
            <p class="summary-name" id="summary-name">
                {format!("{} {}", p.personal.first_name, p.personal.last_name)}
            </p>
            <p class="meta">
                {tr(Key::CustomerSinceText)} " "
                <strong data-field="customer-since">{move || format_date(i18n.lang.get(), &since)}</strong>
            </p>
            <ul class="quick-actions plain">
                <li><A href="/profile/edit" attr:class="button secondary">{tr(Key::EditTitle)}</A></li>
                <li><A href="/profile/marketing" attr:class="button secondary">{tr(Key::NavMarketing)}</A></li>
                <li><A href="/requests" attr:class="button secondary">{tr(Key::InspectionTitle)}</A></li>
                <li><A href="/profile/devices" attr:class="button secondary">{tr(Key::DevicesTitle)}</A></li>
                <li><A href="/profile/password" attr:class="button secondary">{tr(Key::PasswordTitle)}</A></li>
            </ul>
        </section>
    }
}

/// Provided above a record shown to staff: the sections leave out the customer's own
/// "edit" and "request a correction" links, which lead to the customer's screens.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StaffView;

/// `key` as the record's reader should read it: the customer's own words ("My requests")
/// on the customer's pages, words about the customer ("The customer's requests") on a
/// record shown to staff. Called while rendering (it reads the context).
pub(crate) fn voiced(key: Key) -> Key {
    if use_context::<StaffView>().is_none() {
        return key;
    }
    match key {
        Key::OtherInfo => Key::StaffOtherInfo,
        Key::MayMarketBy => Key::StaffMayMarketBy,
        Key::MayUseData => Key::StaffMayUseData,
        Key::ConsentLog => Key::StaffConsentLog,
        Key::MyRequests => Key::StaffRequests,
        Key::NoRequests => Key::StaffNoRequests,
        Key::NoInvoices => Key::StaffNoInvoices,
        Key::NoHistory => Key::StaffNoHistory,
        Key::NoConsentLog => Key::StaffNoConsentLog,
        Key::NoBankReport => Key::StaffNoBankReport,
        Key::BankReportIntro => Key::StaffBankReportIntro,
        Key::SwitchResearch => Key::StaffSwitchResearch,
        Key::SwitchDisclosure => Key::StaffSwitchDisclosure,
        Key::SwitchTargeting => Key::StaffSwitchTargeting,
        Key::ChannelSelfService => Key::StaffChannelSelfService,
        Key::ChannelOnboarding => Key::StaffChannelOnboarding,
        other => other,
    }
}

/// A titled region of the page, reachable by its heading in a screen reader's outline.
/// `edit` adds a link to where the section is changed, named with the section for screen readers.
#[component]
pub(crate) fn Section(
    id: &'static str,
    title: Key,
    #[prop(optional)] wide: bool,
    /// Where the section's "edit" link goes, if it has one.
    #[prop(optional)]
    edit: Option<(&'static str, Key)>,
    /// For a section of locked details: the one correction request it offers, which then
    /// asks which detail (starting from this one).
    #[prop(optional)]
    correct: Option<ProfileField>,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let customers_own = use_context::<StaffView>().is_none();
    let title = voiced(title);
    let edit = edit.filter(|_| customers_own);
    let correct = correct.filter(|_| customers_own);
    view! {
        <section class="card" class:wide=wide id=id aria-labelledby=labelled_by>
            <div class="card-head">
                <h2 id=heading_id>{tr(title)}</h2>
                {edit.map(|(href, label)| view! {
                    <A href=href attr:class="edit-link">
                        {tr(label)}
                        <span class="visually-hidden">": " {tr(title)}</span>
                    </A>
                })}
                {correct.map(|field| view! { <CorrectionLink field=field label=title /> })}
            </div>
            {children()}
        </section>
    }
}

pub(crate) fn profile_sections(p: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let personal = p.personal.clone();
    let contact = p.contact.clone();
    let since = p.customer_since.clone();
    let address = contact.address.clone();
    let marketing = p.marketing.clone();
    view! {
        <Section id="personal" title=Key::PersonalDetails correct=ProfileField::FirstName>
            <dl class="fields">
                <FieldRow label=Key::FirstName value=Some(personal.first_name.to_string()) locked=true test_id="first-name" />
                <FieldRow label=Key::LastName value=Some(personal.last_name.to_string()) locked=true test_id="last-name" />
                <FieldRow
                    label=Key::Gender
                    value=Signal::derive(move || Some(i18n.t(Key::gender(personal.gender)).to_owned()))
                    locked=true
                    test_id="gender"
                />
                <FieldRow
                    label=Key::CustomerSince
                    value=Signal::derive(move || Some(format_date(lang(), &since)))
                    locked=true
                    test_id="customer-since-row"
                />
            </dl>
        </Section>
        <Section id="contact" title=Key::ContactDetails edit=("/profile/edit", Key::EditDetails)>
            <dl class="fields">
                <FieldRow label=Key::Email value=Some(contact.email.to_string()) test_id="email" />
                <FieldRow label=Key::Phone value=contact.phone.as_ref().map(klever_api::Phone::display) test_id="phone" />
                <FieldRow
                    label=Key::Address
                    value=Signal::derive(move || {
                        address.as_ref().map(|a| a.one_line_with(&region_name(lang(), a.country())))
                    })
                    test_id="address"
                />
                <FieldRow
                    label=Key::PreferredLanguage
                    value=Some(language_name(contact.preferred_language).to_owned())
                    test_id="preferred-language"
                />
            </dl>
        </Section>
        <Section id="other-info" title=Key::OtherInfo edit=("/profile/edit", Key::EditDetails)>
            {if p.other_info.as_str().is_empty() {
                view! { <p class="empty">{tr(Key::NotGiven)}</p> }.into_any()
            } else {
                view! { <p class="free-text" data-field="other-info">{p.other_info.to_string()}</p> }.into_any()
            }}
        </Section>
        <Section id="bank" title=Key::BankDetails correct=ProfileField::BankAccount>
            {match p.bank {
                Some(bank) => view! {
                    <dl class="fields">
                        <FieldRow label=Key::Iban value=Some(bank.iban_masked) locked=true test_id="iban" />
                        <FieldRow label=Key::Bic value=Some(bank.bic.to_string()) locked=true test_id="bic" />
                    </dl>
                }.into_any(),
                None => view! { <p class="empty">{tr(Key::NoBankDetails)}</p> }.into_any(),
            }}
        </Section>
        <Section id="marketing" title=Key::MarketingChoices edit=("/profile/marketing", Key::ManageMarketing)>
            {marketing.ban_all.then(|| view! {
                <p class="notice info" data-field="ban-all">{tr(Key::BanAllOverrides)}</p>
            })}
            <h3>{tr(voiced(Key::MayMarketBy))}</h3>
            {choice_rows(&marketing, &MarketingChoice::CHANNEL_BANS)}
            <h3>{tr(voiced(Key::MayUseData))}</h3>
            {choice_rows(&marketing, &MarketingChoice::CONSENTS)}
            {marketing.updated_at.map(|at| view! {
                <p class="meta">{tr(Key::LastChanged)} ": " {move || format_instant(lang(), &at)}</p>
            })}
        </Section>
    }
}

/// Each choice as the switches word it, with what is in force now ("ban all" counted).
fn choice_rows(marketing: &MarketingChoices, choices: &[MarketingChoice]) -> impl IntoView {
    let i18n = use_i18n();
    let rows = choices
        .iter()
        .map(|&choice| {
            let on = marketing.permitted_now(choice);
            view! {
                <FieldRow
                    label=voiced(Key::permission(choice))
                    value=Signal::derive(move || Some(i18n.t(if on { Key::StateYes } else { Key::StateNo }).to_owned()))
                    test_id=choice.code()
                />
            }
        })
        .collect_view();
    view! { <dl class="fields choices">{rows}</dl> }
}

pub(crate) fn bank_report_view(report: Option<BankReport>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    match report {
        None => view! { <p class="empty">{tr(voiced(Key::NoBankReport))}</p> }.into_any(),
        Some(r) => {
            let date = r.report_date.clone();
            view! {
                <p class="meta">{tr(voiced(Key::BankReportIntro))}</p>
                <dl class="fields">
                    <FieldRow label=Key::ReportDate value=Signal::derive(move || Some(format_date(lang(), &date))) locked=true test_id="report-date" />
                    <FieldRow label=Key::ReportProvider value=Some(r.provider) locked=true test_id="report-provider" />
                    <FieldRow label=Key::BankName value=Some(r.bank_name) locked=true test_id="report-bank" />
                    <FieldRow label=Key::AccountHolder value=Some(r.account_holder) locked=true test_id="report-holder" />
                    <FieldRow label=Key::Account value=Some(r.account_masked) locked=true test_id="report-account" />
                    <FieldRow label=Key::AvgIncome value=Signal::derive(move || Some(format_money(lang(), r.avg_monthly_income_cents))) locked=true test_id="report-income" />
                    <FieldRow label=Key::AvgExpenses value=Signal::derive(move || Some(format_money(lang(), r.avg_monthly_expenses_cents))) locked=true test_id="report-expenses" />
                    <FieldRow label=Key::Balance value=Signal::derive(move || Some(format_money(lang(), r.balance_cents))) locked=true test_id="report-balance" />
                </dl>
            }
            .into_any()
        }
    }
}

pub(crate) fn billing_view(billing: Billing) -> impl IntoView {
    if billing.invoices.is_empty() {
        return view! { <p class="empty">{tr(voiced(Key::NoInvoices))}</p> }.into_any();
    }
    let i18n = use_i18n();
    let label = move |key: Key| move || i18n.t(key);
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{tr(Key::Billing)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(Key::InvoiceNumber)}</th>
                    <th scope="col">{tr(Key::Payee)}</th>
                    <th scope="col">{tr(Key::IssuedOn)}</th>
                    <th scope="col">{tr(Key::DueDate)}</th>
                    <th scope="col" class="num">{tr(Key::Amount)}</th>
                    <th scope="col">{tr(Key::Status)}</th>
                    <th scope="col">{tr(Key::Payments)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || billing.invoices.clone() key=|invoice| invoice.id let:invoice>
                    <InvoiceRow invoice=invoice label=label />
                </For>
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn InvoiceRow<L, F>(invoice: Invoice, label: L) -> impl IntoView
where
    L: Fn(Key) -> F + Copy + Send + Sync + 'static,
    F: Fn() -> &'static str + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let Invoice {
        number,
        payee,
        amount_cents,
        issued_on,
        due_date,
        status,
        payments,
        ..
    } = invoice;
    let status_class = format!("status status-{status:?}").to_lowercase();
    view! {
        <tr data-invoice=number.clone()>
            <th scope="row" data-label=label(Key::InvoiceNumber)>{number.clone()}</th>
            <td data-label=label(Key::Payee)>{payee}</td>
            <td data-label=label(Key::IssuedOn)>{move || format_date(lang(), &issued_on)}</td>
            <td data-label=label(Key::DueDate)>{move || format_date(lang(), &due_date)}</td>
            <td data-label=label(Key::Amount) class="num">{move || format_money(lang(), amount_cents)}</td>
            <td data-label=label(Key::Status)>
                <span class=status_class>{move || i18n.t(Key::invoice_status(status))}</span>
            </td>
            <td data-label=label(Key::Payments)>
                {if payments.is_empty() {
                    view! { <span class="empty">{tr(Key::NoPayments)}</span> }.into_any()
                } else {
                    view! {
                        <ul class="plain">
                            {payments
                                .into_iter()
                                .map(|p| view! {
                                    <li>
                                        {move || format_date(lang(), &p.paid_on)} ": "
                                        {move || format_money(lang(), p.amount_cents)}
                                    </li>
                                })
                                .collect_view()}
                        </ul>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}

pub(crate) fn history_view(entries: Vec<HistoryEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{tr(voiced(Key::NoHistory))}</p> }.into_any();
    }
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let label = move |key: Key| move || i18n.t(key);
    // Codes (gender, language) by their names; a missing value as a dash.
    let shown =
        |field, v: Option<String>| coded_value(Some(field), v.unwrap_or_else(|| "—".to_owned()));
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{tr(Key::ChangeHistory)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(Key::When)}</th>
                    <th scope="col">{tr(Key::Field)}</th>
                    <th scope="col">{tr(Key::OldValue)}</th>
                    <th scope="col">{tr(Key::NewValue)}</th>
                    <th scope="col">{tr(Key::ChangedBy)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || entries.clone() key=|e| e.id let:e>
                    <tr data-history=e.id>
                        <td data-label=label(Key::When)>{
                            let at = e.at.clone();
                            move || format_instant(lang(), &at)
                        }</td>
                        <th scope="row" data-label=label(Key::Field)>{move || i18n.t(Key::field(e.field))}</th>
                        <td data-label=label(Key::OldValue)>{shown(e.field, e.old_value.clone())}</td>
                        <td data-label=label(Key::NewValue)>{shown(e.field, e.new_value.clone())}</td>
                        <td data-label=label(Key::ChangedBy)>{tr(voiced(Key::channel(e.channel)))}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}
