//! The database's own checks on coded columns list exactly the contract's codes, so a
//! value added to an enum cannot be refused by the database, nor a stale code accepted.

use klever_api::{Channel, Coded, Gender, Language, RequestKind, RequestStatus, StaffRole};

use crate::helpers::TestApp;

/// The codes in `CHECK (column IN ('a', 'b'))` of `table`'s definition.
async fn checked_codes(app: &TestApp, table: &str, column: &str) -> Vec<String> {
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

fn codes<T: Coded>() -> Vec<String> {
    T::ALL.iter().map(|v| v.code().to_owned()).collect()
}

#[tokio::test]
async fn coded_columns_accept_exactly_the_contracts_codes() {
    let app = TestApp::spawn().await;
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
    }
}
