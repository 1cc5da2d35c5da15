//! The data layer: every query the server makes, grouped by what it stores. Handlers call
//! these functions inside `Db::read` or `Db::write`; none of them writes SQL.
//!
//! Each function runs on the connection it is given: a reader's, or the writer's
//! transaction, so the writes of one request (a change, its history entry, its notice) are
//! one transaction. Rows are read into named structs, and codes through the contract's
//! enums (`from_code`, `code()`).

pub mod accounts;
pub mod billing;
pub mod customers;
pub mod history;
pub mod marketing;
pub mod outbox;
pub mod requests;
pub mod seed;
pub mod sessions;
pub mod staff;
pub mod staff_customers;

use klever_api::ValidationError;

use crate::error::{AppError, AppResult};

/// A stored code read back as its enum. The mapping is the enum's own (`coded!` in the
/// contract); a code it does not know is our bug, not the customer's.
pub fn from_code<T: klever_api::Coded>(code: &str) -> AppResult<T> {
    T::from_code(code).ok_or_else(|| {
        AppError::Internal(format!(
            "stored code {code:?} is no {}",
            std::any::type_name::<T>()
        ))
    })
}

/// For a write that may give a customer an email another has: the database's unique
/// constraint decides (a check before the write could pass for two writers at once), and
/// its refusal becomes `field`'s "already in use". The constraint is named
/// `customers.email` by SQLite and `customers_email_key` by PostgreSQL.
pub fn email_in_use(field: &'static str) -> impl FnOnce(crate::sql::Error) -> AppError {
    move |e| match e.unique_violation() {
        Some(which) if which.ends_with("customers.email") || which == "customers_email_key" => {
            AppError::field(field, ValidationError::AlreadyInUse)
        }
        _ => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_codes_read_back_as_the_contracts_enums() {
        use klever_api::{Channel, ProfileField};
        assert_eq!(
            from_code::<ProfileField>("bank_account").unwrap(),
            ProfileField::BankAccount
        );
        assert_eq!(
            from_code::<Channel>("self_service").unwrap(),
            Channel::SelfService
        );
        assert!(from_code::<Channel>("bogus").is_err());
        assert!(from_code::<Channel>("Staff").is_err(), "codes are exact");
    }
}
