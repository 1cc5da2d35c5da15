//! A register that the first schema made and that has been in use, opened by today's
//! server: migrated to the current schema with every row as it was, and served.

use klever_api::{Channel, Gender, HistoryEntry, MarketingChoices, Profile, ProfileField};
use klever_server::{db::Db, sql::Conn};
use sqlx::{ConnectOptions, Connection};

use crate::helpers::{postgres_backend, PostgresDatabase, TestApp};

const CUSTOMERS: i64 = 40;
const PASSWORD: &str = "first-schema-2026";

/// The first schema's tables and columns, each read back as text (or `-` for none).
const TABLES: [(&str, &[&str]); 8] = [
    (
        "customers",
        &[
            "id",
            "email",
            "password_hash",
            "first_name",
            "last_name",
            "gender",
            "phone",
            "street",
            "postal_code",
            "city",
            "country",
            "preferred_language",
            "other_info",
            "iban",
            "bic",
            "customer_since",
            "version",
        ],
    ),
    (
        "marketing_choices",
        &[
            "customer_id",
            "ban_all",
            "ban_email",
            "ban_sms",
            "ban_phone",
            "ban_post",
            "consent_market_research",
            "consent_research_disclosure",
            "consent_targeting",
            "updated_at",
        ],
    ),
    (
        "change_history",
        &[
            "id",
            "customer_id",
            "at",
            "field",
            "old_value",
            "new_value",
            "channel",
            "staff_id",
        ],
    ),
    (
        "bank_reports",
        &[
            "id",
            "customer_id",
            "provider",
            "report_date",
            "bank_name",
            "account_holder",
            "account_iban",
            "avg_income_cents",
            "avg_expenses_cents",
            "balance_cents",
        ],
    ),
    (
        "invoices",
        &[
            "id",
            "customer_id",
            "number",
            "payee",
            "amount_cents",
            "issued_on",
            "due_date",
        ],
    ),
    ("payments", &["id", "invoice_id", "amount_cents", "paid_on"]),
    (
        "sessions",
        &[
            "token_hash",
            "customer_id",
            "created_at",
            "last_seen_at",
            "password_at",
        ],
    ),
    ("sign_in_failures", &["email", "at"]),
];

/// Every row of every first-schema table, in a fixed order.
async fn snapshot(db: &Db) -> Vec<Vec<Vec<String>>> {
    db.read(|c| {
        let mut tables = Vec::new();
        for (table, columns) in TABLES {
            let list: Vec<String> = columns
                .iter()
                .map(|c| format!("COALESCE(CAST({c} AS TEXT), '-')"))
                .collect();
            let sql = format!("SELECT {} FROM {table} ORDER BY 1, 2", list.join(", "));
            let rows = c
                .prepare_cached(&sql)?
                .query_map((), |r| (0..columns.len()).map(|i| r.get(i)).collect())?
                .collect::<Result<Vec<Vec<String>>, _>>()?;
            tables.push(rows);
        }
        Ok(tables)
    })
    .await
    .unwrap()
}

/// A register in use: customers with choices, history, bank reports, invoices and
/// payments, sessions and failed sign-ins, written with the first schema's columns only.
fn fill(c: &Conn, hash: &str) -> klever_server::error::AppResult<()> {
    for n in 1..=CUSTOMERS {
        let email = format!("first{n:03}@example.fi");
        let id: i64 = c.query_row(
            "INSERT INTO customers (email, password_hash, first_name, last_name, gender, phone, \
             street, postal_code, city, country, preferred_language, other_info, iban, bic, \
             customer_since, version) \
             VALUES (?1, ?2, 'Ensi', ?3, ?4, ?5, ?6, '65100', 'Vaasa', 'FI', ?7, ?8, ?9, ?10, \
             '2020-01-15', ?11) RETURNING id",
            klever_server::params![
                email,
                hash,
                ["Laine", "Sjöberg", "Virtanen"][n as usize % 3],
                Gender::ALL[n as usize % 4].code(),
                (n % 2 == 0).then(|| format!("+35840{n:07}")),
                (n % 3 != 0).then(|| format!("Kauppatori {n}")),
                ["fi", "sv", "en"][n as usize % 3],
                if n % 5 == 0 {
                    "Paper invoices, please."
                } else {
                    ""
                },
                (n % 4 == 0).then_some("FI2112345600000785"),
                (n % 4 == 0).then_some("NDEAFIHH"),
                1 + n % 3
            ],
            |r| r.get(0),
        )?;
        c.execute(
            "INSERT INTO marketing_choices (customer_id, ban_all, ban_email, ban_sms, ban_phone, \
             ban_post, consent_market_research, consent_research_disclosure, consent_targeting, \
             updated_at) VALUES (?1, ?2, ?3, FALSE, TRUE, FALSE, ?4, FALSE, TRUE, '2024-05-01T08:00:00Z')",
            klever_server::params![id, n % 7 == 0, n % 2 == 1, n % 3 == 0],
        )?;
        let fields = [
            ProfileField::Email,
            ProfileField::Phone,
            ProfileField::OtherInfo,
        ];
        for (i, field) in fields.into_iter().enumerate() {
            c.execute(
                "INSERT INTO change_history (customer_id, at, field, old_value, new_value, channel) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                klever_server::params![
                    id,
                    format!("2024-0{}-1{}T10:00:00Z", i + 1, n % 10),
                    field.code(),
                    (i > 0).then(|| format!("old {n}")),
                    format!("new {n} {i}"),
                    Channel::SelfService.code()
                ],
            )?;
        }
        if n % 2 == 0 {
            c.execute(
                "INSERT INTO bank_reports (customer_id, provider, report_date, bank_name, \
                 account_holder, account_iban, avg_income_cents, avg_expenses_cents, balance_cents) \
                 VALUES (?1, 'Instantor', '2024-09-10', 'Nordea', 'Ensi', 'FI2112345600000785', \
                 ?2, 200000, 12345)",
                klever_server::params![id, 300_000 + n],
            )?;
        }
        for k in 0..2 {
            let invoice: i64 = c.query_row(
                "INSERT INTO invoices (customer_id, number, payee, amount_cents, issued_on, due_date) \
                 VALUES (?1, ?2, 'Vaasan Sähkö Oy', ?3, '2024-10-01', '2024-10-15') RETURNING id",
                klever_server::params![id, format!("FS-{n:03}-{k}"), 1000 * n + k],
                |r| r.get(0),
            )?;
            if k == 0 {
                c.execute(
                    "INSERT INTO payments (invoice_id, amount_cents, paid_on) VALUES (?1, ?2, '2024-10-14')",
                    klever_server::params![invoice, 1000 * n],
                )?;
            }
        }
        if n % 4 == 1 {
            c.execute(
                "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, password_at) \
                 VALUES (?1, ?2, 1700000000, 1700000100, 1700000000)",
                klever_server::params![format!("{n:064x}"), id],
            )?;
            c.execute(
                "INSERT INTO sign_in_failures (email, at) VALUES (?1, 1700000050)",
                klever_server::params![email],
            )?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn a_register_from_the_first_schema_is_migrated_without_losing_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let postgres = PostgresDatabase::create(postgres_backend());
    let url = match &postgres {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{}", dir.path().join("first.db").display()),
    };
    // The first migration only, as the first release of the server left it.
    if postgres.is_some() {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::migrate!("./migrations/postgres")
            .run_to(1, &mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    } else {
        let mut conn = url
            .parse::<sqlx::sqlite::SqliteConnectOptions>()
            .unwrap()
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::migrate!("./migrations/sqlite")
            .run_to(1, &mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let hash = klever_server::auth::hash_password(PASSWORD);
    let old = klever_server::db::connect_unmigrated(&url).await.unwrap();
    old.write(move |c| fill(c, &hash)).await.unwrap();
    let before = snapshot(&old).await;
    old.close().await;
    let rows: usize = before.iter().map(Vec::len).sum();
    assert_eq!(before[0].len(), CUSTOMERS as usize);
    assert!(rows > 8 * CUSTOMERS as usize, "{rows} rows to keep");

    // Today's server opens it, migrating as it starts.
    let app = TestApp::spawn_on_existing(url, postgres).await;
    assert_eq!(snapshot(&app.db).await, before, "every row as it was");
    let migrations: i64 = app
        .one("SELECT COUNT(*) FROM _sqlx_migrations", args![])
        .await;
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    assert_eq!(
        migrations, files as i64,
        "every migration since the first ran"
    );

    // And a customer of the old register uses the app as before.
    let client = app.customer(("first004@example.fi", PASSWORD)).await;
    let profile: Profile = app.get_json(&client, "/api/me").await;
    assert_eq!(
        (
            profile.personal.first_name.as_str(),
            profile.contact.phone.map(|p| p.to_string()),
            profile.bank.map(|b| b.iban_masked),
            profile.version,
        ),
        (
            "Ensi",
            Some("+358400000004".to_owned()),
            Some("FI•• •••• •••• ••07 85".to_owned()),
            2
        )
    );
    let history: Vec<HistoryEntry> = app.get_json(&client, "/api/me/history").await;
    assert_eq!(history.len(), 3);
    let marketing: MarketingChoices = app.get_json(&client, "/api/me/marketing").await;
    assert!(marketing.ban_phone && marketing.consent_targeting && !marketing.ban_sms);
}
