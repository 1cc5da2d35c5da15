//! Unsaved input kept for this tab (not for other tabs, not after it closes), so a form
//! can be filled again after signing in anew.

use leptos::prelude::window;

use crate::api::{from_json, to_json};

const STASH_PREFIX: &str = "klever.stash.";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn stash<T: serde::Serialize>(name: &str, value: &T) {
    if let (Some(storage), Some(json)) = (session_storage(), to_json(value)) {
        let _ = storage.set_item(&format!("{STASH_PREFIX}{name}"), &json);
    }
}

/// Takes a stashed value out; it is used once.
pub fn take_stash<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    let storage = session_storage()?;
    let key = format!("{STASH_PREFIX}{name}");
    let json = storage.get_item(&key).ok().flatten()?;
    let _ = storage.remove_item(&key);
    from_json(&json)
}

/// Removes every stash whose stored JSON `drop` picks.
fn remove_stashes(drop: impl Fn(&str) -> bool) {
    let Some(storage) = session_storage() else {
        return;
    };
    // Keys first: removing while walking the indices would skip some.
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(STASH_PREFIX))
        .collect();
    for key in keys {
        let json = storage.get_item(&key).ok().flatten().unwrap_or_default();
        if drop(&json) {
            let _ = storage.remove_item(&key);
        }
    }
}

/// Forgets every stash: signing out must not leave one customer's input for the next.
pub fn clear_stashes() {
    remove_stashes(|_| true);
}

/// Keeps only the stashes of `owner`: at sign-in, what someone else left unsaved in this tab
/// must not stay behind.
pub fn retain_owner(owner: &str) {
    remove_stashes(|json| {
        let theirs = js_sys::JSON::parse(json)
            .ok()
            .filter(|v| v.is_object())
            .and_then(|v| js_sys::Reflect::get(&v, &"owner".into()).ok())
            .and_then(|o| o.as_string())
            .map(|o| o.to_lowercase());
        // Sign-in matches emails without regard to case; so does this.
        theirs != Some(owner.to_lowercase())
    });
}
