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
    let mut conn = state.db.read().acquire().await?;
    Ok(Json(load_billing(&mut conn, session.customer_id).await?))
}

/// Invoices newest first with their payments; reads in one transaction so they agree.
pub(crate) async fn load_billing(
    conn: &mut sqlx::SqliteConnection,
    customer_id: i64,
) -> AppResult<Billing> {
    let mut tx = sqlx::Connection::begin(conn).await?;
    let invoices: Vec<(i64, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT id, number, payee, amount_cents, issued_on, due_date FROM invoices \
         WHERE customer_id = ?1 ORDER BY issued_on DESC, id DESC",
    )
    .bind(customer_id)
    .fetch_all(&mut *tx)
    .await?;
    let payments: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT p.invoice_id, p.amount_cents, p.paid_on FROM payments p \
         JOIN invoices i ON i.id = p.invoice_id \
         WHERE i.customer_id = ?1 ORDER BY p.paid_on, p.id",
    )
    .bind(customer_id)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    // Due dates are Finnish dates, so "overdue" is judged by the date in Finland.
    let today = klever_api::IsoDate::in_finland(crate::db::unix_now()).to_string();

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
