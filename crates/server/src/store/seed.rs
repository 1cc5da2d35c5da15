//! Demo customers for development and the end-to-end tests. Written only into an empty
//! database and only when `KLEVER_DEMO_DATA` is on. The sign-ins are listed in the README.
//! Also the benchmark's customers (`klever-server seed-bench`), likewise only into an empty
//! database.

use crate::params;
use crate::sql::Conn;
use klever_api::{Channel, Gender, MarketingChoice, ProfileField, StaffRole};

use crate::{
    auth::hash_password,
    db::Db,
    error::{AppError, AppResult},
};

pub struct DemoCustomer {
    pub email: &'static str,
    pub password: &'static str,
}

pub const DEMO_CUSTOMERS: [DemoCustomer; 3] = [
    DemoCustomer {
        email: "aino.laine@example.fi",
        password: "aino-demo-2026",
    },
    DemoCustomer {
        email: "erik.sjoberg@example.fi",
        password: "erik-demo-2026",
    },
    DemoCustomer {
        email: "maija.virtanen@example.fi",
        password: "maija-demo-2026",
    },
];

pub struct DemoStaff {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub role: StaffRole,
}

pub const DEMO_STAFF: [DemoStaff; 2] = [
    DemoStaff {
        email: "helena.kallio@klever.example",
        password: "helena-staff-2026",
        name: "Helena Kallio",
        role: StaffRole::CustomerService,
    },
    DemoStaff {
        email: "olli.nieminen@klever.example",
        password: "olli-staff-2026",
        name: "Olli Nieminen",
        role: StaffRole::Marketing,
    },
];

/// Argon2 for several passwords on a blocking thread, off the async workers.
async fn hash_all(passwords: Vec<&'static str>) -> AppResult<Vec<String>> {
    tokio::task::spawn_blocking(move || passwords.into_iter().map(hash_password).collect())
        .await
        .map_err(|e| AppError::Internal(format!("hashing: {e}")))
}

/// Seeds demo customers and demo staff, each only into an empty table. Returns whether
/// anything was written.
pub async fn seed_demo_data(db: &Db) -> AppResult<bool> {
    let (staff, customers): (i64, i64) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT COUNT(*) FROM staff), (SELECT COUNT(*) FROM customers)",
                (),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await?;
    if staff > 0 && customers > 0 {
        return Ok(false);
    }
    // Hashed before the write job, so the writer never waits for Argon2.
    let staff_hashes = hash_all(DEMO_STAFF.iter().map(|s| s.password).collect()).await?;
    let customer_hashes = hash_all(DEMO_CUSTOMERS.iter().map(|c| c.password).collect()).await?;
    db.write(move |conn| {
        let staff = seed_staff(conn, &staff_hashes)?;
        let customers = seed_customers(conn, &customer_hashes)?;
        // The demo customers chose their passwords when they became customers.
        conn.execute(
            "UPDATE customers SET activated_at = customer_since || 'T00:00:00Z' \
             WHERE activated_at IS NULL",
            (),
        )?;
        Ok(staff || customers)
    })
    .await
}

fn seed_staff(conn: &Conn, hashes: &[String]) -> AppResult<bool> {
    let count: i64 = conn.query_row("SELECT COUNT(*) FROM staff", (), |r| r.get(0))?;
    if count > 0 {
        return Ok(false);
    }
    for (s, hash) in DEMO_STAFF.iter().zip(hashes) {
        conn.execute(
            "INSERT INTO staff (email, name, password_hash, role) VALUES (?1, ?2, ?3, ?4)",
            params![s.email, s.name, hash, s.role.code()],
        )?;
    }
    Ok(true)
}

/// The consent-log entries that record seeded choices, so the log explains every value.
fn log_seeded_choices(
    tx: &Conn,
    customer_id: i64,
    at: &str,
    choices: &[MarketingChoice],
) -> AppResult<()> {
    for choice in choices {
        tx.execute(
            "INSERT INTO consent_log (customer_id, at, choice, old_value, new_value, channel) \
             VALUES (?1, ?2, ?3, FALSE, TRUE, ?4)",
            params![customer_id, at, choice.code(), Channel::Onboarding.code()],
        )?;
    }
    Ok(())
}

fn seed_customers(tx: &Conn, hashes: &[String]) -> AppResult<bool> {
    let count: i64 = tx.query_row("SELECT COUNT(*) FROM customers", (), |r| r.get(0))?;
    if count > 0 {
        return Ok(false);
    }

    // Aino: Finnish-speaking, bank details and an Instantor report, three invoices.
    let aino: i64 = tx.query_row("INSERT INTO customers (email, password_hash, first_name, last_name, gender, phone, \
         street, postal_code, city, country, preferred_language, other_info, iban, bic, customer_since) \
         VALUES (?1, ?2, 'Aino', 'Laine', ?3, '+358401234567', 'Kauppapuistikko 12 A 5', \
         '65100', 'Vaasa', 'FI', 'fi', 'Toivoo laskut sähköpostiin kuun alussa.', \
         'FI2112345600000785', 'NDEAFIHH', '2021-03-15') RETURNING id", params![DEMO_CUSTOMERS[0].email, hashes[0], Gender::Female.code()], |r| r.get(0))?;
    tx.execute("INSERT INTO marketing_choices (customer_id, ban_sms, consent_market_research, updated_at) \
         VALUES (?1, TRUE, TRUE, '2025-06-02T08:15:00Z')", params![aino])?;
    log_seeded_choices(
        tx,
        aino,
        "2025-06-02T08:15:00Z",
        &[
            MarketingChoice::BanSms,
            MarketingChoice::ConsentMarketResearch,
        ],
    )?;
    for (at, field, old, new, channel) in [
        (
            "2021-03-15T10:00:00Z",
            ProfileField::Email,
            None,
            Some("aino.laine@example.fi"),
            Channel::Onboarding,
        ),
        (
            "2021-03-15T10:00:00Z",
            ProfileField::Phone,
            None,
            Some("+358501112233"),
            Channel::Onboarding,
        ),
        (
            "2024-02-20T14:32:00Z",
            ProfileField::Phone,
            Some("+358501112233"),
            Some("+358401234567"),
            Channel::SelfService,
        ),
        (
            "2025-01-08T09:05:00Z",
            ProfileField::LastName,
            Some("Mäkelä"),
            Some("Laine"),
            Channel::Staff,
        ),
    ] {
        tx.execute(
            "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![aino, at, field.code(), old, new, channel.code()],
        )?;
    }
    tx.execute(
        "INSERT INTO bank_reports (customer_id, provider, report_date, bank_name, account_holder, \
         account_iban, avg_income_cents, avg_expenses_cents, balance_cents) \
         VALUES (?1, 'Instantor', '2025-09-10', 'Nordea', 'Aino Laine', 'FI2112345600000785', \
         325000, 248040, 123450)",
        params![aino],
    )?;
    let aino_invoices: [InvoiceSeed; 3] = [
        (
            "KL-2026-0311",
            "Vaasan Sähkö Oy",
            8_940,
            "2026-10-01",
            "2026-10-15",
            &[(8_940, "2026-10-14")],
        ),
        (
            "KL-2026-0412",
            "Pohjanmaan Vesi",
            123_450,
            "2026-11-01",
            "2026-12-01",
            &[(50_000, "2026-11-10")],
        ),
        (
            "KL-2026-0187",
            "Kuntosali Voima",
            4_990,
            "2026-08-01",
            "2026-08-20",
            &[],
        ),
    ];
    insert_invoices(tx, aino, &aino_invoices)?;

    // Erik: Swedish-speaking, no bank details or report, bans all direct marketing.
    let erik: i64 = tx.query_row("INSERT INTO customers (email, password_hash, first_name, last_name, gender, phone, \
         street, postal_code, city, country, preferred_language, other_info, iban, bic, customer_since) \
         VALUES (?1, ?2, 'Erik', 'Sjöberg', ?3, '+358507654321', 'Strandgatan 4', '65100', \
         'Vasa', 'FI', 'sv', '', 'FI1979600310012345', 'HANDFIHH', '2023-09-01') RETURNING id", params![DEMO_CUSTOMERS[1].email, hashes[1], Gender::Male.code()], |r| r.get(0))?;
    // Of the channels he has banned only post: "ban all" alone keeps him off the email,
    // SMS and phone lists, which have his address and number.
    tx.execute("INSERT INTO marketing_choices (customer_id, ban_all, ban_email, ban_sms, ban_phone, ban_post, \
         updated_at) VALUES (?1, TRUE, FALSE, FALSE, FALSE, TRUE, '2023-09-01T12:00:00Z')", params![erik])?;
    log_seeded_choices(
        tx,
        erik,
        "2023-09-01T12:00:00Z",
        &[MarketingChoice::BanAll, MarketingChoice::BanPost],
    )?;
    onboarding_entry(
        tx,
        erik,
        "2023-09-01T12:00:00Z",
        ProfileField::Email,
        DEMO_CUSTOMERS[1].email,
    )?;
    let erik_invoices: [InvoiceSeed; 1] = [(
        "KL-2026-0399",
        "Vasa Elverk Ab",
        21_075,
        "2026-10-20",
        "2026-11-05",
        &[(21_075, "2026-11-04")],
    )];
    insert_invoices(tx, erik, &erik_invoices)?;

    // Maija: new, English-speaking, has given only her email: every optional part is empty.
    let maija: i64 = tx.query_row(
        "INSERT INTO customers (email, password_hash, first_name, last_name, gender, \
         preferred_language, customer_since) \
         VALUES (?1, ?2, 'Maija', 'Virtanen', ?3, 'en', '2026-02-01') RETURNING id",
        params![DEMO_CUSTOMERS[2].email, hashes[2], Gender::NotStated.code()],
        |r| r.get(0),
    )?;
    onboarding_entry(
        tx,
        maija,
        "2026-02-01T08:00:00Z",
        ProfileField::Email,
        DEMO_CUSTOMERS[2].email,
    )?;
    Ok(true)
}

/// The history entry of a value the customer gave when they became a customer.
fn onboarding_entry(
    tx: &Conn,
    customer_id: i64,
    at: &str,
    field: ProfileField,
    value: &str,
) -> AppResult<()> {
    tx.execute(
        "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel) \
         VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
        params![
            customer_id,
            at,
            field.code(),
            value,
            Channel::Onboarding.code()
        ],
    )?;
    Ok(())
}

/// Number, payee, amount in cents, issued, due, and the payments (cents, date).
type InvoiceSeed = (
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    &'static [(i64, &'static str)],
);

fn insert_invoices(tx: &Conn, customer_id: i64, invoices: &[InvoiceSeed]) -> AppResult<()> {
    for (number, payee, amount, issued, due, payments) in invoices {
        let invoice_id: i64 = tx.query_row(
            "INSERT INTO invoices (customer_id, number, payee, amount_cents, issued_on, due_date) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            params![customer_id, number, payee, amount, issued, due],
            |r| r.get(0),
        )?;
        for (paid, on) in payments.iter() {
            tx.execute(
                "INSERT INTO payments (invoice_id, amount_cents, paid_on) VALUES (?1, ?2, ?3)",
                params![invoice_id, paid, on],
            )?;
        }
    }
    Ok(())
}

/// The password of every benchmark customer, so a load test can sign in as many of them.
pub const BENCH_PASSWORD: &str = "bench-password-2026";

/// A benchmark customer's email: `bench00001@bench.example` for `n` = 1.
pub fn bench_email(n: u32) -> String {
    format!("bench{n:05}@bench.example")
}

/// Fills an empty database with `count` customers for load tests, all with
/// [`BENCH_PASSWORD`], in one transaction. Refuses a database that has customers, so it
/// can never add accounts with a published password to a real register.
pub async fn seed_bench(db: &Db, count: u32) -> AppResult<()> {
    let existing: i64 = db
        .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM customers", (), |r| r.get(0))?))
        .await?;
    if existing > 0 {
        return Err(AppError::Internal(format!(
            "the database already has {existing} customers; seed-bench only fills an empty one"
        )));
    }
    // One hash for all: Argon2 is slow on purpose, and 10,000 of them would take minutes.
    let hash = hash_all(vec![BENCH_PASSWORD]).await?.remove(0);
    db.write(move |conn| {
        let existing: i64 = conn.query_row("SELECT COUNT(*) FROM customers", (), |r| r.get(0))?;
        if existing > 0 {
            return Err(AppError::Internal("customers appeared meanwhile".into()));
        }
        for n in 1..=count {
            let last = ["Laine", "Sjöberg", "Virtanen", "Korhonen"][n as usize % 4];
            conn.prepare_cached(
                "INSERT INTO customers (email, password_hash, first_name, last_name, gender, \
                 phone, street, postal_code, city, country, preferred_language, other_info, \
                 iban, bic, customer_since) \
                 VALUES (?1, ?2, 'Bench', ?3, ?6, ?4, 'Kauppapuistikko 12 A 5', \
                 '65100', 'Vaasa', 'FI', ?5, '', 'FI2112345600000785', 'NDEAFIHH', '2024-01-01')",
            )?
            .execute(params![
                bench_email(n),
                hash,
                last,
                format!("+35840{:07}", n),
                ["fi", "sv", "en"][n as usize % 3],
                Gender::NotStated.code()
            ])?;
        }
        Ok(())
    })
    .await
}
