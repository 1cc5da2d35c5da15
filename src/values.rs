//! Stored values as a customer reads them.

use klever_api::{Language, ProfileField};
use leptos::prelude::*;

use crate::i18n::{language_name, use_i18n, Key};

/// A stored value as the customer reads it: gender and language codes by their names,
/// phone numbers grouped.
pub fn coded_value(field: Option<ProfileField>, value: String) -> impl IntoView + use<> {
    let i18n = use_i18n();
    move || match field {
        Some(ProfileField::Gender) => i18n.t(gender_key(&value)).to_owned(),
        Some(ProfileField::PreferredLanguage) => Language::from_tag(&value)
            .map(language_name)
            .unwrap_or(&value)
            .to_owned(),
        Some(ProfileField::Phone) => klever_api::Phone::parse(&value)
            .map(|p| p.display())
            .unwrap_or_else(|_| value.clone()),
        _ => value.clone(),
    }
}

/// The name of a stored gender code.
pub fn gender_key(code: &str) -> Key {
    match code {
        "female" => Key::GenderFemale,
        "male" => Key::GenderMale,
        "other" => Key::GenderOther,
        _ => Key::GenderNotStated,
    }
}
