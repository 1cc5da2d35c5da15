//! Sending account links: made here for the routes (a forgotten password, customer
//! service's invitation) and for `klever-server invite`.

use crate::{
    auth::{new_session_token, token_hash},
    clock::rfc3339,
    error::AppResult,
    store::accounts::{self, Purpose},
    AppState,
};

/// Where links point: `KLEVER_PUBLIC_ORIGIN`, or the server's own address when that is
/// unset (a development set-up). Never the request's `Host`, which a sender could forge
/// to have a customer's link point elsewhere.
fn origin(state: &AppState) -> String {
    state
        .config
        .public_origin
        .clone()
        .unwrap_or_else(|| format!("http://{}", state.config.bind))
}

/// A new link: its token's hash (what is stored) and its address (what is sent). It takes
/// effect when `accounts::issue_link` stores it in the caller's transaction, together with
/// whatever else that request writes.
pub struct NewLink {
    pub token_hash: String,
    pub url: String,
}

pub fn new_link(state: &AppState, purpose: Purpose) -> NewLink {
    let token = new_session_token();
    NewLink {
        token_hash: token_hash(&token),
        url: format!("{}{}#{token}", origin(state), purpose.page()),
    }
}

/// What inviting a customer came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Invited {
    Sent,
    AlreadyActive,
    NoSuchCustomer,
}

/// Sends an activation link to the customer with this email, unless the account is
/// already in use; the lookup and the link are one transaction.
pub async fn invite(state: &AppState, email: &str) -> AppResult<Invited> {
    let email = email.trim().to_owned();
    let link = new_link(state, Purpose::Activation);
    let now = state.clock.now();
    state
        .db
        .write(move |tx| match accounts::recipient_by_email(tx, &email)? {
            None => Ok(Invited::NoSuchCustomer),
            Some(r) if r.activated => Ok(Invited::AlreadyActive),
            Some(r) => {
                let at = rfc3339(now);
                accounts::issue_link(
                    tx,
                    &r,
                    Purpose::Activation,
                    &link.token_hash,
                    &link.url,
                    now,
                    &at,
                )?;
                Ok(Invited::Sent)
            }
        })
        .await
}
