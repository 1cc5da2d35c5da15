//! Invoices, their payments, and the bank-account reports (Instantor): read-only here,
//! written by the billing system and the report provider.

use std::collections::HashMap;

use crate::sql::{Conn, OptionalExtension};
use klever_api::{BankReport, Billing, Iban, Invoice, InvoiceStatus, IsoDate, Payment};

use crate::error::AppResult;

struct InvoiceRow {
    id: i64,
    number: String,
    payee: String,
    amount_cents: i64,
    issued_on: String,
    due_date: String,
}

struct PaymentRow {
    invoice_id: i64,
    amount_cents: i64,
    paid_on: String,
}

/// Invoices newest first with their payments; reads in one transaction so they agree.
/// Overdue is judged against `today`, a Finnish date, since due dates are Finnish dates.
pub fn billing(conn: &Conn, customer_id: i64, today: IsoDate) -> AppResult<Billing> {
    let (invoices, payments) = crate::db::consistent(conn, |tx| {
        let mut query = tx.prepare_cached(
            "SELECT id, number, payee, amount_cents, issued_on, due_date FROM invoices \
             WHERE customer_id = ?1 ORDER BY issued_on DESC, id DESC",
        )?;
        let invoices = query
            .query_map([customer_id], |r| {
                Ok(InvoiceRow {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    payee: r.get(2)?,
                    amount_cents: r.get(3)?,
                    issued_on: r.get(4)?,
                    due_date: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut query = tx.prepare_cached(
            "SELECT p.invoice_id, p.amount_cents, p.paid_on FROM payments p \
             JOIN invoices i ON i.id = p.invoice_id \
             WHERE i.customer_id = ?1 ORDER BY p.paid_on, p.id",
        )?;
        let payments = query
            .query_map([customer_id], |r| {
                Ok(PaymentRow {
                    invoice_id: r.get(0)?,
                    amount_cents: r.get(1)?,
                    paid_on: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((invoices, payments))
    })?;
    let today = today.to_string();

    let mut by_invoice: HashMap<i64, Vec<Payment>> = HashMap::new();
    for p in payments {
        by_invoice.entry(p.invoice_id).or_default().push(Payment {
            amount_cents: p.amount_cents,
            paid_on: p.paid_on,
        });
    }
    let invoices = invoices
        .into_iter()
        .map(|row| {
            let payments = by_invoice.remove(&row.id).unwrap_or_default();
            let paid: i64 = payments.iter().map(|p| p.amount_cents).sum();
            Invoice {
                status: InvoiceStatus::derive(row.amount_cents, paid, &row.due_date, &today),
                id: row.id,
                number: row.number,
                payee: row.payee,
                amount_cents: row.amount_cents,
                issued_on: row.issued_on,
                due_date: row.due_date,
                payments,
            }
        })
        .collect();
    Ok(Billing { invoices })
}

/// The latest bank-account report, with the account number masked, or `None`.
pub fn bank_report(conn: &Conn, customer_id: i64) -> AppResult<Option<BankReport>> {
    struct ReportRow {
        provider: String,
        report_date: String,
        bank_name: String,
        account_holder: String,
        iban: String,
        income: i64,
        expenses: i64,
        balance: i64,
    }
    let row = conn
        .prepare_cached(
            "SELECT provider, report_date, bank_name, account_holder, account_iban, \
             avg_income_cents, avg_expenses_cents, balance_cents FROM bank_reports \
             WHERE customer_id = ?1 ORDER BY report_date DESC, id DESC LIMIT 1",
        )?
        .query_row([customer_id], |r| {
            Ok(ReportRow {
                provider: r.get(0)?,
                report_date: r.get(1)?,
                bank_name: r.get(2)?,
                account_holder: r.get(3)?,
                iban: r.get(4)?,
                income: r.get(5)?,
                expenses: r.get(6)?,
                balance: r.get(7)?,
            })
        })
        .optional()?;
    row.map(|row| {
        Ok(BankReport {
            report_date: row.report_date,
            provider: row.provider,
            bank_name: row.bank_name,
            account_holder: row.account_holder,
            account_masked: Iban::parse(&row.iban)?.masked(),
            avg_monthly_income_cents: row.income,
            avg_monthly_expenses_cents: row.expenses,
            balance_cents: row.balance,
        })
    })
    .transpose()
}
