//! Rules both sides apply, written once: who may change which field, what an update really
//! changes and whether that needs the password again, and what each staff step needs.
//! The browser asks them for instant answers; the server's answer is the one that counts.

use std::collections::BTreeMap;

use crate::{
    Email, FreeText, IsoDate, Language, Phone, PostalAddress, Profile, ProfileField, ProfileUpdate,
    RequestAction, StaffAction, ValidationError,
};

/// Who may change a field of the register entry, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldAccess {
    /// The customer changes it on the edit page (`PATCH /api/me`).
    Customer,
    /// Only staff change it, after a correction request. Sent back unchanged in a profile
    /// change it is harmless; a different value refuses the whole change.
    Staff,
    /// A list with its own screen (billing, bank-account report, history): never part of a
    /// profile change, corrected by staff by hand.
    List,
}

impl ProfileField {
    pub fn access(self) -> FieldAccess {
        match self {
            ProfileField::Email
            | ProfileField::Phone
            | ProfileField::Address
            | ProfileField::PreferredLanguage
            | ProfileField::OtherInfo => FieldAccess::Customer,
            ProfileField::FirstName
            | ProfileField::LastName
            | ProfileField::Gender
            | ProfileField::BankAccount
            | ProfileField::Bic
            | ProfileField::CustomerSince => FieldAccess::Staff,
            ProfileField::Billing | ProfileField::BankReport | ProfileField::History => {
                FieldAccess::List
            }
        }
    }

    pub fn customer_may_change(self) -> bool {
        self.access() == FieldAccess::Customer
    }

    /// Whether changing it needs the password entered again: the email and phone are where
    /// security notices go, so a borrowed unlocked session must not be able to move them.
    pub fn needs_recent_password(self) -> bool {
        matches!(self, ProfileField::Email | ProfileField::Phone)
    }
}

/// What a key of a `PATCH /api/me` body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchKey {
    /// A field of the register entry; its [`FieldAccess`] decides what may happen.
    Field(ProfileField),
    /// The marketing choices: part of the entry, changed only through their own route.
    Marketing,
    /// Nothing the register holds.
    Unknown,
}

impl PatchKey {
    pub fn of(key: &str) -> PatchKey {
        match ProfileField::from_code(key) {
            Some(field) => PatchKey::Field(field),
            None if key == "marketing" => PatchKey::Marketing,
            None => PatchKey::Unknown,
        }
    }
}

/// The values a customer may change, as stored: what an update is compared against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editable {
    pub email: Email,
    pub phone: Option<Phone>,
    pub address: Option<PostalAddress>,
    pub preferred_language: Language,
    pub other_info: FreeText,
}

impl From<&Profile> for Editable {
    fn from(p: &Profile) -> Self {
        Editable {
            email: p.contact.email.clone(),
            phone: p.contact.phone.clone(),
            address: p.contact.address.clone(),
            preferred_language: p.contact.preferred_language,
            other_info: p.other_info.clone(),
        }
    }
}

impl ProfileUpdate {
    /// Only what would change `current`. A value is compared the way it is stored (the
    /// email's domain in lower case, the phone in E.164, the address normalised), so the
    /// same value typed another way is no change and needs no password. A value that does
    /// not parse is kept, for validation to report. An emptied phone becomes `null`.
    pub fn changes_from(&self, current: &Editable) -> ProfileUpdate {
        let phone = match &self.phone {
            Some(Some(raw)) if raw.trim().is_empty() => Some(None),
            other => other.clone(),
        };
        let phone_same = match &phone {
            None => true,
            Some(None) => current.phone.is_none(),
            // Unchanged only if it parses to what is stored; anything else is left for
            // validation to report.
            Some(Some(raw)) => {
                matches!(Phone::parse(raw), Ok(p) if current.phone.as_ref() == Some(&p))
            }
        };
        let address_same = match &self.address {
            None => true,
            Some(None) => current.address.is_none(),
            Some(Some(input)) => {
                matches!(PostalAddress::parse(input), Ok(a) if current.address.as_ref() == Some(&a))
            }
        };
        ProfileUpdate {
            email: self
                .email
                .clone()
                .filter(|raw| Email::parse(raw).as_ref() != Ok(&current.email)),
            phone: phone.filter(|_| !phone_same),
            address: self.address.clone().filter(|_| !address_same),
            preferred_language: self
                .preferred_language
                .filter(|l| *l != current.preferred_language),
            other_info: self
                .other_info
                .clone()
                .filter(|raw| FreeText::parse(raw).as_ref() != Ok(&current.other_info)),
        }
    }

    /// The fields this update names, in the order the profile shows them.
    pub fn fields(&self) -> Vec<ProfileField> {
        [
            (ProfileField::Email, self.email.is_some()),
            (ProfileField::Phone, self.phone.is_some()),
            (ProfileField::Address, self.address.is_some()),
            (
                ProfileField::PreferredLanguage,
                self.preferred_language.is_some(),
            ),
            (ProfileField::OtherInfo, self.other_info.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, named)| named.then_some(field))
        .collect()
    }

    /// Whether sending this needs the password entered recently. Ask it of
    /// [`changes_from`](Self::changes_from)'s answer: an unchanged email needs none.
    pub fn needs_password(&self) -> bool {
        self.fields()
            .into_iter()
            .any(ProfileField::needs_recent_password)
    }
}

impl RequestAction {
    pub const STAFF: [RequestAction; 4] = [
        RequestAction::Start,
        RequestAction::Extend,
        RequestAction::Complete,
        RequestAction::Reject,
    ];

    /// A step staff take; cancelling is the customer's, on its own route.
    pub fn is_staff_step(self) -> bool {
        RequestAction::STAFF.contains(&self)
    }

    /// The entry it leaves in the request's trail.
    pub fn event(self) -> crate::RequestEventKind {
        use crate::RequestEventKind as E;
        match self {
            RequestAction::Start => E::Started,
            RequestAction::Extend => E::Extended,
            RequestAction::Complete => E::Completed,
            RequestAction::Reject => E::Rejected,
            RequestAction::Cancel => E::Cancelled,
        }
    }

    /// Steps that must say something to the customer: the answer, or the reason.
    pub fn needs_text(self) -> bool {
        matches!(
            self,
            RequestAction::Extend | RequestAction::Complete | RequestAction::Reject
        )
    }
}

/// A staff step's words, checked for the step they go with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStaffAction {
    /// The answer or reason; `None` for a step that takes none.
    pub text: Option<FreeText>,
    /// How many months an extension adds.
    pub months: Option<u32>,
}

impl StaffAction {
    pub const MAX_EXTENSION_MONTHS: u32 = 2;

    /// The same check on the staff screen and on the server; errors keyed `text`, `months`.
    /// Starting takes no words (what is typed is kept for the answer), extending takes a
    /// reason and 1–2 months, completing an answer, rejecting a reason.
    pub fn validate(
        &self,
        action: RequestAction,
    ) -> Result<ValidStaffAction, BTreeMap<String, ValidationError>> {
        let mut errors = BTreeMap::new();
        let mut valid = ValidStaffAction {
            text: None,
            months: None,
        };
        if action.needs_text() {
            match FreeText::parse(self.text.as_deref().unwrap_or("")) {
                Ok(t) if t.as_str().is_empty() => {
                    errors.insert("text".to_owned(), ValidationError::Required);
                }
                Ok(t) => valid.text = Some(t),
                Err(e) => {
                    errors.insert("text".to_owned(), e);
                }
            }
        }
        if action == RequestAction::Extend {
            match self.months {
                Some(m) if (1..=Self::MAX_EXTENSION_MONTHS).contains(&m) => valid.months = Some(m),
                _ => {
                    errors.insert("months".to_owned(), ValidationError::InvalidFormat);
                }
            }
        }
        if errors.is_empty() {
            Ok(valid)
        } else {
            Err(errors)
        }
    }
}

/// The deadline of a request received on `received_on`: one month, plus any extension.
pub fn request_deadline(received_on: IsoDate, extension_months: u32) -> IsoDate {
    received_on.add_months(1 + extension_months)
}

/// An extension, and its reason, must be given within the first month (GDPR Art. 12(3)).
pub fn may_extend(received_on: IsoDate, today: IsoDate) -> bool {
    today <= received_on.add_months(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AddressInput;

    fn current() -> Editable {
        Editable {
            email: Email::parse("aino.laine@example.fi").unwrap(),
            phone: Some(Phone::parse("+358401234567").unwrap()),
            address: Some(
                PostalAddress::parse(&AddressInput {
                    street: "Kauppapuistikko 12".into(),
                    postal_code: "65100".into(),
                    city: "Vaasa".into(),
                    country: "FI".into(),
                })
                .unwrap(),
            ),
            preferred_language: Language::Fi,
            other_info: FreeText::parse("Prefers mornings").unwrap(),
        }
    }

    fn full(email: &str, phone: &str, city: &str, other: &str) -> ProfileUpdate {
        ProfileUpdate {
            email: Some(email.into()),
            phone: Some(Some(phone.into())),
            address: Some(Some(AddressInput {
                street: "Kauppapuistikko 12".into(),
                postal_code: "65100".into(),
                city: city.into(),
                country: "fi".into(),
            })),
            preferred_language: Some(Language::Fi),
            other_info: Some(other.into()),
        }
    }

    #[test]
    fn the_same_values_typed_another_way_change_nothing() {
        let update = full(
            " aino.laine@EXAMPLE.FI ",
            "040 123 4567",
            " Vaasa ",
            "Prefers mornings  ",
        );
        let changes = update.changes_from(&current());
        assert!(changes.is_empty(), "{changes:?}");
        assert!(!changes.needs_password(), "no change, no password");
    }

    #[test]
    fn a_changed_email_or_phone_needs_the_password_and_nothing_else_does() {
        let base = full(
            "aino.laine@example.fi",
            "+358401234567",
            "Vaasa",
            "Prefers mornings",
        );
        let cases = [
            (
                ProfileUpdate {
                    email: Some("Aino.Laine@example.fi".into()),
                    ..base.clone()
                },
                vec![ProfileField::Email],
                true,
                "the local part is kept as typed, so its case is a change",
            ),
            (
                ProfileUpdate {
                    phone: Some(Some("050 765 4321".into())),
                    ..base.clone()
                },
                vec![ProfileField::Phone],
                true,
                "another number",
            ),
            (
                ProfileUpdate {
                    phone: Some(Some("   ".into())),
                    ..base.clone()
                },
                vec![ProfileField::Phone],
                true,
                "an emptied phone removes it",
            ),
            (
                full(
                    "aino.laine@example.fi",
                    "+358401234567",
                    "Vasa",
                    "Prefers mornings",
                ),
                vec![ProfileField::Address],
                false,
                "moving house",
            ),
            (
                ProfileUpdate {
                    preferred_language: Some(Language::Sv),
                    other_info: Some("Evenings".into()),
                    ..base.clone()
                },
                vec![ProfileField::PreferredLanguage, ProfileField::OtherInfo],
                false,
                "language and other information",
            ),
            (
                ProfileUpdate {
                    email: Some("aino@".into()),
                    ..base.clone()
                },
                vec![ProfileField::Email],
                true,
                "a value that does not parse is kept for validation to report",
            ),
        ];
        for (update, fields, password, why) in cases {
            let changes = update.changes_from(&current());
            assert_eq!(changes.fields(), fields, "{why}");
            assert_eq!(changes.needs_password(), password, "{why}");
        }
        let emptied = ProfileUpdate {
            phone: Some(Some(" ".into())),
            ..ProfileUpdate::default()
        };
        assert_eq!(emptied.changes_from(&current()).phone, Some(None));
        let no_phone = Editable {
            phone: None,
            ..current()
        };
        assert!(
            emptied.changes_from(&no_phone).is_empty(),
            "no phone stays no phone"
        );
        let bad_phone = ProfileUpdate {
            phone: Some(Some("12".into())),
            address: Some(Some(AddressInput::default())),
            ..ProfileUpdate::default()
        };
        let kept = bad_phone.changes_from(&Editable {
            address: None,
            ..no_phone
        });
        assert_eq!(
            kept.fields(),
            vec![ProfileField::Phone, ProfileField::Address],
            "values that do not parse are kept for validation, even with nothing stored"
        );
    }

    #[test]
    fn access_of_every_field() {
        use FieldAccess::*;
        let expected = [
            (ProfileField::FirstName, Staff),
            (ProfileField::LastName, Staff),
            (ProfileField::Gender, Staff),
            (ProfileField::Email, Customer),
            (ProfileField::Phone, Customer),
            (ProfileField::Address, Customer),
            (ProfileField::PreferredLanguage, Customer),
            (ProfileField::OtherInfo, Customer),
            (ProfileField::BankAccount, Staff),
            (ProfileField::Bic, Staff),
            (ProfileField::CustomerSince, Staff),
            (ProfileField::Billing, List),
            (ProfileField::BankReport, List),
            (ProfileField::History, List),
        ];
        assert_eq!(expected.len(), ProfileField::ALL.len());
        for (field, access) in expected {
            assert_eq!(field.access(), access, "{field:?}");
            assert_eq!(
                field.needs_recent_password(),
                matches!(field, ProfileField::Email | ProfileField::Phone),
                "{field:?}"
            );
        }
        // Every field the update type carries is one the customer may change.
        let all = full("a@b.fi", "0401234567", "Vaasa", "x");
        assert!(all
            .fields()
            .into_iter()
            .all(ProfileField::customer_may_change));
        assert_eq!(all.fields().len(), 5);
    }

    #[test]
    fn the_customer_changes_contact_details_language_and_other_info_only() {
        use ProfileField::*;
        let cases = [
            (FirstName, false),
            (LastName, false),
            (Gender, false),
            (Email, true),
            (Phone, true),
            (Address, true),
            (PreferredLanguage, true),
            (OtherInfo, true),
            (BankAccount, false),
            (Bic, false),
            (CustomerSince, false),
            (Billing, false),
            (BankReport, false),
            (History, false),
        ];
        assert_eq!(cases.len(), ProfileField::ALL.len(), "every field");
        for (field, may) in cases {
            assert_eq!(field.customer_may_change(), may, "{field:?}");
        }
    }

    #[test]
    fn patch_keys() {
        assert_eq!(PatchKey::of("email"), PatchKey::Field(ProfileField::Email));
        assert_eq!(
            PatchKey::of("bank_account"),
            PatchKey::Field(ProfileField::BankAccount)
        );
        assert_eq!(PatchKey::of("marketing"), PatchKey::Marketing);
        assert_eq!(PatchKey::of("is_admin"), PatchKey::Unknown);
        assert_eq!(PatchKey::of("Email"), PatchKey::Unknown, "exact names only");
    }

    #[test]
    fn staff_step_rules() {
        let with = |text: Option<&str>, months: Option<u32>| StaffAction {
            text: text.map(str::to_owned),
            months,
        };
        let err = |action, body: StaffAction| body.validate(action).unwrap_err();
        // Words where the customer must be told something.
        for action in [
            RequestAction::Extend,
            RequestAction::Complete,
            RequestAction::Reject,
        ] {
            assert_eq!(
                err(action, with(Some("   "), Some(1))).get("text"),
                Some(&ValidationError::Required),
                "{action:?}"
            );
            assert_eq!(
                err(action, with(None, Some(1))).get("text"),
                Some(&ValidationError::Required),
                "{action:?}"
            );
        }
        assert_eq!(
            err(RequestAction::Complete, with(Some(&"x".repeat(2001)), None)).get("text"),
            Some(&ValidationError::TooLong)
        );
        // Starting takes no words: what is typed is kept for the answer.
        let start = with(Some("draft answer"), None)
            .validate(RequestAction::Start)
            .unwrap();
        assert_eq!(start.text, None);
        // An extension is one or two months.
        for bad in [None, Some(0), Some(3)] {
            assert_eq!(
                err(RequestAction::Extend, with(Some("busy"), bad)).get("months"),
                Some(&ValidationError::InvalidFormat),
                "{bad:?}"
            );
        }
        let extend = with(Some("  busy  "), Some(2))
            .validate(RequestAction::Extend)
            .unwrap();
        assert_eq!(extend.text.unwrap().as_str(), "busy");
        assert_eq!(extend.months, Some(2));
        assert_eq!(
            with(Some("ok"), Some(9))
                .validate(RequestAction::Complete)
                .unwrap()
                .months,
            None,
            "months only for an extension"
        );
    }

    #[test]
    fn staff_steps_and_their_trail_entries() {
        use crate::RequestEventKind as E;
        let steps: Vec<_> = RequestAction::ALL
            .into_iter()
            .filter(|a| a.is_staff_step())
            .map(|a| (a.code(), a.event()))
            .collect();
        assert_eq!(
            steps,
            [
                ("start", E::Started),
                ("extend", E::Extended),
                ("complete", E::Completed),
                ("reject", E::Rejected)
            ],
            "cancelling is the customer's"
        );
        assert_eq!(RequestAction::Cancel.event(), E::Cancelled);
    }

    #[test]
    fn extension_window_and_deadline() {
        let received = IsoDate::parse("2026-01-31").unwrap();
        assert_eq!(request_deadline(received, 0).to_string(), "2026-02-28");
        assert_eq!(request_deadline(received, 2).to_string(), "2026-04-30");
        assert!(may_extend(received, IsoDate::parse("2026-02-28").unwrap()));
        assert!(!may_extend(received, IsoDate::parse("2026-03-01").unwrap()));
    }
}
