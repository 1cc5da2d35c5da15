//! Stored values as a customer reads them.

use klever_api::{Gender, Language, ProfileField};
use leptos::prelude::*;

use crate::i18n::{language_name, use_i18n, Key};

/// A stored value as the customer reads it: gender and language codes by their names,
/// phone numbers grouped.
pub fn coded_value(field: Option<ProfileField>, value: String) -> impl IntoView + use<> {
    let i18n = use_i18n();
    move || match field {
        Some(ProfileField::Gender) => Gender::from_code(&value)
            .map_or_else(|| value.clone(), |g| i18n.t(gender_key(g)).to_owned()),
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

/// A gender's name.
pub fn gender_key(gender: Gender) -> Key {
    match gender {
        Gender::Female => Key::GenderFemale,
        Gender::Male => Key::GenderMale,
        Gender::Other => Key::GenderOther,
        Gender::NotStated => Key::GenderNotStated,
    }
}
