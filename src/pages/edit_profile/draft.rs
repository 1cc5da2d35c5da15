//! What the customer has typed, and how it becomes an update.

use klever_api::{AddressInput, Editable, Language, Profile, ProfileUpdate};
use leptos::prelude::*;

/// What the customer has typed, field by field, as typed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    pub email: String,
    pub phone: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub language: Language,
    pub other_info: String,
}

impl Draft {
    pub fn from_profile(p: &Profile) -> Self {
        let address = p.contact.address.as_ref();
        let part = |f: fn(&klever_api::PostalAddress) -> &str| {
            address.map(f).unwrap_or_default().to_owned()
        };
        Draft {
            email: p.contact.email.to_string(),
            phone: p
                .contact
                .phone
                .as_ref()
                .map(klever_api::Phone::display)
                .unwrap_or_default(),
            street: part(|a| a.street()),
            postal_code: part(|a| a.postal_code()),
            city: part(|a| a.city()),
            country: address
                .map(|a| a.country().to_owned())
                .unwrap_or_else(|| "FI".to_owned()),
            language: p.contact.preferred_language,
            other_info: p.other_info.to_string(),
        }
    }

    /// The address as typed; no address when street, postal code and city are all empty.
    pub fn address(&self) -> Option<AddressInput> {
        let empty = [&self.street, &self.postal_code, &self.city]
            .iter()
            .all(|s| s.trim().is_empty());
        (!empty).then(|| AddressInput {
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
        })
    }

    /// Every field as an update, to check them all whether changed or not.
    pub fn as_full_update(&self) -> ProfileUpdate {
        ProfileUpdate {
            email: Some(self.email.clone()),
            phone: Some(Some(self.phone.clone())),
            address: Some(self.address()),
            preferred_language: Some(self.language),
            other_info: Some(self.other_info.clone()),
        }
    }

    /// Only what differs from `base`, decided by the contract exactly as the server decides
    /// it: the same value typed another way is no change, and asks for no password.
    pub fn changes(&self, base: &Profile) -> ProfileUpdate {
        self.as_full_update().changes_from(&Editable::from(base))
    }
}

/// One signal per input, so each re-renders alone.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub email: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub street: RwSignal<String>,
    pub postal_code: RwSignal<String>,
    pub city: RwSignal<String>,
    pub country: RwSignal<String>,
    pub language: RwSignal<Language>,
    pub other_info: RwSignal<String>,
}

impl Fields {
    pub fn new(d: Draft) -> Self {
        Fields {
            email: RwSignal::new(d.email),
            phone: RwSignal::new(d.phone),
            street: RwSignal::new(d.street),
            postal_code: RwSignal::new(d.postal_code),
            city: RwSignal::new(d.city),
            country: RwSignal::new(d.country),
            language: RwSignal::new(d.language),
            other_info: RwSignal::new(d.other_info),
        }
    }

    /// The draft now, without tracking.
    pub fn draft(&self) -> Draft {
        Draft {
            email: self.email.get_untracked(),
            phone: self.phone.get_untracked(),
            street: self.street.get_untracked(),
            postal_code: self.postal_code.get_untracked(),
            city: self.city.get_untracked(),
            country: self.country.get_untracked(),
            language: self.language.get_untracked(),
            other_info: self.other_info.get_untracked(),
        }
    }

    pub fn set(&self, d: Draft) {
        self.email.set(d.email);
        self.phone.set(d.phone);
        self.street.set(d.street);
        self.postal_code.set(d.postal_code);
        self.city.set(d.city);
        self.country.set(d.country);
        self.language.set(d.language);
        self.other_info.set(d.other_info);
    }
}

/// An unsaved draft kept across a new sign-in, with the version it was based on (so a
/// change made meanwhile still ends in the conflict view) and whose it is.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct StashedDraft {
    pub owner: String,
    pub base: Profile,
    pub draft: Draft,
}

pub(super) const DRAFT_STASH: &str = "profile-draft";
