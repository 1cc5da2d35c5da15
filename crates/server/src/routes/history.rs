//! `/api/me/history`: the change history of the customer's data, newest first. Read-only:
//! entries are written only alongside the changes they record.

use axum::{extract::State, routing::get, Json, Router};
use klever_api::{Channel, HistoryEntry};

use crate::{
    auth::CustomerSession,
    error::{from_code, AppResult},
    AppState,
};

pub fn router() -> Router<AppState> {
    Router::new().route("/me/history", get(history))
}

/// id, at, field, old value, new value, channel.
type HistoryRow = (i64, String, String, Option<String>, Option<String>, String);

async fn history(
    State(state): State<AppState>,
    session: CustomerSession,
) -> AppResult<Json<Vec<HistoryEntry>>> {
    Ok(Json(
        state.db.read(|c| load_history(c, session.customer_id))?,
    ))
}

pub(crate) fn load_history(
    conn: &rusqlite::Connection,
    customer_id: i64,
) -> AppResult<Vec<HistoryEntry>> {
    let mut query = conn.prepare_cached(
        "SELECT id, at, field, old_value, new_value, channel FROM change_history \
         WHERE customer_id = ?1 ORDER BY at DESC, id DESC",
    )?;
    let rows = query
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
        .collect::<Result<Vec<HistoryRow>, _>>()?;
    rows.into_iter()
        .map(|(id, at, field, old_value, new_value, channel)| {
            Ok(HistoryEntry {
                id,
                at,
                field: from_code(&field)?,
                old_value,
                new_value,
                channel: from_code::<Channel>(&channel)?,
            })
        })
        .collect::<AppResult<Vec<_>>>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use klever_api::ProfileField;

    #[test]
    fn stored_codes_match_the_api_names() {
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
