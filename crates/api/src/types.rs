//! Request and response bodies of `/api`. Dates are ISO 8601 strings (`2026-11-24`),
//! instants RFC 3339 in UTC (`2026-11-24T09:30:00Z`), money whole cents of euro.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::{
    AddressInput, Bic, Email, FreeText, PersonName, Phone, PostalAddress, ValidationError,
};

/// `POST /api/session`. Plain strings: a malformed email is simply a failed sign-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// `POST /api/me/password`: the password now, and the one it becomes. The app asks for
/// the new one twice; only one copy travels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/account/reset-link`: where to send a link for choosing a new password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkRequest {
    pub email: String,
}

coded! {
    /// What an account link is for.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum LinkPurpose {
        /// Taking an account into use for the first time.
        Activation = "activation",
        /// Replacing a forgotten password.
        Reset = "reset",
    }
}

/// `POST /api/account/password`: a new password, through the link's token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetPassword {
    pub purpose: LinkPurpose,
    pub token: String,
    pub new_password: String,
}

/// `GET /api/staff/customers?q=`: one customer found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerHit {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: Option<String>,
    /// Whether the customer has taken the app into use.
    pub activated: bool,
}

/// Whether a customer uses the app, and the latest activation link (RFC 3339, UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountStatus {
    /// When the account was taken into use; `None`: never.
    pub activated_at: Option<String>,
    pub activation_link_sent_at: Option<String>,
    pub activation_link_expires_at: Option<String>,
}

/// `GET /api/staff/customers/{id}`: everything the customer sees, and the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffCustomer {
    pub data: DataExport,
    pub account: AccountStatus,
}

/// `GET /api/session` and the answer to a sign-in: who is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionInfo {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub preferred_language: Language,
    /// For how many more seconds an email or phone change goes through without the password
    /// (0: it will be asked). Relative, so the browser's clock does not matter.
    #[serde(default)]
    pub password_fresh_for_secs: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Fi,
    Sv,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

    /// The BCP 47 tag, as used by `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// Reads a language tag such as `sv-FI` or `en`; only the primary subtag counts.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fi" => Some(Language::Fi),
            "sv" => Some(Language::Sv),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

coded! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Gender {
        Female = "female",
        Male = "male",
        Other = "other",
        NotStated = "not_stated",
    }
}

/// `GET /api/me`: the customer's own register entry, except the long lists that have
/// their own routes (history, billing, bank-account report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profile {
    pub personal: PersonalDetails,
    pub contact: ContactDetails,
    /// What the customer has told us about themselves beyond the fixed fields.
    pub other_info: FreeText,
    pub bank: Option<BankDetails>,
    pub marketing: MarketingChoices,
    /// The date the customer relationship began.
    pub customer_since: String,
    /// Bumped by every change; a change sends it back as `If-Match: "v{version}"`.
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonalDetails {
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub gender: Gender,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDetails {
    pub email: Email,
    pub phone: Option<Phone>,
    pub address: Option<PostalAddress>,
    pub preferred_language: Language,
}

/// Bank details as a screen may show them: the account number is masked on the server,
/// so the full number never reaches the browser in the profile view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankDetails {
    pub iban_masked: String,
    pub bic: Bic,
}

coded! {
    /// One marketing choice: a ban (per channel, or all direct marketing) or a consent.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum MarketingChoice {
        BanAll = "ban_all",
        BanEmail = "ban_email",
        BanSms = "ban_sms",
        BanPhone = "ban_phone",
        BanPost = "ban_post",
        ConsentMarketResearch = "consent_market_research",
        ConsentResearchDisclosure = "consent_research_disclosure",
        ConsentTargeting = "consent_targeting",
    }
}

impl MarketingChoice {
    /// The bans that "ban all" sets at once.
    pub const CHANNEL_BANS: [MarketingChoice; 4] = [
        MarketingChoice::BanEmail,
        MarketingChoice::BanSms,
        MarketingChoice::BanPhone,
        MarketingChoice::BanPost,
    ];
    /// The consents: each is "yes" only when the customer gave it.
    pub const CONSENTS: [MarketingChoice; 3] = [
        MarketingChoice::ConsentMarketResearch,
        MarketingChoice::ConsentResearchDisclosure,
        MarketingChoice::ConsentTargeting,
    ];

    pub fn is_consent(self) -> bool {
        MarketingChoice::CONSENTS.contains(&self)
    }
}

/// Direct-marketing bans (per channel and all at once) and consents, with when each was
/// last changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingChoices {
    pub ban_all: bool,
    pub ban_email: bool,
    pub ban_sms: bool,
    pub ban_phone: bool,
    pub ban_post: bool,
    pub consent_market_research: bool,
    pub consent_research_disclosure: bool,
    pub consent_targeting: bool,
    pub updated_at: Option<String>,
    /// When each choice last changed (RFC 3339); missing if never.
    #[serde(default)]
    pub changed_at: BTreeMap<MarketingChoice, String>,
}

impl MarketingChoices {
    pub fn get(&self, choice: MarketingChoice) -> bool {
        match choice {
            MarketingChoice::BanAll => self.ban_all,
            MarketingChoice::BanEmail => self.ban_email,
            MarketingChoice::BanSms => self.ban_sms,
            MarketingChoice::BanPhone => self.ban_phone,
            MarketingChoice::BanPost => self.ban_post,
            MarketingChoice::ConsentMarketResearch => self.consent_market_research,
            MarketingChoice::ConsentResearchDisclosure => self.consent_research_disclosure,
            MarketingChoice::ConsentTargeting => self.consent_targeting,
        }
    }

    pub fn set(&mut self, choice: MarketingChoice, value: bool) {
        let field = match choice {
            MarketingChoice::BanAll => &mut self.ban_all,
            MarketingChoice::BanEmail => &mut self.ban_email,
            MarketingChoice::BanSms => &mut self.ban_sms,
            MarketingChoice::BanPhone => &mut self.ban_phone,
            MarketingChoice::BanPost => &mut self.ban_post,
            MarketingChoice::ConsentMarketResearch => &mut self.consent_market_research,
            MarketingChoice::ConsentResearchDisclosure => &mut self.consent_research_disclosure,
            MarketingChoice::ConsentTargeting => &mut self.consent_targeting,
        };
        *field = value;
    }

    /// Applies one change. "Ban all" is a master switch over the channel bans: it leaves
    /// them as they are, so lifting it brings back the choices the customer had made.
    /// Returns the choice with its old value if it changed; nothing changed, nothing to log.
    pub fn apply(&mut self, choice: MarketingChoice, value: bool) -> Vec<(MarketingChoice, bool)> {
        let old = self.get(choice);
        if old == value {
            return Vec::new();
        }
        self.set(choice, value);
        vec![(choice, old)]
    }

    /// The customer's own choice in positive terms, as every switch shows it: "Klever may
    /// market this way" for a ban, "may use my details this way" for a consent.
    pub fn permits(&self, choice: MarketingChoice) -> bool {
        if choice.is_consent() {
            self.get(choice)
        } else {
            !self.get(choice)
        }
    }

    /// What is in force: a channel is off while all direct marketing is banned.
    pub fn permitted_now(&self, choice: MarketingChoice) -> bool {
        match choice {
            c if MarketingChoice::CHANNEL_BANS.contains(&c) => !self.banned(c),
            c => self.permits(c),
        }
    }

    /// Whether marketing through a channel's ban is in force, counting "ban all".
    pub fn banned(&self, channel_ban: MarketingChoice) -> bool {
        self.ban_all || self.get(channel_ban)
    }
}

/// `PUT /api/me/marketing/{choice}`: the new value of one choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingChange {
    pub value: bool,
}

/// `GET /api/me/consent-log`: every change of a marketing choice, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentLogEntry {
    pub id: i64,
    pub at: String,
    pub choice: MarketingChoice,
    pub old_value: bool,
    pub new_value: bool,
    pub channel: Channel,
}

coded! {
    /// Who a marketing audience is for: a direct-marketing channel, or market research.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AudienceChannel {
        Email = "email",
        Sms = "sms",
        Phone = "phone",
        Post = "post",
        /// Market research and surveys: those who consented.
        Research = "research",
    }
}

/// One customer who may be contacted on the requested channel, with just that channel's address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AudienceMember {
    pub customer_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub preferred_language: Language,
    /// The email, phone number or postal address for the channel.
    pub contact: String,
}

coded! {
    /// A staff member's role, which decides what they may do.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum StaffRole {
        CustomerService = "customer_service",
        Marketing = "marketing",
    }
}

/// `GET /api/staff/session`: the signed-in employee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffInfo {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
}

/// `PATCH /api/me` with `If-Match`: the fields the customer changes, nothing else.
/// `phone` and `address` may be `null` to remove them. The server refuses the whole request
/// if it names a restricted field with a different value, or a field it does not know.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub phone: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub address: Option<Option<AddressInput>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_info: Option<String>,
}

/// Tells `"phone": null` (remove it) from a missing `phone` (leave it).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A [`ProfileUpdate`] whose every value has been checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidUpdate {
    pub email: Option<Email>,
    pub phone: Option<Option<Phone>>,
    pub address: Option<Option<PostalAddress>>,
    pub preferred_language: Option<Language>,
    pub other_info: Option<FreeText>,
}

impl ProfileUpdate {
    /// The same check in the browser (as the customer types) and on the server (authoritative).
    /// Errors are keyed by field name; address parts as `address.street` and so on.
    pub fn validate(&self) -> Result<ValidUpdate, BTreeMap<String, ValidationError>> {
        let mut errors = BTreeMap::new();
        let mut valid = ValidUpdate {
            preferred_language: self.preferred_language,
            ..ValidUpdate::default()
        };
        if let Some(email) = &self.email {
            match Email::parse(email) {
                Ok(e) => valid.email = Some(e),
                Err(e) => {
                    errors.insert("email".to_owned(), e);
                }
            }
        }
        match &self.phone {
            None => {}
            // An empty phone field means "no phone": the customer may remove it.
            Some(None) => valid.phone = Some(None),
            Some(Some(p)) if p.trim().is_empty() => valid.phone = Some(None),
            Some(Some(p)) => match Phone::parse(p) {
                Ok(p) => valid.phone = Some(Some(p)),
                Err(e) => {
                    errors.insert("phone".to_owned(), e);
                }
            },
        }
        match &self.address {
            None => {}
            Some(None) => valid.address = Some(None),
            Some(Some(a)) => match PostalAddress::parse(a) {
                Ok(a) => valid.address = Some(Some(a)),
                Err(parts) => {
                    for (part, e) in parts {
                        errors.insert(format!("address.{part}"), e);
                    }
                }
            },
        }
        if let Some(text) = &self.other_info {
            match FreeText::parse(text) {
                Ok(t) => valid.other_info = Some(t),
                Err(e) => {
                    errors.insert("other_info".to_owned(), e);
                }
            }
        }
        if errors.is_empty() {
            Ok(valid)
        } else {
            Err(errors)
        }
    }

    pub fn is_empty(&self) -> bool {
        self == &ProfileUpdate::default()
    }
}

/// `POST /api/session/reauth`: the password again, before a sensitive change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReauthRequest {
    pub password: String,
}

coded! {
    /// A field of the register entry, named the same way in history, requests and errors.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ProfileField {
        FirstName = "first_name",
        LastName = "last_name",
        Gender = "gender",
        Email = "email",
        Phone = "phone",
        Address = "address",
        PreferredLanguage = "preferred_language",
        OtherInfo = "other_info",
        BankAccount = "bank_account",
        Bic = "bic",
        CustomerSince = "customer_since",
        /// Invoices and payments; corrected by staff by hand, never applied automatically.
        Billing = "billing",
        /// The bank-account report; likewise corrected by hand.
        BankReport = "bank_report",
        /// An entry of the change history that misstates what happened; corrected by hand.
        History = "history",
    }
}

impl ProfileField {
    /// Checks a proposed corrected value the way the field is stored, and gives it in its
    /// stored form. Billing and the bank-account report take free text: staff correct those by hand.
    pub fn normalise(self, proposed: &str) -> Result<String, ValidationError> {
        Ok(match self {
            ProfileField::FirstName | ProfileField::LastName => {
                PersonName::parse(proposed)?.to_string()
            }
            ProfileField::Gender => match proposed.trim() {
                "" => return Err(ValidationError::Required),
                code => Gender::from_code(code)
                    .ok_or(ValidationError::InvalidFormat)?
                    .code()
                    .to_owned(),
            },
            ProfileField::Email => Email::parse(proposed)?.to_string(),
            ProfileField::Phone => Phone::parse(proposed)?.to_string(),
            ProfileField::PreferredLanguage => Language::from_tag(proposed)
                .ok_or(ValidationError::InvalidFormat)?
                .tag()
                .to_owned(),
            ProfileField::BankAccount => crate::Iban::parse(proposed)?.to_string(),
            ProfileField::Bic => Bic::parse(proposed)?.to_string(),
            ProfileField::CustomerSince => crate::IsoDate::parse(proposed)?.to_string(),
            ProfileField::Address
            | ProfileField::OtherInfo
            | ProfileField::Billing
            | ProfileField::BankReport
            | ProfileField::History => {
                let text = FreeText::parse(proposed)?;
                if text.as_str().is_empty() {
                    return Err(ValidationError::Required);
                }
                text.to_string()
            }
        })
    }

    /// Whether a proposed correction is free text (what staff correct by hand, and the
    /// customer's own words), rather than one value of the field's own type.
    pub fn corrected_as_free_text(self) -> bool {
        matches!(
            self,
            ProfileField::Address
                | ProfileField::OtherInfo
                | ProfileField::Billing
                | ProfileField::BankReport
                | ProfileField::History
        )
    }

    /// Whether approving a correction of this field writes the new value by itself.
    pub fn applies_automatically(self) -> bool {
        !matches!(
            self,
            ProfileField::Address
                | ProfileField::Billing
                | ProfileField::BankReport
                | ProfileField::History
        )
    }
}

coded! {
    /// What a customer asks of the controller.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestKind {
        /// Right of access (register §10, GDPR Art. 15).
        Inspection = "inspection",
        /// Right to rectification (register §11, GDPR Art. 16).
        Correction = "correction",
    }
}

coded! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestStatus {
        Received = "received",
        InProgress = "in_progress",
        /// The deadline was extended, with a reason the customer sees.
        Extended = "extended",
        Completed = "completed",
        Rejected = "rejected",
        /// Withdrawn by the customer while still open.
        Cancelled = "cancelled",
    }
}

impl RequestStatus {
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::Received | RequestStatus::InProgress | RequestStatus::Extended
        )
    }
}

coded! {
    /// What can be done to a request, by the customer (cancel) or staff (the rest).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestAction {
        Start = "start",
        Extend = "extend",
        Complete = "complete",
        Reject = "reject",
        Cancel = "cancel",
    }
}

impl RequestAction {
    /// The status after `self` from `from`, or `None` if that step is not allowed.
    pub fn next(self, from: RequestStatus) -> Option<RequestStatus> {
        use RequestStatus::*;
        match (self, from) {
            (RequestAction::Start, Received) => Some(InProgress),
            // One extension, while the request is open and not yet extended.
            (RequestAction::Extend, Received | InProgress) => Some(Extended),
            (RequestAction::Complete, Received | InProgress | Extended) => Some(Completed),
            (RequestAction::Reject, Received | InProgress | Extended) => Some(Rejected),
            (RequestAction::Cancel, Received | InProgress | Extended) => Some(Cancelled),
            _ => None,
        }
    }
}

/// `POST /api/me/requests`. The key is made once per form; sending it again (a double
/// click, a retry after a lost answer) returns the request made the first time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRequest {
    pub idempotency_key: String,
    pub kind: RequestKind,
    /// For a correction: which detail, what it should be, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<ProfileField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl NewRequest {
    /// The same check in the browser and on the server; errors keyed by field name.
    pub fn validate(&self) -> Result<(), BTreeMap<String, ValidationError>> {
        let mut errors = BTreeMap::new();
        let key = self.idempotency_key.trim();
        if key.len() < 16
            || key.len() > 64
            || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            errors.insert("idempotency_key".to_owned(), ValidationError::InvalidFormat);
        }
        if self.kind == RequestKind::Correction {
            match self.field {
                None => {
                    errors.insert("field".to_owned(), ValidationError::Required);
                }
                Some(field) => {
                    if let Err(e) = field.normalise(self.proposed_value.as_deref().unwrap_or("")) {
                        errors.insert("proposed_value".to_owned(), e);
                    }
                }
            }
            match FreeText::parse(self.explanation.as_deref().unwrap_or("")) {
                Ok(t) if t.as_str().is_empty() => {
                    errors.insert("explanation".to_owned(), ValidationError::Required);
                }
                Ok(_) => {}
                Err(e) => {
                    errors.insert("explanation".to_owned(), e);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A request as the customer follows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub id: i64,
    pub kind: RequestKind,
    pub status: RequestStatus,
    pub received_at: String,
    /// One month from receipt, or later if extended.
    pub deadline: String,
    pub field: Option<ProfileField>,
    /// The value when the request was made (bank details masked).
    pub current_value: Option<String>,
    pub proposed_value: Option<String>,
    pub explanation: Option<String>,
    pub extension_reason: Option<String>,
    /// Staff's answer, or the reason for a rejection.
    pub answer: Option<String>,
    pub updated_at: String,
}

impl RequestView {
    /// The reference a customer quotes to customer service: the year received and the number.
    pub fn reference(&self) -> String {
        format!(
            "{}-{:05}",
            self.received_at.get(..4).unwrap_or("0000"),
            self.id
        )
    }
}

/// A request in the staff queue, with whose it is and whether it is late.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub request: RequestView,
    pub customer_id: i64,
    pub customer_name: String,
    pub overdue: bool,
}

/// One entry of a request's audit trail: who did what, when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEvent {
    pub at: String,
    pub action: RequestEventKind,
    /// The employee, or `None` for the customer.
    pub staff_name: Option<String>,
    pub detail: Option<String>,
}

coded! {
    /// What happened to a request, as its trail shows.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestEventKind {
        Received = "received",
        Started = "started",
        Extended = "extended",
        Completed = "completed",
        Rejected = "rejected",
        Cancelled = "cancelled",
        /// Staff exported the customer's data to answer it.
        Exported = "exported",
    }
}

/// `GET /api/staff/requests/{id}`: what staff need to handle a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    pub item: QueueItem,
    pub customer: Profile,
    pub events: Vec<RequestEvent>,
}

/// `POST /api/staff/requests/{id}/{action}`: the words that go with the step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffAction {
    /// The answer (complete) or the reason (extend, reject).
    #[serde(default)]
    pub text: Option<String>,
    /// For extend: 1 or 2 more months.
    #[serde(default)]
    pub months: Option<u32>,
}

/// `GET /api/me/export`: everything held about the customer, machine-readable (GDPR Art. 15
/// and 20), with what Art. 15 requires beside the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DataExport {
    pub generated_at: String,
    pub controller: String,
    pub register: String,
    pub profile: Profile,
    /// The full account number: this copy is for the customer alone.
    pub bank_account: Option<String>,
    pub bank_report: Option<BankReport>,
    pub billing: Billing,
    pub change_history: Vec<HistoryEntry>,
    pub consent_log: Vec<ConsentLogEntry>,
    pub requests: Vec<RequestView>,
    pub purposes: Vec<String>,
    pub categories: Vec<String>,
    pub recipients: Vec<String>,
    pub retention: String,
    pub sources: Vec<String>,
    pub automated_decisions: String,
    pub transfers_outside_eea: String,
}

coded! {
    /// Who made a change.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Channel {
        SelfService = "self_service",
        Staff = "staff",
        /// Created when the customer relationship began (sign-up, import).
        Onboarding = "onboarding",
    }
}

/// `GET /api/me/history`: newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub id: i64,
    pub at: String,
    pub field: ProfileField,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub channel: Channel,
}

/// `GET /api/me/bank-report`: what the bank-account report (Instantor) told us.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BankReport {
    pub report_date: String,
    pub provider: String,
    pub bank_name: String,
    pub account_holder: String,
    pub account_masked: String,
    pub avg_monthly_income_cents: i64,
    pub avg_monthly_expenses_cents: i64,
    pub balance_cents: i64,
}

/// `GET /api/me/billing`: invoices the customer received, newest first, with their payments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Billing {
    pub invoices: Vec<Invoice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    pub payee: String,
    pub amount_cents: i64,
    pub issued_on: String,
    pub due_date: String,
    pub status: InvoiceStatus,
    pub payments: Vec<Payment>,
}

coded! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum InvoiceStatus {
        Open = "open",
        Overdue = "overdue",
        PartlyPaid = "partly_paid",
        Paid = "paid",
    }
}

impl InvoiceStatus {
    /// Derives the status from what has been paid by `today` (both ISO dates compare as text).
    pub fn derive(amount_cents: i64, paid_cents: i64, due_date: &str, today: &str) -> Self {
        if paid_cents >= amount_cents {
            InvoiceStatus::Paid
        } else if paid_cents > 0 && due_date >= today {
            InvoiceStatus::PartlyPaid
        } else if due_date < today {
            InvoiceStatus::Overdue
        } else {
            InvoiceStatus::Open
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub amount_cents: i64,
    pub paid_on: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_tells_null_from_missing() {
        let remove: ProfileUpdate = serde_json::from_str(r#"{"phone":null}"#).unwrap();
        assert_eq!(remove.phone, Some(None));
        let leave: ProfileUpdate = serde_json::from_str(r#"{"email":"a@b.fi"}"#).unwrap();
        assert_eq!(leave.phone, None);
        assert_eq!(serde_json::to_string(&remove).unwrap(), r#"{"phone":null}"#);
        assert_eq!(
            serde_json::to_string(&ProfileUpdate::default()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn update_validation_table() {
        let bad = |json: &str| {
            serde_json::from_str::<ProfileUpdate>(json)
                .unwrap()
                .validate()
                .unwrap_err()
        };
        let cases: [(&str, &str, ValidationError, &str); 6] = [
            (
                r#"{"email":"nope"}"#,
                "email",
                ValidationError::InvalidFormat,
                "email without @",
            ),
            (
                r#"{"email":""}"#,
                "email",
                ValidationError::Required,
                "email cannot be emptied",
            ),
            (
                r#"{"phone":"12"}"#,
                "phone",
                ValidationError::InvalidFormat,
                "phone without prefix",
            ),
            (
                r#"{"address":{"street":"Katu 1","postal_code":"1","city":"Vaasa","country":"FI"}}"#,
                "address.postal_code",
                ValidationError::InvalidFormat,
                "address part keyed by path",
            ),
            (
                r#"{"other_info":"a\u0007"}"#,
                "other_info",
                ValidationError::InvalidCharacters,
                "bell in free text",
            ),
            (
                r#"{"email":"x","phone":"123"}"#,
                "phone",
                ValidationError::InvalidFormat,
                "all errors at once",
            ),
        ];
        for (json, field, expected, why) in cases {
            assert_eq!(bad(json).get(field), Some(&expected), "{why}: {json}");
        }
        assert_eq!(
            bad(r#"{"email":"x","phone":"123"}"#).len(),
            2,
            "every bad field reported"
        );
        let ok: ProfileUpdate = serde_json::from_str(
            r#"{"phone":"  ","email":"A@Example.FI","preferred_language":"sv"}"#,
        )
        .unwrap();
        let valid = ok.validate().unwrap();
        assert_eq!(valid.phone, Some(None), "a blank phone removes it");
        assert_eq!(valid.email.unwrap().as_str(), "A@example.fi");
        assert_eq!(valid.preferred_language, Some(Language::Sv));
    }

    #[test]
    fn ban_all_overrides_the_channels_and_lifting_it_restores_them() {
        let mut m = MarketingChoices {
            ban_sms: true,
            ..MarketingChoices::default()
        };
        assert_eq!(
            m.apply(MarketingChoice::BanAll, true),
            vec![(MarketingChoice::BanAll, false)],
            "one change, one log entry"
        );
        assert!(
            MarketingChoice::CHANNEL_BANS.iter().all(|c| m.banned(*c)),
            "every channel is banned while ban all is on"
        );
        assert!(
            !m.ban_email && m.ban_sms,
            "the channel choices are kept underneath"
        );
        assert_eq!(
            m.apply(MarketingChoice::BanAll, false),
            vec![(MarketingChoice::BanAll, true)]
        );
        assert!(
            !m.banned(MarketingChoice::BanEmail),
            "email is allowed again"
        );
        assert!(
            m.banned(MarketingChoice::BanSms),
            "the SMS ban is back as it was"
        );
        assert!(
            m.apply(MarketingChoice::ConsentTargeting, false).is_empty(),
            "no change, nothing to log"
        );
    }

    #[test]
    fn marketing_choice_codes_match_serde() {
        for choice in MarketingChoice::ALL {
            let json = serde_json::to_string(&choice).unwrap();
            assert_eq!(json, format!("\"{}\"", choice.code()));
            assert_eq!(MarketingChoice::from_code(choice.code()), Some(choice));
        }
        let mut m = MarketingChoices::default();
        m.changed_at
            .insert(MarketingChoice::BanSms, "2026-01-01T00:00:00Z".into());
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.contains(r#""changed_at":{"ban_sms":"2026-01-01T00:00:00Z"}"#),
            "{json}"
        );
    }

    #[test]
    fn every_language_has_its_own_tag() {
        let cases = [
            (Language::Fi, "fi"),
            (Language::Sv, "sv"),
            (Language::En, "en"),
        ];
        for (language, tag) in cases {
            assert_eq!(language.tag(), tag, "{language:?}");
            assert_eq!(Language::from_tag(tag), Some(language), "{tag} read back");
        }
    }

    #[test]
    fn only_the_three_consents_are_consents() {
        use MarketingChoice::*;
        let cases = [
            (BanAll, false),
            (BanEmail, false),
            (BanSms, false),
            (BanPhone, false),
            (BanPost, false),
            (ConsentMarketResearch, true),
            (ConsentResearchDisclosure, true),
            (ConsentTargeting, true),
        ];
        for (choice, consent) in cases {
            assert_eq!(choice.is_consent(), consent, "{choice:?}");
        }
    }

    #[test]
    fn a_ban_permits_while_off_and_a_consent_while_on() {
        // With nothing chosen every way of marketing is open and no consent is given;
        // with everything chosen it is the other way round.
        use MarketingChoice::*;
        let none = MarketingChoices::default();
        let all = MarketingChoices {
            ban_all: true,
            ban_email: true,
            ban_sms: true,
            ban_phone: true,
            ban_post: true,
            consent_market_research: true,
            consent_research_disclosure: true,
            consent_targeting: true,
            ..MarketingChoices::default()
        };
        let cases = [
            (BanAll, true, false),
            (BanEmail, true, false),
            (BanSms, true, false),
            (BanPhone, true, false),
            (BanPost, true, false),
            (ConsentMarketResearch, false, true),
            (ConsentResearchDisclosure, false, true),
            (ConsentTargeting, false, true),
        ];
        for (choice, with_none, with_all) in cases {
            assert_eq!(
                none.permits(choice),
                with_none,
                "{choice:?}, nothing chosen"
            );
            assert_eq!(
                all.permits(choice),
                with_all,
                "{choice:?}, everything chosen"
            );
        }
    }

    #[test]
    fn ban_all_turns_every_channel_off_now_but_not_the_consents() {
        // "Ban all" on, no channel ban of its own, every consent given: the channels are
        // off in force though each switch of its own says yes; consents are untouched.
        use MarketingChoice::*;
        let banned_all = MarketingChoices {
            ban_all: true,
            consent_market_research: true,
            consent_research_disclosure: true,
            consent_targeting: true,
            ..MarketingChoices::default()
        };
        let sms_banned = MarketingChoices {
            ban_sms: true,
            ..MarketingChoices::default()
        };
        let cases = [
            (BanAll, false, true),
            (BanEmail, false, true),
            (BanSms, false, false),
            (BanPhone, false, true),
            (BanPost, false, true),
            (ConsentMarketResearch, true, false),
            (ConsentResearchDisclosure, true, false),
            (ConsentTargeting, true, false),
        ];
        for (choice, under_ban_all, with_sms_banned) in cases {
            assert_eq!(
                banned_all.permitted_now(choice),
                under_ban_all,
                "{choice:?} under ban all"
            );
            assert_eq!(
                sms_banned.permitted_now(choice),
                with_sms_banned,
                "{choice:?} with only SMS banned"
            );
        }
        assert!(
            banned_all.permits(BanEmail),
            "the email switch itself still says yes underneath"
        );
    }

    #[test]
    fn an_update_that_names_any_field_is_not_empty() {
        let cases = [
            (ProfileUpdate::default(), true, "nothing named"),
            (
                ProfileUpdate {
                    phone: Some(None),
                    ..ProfileUpdate::default()
                },
                false,
                "removing the phone",
            ),
            (
                ProfileUpdate {
                    preferred_language: Some(Language::Sv),
                    ..ProfileUpdate::default()
                },
                false,
                "a language",
            ),
            (
                ProfileUpdate {
                    other_info: Some(String::new()),
                    ..ProfileUpdate::default()
                },
                false,
                "emptying other information",
            ),
        ];
        for (update, empty, why) in cases {
            assert_eq!(update.is_empty(), empty, "{why}");
        }
    }

    #[test]
    fn a_proposed_correction_is_checked_and_stored_the_way_its_field_is() {
        use ProfileField::*;
        use ValidationError::*;
        let cases: [(ProfileField, &str, Result<&str, ValidationError>, &str); 24] = [
            (
                FirstName,
                "  Anna   Liisa ",
                Ok("Anna Liisa"),
                "name tidied",
            ),
            (
                LastName,
                "Laine2",
                Err(InvalidCharacters),
                "digit in a name",
            ),
            (Gender, " female ", Ok("female"), "gender trimmed"),
            (Gender, "male", Ok("male"), "male"),
            (Gender, "other", Ok("other"), "other"),
            (Gender, "not_stated", Ok("not_stated"), "not stated"),
            (Gender, "  ", Err(Required), "no gender"),
            (Gender, "Female", Err(InvalidFormat), "codes are lower case"),
            (
                Email,
                "Aino@Example.FI",
                Ok("Aino@example.fi"),
                "email domain lower-cased",
            ),
            (Phone, "040 123 4567", Ok("+358401234567"), "phone in E.164"),
            (PreferredLanguage, "sv-FI", Ok("sv"), "language by its tag"),
            (
                PreferredLanguage,
                "de",
                Err(InvalidFormat),
                "a language we do not serve",
            ),
            (
                BankAccount,
                "fi21 1234 5600 0007 85",
                Ok("FI2112345600000785"),
                "IBAN compact, upper case",
            ),
            (
                BankAccount,
                "FI21 1234 5600 0007 86",
                Err(InvalidChecksum),
                "IBAN mistyped",
            ),
            (Bic, "ndeafihh", Ok("NDEAFIHH"), "BIC upper case"),
            (CustomerSince, " 2021-03-01 ", Ok("2021-03-01"), "a date"),
            (
                CustomerSince,
                "2021-02-30",
                Err(InvalidFormat),
                "no such date",
            ),
            (
                Address,
                " Kauppapuistikko 12, 65100 Vaasa ",
                Ok("Kauppapuistikko 12, 65100 Vaasa"),
                "address as free text",
            ),
            (Address, "   ", Err(Required), "no address"),
            (
                OtherInfo,
                "Call after 16.",
                Ok("Call after 16."),
                "other information",
            ),
            (
                Billing,
                "Invoice 1042 was paid on 3 March",
                Ok("Invoice 1042 was paid on 3 March"),
                "billing",
            ),
            (
                BankReport,
                "",
                Err(Required),
                "nothing said about the report",
            ),
            (
                History,
                "bell\u{0007}",
                Err(InvalidCharacters),
                "control character",
            ),
            (
                History,
                "The phone was never changed",
                Ok("The phone was never changed"),
                "history",
            ),
        ];
        for (field, proposed, expected, why) in cases {
            assert_eq!(
                field.normalise(proposed),
                expected.map(str::to_owned),
                "{field:?}: {why}"
            );
        }
    }

    #[test]
    fn which_fields_are_corrected_as_free_text_and_which_apply_by_themselves() {
        use ProfileField::*;
        // (field, corrected as free text, written by approving the correction)
        let cases = [
            (FirstName, false, true),
            (LastName, false, true),
            (Gender, false, true),
            (Email, false, true),
            (Phone, false, true),
            (Address, true, false),
            (PreferredLanguage, false, true),
            (OtherInfo, true, true),
            (BankAccount, false, true),
            (Bic, false, true),
            (CustomerSince, false, true),
            (Billing, true, false),
            (BankReport, true, false),
            (History, true, false),
        ];
        assert_eq!(cases.len(), ProfileField::ALL.len(), "every field");
        for (field, free_text, automatic) in cases {
            assert_eq!(field.corrected_as_free_text(), free_text, "{field:?}");
            assert_eq!(field.applies_automatically(), automatic, "{field:?}");
        }
    }

    #[test]
    fn a_request_is_open_until_it_is_answered_or_withdrawn() {
        use RequestStatus::*;
        let cases = [
            (Received, true),
            (InProgress, true),
            (Extended, true),
            (Completed, false),
            (Rejected, false),
            (Cancelled, false),
        ];
        for (status, open) in cases {
            assert_eq!(status.is_open(), open, "{status:?}");
        }
    }

    #[test]
    fn each_step_is_allowed_only_from_the_statuses_it_names() {
        use RequestStatus::*;
        let from = [
            Received, InProgress, Extended, Completed, Rejected, Cancelled,
        ];
        // Per step, the status it leads to from each status above (None: refused).
        let cases = [
            (
                RequestAction::Start,
                [Some(InProgress), None, None, None, None, None],
                "started only when just received",
            ),
            (
                RequestAction::Extend,
                [Some(Extended), Some(Extended), None, None, None, None],
                "extended once, while open",
            ),
            (
                RequestAction::Complete,
                [
                    Some(Completed),
                    Some(Completed),
                    Some(Completed),
                    None,
                    None,
                    None,
                ],
                "answered while open",
            ),
            (
                RequestAction::Reject,
                [
                    Some(Rejected),
                    Some(Rejected),
                    Some(Rejected),
                    None,
                    None,
                    None,
                ],
                "rejected while open",
            ),
            (
                RequestAction::Cancel,
                [
                    Some(Cancelled),
                    Some(Cancelled),
                    Some(Cancelled),
                    None,
                    None,
                    None,
                ],
                "cancelled by the customer until it is answered",
            ),
        ];
        for (action, expected, why) in cases {
            for (status, next) in from.into_iter().zip(expected) {
                assert_eq!(
                    action.next(status),
                    next,
                    "{action:?} from {status:?}: {why}"
                );
            }
        }
    }

    fn request(key: &str, kind: RequestKind) -> NewRequest {
        NewRequest {
            idempotency_key: key.to_owned(),
            kind,
            field: None,
            proposed_value: None,
            explanation: None,
        }
    }

    #[test]
    fn the_idempotency_key_is_16_to_64_letters_digits_or_hyphens() {
        let bad = || {
            Err(BTreeMap::from([(
                "idempotency_key".to_owned(),
                ValidationError::InvalidFormat,
            )]))
        };
        let cases = [
            ("a".repeat(15), bad(), "15 characters"),
            ("a".repeat(16), Ok(()), "16 characters"),
            ("A1".repeat(32), Ok(()), "64 characters"),
            ("a".repeat(65), bad(), "65 characters"),
            (
                format!("  {}  ", "a".repeat(16)),
                Ok(()),
                "spaces around are trimmed",
            ),
            (
                "3f2b8c1e-9d4a-4f6b-8e2a-7c5d1b0a9e34".to_owned(),
                Ok(()),
                "a UUID",
            ),
            ("3f2b8c1e_9d4a_4f6b_8e2a".to_owned(), bad(), "underscores"),
            ("3f2b8c1e 9d4a 4f6b 8e2a".to_owned(), bad(), "spaces inside"),
            ("ääääääääääääääää".to_owned(), bad(), "letters beyond ASCII"),
        ];
        for (key, expected, why) in cases {
            assert_eq!(
                request(&key, RequestKind::Inspection).validate(),
                expected,
                "{why}: {key:?}"
            );
        }
    }

    #[test]
    fn a_correction_names_the_field_its_value_and_why() {
        let key = "0123456789abcdef";
        let correction = |field, proposed: Option<&str>, explanation: Option<&str>| NewRequest {
            field,
            proposed_value: proposed.map(str::to_owned),
            explanation: explanation.map(str::to_owned),
            ..request(key, RequestKind::Correction)
        };
        let errors = |list: &[(&str, ValidationError)]| {
            Err(list
                .iter()
                .map(|(k, e)| ((*k).to_owned(), *e))
                .collect::<BTreeMap<_, _>>())
        };
        let cases = [
            (
                correction(
                    Some(ProfileField::LastName),
                    Some("Virtanen"),
                    Some("I married"),
                ),
                Ok(()),
                "everything given",
            ),
            (
                correction(None, None, None),
                errors(&[
                    ("explanation", ValidationError::Required),
                    ("field", ValidationError::Required),
                ]),
                "nothing given",
            ),
            (
                correction(
                    Some(ProfileField::LastName),
                    Some("Virtanen2"),
                    Some("I married"),
                ),
                errors(&[("proposed_value", ValidationError::InvalidCharacters)]),
                "the value checked as the field's",
            ),
            (
                correction(Some(ProfileField::LastName), None, Some("I married")),
                errors(&[("proposed_value", ValidationError::Required)]),
                "no value",
            ),
            (
                correction(Some(ProfileField::LastName), Some("Virtanen"), Some("   ")),
                errors(&[("explanation", ValidationError::Required)]),
                "a blank explanation",
            ),
            (
                correction(
                    Some(ProfileField::LastName),
                    Some("Virtanen"),
                    Some(&"x".repeat(2001)),
                ),
                errors(&[("explanation", ValidationError::TooLong)]),
                "an explanation over 2000 characters",
            ),
        ];
        for (given, expected, why) in cases {
            assert_eq!(given.validate(), expected, "{why}");
        }
        // An inspection asks for everything: no field, value or reason is needed.
        assert_eq!(request(key, RequestKind::Inspection).validate(), Ok(()));
    }

    #[test]
    fn the_reference_is_the_year_received_and_the_number() {
        let view = |id: i64, received_at: &str| RequestView {
            id,
            kind: RequestKind::Inspection,
            status: RequestStatus::Received,
            received_at: received_at.to_owned(),
            deadline: "2026-12-25".to_owned(),
            field: None,
            current_value: None,
            proposed_value: None,
            explanation: None,
            extension_reason: None,
            answer: None,
            updated_at: received_at.to_owned(),
        };
        let cases = [
            (
                42,
                "2026-11-25T09:30:00Z",
                "2026-00042",
                "padded to five digits",
            ),
            (
                123_456,
                "2027-01-02T08:00:00Z",
                "2027-123456",
                "longer numbers kept whole",
            ),
        ];
        for (id, received_at, expected, why) in cases {
            assert_eq!(view(id, received_at).reference(), expected, "{why}");
        }
    }

    #[test]
    fn language_from_browser_tags() {
        let cases = [
            ("fi-FI", Some(Language::Fi)),
            ("sv", Some(Language::Sv)),
            ("sv_FI", Some(Language::Sv)),
            ("EN-gb", Some(Language::En)),
            ("de-DE", None),
            ("", None),
        ];
        for (tag, expected) in cases {
            assert_eq!(Language::from_tag(tag), expected, "{tag:?}");
        }
    }

    #[test]
    fn invoice_status_table() {
        let today = "2026-11-25";
        let cases = [
            (
                10_000,
                10_000,
                "2026-11-01",
                InvoiceStatus::Paid,
                "paid in full, even if late",
            ),
            (
                10_000,
                12_000,
                "2026-12-01",
                InvoiceStatus::Paid,
                "overpaid",
            ),
            (10_000, 0, "2026-12-01", InvoiceStatus::Open, "not yet due"),
            (
                10_000,
                0,
                "2026-11-25",
                InvoiceStatus::Open,
                "due today is not overdue",
            ),
            (
                10_000,
                0,
                "2026-11-24",
                InvoiceStatus::Overdue,
                "past due, nothing paid",
            ),
            (
                10_000,
                5_000,
                "2026-12-01",
                InvoiceStatus::PartlyPaid,
                "part paid, not yet due",
            ),
            (
                10_000,
                5_000,
                "2026-11-01",
                InvoiceStatus::Overdue,
                "part paid and past due",
            ),
        ];
        for (amount, paid, due, expected, why) in cases {
            assert_eq!(
                InvoiceStatus::derive(amount, paid, due, today),
                expected,
                "{why}"
            );
        }
    }

    #[test]
    fn profile_round_trips_through_json() {
        let profile = Profile {
            personal: PersonalDetails {
                first_name: PersonName::parse("Aino").unwrap(),
                last_name: PersonName::parse("Laine").unwrap(),
                gender: Gender::Female,
            },
            contact: ContactDetails {
                email: Email::parse("aino@example.fi").unwrap(),
                phone: Some(Phone::parse("040 123 4567").unwrap()),
                address: None,
                preferred_language: Language::Sv,
            },
            other_info: FreeText::parse("").unwrap(),
            bank: None,
            marketing: MarketingChoices {
                ban_email: true,
                consent_market_research: true,
                ..MarketingChoices::default()
            },
            customer_since: "2021-03-01".into(),
            version: 3,
        };
        let json = serde_json::to_string(&profile).unwrap();
        assert!(json.contains(r#""phone":"+358401234567""#), "{json}");
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
        // A value that fails validation is refused on the way in, too.
        let tampered = json.replace("aino@example.fi", "not an email");
        assert!(serde_json::from_str::<Profile>(&tampered).is_err());
    }
}
