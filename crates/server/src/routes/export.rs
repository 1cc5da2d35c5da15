//! `/api/me/export`: a machine-readable copy of everything held about the customer
//! (GDPR Art. 15 and 20), with the facts Art. 15 requires beside the data.

use axum::{
    extract::State,
    http::{header, HeaderValue},
    response::IntoResponse,
    Json,
};
use klever_api::{DataExport, IsoDate};

use super::Api;
use crate::{
    auth::CustomerSession,
    clock::{parse_rfc3339, rfc3339},
    error::AppResult,
    store::{billing, customers, history, marketing, requests},
    AppState,
};
use utoipa_axum::routes;

pub fn routes(api: Api) -> Api {
    api.routes(routes!(export))
}

#[utoipa::path(
    get, path = "/me/export", operation_id = "export", tag = "profile", security(("customer_session" = [])),
    responses((status = 200, description = "Everything held about the customer, as a file to keep.", body = DataExport,
        headers(("Content-Disposition" = String, description = "A download named by the date."))))
)]
async fn export(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<impl IntoResponse> {
    let now = state.clock.now();
    let export = state
        .db
        .read(move |c| build_export(c, session.customer_id, now))
        .await?;
    Ok(as_download(export))
}

/// The export as a JSON file download named by the date in Finland when it was made.
pub(crate) fn as_download(export: DataExport) -> impl IntoResponse {
    let made = parse_rfc3339(&export.generated_at).unwrap_or_default();
    let filename = format!(
        "attachment; filename=\"kleverapp-data-{}.json\"",
        IsoDate::in_finland(made)
    );
    let disposition = HeaderValue::from_str(&filename).expect("ASCII file name");
    ([(header::CONTENT_DISPOSITION, disposition)], Json(export))
}

/// Everything held about one customer, in one transaction, so every part describes the
/// same moment.
pub(crate) fn build_export(conn: &crate::sql::Conn, id: i64, now: i64) -> AppResult<DataExport> {
    crate::db::consistent(conn, |tx| export_parts(tx, id, now))
}

fn export_parts(tx: &crate::sql::Conn, id: i64, now: i64) -> AppResult<DataExport> {
    let profile = customers::profile(tx, id)?;
    let iban = customers::full_iban(tx, id)?;
    let export = DataExport {
        generated_at: rfc3339(now),
        controller: "Klever Ab Oy (2697436-4), Vaasa, Finland".into(),
        register: "Klever Ab Oy customer register".into(),
        bank_account: iban,
        bank_report: billing::bank_report(tx, id)?,
        billing: billing::billing(tx, id, IsoDate::in_finland(now))?,
        change_history: history::history(tx, id)?,
        consent_log: marketing::consent_log(tx, id)?,
        requests: requests::for_customer(tx, id)?,
        profile,
        purposes: [
            "Managing the customer relationship and customer service",
            "Defining customer levels",
            "Communicating with customers",
            "Planning and targeting marketing, including direct marketing, unless you have banned it",
            "Market research, unless you have banned it",
            "Planning and following up the business",
            "Meeting obligations set by law and the authorities",
        ]
        .map(String::from)
        .to_vec(),
        categories: [
            "First and last name",
            "Gender",
            "Bank details",
            "Email address",
            "Phone number",
            "Other information you have given about yourself",
            "Direct-marketing bans and consents",
            "Date the customer relationship began",
            "Change history of your data",
            "Information obtained from your bank account",
            "Invoices you received and your payments",
        ]
        .map(String::from)
        .to_vec(),
        recipients: [
            "Non-identifying data to opinion and market research, unless you have banned it",
            "No other disclosures beyond what the customer relationship needs",
        ]
        .map(String::from)
        .to_vec(),
        retention: "For as long as the customer relationship lasts and as long afterwards as the law requires (bookkeeping records)".into(),
        sources: [
            "You yourself",
            "Your use of the service, including cookies",
            "Other registers that provide information services",
            "Instantor, the bank-account report you authorised (account holder, balances, summary of income and expenses)",
        ]
        .map(String::from)
        .to_vec(),
        automated_decisions: "No decisions about you are made by automated means alone.".into(),
        transfers_outside_eea: "Your data is not transferred outside the EU or the EEA.".into(),
    };
    Ok(export)
}
