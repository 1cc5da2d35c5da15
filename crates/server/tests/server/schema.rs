//! The schema, on both backends. The database's own checks on coded columns list exactly
//! the contract's codes, so a value added to an enum cannot be refused by the database, nor
//! a stale code accepted; and the PostgreSQL migrations keep in step with SQLite's.

use std::collections::{BTreeMap, BTreeSet};

use klever_api::{Channel, Coded, Gender, Language, RequestKind, RequestStatus, StaffRole};
use sqlx::PgPool;

use sqlx::SqlitePool;

/// A SQLite database as the server migrates it, whichever backend the other tests use.
struct Sqlite {
    pool: SqlitePool,
    _dir: tempfile::TempDir,
}

async fn sqlite() -> Sqlite {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("schema.db").display());
    klever_server::db::connect(&url)
        .await
        .unwrap()
        .close()
        .await;
    Sqlite {
        pool: SqlitePool::connect(&url).await.unwrap(),
        _dir: dir,
    }
}

/// The codes in `CHECK (column IN ('a', 'b'))` of `table`'s definition.
async fn checked_codes(app: &Sqlite, table: &str, column: &str) -> Vec<String> {
    let (sql,): (String,) =
        sqlx::query_as("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1")
            .bind(table)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let start = format!("CHECK ({column} IN (");
    let list = sql
        .split_once(&start)
        .unwrap_or_else(|| panic!("{table}.{column} has no CHECK list: {sql}"))
        .1;
    let list = &list[..list.find(')').unwrap()];
    list.split(',')
        .map(|code| code.trim().trim_matches('\'').to_owned())
        .collect()
}

/// The codes in PostgreSQL's `CHECK (column = ANY (ARRAY['a'::text, …]))` on `table`.
async fn postgres_checked_codes(pool: &PgPool, table: &str, column: &str) -> Vec<String> {
    let definitions: Vec<(String,)> = sqlx::query_as(
        "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c \
         JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'c' AND t.relname = $1",
    )
    .bind(table)
    .fetch_all(pool)
    .await
    .unwrap();
    let (definition,) = definitions
        .into_iter()
        .find(|(d,)| d.starts_with(&format!("CHECK (({column} = ANY")))
        .unwrap_or_else(|| panic!("{table}.{column} has no CHECK list on PostgreSQL"));
    definition
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn codes<T: Coded>() -> Vec<String> {
    T::ALL.iter().map(|v| v.code().to_owned()).collect()
}

#[tokio::test]
async fn coded_columns_accept_exactly_the_contracts_codes() {
    let app = sqlite().await;
    let pool = postgres().await;
    for (table, column, expected) in [
        ("customers", "gender", codes::<Gender>()),
        ("change_history", "channel", codes::<Channel>()),
        ("consent_log", "channel", codes::<Channel>()),
        ("staff", "role", codes::<StaffRole>()),
        ("requests", "kind", codes::<RequestKind>()),
        ("requests", "status", codes::<RequestStatus>()),
        (
            "customers",
            "preferred_language",
            Language::ALL.iter().map(|l| l.tag().to_owned()).collect(),
        ),
    ] {
        assert_eq!(
            checked_codes(&app, table, column).await,
            expected,
            "{table}.{column}"
        );
        assert_eq!(
            postgres_checked_codes(&pool, table, column).await,
            expected,
            "{table}.{column} on PostgreSQL"
        );
    }
}

/// What a test compares between the two backends: each table's columns (name, whether it
/// may be NULL, and its kind of value), and the names of the indexes and triggers.
#[derive(Debug, PartialEq, Eq, Default)]
struct Schema {
    columns: BTreeMap<String, BTreeMap<String, (bool, &'static str)>>,
    indexes: BTreeSet<String>,
    triggers: BTreeSet<String>,
}

/// A fresh, migrated database on the test cluster, one per test so tests can run at once.
/// `scripts/test` starts a throw-away PostgreSQL and sets `KLEVER_TEST_POSTGRES_URL`.
async fn postgres() -> PgPool {
    let url = std::env::var("KLEVER_TEST_POSTGRES_URL").expect(
        "KLEVER_TEST_POSTGRES_URL: scripts/test starts a throw-away PostgreSQL cluster and sets it",
    );
    let admin = PgPool::connect(&url).await.unwrap();
    let name = format!("klever_test_{:016x}", rand::random::<u64>());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let pool = PgPool::connect(&format!("{base}/{name}")).await.unwrap();
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .unwrap();
    pool
}

async fn sqlite_schema(app: &Sqlite) -> Schema {
    let mut schema = Schema::default();
    let names: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' \
         AND name != '_sqlx_migrations' AND (type != 'index' OR sql IS NOT NULL)",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for (kind, name) in names {
        match kind.as_str() {
            "table" => {
                let columns: Vec<(String, String, bool, bool)> = sqlx::query_as(
                    "SELECT name, type, \"notnull\", pk > 0 FROM pragma_table_info(?1)",
                )
                .bind(&name)
                .fetch_all(&app.pool)
                .await
                .unwrap();
                let columns = columns
                    .into_iter()
                    .map(|(column, kind, not_null, key)| {
                        let kind = match kind.as_str() {
                            "INTEGER" => "integer",
                            "TEXT" => "text",
                            other => panic!("{name}.{column}: {other}"),
                        };
                        (column, (!(not_null || key), kind))
                    })
                    .collect();
                schema.columns.insert(name, columns);
            }
            "index" => {
                schema.indexes.insert(name);
            }
            "trigger" => {
                schema.triggers.insert(name);
            }
            other => panic!("{other} {name}"),
        }
    }
    schema
}

async fn postgres_schema(pool: &PgPool) -> Schema {
    let mut schema = Schema::default();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text, data_type::text \
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, nullable, kind) in columns {
        // SQLite keeps yes/no values and whole numbers alike as INTEGER.
        let kind = match kind.as_str() {
            "bigint" | "boolean" => "integer",
            "text" => "text",
            other => panic!("{table}.{column}: {other}"),
        };
        schema
            .columns
            .entry(table)
            .or_default()
            .insert(column, (nullable == "YES", kind));
    }
    // Indexes of primary keys and UNIQUE constraints are SQLite's automatic ones, not named.
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public' \
         AND indexname NOT IN (SELECT conname FROM pg_constraint)",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    schema.indexes = indexes.into_iter().map(|(i,)| i).collect();
    let triggers: Vec<(String,)> =
        sqlx::query_as("SELECT tgname::text FROM pg_trigger WHERE NOT tgisinternal")
            .fetch_all(pool)
            .await
            .unwrap();
    schema.triggers = triggers.into_iter().map(|(t,)| t).collect();
    schema
}

/// The two schemas are kept in step: a table, column, index or trigger that one backend
/// has and the other lacks fails here. PostgreSQL alone also refuses TRUNCATE of the
/// append-only tables, which SQLite does not have.
#[tokio::test]
async fn postgres_and_sqlite_have_the_same_tables_columns_indexes_and_triggers() {
    let app = sqlite().await;
    let sqlite = sqlite_schema(&app).await;
    let mut postgres = postgres_schema(&postgres().await).await;
    let truncate: BTreeSet<String> = postgres
        .triggers
        .iter()
        .filter(|t| t.ends_with("_no_truncate"))
        .cloned()
        .collect();
    let append_only: BTreeSet<String> = [
        "change_history",
        "consent_log",
        "request_events",
        "staff_access_log",
    ]
    .map(|t| format!("{t}_no_truncate"))
    .into();
    assert_eq!(truncate, append_only);
    postgres.triggers.retain(|t| !truncate.contains(t));
    assert_eq!(sqlite.columns.len(), 17, "{:?}", sqlite.columns.keys());
    assert_eq!(postgres, sqlite);
}

/// Both folders hold the same migrations, by name, so neither backend skips a step.
#[test]
fn each_migration_exists_for_both_backends() {
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect()
    };
    let sqlite = names("sqlite");
    assert!(sqlite.contains("0001_register.sql"), "{sqlite:?}");
    assert_eq!(names("postgres"), sqlite);
}

/// On PostgreSQL too, the database itself refuses to edit or empty the history, the consent
/// log and the request trail.
#[tokio::test]
async fn postgres_refuses_to_edit_delete_or_truncate_the_logs() {
    let pool = postgres().await;
    let customer: (i64,) = sqlx::query_as(
        "INSERT INTO customers (email, password_hash, first_name, last_name, gender, \
         preferred_language, customer_since) \
         VALUES ('aino@example.fi', 'x', 'Aino', 'Laine', 'female', 'fi', '2021-03-15') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let request: (i64,) = sqlx::query_as(
        "INSERT INTO requests (customer_id, idempotency_key, kind, status, received_at, \
         received_on, deadline, updated_at) VALUES ($1, 'k', 'inspection', 'received', 't', \
         '2026-01-01', '2026-02-01', 't') RETURNING id",
    )
    .bind(customer.0)
    .fetch_one(&pool)
    .await
    .unwrap();
    for insert in [
        "INSERT INTO change_history (customer_id, at, field, channel) VALUES ($1, 't', 'email', 'staff')",
        "INSERT INTO consent_log (customer_id, at, choice, old_value, new_value, channel) \
         VALUES ($1, 't', 'ban_sms', FALSE, TRUE, 'self_service')",
    ] {
        sqlx::query(insert)
            .bind(customer.0)
            .execute(&pool)
            .await
            .unwrap();
    }
    sqlx::query("INSERT INTO request_events (request_id, at, action) VALUES ($1, 't', 'received')")
        .bind(request.0)
        .execute(&pool)
        .await
        .unwrap();
    for table in ["change_history", "consent_log", "request_events"] {
        for edit in [
            format!("UPDATE {table} SET at = 'later'"),
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table}"),
        ] {
            let error = sqlx::query(sqlx::AssertSqlSafe(edit.clone()))
                .execute(&pool)
                .await
                .unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains(&format!("{table} is append-only")),
                "{edit}: {error}"
            );
        }
        let (rows,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(rows, 1, "{table} kept its entry");
    }
}

/// Emails are unique without regard to case on PostgreSQL too, as SQLite's NOCASE makes
/// them, and found the same way.
#[tokio::test]
async fn postgres_compares_emails_without_regard_to_case() {
    let pool = postgres().await;
    let insert = "INSERT INTO customers (email, password_hash, first_name, last_name, gender, \
                  preferred_language, customer_since) VALUES ($1, 'x', 'A', 'L', 'male', 'sv', '2021-03-15')";
    sqlx::query(insert)
        .bind("erik@example.fi")
        .execute(&pool)
        .await
        .unwrap();
    let error = sqlx::query(insert)
        .bind("Erik@Example.FI")
        .execute(&pool)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("customers_email_key"), "{error}");
    let (found,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers WHERE email = $1")
        .bind("ERIK@EXAMPLE.FI")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(found, 1);
}
