//! Sending account links: made here for the routes (a forgotten password, customer
//! service's invitation) and for `klever-server invite`.

use crate::{
    auth::{new_session_token, token_hash},
    clock::rfc3339,
    error::AppResult,
    store::accounts::{self, Purpose, Recipient},
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

/// Issues a link of `purpose` to `to` and queues the email with it, in one transaction.
pub async fn send(state: &AppState, to: Recipient, purpose: Purpose) -> AppResult<()> {
    let token = new_session_token();
    let hash = token_hash(&token);
    let url = format!("{}{}#{token}", origin(state), purpose.page());
    let now = state.clock.now();
    state
        .db
        .write(move |tx| accounts::issue_link(tx, &to, purpose, &hash, &url, now, &rfc3339(now)))
        .await
}

/// What inviting a customer came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Invited {
    Sent,
    AlreadyActive,
    NoSuchCustomer,
}

/// Sends an activation link to the customer with this email, unless the account is
/// already in use.
pub async fn invite(state: &AppState, email: &str) -> AppResult<Invited> {
    let email = email.trim().to_owned();
    let found = state
        .db
        .read(move |c| accounts::recipient_by_email(c, &email))
        .await?;
    match found {
        None => Ok(Invited::NoSuchCustomer),
        Some(r) if r.activated => Ok(Invited::AlreadyActive),
        Some(r) => {
            send(state, r, Purpose::Activation).await?;
            Ok(Invited::Sent)
        }
    }
}
