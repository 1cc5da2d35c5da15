//! `/api/me/billing`: invoices the customer received and what was paid on them.

use std::collections::HashMap;

use axum::{extract::State, routing::get, Json, Router};
use klever_api::{Billing, Invoice, InvoiceStatus, Payment};

use crate::{auth::CustomerSession, error::AppResult, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/billing", get(billing))
}

async fn billing(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Billing>> {
    let today = state.clock.today_in_finland();
    Ok(Json(
        state
            .db
            .read(|c| load_billing(c, session.customer_id, today))?,
    ))
}

/// Invoices newest first with their payments; reads in one transaction so they agree.
/// Overdue is judged against `today`, a Finnish date, since due dates are Finnish dates.
pub(crate) fn load_billing(
    conn: &rusqlite::Connection,
    customer_id: i64,
    today: klever_api::IsoDate,
) -> AppResult<Billing> {
    type InvoiceRow = (i64, String, String, i64, String, String);
    let (invoices, payments) = crate::db::consistent(conn, |tx| {
        let mut query = tx.prepare_cached(
            "SELECT id, number, payee, amount_cents, issued_on, due_date FROM invoices \
             WHERE customer_id = ?1 ORDER BY issued_on DESC, id DESC",
        )?;
        let invoices = query
            .query_map([customer_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<Result<Vec<InvoiceRow>, _>>()?;
        let mut query = tx.prepare_cached(
            "SELECT p.invoice_id, p.amount_cents, p.paid_on FROM payments p \
             JOIN invoices i ON i.id = p.invoice_id \
             WHERE i.customer_id = ?1 ORDER BY p.paid_on, p.id",
        )?;
        let payments = query
            .query_map([customer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<(i64, i64, String)>, _>>()?;
        Ok((invoices, payments))
    })?;
    let today = today.to_string();

    let mut by_invoice: HashMap<i64, Vec<Payment>> = HashMap::new();
    for (invoice_id, amount_cents, paid_on) in payments {
        by_invoice.entry(invoice_id).or_default().push(Payment {
            amount_cents,
            paid_on,
        });
    }
    let invoices = invoices
        .into_iter()
        .map(|(id, number, payee, amount_cents, issued_on, due_date)| {
            let payments = by_invoice.remove(&id).unwrap_or_default();
            let paid: i64 = payments.iter().map(|p| p.amount_cents).sum();
            Invoice {
                status: InvoiceStatus::derive(amount_cents, paid, &due_date, &today),
                id,
                number,
                payee,
                amount_cents,
                issued_on,
                due_date,
                payments,
            }
        })
        .collect();
    Ok(Billing { invoices })
}
