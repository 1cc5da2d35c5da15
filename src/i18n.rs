//! Every text the app shows, in Finnish, Swedish and English, and locale-aware formatting
//! of dates and money through the browser's own `Intl` (no locale data in the wasm).
//!
//! Components never hold literal strings: they name a [`Key`]. The table below gives each
//! key a `(fi, sv, en)` triple, so a missing translation is a compile error.

use klever_api::{
    Channel, Gender, InvoiceStatus, Language, MarketingChoice, ProfileField, RequestKind,
    RequestStatus, ValidationError,
};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Language>,
}

const STORAGE_KEY: &str = "klever.lang";

impl I18n {
    /// The remembered choice, else the browser's first language we speak, else English.
    pub fn detect() -> Language {
        if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
            if let Some(lang) = Language::from_tag(&saved) {
                return lang;
            }
        }
        let navigator = window().navigator();
        navigator
            .languages()
            .iter()
            .filter_map(|v| v.as_string())
            .chain(navigator.language())
            .find_map(|tag| Language::from_tag(&tag))
            .unwrap_or(Language::En)
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// Switches language, remembers it and tells assistive technology via `<html lang>`.
    pub fn set(&self, lang: Language) {
        self.lang.set(lang);
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.tag());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Puts an `I18n` in context and keeps `<html lang>` in step with it.
pub fn provide_i18n(initial: Language) -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial),
    };
    provide_context(i18n);
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for use directly in a view: `{tr(Key::SignIn)}`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// The locale `Intl` formats with: Finnish conventions for Swedish too (we serve Finland),
/// day-first British conventions for English.
fn locale(lang: Language) -> &'static str {
    match lang {
        Language::Fi => "fi-FI",
        Language::Sv => "sv-FI",
        Language::En => "en-GB",
    }
}

fn intl_options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    options
}

fn call_format(formatter: &js_sys::Function, this: &JsValue, value: &JsValue) -> String {
    formatter
        .call1(this, value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// `2026-11-24` → `24.11.2026` (fi), `24.11.2026` (sv), `24/11/2026` (en).
pub fn format_date(lang: Language, iso_date: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{iso_date}T00:00:00Z")));
    if date.get_time().is_nan() {
        return iso_date.to_owned();
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
    let options = intl_options(&[
        ("timeZone", "UTC"),
        ("day", "numeric"),
        ("month", "numeric"),
        ("year", "numeric"),
    ]);
    let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    call_format(&formatter.format(), &formatter, &date)
}

/// An RFC 3339 instant as date and time in Finnish time (where the company and customers are).
pub fn format_instant(lang: Language, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
    let options = intl_options(&[
        ("timeZone", "Europe/Helsinki"),
        ("day", "numeric"),
        ("month", "numeric"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ]);
    let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    call_format(&formatter.format(), &formatter, &date)
}

/// A country code as the country's name in the chosen language (`FI` → `Suomi`), through
/// `Intl.DisplayNames`; the code itself if the browser lacks it.
pub fn region_name(lang: Language, code: &str) -> String {
    let name = (|| {
        let intl = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
        let ctor: js_sys::Function =
            js_sys::Reflect::get(&intl, &JsValue::from_str("DisplayNames"))
                .ok()?
                .dyn_into()
                .ok()?;
        let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
        let args = js_sys::Array::of2(&locales, &intl_options(&[("type", "region")]));
        let names = js_sys::Reflect::construct(&ctor, &args).ok()?;
        let of: js_sys::Function = js_sys::Reflect::get(&names, &JsValue::from_str("of"))
            .ok()?
            .dyn_into()
            .ok()?;
        of.call1(&names, &JsValue::from_str(code)).ok()?.as_string()
    })();
    name.unwrap_or_else(|| code.to_owned())
}

/// Cents of euro → `1 234,50 €` (fi, sv) or `€1,234.50` (en).
pub fn format_money(lang: Language, cents: i64) -> String {
    let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
    let options = intl_options(&[("style", "currency"), ("currency", "EUR")]);
    let formatter = js_sys::Intl::NumberFormat::new(&locales, &options);
    call_format(
        &formatter.format(),
        &formatter,
        &JsValue::from_f64(cents as f64 / 100.0),
    )
}

/// Declares [`Key`] and the list of all its values, so a test can check every text.
macro_rules! keys {
    ($($key:ident,)*) => {
        /// Keys of every text in the app.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($key,)*
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }
    };
}

keys! {
    AppName,
    SkipToContent,
    Language,
    SignOut,
    SignedInAs,
    // Sign-in
    SignInTitle,
    SignInIntro,
    Email,
    Password,
    SignInButton,
    SigningIn,
    InvalidCredentials,
    TooManyAttempts,
    SessionEnded,
    // Generic states
    Loading,
    Retry,
    LoadFailed,
    NetworkError,
    ServerError,
    NotGiven,
    // Profile page
    ProfileTitle,
    ProfileIntro,
    Locked,
    LockedHint,
    PersonalDetails,
    ContactDetails,
    BankDetails,
    MarketingChoices,
    BankReport,
    Billing,
    ChangeHistory,
    CustomerSince,
    CustomerSinceText,
    OtherInfo,
    FirstName,
    LastName,
    Gender,
    GenderFemale,
    GenderMale,
    GenderOther,
    GenderNotStated,
    Phone,
    Address,
    PreferredLanguage,
    Iban,
    Bic,
    NoBankDetails,
    // Marketing
    BanAll,
    BanEmail,
    BanSms,
    BanPhone,
    BanPost,
    ConsentMarketResearch,
    ConsentResearchDisclosure,
    ConsentTargeting,
    LastChanged,
    BanAllOverrides,
    // Bank-account report
    BankReportIntro,
    ReportDate,
    ReportProvider,
    BankName,
    AccountHolder,
    Account,
    AvgIncome,
    AvgExpenses,
    Balance,
    NoBankReport,
    // Billing
    InvoiceNumber,
    Payee,
    Amount,
    IssuedOn,
    DueDate,
    Status,
    StatusOpen,
    StatusOverdue,
    StatusPartlyPaid,
    StatusPaid,
    Payments,
    NoInvoices,
    NoPayments,
    // History
    When,
    Field,
    OldValue,
    NewValue,
    ChangedBy,
    ChannelSelfService,
    ChannelStaff,
    ChannelOnboarding,
    NoHistory,
    FieldBankAccount,
    // Not found
    NotFoundTitle,
    NotFoundText,
    BackHome,
    // Validation
    ErrRequired,
    ErrTooShort,
    ErrTooLong,
    ErrInvalidCharacters,
    ErrInvalidFormat,
    ErrInvalidChecksum,
    ErrAlreadyInUse,
    ErrRestricted,
    ErrUnknown,
    // Editing
    EditDetails,
    EditTitle,
    EditIntro,
    Street,
    PostalCode,
    City,
    Country,
    PhoneHint,
    OtherInfoHint,
    SensitiveHint,
    Save,
    Saving,
    Cancel,
    Saved,
    NothingChanged,
    FixErrors,
    ReauthTitle,
    ReauthText,
    Confirm,
    WrongPassword,
    ConflictTitle,
    ConflictText,
    SavedNow,
    YourChange,
    KeepMine,
    TakeSaved,
    // Marketing screen
    ManageMarketing,
    MarketingIntro,
    BanAllHint,
    OverriddenByBanAll,
    ChoiceSaved,
    ChoiceNotSaved,
    NeverChanged,
    ConsentLog,
    ConsentLogIntro,
    Choice,
    LogBanned,
    LogBanLifted,
    LogConsentGiven,
    LogConsentWithdrawn,
    NoConsentLog,
    // Requests
    NavProfile,
    NavRequests,
    NavMarketing,
    ErrorPrefix,
    NotYours,
    DevicesTitle,
    DevicesIntro,
    ThisDevice,
    UnknownBrowser,
    SignedInAt,
    LastUsed,
    EndSession,
    EndOtherSessions,
    OnlyThisDevice,
    SessionEndedThere,
    OtherSessionsEnded,
    MyDataTitle,
    MyDataIntro,
    Print,
    ShowReadable,
    GeneratedAt,
    MyDataRights,
    ConfirmInspectionTitle,
    ConfirmInspectionText,
    YesSend,
    ConfirmCancelTitle,
    YesCancel,
    NoKeep,
    CheckAnswersTitle,
    CheckAnswersText,
    ChangeAnswers,
    RequestReceivedTitle,
    ReferenceNumber,
    WhatNext,
    WhatNextText,
    AnswerBy,
    ErrEmailRequired,
    ErrEmailFormat,
    ErrPhoneFormat,
    ErrStreetRequired,
    ErrStreetFormat,
    ErrPostalCodeFormat,
    ErrCityRequired,
    ErrCityFormat,
    ErrExplanationRequired,
    ErrPasswordRequired,
    ErrTooCommon,
    ErrIncorrect,
    ErrCurrentPasswordWrong,
    ErrNewPasswordRequired,
    ErrNewPasswordShort,
    ErrNewPasswordLong,
    ErrPasswordsDiffer,
    // Password
    PasswordTitle,
    PasswordIntro,
    PasswordRules,
    CurrentPassword,
    NewPassword,
    RepeatPassword,
    PasswordStrength,
    StrengthVeryWeak,
    StrengthWeak,
    StrengthFair,
    StrengthGood,
    StrengthStrong,
    ChangePassword,
    PasswordChanged,
    // Account links
    ForgotTitle,
    ForgotIntro,
    SendLink,
    CheckYourEmail,
    ResetLinkSentTo,
    ResetLinkHelp,
    BackToSignIn,
    ResetTitle,
    ResetIntro,
    ResetButton,
    ActivateTitle,
    ActivateIntro,
    ActivateButton,
    LinkGone,
    LinkGoneHelp,
    AskNewLink,
    // Staff: customers
    FindCustomer,
    StaffCustomersTitle,
    StaffCustomersIntro,
    SearchLabel,
    SearchButton,
    NoCustomersFound,
    BackToCustomers,
    AccountTitle,
    AccountActive,
    AccountNeverActivated,
    ActivatedAt,
    ActivationLinkSent,
    LinkValidUntil,
    SendActivationLink,
    ActivationLinkSentNotice,
    ErrAnswerRequired,
    ThereIsAProblem,
    Offline,
    SwitchDirectMarketing,
    SwitchEmail,
    SwitchSms,
    SwitchPhone,
    SwitchPost,
    SwitchResearch,
    SwitchDisclosure,
    SwitchTargeting,
    MayMarketBy,
    MayUseData,
    StateYes,
    StateNo,
    SavedShort,
    MainNav,
    TabNav,
    FooterNav,
    BusinessId,
    CustomerServiceHours,
    PrivacyTitle,
    PrivacyIntro,
    AccessibilityTitle,
    AccessibilityIntro,
    RequestsTitle,
    RequestsIntro,
    InspectionTitle,
    InspectionText,
    DownloadData,
    SendInspection,
    InspectionSent,
    CorrectionTitle,
    CorrectionText,
    NewCorrection,
    RequestCorrection,
    MyRequests,
    NoRequests,
    KindInspection,
    KindCorrection,
    Received,
    Deadline,
    ExtensionReason,
    Answer,
    CancelRequest,
    RequestStatusReceived,
    RequestStatusInProgress,
    RequestStatusExtended,
    RequestStatusCompleted,
    RequestStatusRejected,
    RequestStatusCancelled,
    CorrectionFormTitle,
    CorrectionFormIntro,
    FieldToCorrect,
    CurrentValue,
    ProposedValue,
    Explanation,
    ExplanationHint,
    SendRequest,
    Sending,
    RequestSent,
    CannotChangeNow,
    // Staff
    StaffSignInTitle,
    StaffQueueTitle,
    StaffQueueIntro,
    QueueEmpty,
    Customer,
    Overdue,
    Open,
    RequestDetailTitle,
    CustomerData,
    Trail,
    ByCustomer,
    Start,
    Extend,
    ExtendBy,
    OneMonth,
    TwoMonths,
    Complete,
    Reject,
    AnswerOrReason,
    ApproveApplies,
    ApproveByHand,
    BackToQueue,
    StaffOnly,
    EventReceived,
    EventStarted,
    EventExtended,
    EventCompleted,
    EventRejected,
    EventCancelled,
    AudienceTitle,
    AudienceIntro,
    AudienceEmail,
    AudienceSms,
    AudiencePhone,
    AudiencePost,
    AudienceResearch,
    Actions,
    DownloadCustomerData,
    EventExported,
}

impl Key {
    pub fn gender(g: Gender) -> Key {
        match g {
            Gender::Female => Key::GenderFemale,
            Gender::Male => Key::GenderMale,
            Gender::Other => Key::GenderOther,
            Gender::NotStated => Key::GenderNotStated,
        }
    }

    pub fn invoice_status(s: InvoiceStatus) -> Key {
        match s {
            InvoiceStatus::Open => Key::StatusOpen,
            InvoiceStatus::Overdue => Key::StatusOverdue,
            InvoiceStatus::PartlyPaid => Key::StatusPartlyPaid,
            InvoiceStatus::Paid => Key::StatusPaid,
        }
    }

    pub fn channel(c: Channel) -> Key {
        match c {
            Channel::SelfService => Key::ChannelSelfService,
            Channel::Staff => Key::ChannelStaff,
            Channel::Onboarding => Key::ChannelOnboarding,
        }
    }

    pub fn field(f: ProfileField) -> Key {
        match f {
            ProfileField::FirstName => Key::FirstName,
            ProfileField::LastName => Key::LastName,
            ProfileField::Gender => Key::Gender,
            ProfileField::Email => Key::Email,
            ProfileField::Phone => Key::Phone,
            ProfileField::Address => Key::Address,
            ProfileField::PreferredLanguage => Key::PreferredLanguage,
            ProfileField::OtherInfo => Key::OtherInfo,
            ProfileField::BankAccount => Key::FieldBankAccount,
            ProfileField::Bic => Key::Bic,
            ProfileField::CustomerSince => Key::CustomerSince,
            ProfileField::Billing => Key::Billing,
            ProfileField::BankReport => Key::BankReport,
            ProfileField::History => Key::ChangeHistory,
        }
    }

    /// The switch for a choice, worded as a permission: on always means "Klever may".
    pub fn permission(c: MarketingChoice) -> Key {
        match c {
            MarketingChoice::BanAll => Key::SwitchDirectMarketing,
            MarketingChoice::BanEmail => Key::SwitchEmail,
            MarketingChoice::BanSms => Key::SwitchSms,
            MarketingChoice::BanPhone => Key::SwitchPhone,
            MarketingChoice::BanPost => Key::SwitchPost,
            MarketingChoice::ConsentMarketResearch => Key::SwitchResearch,
            MarketingChoice::ConsentResearchDisclosure => Key::SwitchDisclosure,
            MarketingChoice::ConsentTargeting => Key::SwitchTargeting,
        }
    }

    pub fn marketing(c: MarketingChoice) -> Key {
        match c {
            MarketingChoice::BanAll => Key::BanAll,
            MarketingChoice::BanEmail => Key::BanEmail,
            MarketingChoice::BanSms => Key::BanSms,
            MarketingChoice::BanPhone => Key::BanPhone,
            MarketingChoice::BanPost => Key::BanPost,
            MarketingChoice::ConsentMarketResearch => Key::ConsentMarketResearch,
            MarketingChoice::ConsentResearchDisclosure => Key::ConsentResearchDisclosure,
            MarketingChoice::ConsentTargeting => Key::ConsentTargeting,
        }
    }

    pub fn request_status(s: RequestStatus) -> Key {
        match s {
            RequestStatus::Received => Key::RequestStatusReceived,
            RequestStatus::InProgress => Key::RequestStatusInProgress,
            RequestStatus::Extended => Key::RequestStatusExtended,
            RequestStatus::Completed => Key::RequestStatusCompleted,
            RequestStatus::Rejected => Key::RequestStatusRejected,
            RequestStatus::Cancelled => Key::RequestStatusCancelled,
        }
    }

    pub fn request_kind(k: RequestKind) -> Key {
        match k {
            RequestKind::Inspection => Key::KindInspection,
            RequestKind::Correction => Key::KindCorrection,
        }
    }

    /// The message for an error at one field: specific to the field and the kind of error,
    /// with an example of what fits, where there is one to give.
    pub fn field_error(field: &str, e: ValidationError) -> Key {
        use ValidationError as V;
        match (field, e) {
            ("email", V::Required) => Key::ErrEmailRequired,
            ("email", V::InvalidFormat | V::InvalidCharacters) => Key::ErrEmailFormat,
            ("phone", V::InvalidFormat | V::InvalidCharacters | V::TooShort | V::TooLong) => {
                Key::ErrPhoneFormat
            }
            ("address.street", V::Required) => Key::ErrStreetRequired,
            ("address.street", V::InvalidFormat | V::InvalidCharacters) => Key::ErrStreetFormat,
            ("address.postal_code", V::Required | V::InvalidFormat | V::InvalidCharacters) => {
                Key::ErrPostalCodeFormat
            }
            ("address.city", V::Required) => Key::ErrCityRequired,
            ("address.city", V::InvalidFormat | V::InvalidCharacters) => Key::ErrCityFormat,
            ("explanation", V::Required) => Key::ErrExplanationRequired,
            ("password", V::Required) => Key::ErrPasswordRequired,
            ("current_password", V::Required) => Key::ErrPasswordRequired,
            ("current_password", V::Incorrect) => Key::ErrCurrentPasswordWrong,
            ("new_password", V::Required) => Key::ErrNewPasswordRequired,
            ("new_password", V::TooShort) => Key::ErrNewPasswordShort,
            ("new_password", V::TooLong) => Key::ErrNewPasswordLong,
            ("text", V::Required) => Key::ErrAnswerRequired,
            _ => Key::validation(e),
        }
    }

    pub fn validation(e: ValidationError) -> Key {
        match e {
            ValidationError::Required => Key::ErrRequired,
            ValidationError::TooShort => Key::ErrTooShort,
            ValidationError::TooLong => Key::ErrTooLong,
            ValidationError::InvalidCharacters => Key::ErrInvalidCharacters,
            ValidationError::InvalidFormat => Key::ErrInvalidFormat,
            ValidationError::InvalidChecksum => Key::ErrInvalidChecksum,
            ValidationError::AlreadyInUse => Key::ErrAlreadyInUse,
            ValidationError::Restricted => Key::ErrRestricted,
            ValidationError::Unknown => Key::ErrUnknown,
            ValidationError::TooCommon => Key::ErrTooCommon,
            ValidationError::Incorrect => Key::ErrIncorrect,
        }
    }
}

/// A language's own name for itself, the same whichever language the page is in.
pub fn language_name(lang: Language) -> &'static str {
    match lang {
        Language::Fi => "Suomi",
        Language::Sv => "Svenska",
        Language::En => "English",
    }
}

pub fn text(lang: Language, key: Key) -> &'static str {
    let (fi, sv, en) = triple(key);
    match lang {
        Language::Fi => fi,
        Language::Sv => sv,
        Language::En => en,
    }
}

fn triple(key: Key) -> (&'static str, &'static str, &'static str) {
    use Key::*;
    match key {
        AppName => ("Kleverapp", "Kleverapp", "Kleverapp"),
        SkipToContent => (
            "Siirry sisältöön",
            "Hoppa till innehållet",
            "Skip to content",
        ),
        Language => ("Kieli", "Språk", "Language"),
        SignOut => ("Kirjaudu ulos", "Logga ut", "Sign out"),
        SignedInAs => ("Kirjautuneena", "Inloggad som", "Signed in as"),

        SignInTitle => (
            "Kirjaudu Kleverappiin",
            "Logga in på Kleverapp",
            "Sign in to Kleverapp",
        ),
        SignInIntro => (
            "Täällä näet kaikki tietosi, jotka meillä on sinusta, ja hallitset niitä.",
            "Här ser du alla uppgifter vi har om dig och sköter dem själv.",
            "See every detail we hold about you, and manage it yourself.",
        ),
        Email => ("Sähköposti", "E-post", "Email"),
        Password => ("Salasana", "Lösenord", "Password"),
        SignInButton => ("Kirjaudu", "Logga in", "Sign in"),
        SigningIn => ("Kirjaudutaan…", "Loggar in…", "Signing in…"),
        InvalidCredentials => (
            "Sähköposti tai salasana on väärin.",
            "E-postadressen eller lösenordet är fel.",
            "The email or password is wrong.",
        ),
        TooManyAttempts => (
            "Liian monta epäonnistunutta yritystä. Odota hetki ja yritä uudelleen.",
            "För många misslyckade försök. Vänta en stund och försök igen.",
            "Too many failed attempts. Wait a while and try again.",
        ),
        SessionEnded => (
            "Istuntosi on päättynyt. Kirjaudu uudelleen.",
            "Din session har gått ut. Logga in igen.",
            "Your session has ended. Please sign in again.",
        ),

        Loading => ("Ladataan…", "Laddar…", "Loading…"),
        Retry => ("Yritä uudelleen", "Försök igen", "Try again"),
        LoadFailed => (
            "Tietojen haku epäonnistui.",
            "Uppgifterna kunde inte hämtas.",
            "We could not load this.",
        ),
        NetworkError => (
            "Palvelimeen ei saatu yhteyttä. Tarkista verkkoyhteys.",
            "Ingen kontakt med servern. Kontrollera nätverket.",
            "Could not reach the server. Check your connection.",
        ),
        ServerError => (
            "Palvelussa tapahtui virhe. Yritä hetken päästä uudelleen.",
            "Ett fel uppstod i tjänsten. Försök igen om en stund.",
            "Something went wrong on our side. Try again in a moment.",
        ),
        NotGiven => ("Ei annettu", "Inte angivet", "Not given"),

        ProfileTitle => ("Omat tietoni", "Mina uppgifter", "My details"),
        ProfileIntro => (
            "Tässä on kaikki, mitä asiakasrekisterissämme on sinusta.",
            "Här är allt som finns om dig i vårt kundregister.",
            "This is everything our customer register holds about you.",
        ),
        Locked => ("Lukittu", "Låst", "Locked"),
        LockedHint => (
            "Lukittuja tietoja voi muuttaa vain korjauspyynnöllä.",
            "Låsta uppgifter kan ändras endast med en begäran om rättelse.",
            "Locked details can only be changed with a correction request.",
        ),
        PersonalDetails => ("Henkilötiedot", "Personuppgifter", "Personal details"),
        ContactDetails => ("Yhteystiedot", "Kontaktuppgifter", "Contact details"),
        BankDetails => ("Pankkitiedot", "Bankuppgifter", "Bank details"),
        MarketingChoices => (
            "Markkinointivalinnat",
            "Marknadsföringsval",
            "Marketing choices",
        ),
        BankReport => (
            "Pankkitiliraportti",
            "Bankkontorapport",
            "Bank account report",
        ),
        Billing => (
            "Laskut ja maksut",
            "Fakturor och betalningar",
            "Invoices and payments",
        ),
        ChangeHistory => ("Muutoshistoria", "Ändringshistorik", "Change history"),
        CustomerSince => ("Asiakkuus alkanut", "Kund sedan", "Customer since"),
        CustomerSinceText => (
            "Asiakkaanamme alkaen",
            "Kund hos oss sedan",
            "Our customer since",
        ),
        OtherInfo => (
            "Muut antamasi tiedot",
            "Övriga uppgifter du gett",
            "Other details you gave us",
        ),
        FirstName => ("Etunimi", "Förnamn", "First name"),
        LastName => ("Sukunimi", "Efternamn", "Last name"),
        Gender => ("Sukupuoli", "Kön", "Gender"),
        GenderFemale => ("Nainen", "Kvinna", "Female"),
        GenderMale => ("Mies", "Man", "Male"),
        GenderOther => ("Muu", "Annat", "Other"),
        GenderNotStated => ("Ei ilmoitettu", "Inte angivet", "Not stated"),
        Phone => ("Puhelin", "Telefon", "Phone"),
        Address => ("Postiosoite", "Postadress", "Postal address"),
        PreferredLanguage => ("Asiointikieli", "Kontaktspråk", "Preferred language"),
        Iban => (
            "Tilinumero (IBAN)",
            "Kontonummer (IBAN)",
            "Account number (IBAN)",
        ),
        Bic => ("BIC", "BIC", "BIC"),
        NoBankDetails => (
            "Pankkitietoja ei ole tallennettu.",
            "Inga bankuppgifter sparade.",
            "No bank details on file.",
        ),

        BanAll => (
            "Kiellän kaiken suoramarkkinoinnin",
            "Jag förbjuder all direktmarknadsföring",
            "I ban all direct marketing",
        ),
        BanEmail => (
            "Sähköpostimarkkinointi",
            "Marknadsföring per e-post",
            "Marketing by email",
        ),
        BanSms => (
            "Tekstiviestimarkkinointi",
            "Marknadsföring per sms",
            "Marketing by text message",
        ),
        BanPhone => (
            "Puhelinmarkkinointi",
            "Telefonförsäljning",
            "Marketing by phone",
        ),
        BanPost => (
            "Postimarkkinointi",
            "Marknadsföring per post",
            "Marketing by post",
        ),
        ConsentMarketResearch => (
            "Markkinatutkimukset ja kyselyt",
            "Marknadsundersökningar och enkäter",
            "Market research and surveys",
        ),
        ConsentResearchDisclosure => (
            "Tunnistamattomien tietojen luovutus tutkimukseen",
            "Utlämnande av avidentifierade uppgifter för forskning",
            "Sharing non-identifying data for research",
        ),
        ConsentTargeting => (
            "Markkinoinnin kohdentaminen",
            "Riktad marknadsföring",
            "Targeted marketing",
        ),
        LastChanged => ("Muutettu viimeksi", "Senast ändrad", "Last changed"),
        BanAllOverrides => (
            "Kaikki suoramarkkinointi on kielletty, kanavakohtaisista valinnoista riippumatta.",
            "All direktmarknadsföring är förbjuden, oavsett valen per kanal.",
            "All direct marketing is banned, whatever the per-channel choices say.",
        ),

        BankReportIntro => (
            "Tiedot, jotka saimme pankkitilisi raportista suostumuksellasi.",
            "Uppgifter vi fick ur rapporten om ditt bankkonto med ditt samtycke.",
            "What we learned from the report on your bank account, with your consent.",
        ),
        ReportDate => ("Raportin päivä", "Rapportens datum", "Report date"),
        ReportProvider => (
            "Raportin tuottaja",
            "Rapporten levererad av",
            "Report provided by",
        ),
        BankName => ("Pankki", "Bank", "Bank"),
        AccountHolder => ("Tilinomistaja", "Kontoinnehavare", "Account holder"),
        Account => ("Tili", "Konto", "Account"),
        AvgIncome => (
            "Keskimääräiset tulot kuukaudessa",
            "Genomsnittliga inkomster per månad",
            "Average monthly income",
        ),
        AvgExpenses => (
            "Keskimääräiset menot kuukaudessa",
            "Genomsnittliga utgifter per månad",
            "Average monthly expenses",
        ),
        Balance => (
            "Saldo raportin päivänä",
            "Saldo på rapportdagen",
            "Balance on the report date",
        ),
        NoBankReport => (
            "Meillä ei ole pankkitiliraporttia sinusta.",
            "Vi har ingen bankkontorapport om dig.",
            "We hold no bank account report about you.",
        ),

        InvoiceNumber => ("Lasku", "Faktura", "Invoice"),
        Payee => ("Saaja", "Mottagare", "Payee"),
        Amount => ("Summa", "Belopp", "Amount"),
        IssuedOn => ("Päivätty", "Daterad", "Issued"),
        DueDate => ("Eräpäivä", "Förfallodag", "Due date"),
        Status => ("Tila", "Status", "Status"),
        StatusOpen => ("Avoin", "Öppen", "Open"),
        StatusOverdue => ("Erääntynyt", "Förfallen", "Overdue"),
        StatusPartlyPaid => ("Osittain maksettu", "Delvis betald", "Partly paid"),
        StatusPaid => ("Maksettu", "Betald", "Paid"),
        Payments => ("Maksut", "Betalningar", "Payments"),
        NoInvoices => (
            "Sinulla ei ole laskuja.",
            "Du har inga fakturor.",
            "You have no invoices.",
        ),
        NoPayments => ("Ei maksuja", "Inga betalningar", "No payments"),

        When => ("Aika", "Tidpunkt", "When"),
        Field => ("Tieto", "Uppgift", "Detail"),
        OldValue => ("Aiempi arvo", "Tidigare värde", "Before"),
        NewValue => ("Uusi arvo", "Nytt värde", "After"),
        ChangedBy => ("Muutoksen teki", "Ändrad av", "Changed by"),
        ChannelSelfService => ("Sinä itse", "Du själv", "You"),
        ChannelStaff => ("Asiakaspalvelu", "Kundtjänst", "Customer service"),
        ChannelOnboarding => (
            "Asiakkuuden alussa",
            "Vid kundstart",
            "When you became a customer",
        ),
        NoHistory => (
            "Tietojasi ei ole muutettu.",
            "Dina uppgifter har inte ändrats.",
            "Your details have not been changed.",
        ),
        FieldBankAccount => ("Pankkitili", "Bankkonto", "Bank account"),

        NotFoundTitle => ("Sivua ei löytynyt", "Sidan hittades inte", "Page not found"),
        NotFoundText => (
            "Etsimääsi sivua ei ole. Tarkista osoite.",
            "Sidan du letar efter finns inte. Kontrollera adressen.",
            "The page you are looking for does not exist. Check the address.",
        ),
        BackHome => (
            "Takaisin omiin tietoihin",
            "Tillbaka till mina uppgifter",
            "Back to my details",
        ),

        ErrRequired => (
            "Täytä tämä kenttä.",
            "Fyll i det här fältet.",
            "Fill in this field.",
        ),
        ErrTooShort => (
            "Arvo on liian lyhyt.",
            "Värdet är för kort.",
            "This is too short.",
        ),
        ErrTooLong => (
            "Arvo on liian pitkä.",
            "Värdet är för långt.",
            "This is too long.",
        ),
        ErrInvalidCharacters => (
            "Kentässä on merkkejä, joita siinä ei voi olla.",
            "Fältet innehåller tecken som inte är tillåtna.",
            "This contains characters that are not allowed here.",
        ),
        ErrInvalidFormat => (
            "Tarkista muoto.",
            "Kontrollera formatet.",
            "Check the format.",
        ),
        ErrInvalidChecksum => (
            "Tarkistusnumero ei täsmää. Tarkista numero.",
            "Kontrollsiffran stämmer inte. Kontrollera numret.",
            "The check digits do not match. Check the number.",
        ),
        ErrAlreadyInUse => (
            "Tämä osoite on jo toisen asiakkaan käytössä.",
            "Adressen används redan av en annan kund.",
            "Another customer already uses this address.",
        ),
        ErrRestricted => (
            "Tätä tietoa voi muuttaa vain korjauspyynnöllä.",
            "Uppgiften kan ändras endast med en begäran om rättelse.",
            "This can only be changed with a correction request.",
        ),
        ErrUnknown => ("Tuntematon tieto.", "Okänd uppgift.", "Unknown detail."),

        EditDetails => ("Muokkaa", "Ändra", "Edit"),
        EditTitle => ("Muokkaa yhteystietojasi", "Ändra dina kontaktuppgifter", "Edit your contact details"),
        EditIntro => (
            "Voit muuttaa näitä tietoja itse. Nimeä, pankkitietoja ja muita lukittuja tietoja muutetaan korjauspyynnöllä.",
            "Dessa uppgifter kan du ändra själv. Namn, bankuppgifter och andra låsta uppgifter ändras med en begäran om rättelse.",
            "You can change these yourself. Your name, bank details and other locked details change through a correction request.",
        ),
        Street => ("Katuosoite", "Gatuadress", "Street address"),
        PostalCode => ("Postinumero", "Postnummer", "Postal code"),
        City => ("Postitoimipaikka", "Postort", "Town or city"),
        Country => ("Maa", "Land", "Country"),
        PhoneHint => (
            "Esimerkiksi 040 123 4567 tai +46 70 123 4567. Tyhjä kenttä poistaa numeron.",
            "Till exempel 040 123 4567 eller +46 70 123 4567. Ett tomt fält tar bort numret.",
            "For example 040 123 4567 or +46 70 123 4567. Leave it empty to remove the number.",
        ),
        OtherInfoHint => (
            "Esimerkiksi toiveita yhteydenpidosta. Enintään 2000 merkkiä.",
            "Till exempel önskemål om hur vi kontaktar dig. Högst 2000 tecken.",
            "For example how you would like us to contact you. Up to 2000 characters.",
        ),
        SensitiveHint => (
            "Sähköpostiosoitteen tai puhelinnumeron vaihtaminen vaatii salasanasi, ja ilmoitamme muutoksesta vanhaan osoitteeseen.",
            "Att byta e-postadress eller telefonnummer kräver ditt lösenord, och vi meddelar ändringen till den gamla adressen.",
            "Changing your email or phone needs your password, and we tell the old address about the change.",
        ),
        Save => ("Tallenna", "Spara", "Save"),
        Saving => ("Tallennetaan…", "Sparar…", "Saving…"),
        Cancel => ("Peruuta", "Avbryt", "Cancel"),
        Saved => ("Muutokset on tallennettu.", "Ändringarna har sparats.", "Your changes are saved."),
        NothingChanged => ("Et muuttanut mitään.", "Du ändrade ingenting.", "You have not changed anything."),
        FixErrors => (
            "Tietoja ei tallennettu. Korjaa merkityt kentät.",
            "Uppgifterna sparades inte. Rätta de markerade fälten.",
            "Nothing was saved. Correct the marked fields.",
        ),
        ReauthTitle => ("Vahvista salasanallasi", "Bekräfta med ditt lösenord", "Confirm with your password"),
        ReauthText => (
            "Turvallisuussyistä sähköpostin tai puhelinnumeron vaihto vahvistetaan salasanalla. Muutoksesi tallentuu, kun vahvistat.",
            "Av säkerhetsskäl bekräftas byte av e-post eller telefonnummer med lösenordet. Ändringen sparas när du bekräftar.",
            "For your security, a new email or phone is confirmed with your password. Your change is saved once you confirm.",
        ),
        Confirm => ("Vahvista ja tallenna", "Bekräfta och spara", "Confirm and save"),
        WrongPassword => ("Salasana on väärin.", "Lösenordet är fel.", "The password is wrong."),
        ConflictTitle => ("Tietojasi muutettiin välillä", "Dina uppgifter ändrades under tiden", "Your details changed meanwhile"),
        ConflictText => (
            "Tietojasi muutettiin toisaalla sillä välin, kun muokkasit niitä, joten mitään ei tallennettu. Vertaa alla ja valitse.",
            "Dina uppgifter ändrades på annat håll medan du redigerade dem, så ingenting sparades. Jämför nedan och välj.",
            "Your details were changed elsewhere while you were editing, so nothing was saved. Compare below and choose.",
        ),
        SavedNow => ("Tallennettu nyt", "Sparat nu", "Saved now"),
        YourChange => ("Sinun muutoksesi", "Din ändring", "Your change"),
        KeepMine => ("Tallenna minun muutokseni", "Spara mina ändringar", "Save my changes"),
        TakeSaved => ("Hylkää muutokseni", "Släng mina ändringar", "Discard my changes"),

        ManageMarketing => ("Muuta valintoja", "Ändra valen", "Change choices"),
        MarketingIntro => (
            "Päätät itse, markkinoimmeko sinulle ja miten. Jokainen valinta tallentuu heti, ja voit perua sen yhtä helposti.",
            "Du bestämmer själv om och hur vi marknadsför till dig. Varje val sparas direkt och kan ångras lika lätt.",
            "You decide whether and how we market to you. Each choice is saved at once and can be undone just as easily.",
        ),
        BanAllHint => (
            "Pois päältä Klever ei markkinoi sinulle missään kanavassa. Kanavakohtaiset valintasi säilyvät ja palaavat voimaan, kun sallit markkinoinnin taas.",
            "Avstängd marknadsför Klever inte till dig i någon kanal. Dina val per kanal sparas och gäller igen när du tillåter marknadsföring.",
            "Off, Klever sends you no marketing in any channel. Your choices per channel are kept and apply again when you allow marketing.",
        ),
        OverriddenByBanAll => (
            "Ei käytössä, koska kaikki suoramarkkinointi on kielletty. Valintasi palaa, kun sallit sen taas.",
            "Avstängd, eftersom all direktmarknadsföring är förbjuden. Ditt val gäller igen när du tillåter den.",
            "Off, because all direct marketing is off. Your choice returns when you allow it again.",
        ),
        ChoiceSaved => ("Valintasi on tallennettu.", "Ditt val har sparats.", "Your choice is saved."),
        ChoiceNotSaved => (
            "Valintaa ei voitu tallentaa, joten aiempi valintasi on yhä voimassa. Yritä uudelleen.",
            "Valet kunde inte sparas, så ditt tidigare val gäller fortfarande. Försök igen.",
            "Your choice could not be saved, so your earlier choice still applies. Please try again.",
        ),
        NeverChanged => ("Ei muutettu", "Inte ändrad", "Never changed"),
        ConsentLog => ("Valintojen historia", "Historik över valen", "History of your choices"),
        ConsentLogIntro => (
            "Jokainen kielto ja suostumus muutoksineen, uusin ensin. Historiaa ei voi muuttaa jälkikäteen.",
            "Varje förbud och samtycke med ändringar, det senaste först. Historiken kan inte ändras i efterhand.",
            "Every ban and consent and each change to it, newest first. The history cannot be altered afterwards.",
        ),
        Choice => ("Valinta", "Val", "Choice"),
        LogBanned => ("Kielletty", "Förbjöds", "Banned"),
        LogBanLifted => ("Kielto poistettu", "Förbudet hävdes", "Ban lifted"),
        LogConsentGiven => ("Suostumus annettu", "Samtycke gavs", "Consent given"),
        LogConsentWithdrawn => ("Suostumus peruttu", "Samtycket återkallades", "Consent withdrawn"),
        NoConsentLog => ("Et ole vielä tehnyt valintoja.", "Du har inte gjort några val ännu.", "You have made no choices yet."),

        NavProfile => ("Omat tiedot", "Mina uppgifter", "My details"),
        NavRequests => ("Pyynnöt", "Begäranden", "Requests"),
        MainNav => ("Päävalikko", "Huvudmeny", "Main menu"),
        NavMarketing => ("Markkinointi", "Marknadsföring", "Marketing"),
        ErrorPrefix => ("Virhe", "Fel", "Error"),
        NotYours => (
            "Tämä näkymä ei kuulu tehtäviisi.",
            "Den här vyn hör inte till dina uppgifter.",
            "This view is not part of your role.",
        ),
        DevicesTitle => ("Kirjautuneet laitteet", "Inloggade enheter", "Signed-in devices"),
        DevicesIntro => (
            "Näissä selaimissa olet nyt kirjautuneena palveluun. Jos et tunnista jotakin niistä, lopeta se ja ota yhteys asiakaspalveluumme.",
            "I de här webbläsarna är du inloggad i tjänsten just nu. Om du inte känner igen någon av dem, avsluta den och kontakta vår kundtjänst.",
            "You are signed in to the service in these browsers right now. If you do not recognise one, end it and contact our customer service.",
        ),
        ThisDevice => ("Tämä laite", "Den här enheten", "This device"),
        UnknownBrowser => ("Tuntematon selain", "Okänd webbläsare", "Unknown browser"),
        SignedInAt => ("Kirjautui", "Loggade in", "Signed in"),
        LastUsed => ("Käytetty viimeksi", "Senast använd", "Last used"),
        EndSession => ("Kirjaa ulos", "Logga ut", "Sign out"),
        EndOtherSessions => (
            "Kirjaa ulos kaikilta muilta laitteilta",
            "Logga ut från alla andra enheter",
            "Sign out on all other devices",
        ),
        OnlyThisDevice => (
            "Olet kirjautuneena vain tällä laitteella.",
            "Du är inloggad bara på den här enheten.",
            "You are signed in on this device only.",
        ),
        SessionEndedThere => (
            "Kirjauduit ulos siltä laitteelta.",
            "Du loggades ut på den enheten.",
            "You were signed out on that device.",
        ),
        OtherSessionsEnded => (
            "Kirjauduit ulos kaikilta muilta laitteilta.",
            "Du loggades ut på alla andra enheter.",
            "You were signed out on all other devices.",
        ),
        MyDataTitle => ("Kaikki tietosi", "Alla dina uppgifter", "All your data"),
        MyDataIntro => (
            "Sama tieto kuin ladattavassa tiedostossa, luettavana ja tulostettavana.",
            "Samma uppgifter som i filen du kan ladda ner, att läsa och skriva ut.",
            "The same data as the file you can download, to read and to print.",
        ),
        Print => ("Tulosta", "Skriv ut", "Print"),
        ShowReadable => ("Näytä tietoni sivuna", "Visa mina uppgifter som sida", "Show my data as a page"),
        GeneratedAt => ("Koottu", "Sammanställd", "Gathered"),
        MyDataRights => (
            "Miksi käsittelemme tietojasi, mistä ne tulevat, kenelle niitä luovutetaan ja kuinka kauan niitä säilytetään, kerrotaan tietosuojaselosteessa.",
            "Varför vi behandlar dina uppgifter, varifrån de kommer, till vem de lämnas ut och hur länge de sparas står i dataskyddsbeskrivningen.",
            "Why we handle your data, where it comes from, who receives it and how long it is kept are in the privacy notice.",
        ),
        ConfirmInspectionTitle => (
            "Lähetetäänkö tarkastuspyyntö?",
            "Ska begäran om insyn skickas?",
            "Send the inspection request?",
        ),
        ConfirmInspectionText => (
            "Asiakaspalvelumme kokoaa kaikki sinusta olevat tiedot ja vastaa kuukauden kuluessa. Pyyntö on maksuton.",
            "Vår kundtjänst sammanställer alla uppgifter om dig och svarar inom en månad. Begäran är avgiftsfri.",
            "Our customer service gathers everything we hold about you and answers within a month. It is free of charge.",
        ),
        YesSend => ("Kyllä, lähetä", "Ja, skicka", "Yes, send it"),
        ConfirmCancelTitle => (
            "Perutaanko tämä pyyntö?",
            "Ska den här begäran återkallas?",
            "Cancel this request?",
        ),
        YesCancel => ("Kyllä, peru pyyntö", "Ja, återkalla", "Yes, cancel it"),
        NoKeep => ("Ei, pidä pyyntö", "Nej, behåll den", "No, keep it"),
        CheckAnswersTitle => ("Tarkista pyyntösi", "Kontrollera din begäran", "Check your request"),
        CheckAnswersText => (
            "Näin pyyntösi menee asiakaspalveluumme. Lähetä se, tai palaa muuttamaan.",
            "Så här går begäran till vår kundtjänst. Skicka den, eller gå tillbaka och ändra.",
            "This is how your request will reach customer service. Send it, or go back to change it.",
        ),
        ChangeAnswers => ("Muuta", "Ändra", "Change"),
        RequestReceivedTitle => ("Pyyntösi on vastaanotettu", "Din begäran har tagits emot", "Your request has been received"),
        ReferenceNumber => ("Viitenumero", "Referensnummer", "Reference number"),
        WhatNext => ("Mitä seuraavaksi tapahtuu", "Vad händer sedan", "What happens next"),
        WhatNextText => (
            "Asiakaspalvelumme käsittelee pyyntösi. Näet sen tilan ja vastauksen tältä sivulta, ja voit perua pyynnön niin kauan kuin se on avoinna.",
            "Vår kundtjänst behandlar din begäran. Du ser dess status och svaret på den här sidan och kan återkalla den så länge den är öppen.",
            "Our customer service handles your request. You can follow it and read the answer on this page, and cancel it while it is open.",
        ),
        AnswerBy => ("Vastaamme viimeistään", "Vi svarar senast", "We will answer by"),
        ErrEmailRequired => (
            "Kirjoita sähköpostiosoitteesi.",
            "Skriv din e-postadress.",
            "Enter your email address.",
        ),
        ErrEmailFormat => (
            "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.",
            "Skriv e-postadressen i formen namn@exempel.fi.",
            "Enter an email address in the correct format, like name@example.fi.",
        ),
        ErrPhoneFormat => (
            "Kirjoita puhelinnumero muodossa 040 123 4567 tai +358 40 123 4567.",
            "Skriv telefonnumret i formen 040 123 4567 eller +358 40 123 4567.",
            "Enter a phone number like 040 123 4567 or +358 40 123 4567.",
        ),
        ErrStreetRequired => (
            "Kirjoita katuosoite, esimerkiksi Pitkäkatu 34 B 5.",
            "Skriv gatuadressen, till exempel Långgatan 34 B 5.",
            "Enter the street address, like Pitkäkatu 34 B 5.",
        ),
        ErrStreetFormat => (
            "Kirjoita katuosoite kirjaimin ja numeroin, esimerkiksi Pitkäkatu 34 B 5.",
            "Skriv gatuadressen med bokstäver och siffror, till exempel Långgatan 34 B 5.",
            "Enter the street address in letters and numbers, like Pitkäkatu 34 B 5.",
        ),
        ErrPostalCodeFormat => (
            "Kirjoita maan muotoinen postinumero, Suomessa viisi numeroa, esimerkiksi 65100.",
            "Skriv postnumret i landets form, i Finland fem siffror, till exempel 65100.",
            "Enter the postcode in the country's format; in Finland five digits, like 65100.",
        ),
        ErrCityRequired => (
            "Kirjoita postitoimipaikka, esimerkiksi Vaasa.",
            "Skriv postanstalten, till exempel Vasa.",
            "Enter the town or city, like Vaasa.",
        ),
        ErrCityFormat => (
            "Kirjoita postitoimipaikka kirjaimin, esimerkiksi Vaasa.",
            "Skriv postanstalten med bokstäver, till exempel Vasa.",
            "Enter the town or city in letters, like Vaasa.",
        ),
        ErrExplanationRequired => (
            "Kerro lyhyesti, miksi tieto on väärin.",
            "Berätta kort varför uppgiften är fel.",
            "Tell us briefly why the detail is wrong.",
        ),
        ErrPasswordRequired => ("Kirjoita salasanasi.", "Skriv ditt lösenord.", "Enter your password."),
        ErrTooCommon => (
            "Tämä salasana on niin yleinen, että se arvataan helposti. Valitse toinen.",
            "Det här lösenordet är så vanligt att det lätt gissas. Välj ett annat.",
            "This password is so common that it is easily guessed. Choose another.",
        ),
        ErrIncorrect => ("Tieto ei täsmää.", "Uppgiften stämmer inte.", "This is not correct."),
        ErrCurrentPasswordWrong => (
            "Tämä ei ole nykyinen salasanasi.",
            "Det här är inte ditt nuvarande lösenord.",
            "This is not your current password.",
        ),
        ErrNewPasswordRequired => ("Kirjoita uusi salasana.", "Skriv ett nytt lösenord.", "Enter a new password."),
        ErrNewPasswordShort => (
            "Salasanassa on oltava vähintään 12 merkkiä.",
            "Lösenordet måste ha minst 12 tecken.",
            "The password must have at least 12 characters.",
        ),
        ErrNewPasswordLong => (
            "Salasanassa voi olla enintään 128 merkkiä.",
            "Lösenordet får ha högst 128 tecken.",
            "The password can have at most 128 characters.",
        ),
        ErrPasswordsDiffer => (
            "Salasanat eivät täsmää. Kirjoita sama salasana molempiin kenttiin.",
            "Lösenorden stämmer inte överens. Skriv samma lösenord i båda fälten.",
            "The passwords do not match. Type the same password in both fields.",
        ),
        PasswordTitle => ("Vaihda salasana", "Byt lösenord", "Change password"),
        PasswordIntro => (
            "Kun vaihdat salasanan, sinut kirjataan ulos kaikilta muilta laitteilta. Lähetämme vaihdosta ilmoituksen sähköpostiisi.",
            "När du byter lösenord loggas du ut på alla andra enheter. Vi skickar ett meddelande om bytet till din e-post.",
            "When you change your password, you are signed out on all other devices. We send a notice of the change to your email.",
        ),
        PasswordRules => (
            "Vähintään 12 merkkiä. Kaikki merkit käyvät, myös välilyönnit: pitkä lause on hyvä salasana.",
            "Minst 12 tecken. Alla tecken går bra, även mellanslag: en lång mening är ett bra lösenord.",
            "At least 12 characters. Any characters will do, spaces too: a long sentence makes a good password.",
        ),
        CurrentPassword => ("Nykyinen salasana", "Nuvarande lösenord", "Current password"),
        NewPassword => ("Uusi salasana", "Nytt lösenord", "New password"),
        RepeatPassword => ("Uusi salasana uudelleen", "Nytt lösenord igen", "New password again"),
        PasswordStrength => ("Salasanan vahvuus", "Lösenordets styrka", "Password strength"),
        StrengthVeryWeak => ("Hyvin heikko", "Mycket svagt", "Very weak"),
        StrengthWeak => ("Heikko", "Svagt", "Weak"),
        StrengthFair => ("Kohtalainen", "Godtagbart", "Fair"),
        StrengthGood => ("Hyvä", "Bra", "Good"),
        StrengthStrong => ("Vahva", "Starkt", "Strong"),
        ChangePassword => ("Vaihda salasana", "Byt lösenord", "Change password"),
        ForgotTitle => ("Unohditko salasanasi?", "Har du glömt lösenordet?", "Forgot your password?"),
        ForgotIntro => (
            "Kirjoita sähköpostiosoite, jolla olet Kleverin asiakas. Lähetämme siihen linkin, jolla voit valita uuden salasanan. Linkki toimii 30 minuuttia.",
            "Skriv den e-postadress du har som Klevers kund. Vi skickar en länk dit där du kan välja ett nytt lösenord. Länken fungerar i 30 minuter.",
            "Enter the email address you have as a Klever customer. We send it a link with which you can choose a new password. The link works for 30 minutes.",
        ),
        SendLink => ("Lähetä linkki", "Skicka länken", "Send the link"),
        CheckYourEmail => ("Katso sähköpostisi", "Titta i din e-post", "Check your email"),
        ResetLinkSentTo => (
            "Jos osoite on asiakkaamme, lähetimme linkin osoitteeseen",
            "Om adressen är en kunds har vi skickat länken till",
            "If the address is a customer's, we sent the link to",
        ),
        ResetLinkHelp => (
            "Linkki toimii 30 minuuttia ja kerran. Jos viestiä ei näy muutamassa minuutissa, katso roskapostikansio tai tarkista osoite.",
            "Länken fungerar i 30 minuter och en gång. Om meddelandet inte syns inom några minuter, titta i skräpposten eller kontrollera adressen.",
            "The link works for 30 minutes, and once. If the message does not arrive within a few minutes, look in your spam folder or check the address.",
        ),
        BackToSignIn => ("Takaisin kirjautumiseen", "Tillbaka till inloggningen", "Back to sign-in"),
        ResetTitle => ("Valitse uusi salasana", "Välj ett nytt lösenord", "Choose a new password"),
        ResetIntro => (
            "Kun uusi salasana on tallennettu, sinut kirjataan ulos kaikilta laitteilta ja kirjaudut sisään tällä.",
            "När det nya lösenordet har sparats loggas du ut på alla enheter och loggas in på den här.",
            "Once the new password is saved, you are signed out on every device and signed in on this one.",
        ),
        ResetButton => ("Tallenna salasana", "Spara lösenordet", "Save the password"),
        ActivateTitle => ("Ota Kleverapp käyttöön", "Ta Kleverapp i bruk", "Start using Kleverapp"),
        ActivateIntro => (
            "Valitse salasana, jolla kirjaudut jatkossa. Sen jälkeen näet tietosi ja voit hoitaa asiasi.",
            "Välj det lösenord du loggar in med i fortsättningen. Sedan ser du dina uppgifter och kan sköta dina ärenden.",
            "Choose the password you will sign in with. Then you see your details and can see to your matters.",
        ),
        ActivateButton => ("Ota käyttöön", "Ta i bruk", "Start using the app"),
        LinkGone => ("Linkki ei enää toimi.", "Länken fungerar inte längre.", "This link no longer works."),
        LinkGoneHelp => (
            "Se on vanhentunut tai sitä on jo käytetty. Pyydä uusi linkki; se lähetetään sähköpostiisi.",
            "Den har gått ut eller redan använts. Be om en ny länk; den skickas till din e-post.",
            "It has expired or has been used already. Ask for a new link; it is sent to your email.",
        ),
        AskNewLink => ("Pyydä uusi linkki", "Be om en ny länk", "Ask for a new link"),
        FindCustomer => ("Hae asiakas", "Sök kund", "Find a customer"),
        StaffCustomersTitle => ("Asiakkaat", "Kunder", "Customers"),
        StaffCustomersIntro => (
            "Hae asiakasta nimen, sähköpostiosoitteen tai puhelinnumeron osalla. Jokainen haku ja avattu asiakas kirjataan lokiin.",
            "Sök en kund med en del av namnet, e-postadressen eller telefonnumret. Varje sökning och öppnad kund loggas.",
            "Find a customer by part of the name, email address or phone number. Every search and every customer opened is logged.",
        ),
        SearchLabel => ("Nimi, sähköposti tai puhelin", "Namn, e-post eller telefon", "Name, email or phone"),
        SearchButton => ("Hae", "Sök", "Search"),
        NoCustomersFound => (
            "Hakuasi vastaavia asiakkaita ei löytynyt.",
            "Inga kunder motsvarade sökningen.",
            "No customers match the search.",
        ),
        BackToCustomers => ("Takaisin hakuun", "Tillbaka till sökningen", "Back to the search"),
        AccountTitle => ("Käyttäjätili", "Användarkonto", "Account"),
        AccountActive => ("Käytössä", "I bruk", "In use"),
        AccountNeverActivated => ("Ei vielä käytössä", "Inte ännu i bruk", "Never activated"),
        ActivatedAt => ("Otettu käyttöön", "Togs i bruk", "Activated"),
        ActivationLinkSent => ("Aktivointilinkki lähetetty", "Aktiveringslänk skickad", "Activation link sent"),
        LinkValidUntil => ("Linkki voimassa", "Länken giltig till", "Link valid until"),
        SendActivationLink => ("Lähetä aktivointilinkki", "Skicka aktiveringslänk", "Send an activation link"),
        ActivationLinkSentNotice => (
            "Aktivointilinkki lähetettiin asiakkaan sähköpostiin.",
            "Aktiveringslänken skickades till kundens e-post.",
            "The activation link was sent to the customer's email.",
        ),
        PasswordChanged => (
            "Salasanasi vaihdettiin. Sinut kirjattiin ulos muilta laitteilta.",
            "Ditt lösenord har bytts. Du har loggats ut på andra enheter.",
            "Your password was changed. You were signed out on your other devices.",
        ),
        ErrAnswerRequired => (
            "Kirjoita vastaus tai syy asiakkaalle.",
            "Skriv svaret eller skälet till kunden.",
            "Enter the answer or the reason for the customer.",
        ),
        ThereIsAProblem => ("Tarkista nämä kohdat", "Kontrollera de här punkterna", "There is a problem"),
        Offline => (
            "Olet offline-tilassa. Tietojasi ei voi näyttää ennen kuin yhteys palaa.",
            "Du är offline. Dina uppgifter kan inte visas förrän anslutningen är tillbaka.",
            "You are offline. Your details cannot be shown until the connection is back.",
        ),
        SwitchDirectMarketing => (
            "Klever saa lähettää minulle suoramarkkinointia",
            "Klever får skicka direktmarknadsföring till mig",
            "Klever may send me direct marketing",
        ),
        SwitchEmail => ("Sähköpostitse", "Per e-post", "By email"),
        SwitchSms => ("Tekstiviestillä", "Per sms", "By text message"),
        SwitchPhone => ("Puhelimitse", "Per telefon", "By phone"),
        SwitchPost => ("Postitse", "Per post", "By post"),
        SwitchResearch => (
            "Kutsua minut markkinatutkimuksiin ja kyselyihin",
            "Bjuda in mig till marknadsundersökningar och enkäter",
            "Invite me to market research and surveys",
        ),
        SwitchDisclosure => (
            "Antaa tietojani tunnistamattomina tutkimuskäyttöön",
            "Lämna ut mina uppgifter i avidentifierad form för forskning",
            "Share my details for research without identifying me",
        ),
        SwitchTargeting => (
            "Kohdentaa minulle markkinointia tietojeni perusteella",
            "Rikta marknadsföring till mig utifrån mina uppgifter",
            "Target marketing to me based on my details",
        ),
        MayMarketBy => (
            "Klever saa markkinoida minulle",
            "Klever får marknadsföra till mig",
            "Klever may market to me",
        ),
        MayUseData => (
            "Klever saa käyttää tietojani ja",
            "Klever får använda mina uppgifter och",
            "Klever may use my details and",
        ),
        StateYes => ("Kyllä", "Ja", "Yes"),
        StateNo => ("Ei", "Nej", "No"),
        SavedShort => ("Tallennettu", "Sparat", "Saved"),
        TabNav => ("Sovelluksen osiot", "Appens delar", "App sections"),
        FooterNav => ("Tietoa palvelusta", "Om tjänsten", "About the service"),
        BusinessId => ("Y-tunnus", "FO-nummer", "Business ID"),
        CustomerServiceHours => (
            "Asiakaspalvelu arkisin klo 9–15:",
            "Kundtjänst vardagar kl. 9–15:",
            "Customer service on weekdays 9 am–3 pm:",
        ),
        PrivacyTitle => ("Tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
        PrivacyIntro => (
            "Näin käsittelemme tietojasi ja näin käytät oikeuksiasi.",
            "Så här behandlar vi dina uppgifter och så här använder du dina rättigheter.",
            "How we handle your details, and how you use your rights.",
        ),
        AccessibilityTitle => ("Saavutettavuusseloste", "Tillgänglighetsutlåtande", "Accessibility statement"),
        AccessibilityIntro => (
            "Kuinka hyvin Kleverapp toimii kaikille, ja miten kerrot meille ongelmista.",
            "Hur väl Kleverapp fungerar för alla, och hur du berättar om problem.",
            "How well Kleverapp works for everyone, and how to tell us about problems.",
        ),
        RequestsTitle => ("Tarkastus- ja korjauspyynnöt", "Begäran om insyn och rättelse", "Inspection and correction requests"),
        RequestsIntro => (
            "Voit tarkastaa kaikki tietosi ja pyytää virheellisten tietojen korjaamista. Vastaamme kuukauden kuluessa maksutta.",
            "Du kan granska alla dina uppgifter och begära att felaktiga uppgifter rättas. Vi svarar inom en månad, avgiftsfritt.",
            "You can inspect all your data and ask us to correct anything wrong. We answer within a month, free of charge.",
        ),
        InspectionTitle => ("Tarkasta tietosi", "Granska dina uppgifter", "Inspect your data"),
        InspectionText => (
            "Saat kopion kaikesta, mitä meillä on sinusta, heti koneluettavana tiedostona. Virallisen tarkastuspyynnön käsittelee asiakaspalvelumme.",
            "Du får genast en kopia av allt vi har om dig som maskinläsbar fil. En formell begäran om insyn behandlas av vår kundtjänst.",
            "Get a copy of everything we hold about you right now, as a machine-readable file. A formal inspection request is handled by our customer service.",
        ),
        DownloadData => ("Lataa tietoni (JSON)", "Ladda ner mina uppgifter (JSON)", "Download my data (JSON)"),
        SendInspection => ("Lähetä tarkastuspyyntö", "Skicka begäran om insyn", "Send an inspection request"),
        InspectionSent => (
            "Tarkastuspyyntösi on vastaanotettu. Näet sen tilan alta.",
            "Din begäran om insyn har tagits emot. Du ser dess status nedan.",
            "Your inspection request has been received. You can follow it below.",
        ),
        CorrectionTitle => ("Pyydä korjausta", "Begär rättelse", "Ask for a correction"),
        CorrectionText => (
            "Lukittuja tietoja, kuten nimeä ja pankkitietoja, korjataan pyynnöstä. Kerro, mikä tieto on väärin ja mikä oikea on.",
            "Låsta uppgifter, som namn och bankuppgifter, rättas på begäran. Berätta vilken uppgift som är fel och vad som är rätt.",
            "Locked details such as your name and bank details are corrected on request. Tell us what is wrong and what is right.",
        ),
        NewCorrection => ("Uusi korjauspyyntö", "Ny begäran om rättelse", "New correction request"),
        RequestCorrection => ("Pyydä korjausta", "Begär rättelse", "Request a correction"),
        MyRequests => ("Omat pyyntöni", "Mina begäranden", "My requests"),
        NoRequests => ("Et ole tehnyt pyyntöjä.", "Du har inte gjort några begäranden.", "You have made no requests."),
        KindInspection => ("Tarkastuspyyntö", "Begäran om insyn", "Inspection request"),
        KindCorrection => ("Korjauspyyntö", "Begäran om rättelse", "Correction request"),
        Received => ("Vastaanotettu", "Mottagen", "Received"),
        Deadline => ("Vastaamme viimeistään", "Vi svarar senast", "We answer by"),
        ExtensionReason => ("Syy lisäaikaan", "Skäl till förlängningen", "Why we need more time"),
        Answer => ("Vastauksemme", "Vårt svar", "Our answer"),
        CancelRequest => ("Peru pyyntö", "Återkalla begäran", "Cancel request"),
        RequestStatusReceived => ("Vastaanotettu", "Mottagen", "Received"),
        RequestStatusInProgress => ("Käsittelyssä", "Under behandling", "In progress"),
        RequestStatusExtended => ("Käsittelyaikaa jatkettu", "Tiden förlängd", "Time extended"),
        RequestStatusCompleted => ("Valmis", "Klar", "Completed"),
        RequestStatusRejected => ("Hylätty", "Avslagen", "Rejected"),
        RequestStatusCancelled => ("Peruttu", "Återkallad", "Cancelled"),
        CorrectionFormTitle => ("Pyydä tietojen korjausta", "Begär rättelse av uppgifter", "Ask us to correct your data"),
        CorrectionFormIntro => (
            "Asiakaspalvelumme tarkistaa pyynnön ja korjaa tiedon. Saat vastauksen tänne.",
            "Vår kundtjänst granskar begäran och rättar uppgiften. Du får svaret här.",
            "Our customer service checks the request and corrects the detail. You get the answer here.",
        ),
        FieldToCorrect => ("Korjattava tieto", "Uppgift som ska rättas", "Detail to correct"),
        CurrentValue => ("Nyt rekisterissä", "Nu i registret", "In the register now"),
        ProposedValue => ("Oikea tieto", "Rätt uppgift", "The correct value"),
        Explanation => ("Perustelu", "Motivering", "Explanation"),
        ExplanationHint => (
            "Kerro lyhyesti, miksi tieto on väärin. Enintään 2000 merkkiä.",
            "Berätta kort varför uppgiften är fel. Högst 2000 tecken.",
            "Tell us briefly why the detail is wrong. Up to 2000 characters.",
        ),
        SendRequest => ("Lähetä pyyntö", "Skicka begäran", "Send request"),
        Sending => ("Lähetetään…", "Skickar…", "Sending…"),
        RequestSent => ("Pyyntösi on vastaanotettu.", "Din begäran har tagits emot.", "Your request has been received."),
        CannotChangeNow => (
            "Pyynnön tila on jo muuttunut. Päivitä sivu.",
            "Begärans status har redan ändrats. Ladda om sidan.",
            "The request has already moved on. Reload the page.",
        ),

        StaffSignInTitle => ("Henkilökunnan kirjautuminen", "Inloggning för personal", "Staff sign-in"),
        StaffQueueTitle => ("Avoimet pyynnöt", "Öppna begäranden", "Open requests"),
        StaffQueueIntro => (
            "Lähin määräaika ensin. Myöhässä olevat on merkitty.",
            "Närmaste tidsfrist först. Försenade är markerade.",
            "Earliest deadline first. Overdue ones are marked.",
        ),
        QueueEmpty => ("Ei avoimia pyyntöjä.", "Inga öppna begäranden.", "No open requests."),
        Customer => ("Asiakas", "Kund", "Customer"),
        Overdue => ("Myöhässä", "Försenad", "Overdue"),
        Open => ("Avaa", "Öppna", "Open"),
        RequestDetailTitle => ("Pyynnön käsittely", "Behandling av begäran", "Handling a request"),
        CustomerData => ("Asiakkaan tiedot", "Kundens uppgifter", "The customer's data"),
        Trail => ("Tapahtumat", "Händelser", "Trail"),
        ByCustomer => ("Asiakas", "Kunden", "The customer"),
        Start => ("Aloita käsittely", "Börja behandla", "Start handling"),
        Extend => ("Jatka määräaikaa", "Förläng tidsfristen", "Extend the deadline"),
        ExtendBy => ("Jatka", "Förläng med", "Extend by"),
        OneMonth => ("1 kuukausi", "1 månad", "1 month"),
        TwoMonths => ("2 kuukautta", "2 månader", "2 months"),
        Complete => ("Valmis: lähetä vastaus", "Klar: skicka svaret", "Complete: send the answer"),
        Reject => ("Hylkää", "Avslå", "Reject"),
        AnswerOrReason => (
            "Vastaus asiakkaalle / Syy",
            "Svar till kunden / Skäl",
            "Answer to the customer / Reason",
        ),
        ApproveApplies => (
            "Kun merkitset valmiiksi, uusi arvo tallentuu asiakkaan tietoihin ja muutoshistoriaan.",
            "När du markerar klar sparas det nya värdet i kundens uppgifter och ändringshistorik.",
            "Completing writes the new value to the customer's data and change history.",
        ),
        ApproveByHand => (
            "Tätä tietoa ei korjata automaattisesti: korjaa se käsin ennen kuin merkitset valmiiksi.",
            "Den här uppgiften rättas inte automatiskt: rätta den för hand innan du markerar klar.",
            "This detail is not corrected automatically: correct it by hand before completing.",
        ),
        BackToQueue => ("Takaisin jonoon", "Tillbaka till kön", "Back to the queue"),
        StaffOnly => (
            "Tämä osa on vain Kleverin henkilökunnalle.",
            "Den här delen är endast för Klevers personal.",
            "This part is for Klever staff only.",
        ),
        EventReceived => ("Pyyntö vastaanotettu", "Begäran mottagen", "Request received"),
        EventStarted => ("Käsittely aloitettu", "Behandlingen påbörjad", "Handling started"),
        EventExtended => ("Määräaikaa jatkettu", "Tidsfristen förlängd", "Deadline extended"),
        EventCompleted => ("Valmis", "Klar", "Completed"),
        EventRejected => ("Hylätty", "Avslagen", "Rejected"),
        EventCancelled => ("Asiakas perui", "Kunden återkallade", "Cancelled by the customer"),
        AudienceTitle => ("Markkinoinnin kohderyhmät", "Målgrupper för marknadsföring", "Marketing audiences"),
        AudienceIntro => (
            "Ajantasainen luettelo asiakkaista, joille kanavan kautta saa markkinoida. Kiellot ja suostumukset on jo otettu huomioon.",
            "En aktuell lista över kunder som får kontaktas i kanalen. Förbud och samtycken är redan beaktade.",
            "An up-to-date list of the customers who may be contacted on a channel. Bans and consents are already applied.",
        ),
        AudienceEmail => ("Sähköposti", "E-post", "Email"),
        AudienceSms => ("Tekstiviesti", "Sms", "Text message"),
        AudiencePhone => ("Puhelin", "Telefon", "Phone"),
        AudiencePost => ("Posti", "Post", "Post"),
        AudienceResearch => ("Markkinatutkimus", "Marknadsundersökning", "Market research"),
        Actions => ("Käsittely", "Åtgärder", "Actions"),
        DownloadCustomerData => (
            "Lataa kaikki asiakkaan tiedot (JSON)",
            "Ladda ner alla kundens uppgifter (JSON)",
            "Download all of the customer's data (JSON)",
        ),
        EventExported => ("Tiedot ladattu", "Uppgifterna laddades ner", "Data downloaded"),
    }
}
