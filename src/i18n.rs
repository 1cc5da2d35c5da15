//! Every text the app shows, in Finnish, Swedish and English; dates, times and money in
//! each language's form; country names through the browser's own `Intl.DisplayNames`.
//!
//! Components never hold literal strings: they name a [`Key`]. `i18n/texts.rs` gives each
//! key a `(fi, sv, en)` triple, so a missing translation is a compile error; `i18n/build.rs`
//! turns the table into one file per language, and the app downloads only the language it
//! shows (the other two were a fifth of the first load's data), and another when the
//! customer switches.

use std::sync::OnceLock;

use klever_api::{
    finland_offset_secs, parse_rfc3339, Channel, Gender, InvoiceStatus, IsoDate, Language,
    MarketingChoice, ProfileField, RequestKind, RequestStatus, ValidationError,
};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Language>,
    /// A language whose texts could not be downloaded when the customer chose it.
    pub unavailable: RwSignal<Option<Language>>,
}

/// Where the choice is remembered; index.html's start-up script reads the same key.
const STORAGE_KEY: &str = "klever.lang";

impl I18n {
    pub fn t(&self, key: Key) -> &'static str {
        text(self.lang.get(), key)
    }

    /// Switches language once its texts are here (downloading them first if need be),
    /// remembers it and tells assistive technology via `<html lang>`.
    pub fn set(&self, lang: Language) {
        let this = *self;
        this.unavailable.set(None);
        if texts_loaded(lang) {
            this.show(lang);
            return;
        }
        leptos::task::spawn_local(async move {
            match load_texts(lang).await {
                Ok(()) => this.show(lang),
                Err(()) => this.unavailable.set(Some(lang)),
            }
        });
    }

    fn show(&self, lang: Language) {
        self.lang.set(lang);
        if let Some(storage) = crate::dom::local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.tag());
        }
    }
}

/// Each language's texts once downloaded: one per key, in [`Key::ALL`]'s order. Kept for
/// the page's life (a few kilobytes each), so views can hold `&'static str`.
static TEXTS: [OnceLock<&'static [&'static str]>; 3] =
    [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn texts_of(lang: Language) -> &'static OnceLock<&'static [&'static str]> {
    &TEXTS[match lang {
        Language::Fi => 0,
        Language::Sv => 1,
        Language::En => 2,
    }]
}

/// Where a language's texts are served: named by their content (`i18n/build.rs`), so browsers
/// and the service worker may keep them.
pub fn texts_url(lang: Language) -> &'static str {
    match lang {
        Language::Fi => concat!("/", env!("KLEVER_TEXTS_FI")),
        Language::Sv => concat!("/", env!("KLEVER_TEXTS_SV")),
        Language::En => concat!("/", env!("KLEVER_TEXTS_EN")),
    }
}

/// Takes a language's texts file, a line per key. A file that does not have exactly one
/// line per key is from another build and is refused (false), keeping nothing.
pub fn install_texts(lang: Language, file: String) -> bool {
    if file.split('\n').count() != Key::ALL.len() {
        return false;
    }
    if texts_loaded(lang) {
        return true;
    }
    let file: &'static str = Box::leak(file.into_boxed_str());
    let texts: Vec<&'static str> = file.split('\n').collect();
    let _ = texts_of(lang).set(Box::leak(texts.into_boxed_slice()));
    true
}

pub fn texts_loaded(lang: Language) -> bool {
    texts_of(lang).get().is_some()
}

/// Downloads a language's texts unless they are here already.
pub async fn load_texts(lang: Language) -> Result<(), ()> {
    if texts_loaded(lang) {
        return Ok(());
    }
    let file = download(texts_url(lang)).await?;
    install_texts(lang, file).then_some(()).ok_or(())
}

async fn download(url: &str) -> Result<String, ()> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(drop)?;
    if !response.ok() {
        return Err(());
    }
    response.text().await.map_err(drop)
}

/// The language to start in, with its texts. index.html's start-up script chose it (the
/// remembered choice, else the browser's first language we speak, else English) and began
/// downloading its texts while the app itself downloaded (`window.kleverStart`). If that
/// download failed, or was for another build, it is tried once more here.
pub async fn start() -> Result<Language, ()> {
    let get =
        |object: &JsValue, name: &str| js_sys::Reflect::get(object, &JsValue::from_str(name)).ok();
    let early = get(&js_sys::global(), "kleverStart").filter(JsValue::is_object);
    let lang = early
        .as_ref()
        .and_then(|s| get(s, "lang"))
        .and_then(|l| l.as_string())
        .and_then(|tag| Language::from_tag(&tag))
        .unwrap_or(Language::En);
    let promise = early
        .and_then(|s| get(&s, "texts"))
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = promise {
        let file = wasm_bindgen_futures::JsFuture::from(promise).await;
        if let Some(file) = file.ok().and_then(|f| f.as_string()) {
            if install_texts(lang, file) {
                return Ok(lang);
            }
        }
    }
    load_texts(lang).await.map(|()| lang)
}

/// Puts an `I18n` in context and keeps `<html lang>` in step with it.
pub fn provide_i18n(initial: Language) -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(initial),
        unavailable: RwSignal::new(None),
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

/// The locale country names are asked in: Finland's Swedish for Swedish (we serve Finland),
/// British English for English.
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

// Dates, times and money are written here rather than by `Intl`: the first `Intl` formatter
// a page builds costs about 15 ms while the browser loads its locale data, four times that on
// a phone-speed CPU, inside the render that shows the profile (BENCHMARKS.md). The forms are
// Chromium's `Intl` output for fi-FI, sv-FI and en-GB, which the browser tests compare with.

/// `2026-11-24` → `24.11.2026` (fi, sv), `24/11/2026` (en); anything else as it is.
pub fn format_date(lang: Language, iso_date: &str) -> String {
    match IsoDate::parse(iso_date) {
        Ok(date) => date_in(lang, date),
        Err(_) => iso_date.to_owned(),
    }
}

fn date_in(lang: Language, d: IsoDate) -> String {
    match lang {
        Language::Fi | Language::Sv => format!("{}.{}.{}", d.day, d.month, d.year),
        Language::En => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
    }
}

/// An RFC 3339 instant as date and time in Finnish time (where the company and customers
/// are): `15.3.2021 klo 12.00` (fi), `15.3.2021 12.00` (sv), `15/03/2021, 12:00` (en).
pub fn format_instant(lang: Language, rfc3339: &str) -> String {
    let Some(utc) = parse_rfc3339(rfc3339) else {
        return rfc3339.to_owned();
    };
    let local = utc + finland_offset_secs(utc);
    let date = date_in(
        lang,
        IsoDate::from_days_since_epoch(local.div_euclid(86_400)),
    );
    let minutes = local.rem_euclid(86_400) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    match lang {
        Language::Fi => format!("{date} klo {h:02}.{m:02}"),
        Language::Sv => format!("{date} {h:02}.{m:02}"),
        Language::En => format!("{date}, {h:02}:{m:02}"),
    }
}

/// Cents of euro → `1 234,50 €` and `−49,90 €` (fi, sv, with no-break spaces and a minus
/// sign), `€1,234.50` and `-€49.90` (en).
pub fn format_money(lang: Language, cents: i64) -> String {
    let (group, decimal) = match lang {
        Language::Fi | Language::Sv => ('\u{a0}', ','),
        Language::En => (',', '.'),
    };
    let abs = cents.unsigned_abs();
    let euros = (abs / 100).to_string();
    let mut number = String::new();
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            number.push(group);
        }
        number.push(digit);
    }
    number.push(decimal);
    number.push_str(&format!("{:02}", abs % 100));
    match (lang, cents < 0) {
        (Language::En, negative) => format!("{}€{number}", if negative { "-" } else { "" }),
        (_, negative) => format!("{}{number}\u{a0}€", if negative { "\u{2212}" } else { "" }),
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.DisplayNames`, which js-sys does not bind.
    #[wasm_bindgen(js_namespace = Intl)]
    #[derive(Clone)]
    type DisplayNames;

    /// Throws where the browser lacks `Intl.DisplayNames`.
    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locales: &js_sys::Array, options: &js_sys::Object) -> Result<DisplayNames, JsValue>;

    /// Throws for a code that is not a region code.
    #[wasm_bindgen(method, catch)]
    fn of(this: &DisplayNames, code: &str) -> Result<Option<String>, JsValue>;
}

thread_local! {
    /// Each language's `Intl.DisplayNames`, made on first use (`None`: the browser has none):
    /// building one costs far more than asking it.
    static REGION_NAMES: std::cell::RefCell<Vec<(Language, Option<DisplayNames>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn region_names(lang: Language) -> Option<DisplayNames> {
    REGION_NAMES.with(|cache| {
        if let Some((_, names)) = cache.borrow().iter().find(|(l, _)| *l == lang) {
            return names.clone();
        }
        let locales = js_sys::Array::of1(&JsValue::from_str(locale(lang)));
        let names = DisplayNames::new(&locales, &intl_options(&[("type", "region")])).ok();
        cache.borrow_mut().push((lang, names.clone()));
        names
    })
}

/// A country code as the country's name in the chosen language (`FI` → `Suomi`), through
/// `Intl.DisplayNames`; the code itself if the browser lacks it or does not know the code.
pub fn region_name(lang: Language, code: &str) -> String {
    region_names(lang)
        .and_then(|names| names.of(code).ok().flatten())
        .unwrap_or_else(|| code.to_owned())
}

/// Makes the shown language's country names in a task of its own, for a screen that will show
/// one once its data is here. The first `Intl` object a page makes loads the browser's
/// locale data (about 15 ms, four times that on a phone-speed CPU), which would otherwise
/// lengthen the task that shows the data.
pub fn prepare_region_names() {
    let lang = use_i18n().lang.get_untracked();
    set_timeout(
        move || {
            region_names(lang);
        },
        std::time::Duration::ZERO,
    );
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

include!("i18n/keys.rs");

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

/// A key's text in a language whose texts are here; empty before they are (the app starts
/// only once its language's texts are, and switches only to a language whose texts are).
pub fn text(lang: Language, key: Key) -> &'static str {
    texts_of(lang)
        .get()
        .and_then(|texts| texts.get(key as usize))
        .copied()
        .unwrap_or_default()
}
