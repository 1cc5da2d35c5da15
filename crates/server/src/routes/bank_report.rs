//! `/api/me/bank-report`: the latest bank-account report (Instantor), or `null` if none.

use axum::{extract::State, routing::get, Json, Router};
use klever_api::{BankReport, Iban};

use crate::{auth::CustomerSession, error::AppResult, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/bank-report", get(bank_report))
}

type ReportRow = (String, String, String, String, String, i64, i64, i64);

async fn bank_report(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Option<BankReport>>> {
    Ok(Json(
        state
            .db
            .read(|c| load_bank_report(c, session.customer_id))?,
    ))
}

/// The latest report, with the account number masked.
pub(crate) fn load_bank_report(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> AppResult<Option<BankReport>> {
    use rusqlite::OptionalExtension;
    let row: Option<ReportRow> = conn
        .prepare_cached(
            "SELECT provider, report_date, bank_name, account_holder, account_iban, \
             avg_income_cents, avg_expenses_cents, balance_cents FROM bank_reports \
             WHERE customer_id = ?1 ORDER BY report_date DESC, id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .optional()?;
    let report = match row {
        None => None,
        Some((
            provider,
            report_date,
            bank_name,
            account_holder,
            iban,
            income,
            expenses,
            balance,
        )) => Some(BankReport {
            report_date,
            provider,
            bank_name,
            account_holder,
            account_masked: Iban::parse(&iban)?.masked(),
            avg_monthly_income_cents: income,
            avg_monthly_expenses_cents: expenses,
            balance_cents: balance,
        }),
    };
    Ok(report)
}
