//! Browser tests: run in headless Chromium by wasm-bindgen-test
//! (`cargo test -p kleverapp --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use klever_api::Language;
use kleverapp::{
    components::{FieldRow, LanguageSwitcher},
    i18n::{
        format_date, format_instant, format_money, install_texts, provide_i18n, region_name, text,
        texts_loaded, texts_url, tr, Key,
    },
    pages::SignInPage,
    Session, StaffSession,
};
use leptos::{mount::mount_to, prelude::*, task::tick};
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every language's texts as `src/i18n/build.rs` wrote them. The app downloads them; here no server
/// serves them, so they are installed directly.
fn install_all_texts() {
    for (lang, file) in [
        (
            Language::Fi,
            include_str!(concat!(env!("OUT_DIR"), "/texts/fi.txt")),
        ),
        (
            Language::Sv,
            include_str!(concat!(env!("OUT_DIR"), "/texts/sv.txt")),
        ),
        (
            Language::En,
            include_str!(concat!(env!("OUT_DIR"), "/texts/en.txt")),
        ),
    ] {
        assert!(install_texts(lang, file.to_owned()), "{lang:?} texts fit");
    }
}

/// A fresh element to mount into, so tests do not see each other's DOM; the texts are
/// installed first.
fn container() -> web_sys::HtmlElement {
    install_all_texts();
    let el = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Mounts `view` the way the app runs it: in a fresh container, with the language, both
/// session contexts and a router around it.
fn mount_in_app<V, F>(lang: Language, view: F) -> (web_sys::HtmlElement, impl Sized)
where
    V: IntoView + 'static,
    F: Fn() -> V + Send + Sync + 'static,
{
    let root = container();
    let handle = mount_to(root.clone(), move || {
        provide_i18n(lang);
        provide_context(Session::new());
        provide_context(StaffSession::new());
        view! { <Router>{view()}</Router> }
    });
    (root, handle)
}

fn query(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
}

#[wasm_bindgen_test]
fn money_and_dates_follow_the_language() {
    // Intl separates Finnish and Swedish thousands with a no-break space.
    assert_eq!(format_money(Language::Fi, 123_450), "1\u{a0}234,50\u{a0}€");
    assert_eq!(format_money(Language::Sv, 123_450), "1\u{a0}234,50\u{a0}€");
    assert_eq!(format_money(Language::En, 123_450), "€1,234.50");
    assert_eq!(format_money(Language::Fi, -4_990), "−49,90\u{a0}€");
    assert_eq!(format_date(Language::Fi, "2026-11-24"), "24.11.2026");
    assert_eq!(format_date(Language::En, "2026-11-24"), "24/11/2026");
    assert_eq!(
        format_date(Language::Fi, "not a date"),
        "not a date",
        "shown as is, not blank"
    );
    // 10:00 UTC in winter is 12:00 in Finland.
    let fi = format_instant(Language::Fi, "2021-03-15T10:00:00Z");
    assert!(fi.starts_with("15.3.2021") && fi.contains("12.00"), "{fi}");
    assert_eq!(format_instant(Language::Fi, "yesterday"), "yesterday");
    // Country names are kept per language once looked up: asking again, in another order,
    // must not answer in the language asked first.
    assert_eq!(region_name(Language::Fi, "SE"), "Ruotsi");
    assert_eq!(region_name(Language::En, "SE"), "Sweden");
    assert_eq!(region_name(Language::Fi, "SE"), "Ruotsi");
    assert_eq!(region_name(Language::En, "not a code"), "not a code");
}

/// The browser's own `Intl` formatter with these options: the forms the app's formatting copies.
fn intl(lang: Language, options: &[(&str, &str)]) -> impl Fn(&wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsValue;
    let locale = match lang {
        Language::Fi => "fi-FI",
        Language::Sv => "sv-FI",
        Language::En => "en-GB",
    };
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let opts = js_sys::Object::new();
    for (k, v) in options {
        js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v)).unwrap();
    }
    let format = if options.iter().any(|(k, _)| *k == "currency") {
        js_sys::Intl::NumberFormat::new(&locales, &opts).format()
    } else {
        js_sys::Intl::DateTimeFormat::new(&locales, &opts).format()
    };
    move |value| {
        format
            .call1(&JsValue::UNDEFINED, value)
            .unwrap()
            .as_string()
            .unwrap()
    }
}

#[wasm_bindgen_test]
fn dates_times_and_money_are_written_as_intl_writes_them() {
    use wasm_bindgen::JsValue;
    let day = [
        ("timeZone", "UTC"),
        ("day", "numeric"),
        ("month", "numeric"),
        ("year", "numeric"),
    ];
    let instant = [
        ("timeZone", "Europe/Helsinki"),
        ("day", "numeric"),
        ("month", "numeric"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ];
    let money = [("style", "currency"), ("currency", "EUR")];
    for lang in Language::ALL {
        let (intl_day, intl_instant, intl_money) =
            (intl(lang, &day), intl(lang, &instant), intl(lang, &money));
        // Every 31 h 13 min over 2020-2031: every hour of the day and many minutes, on
        // every day of the week (1 577 836 800 is 2020-01-01).
        let mut t = 1_577_836_800_i64;
        while t < 1_924_992_000 {
            let rfc3339 = klever_api::rfc3339(t);
            let date = js_sys::Date::new(&JsValue::from_f64(t as f64 * 1000.0));
            assert_eq!(
                format_instant(lang, &rfc3339),
                intl_instant(&date),
                "{lang:?} {rfc3339}"
            );
            let (iso, _) = rfc3339.split_once('T').unwrap();
            assert_eq!(format_date(lang, iso), intl_day(&date), "{lang:?} {iso}");
            t += 31 * 3600 + 13 * 60;
        }
        // And the hours around each change, minute by minute where the offset moves.
        for change in [
            "2026-03-29T01:00:00Z",
            "2026-10-25T01:00:00Z",
            "2021-10-31T01:00:00Z",
        ] {
            let at = klever_api::parse_rfc3339(change).unwrap();
            for t in (at - 7200..at + 7200).step_by(60) {
                let date = js_sys::Date::new(&JsValue::from_f64(t as f64 * 1000.0));
                assert_eq!(
                    format_instant(lang, &klever_api::rfc3339(t)),
                    intl_instant(&date),
                    "{lang:?} {t}"
                );
            }
        }
        for cents in [
            0,
            1,
            5,
            99,
            100,
            4_990,
            99_999,
            100_000,
            123_450,
            99_999_999,
            123_456_705,
            10_000_000_000,
            -1,
            -5,
            -4_990,
            -123_456_705,
        ] {
            let euros = JsValue::from_f64(cents as f64 / 100.0);
            assert_eq!(
                format_money(lang, cents),
                intl_money(&euros),
                "{lang:?} {cents}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_texts_file_from_another_build_is_refused() {
    install_all_texts();
    let before = text(Language::Sv, Key::AppName);
    // One line short, and one line too many: either would shift texts onto wrong keys.
    let fits = include_str!(concat!(env!("OUT_DIR"), "/texts/sv.txt"));
    let short = fits.rsplit_once('\n').unwrap().0.to_owned();
    assert!(!install_texts(Language::Sv, short));
    assert!(!install_texts(Language::Sv, format!("{fits}\nextra")));
    assert!(texts_loaded(Language::Sv));
    assert_eq!(text(Language::Sv, Key::AppName), before);
    assert_eq!(text(Language::Sv, Key::SignOut), "Logga ut");
    assert_eq!(text(Language::Fi, Key::SignOut), "Kirjaudu ulos");
    assert_eq!(text(Language::En, Key::SignOut), "Sign out");
    // Each language is served under a name of its own that changes with its content.
    let urls = Language::ALL.map(texts_url);
    assert!(
        urls[0].starts_with("/texts-fi-")
            && urls[1].starts_with("/texts-sv-")
            && urls[2].starts_with("/texts-en-"),
        "{urls:?}"
    );
    assert!(
        urls.iter()
            .all(|u| u.ends_with(".txt") && u.len() == "/texts-fi-".len() + 16 + 4),
        "{urls:?}"
    );
}

#[wasm_bindgen_test]
fn every_key_has_a_distinct_text_in_each_language() {
    install_all_texts();
    // Words that really are the same in two or three of the languages.
    let same = [
        Key::AppName,
        Key::Bic,
        Key::BankName,
        Key::Status,
        Key::AudiencePost,
    ];
    assert!(Key::ALL.len() > 200, "the list is the whole enum");
    for &key in Key::ALL {
        let fi = text(Language::Fi, key);
        let sv = text(Language::Sv, key);
        let en = text(Language::En, key);
        assert!(
            !fi.trim().is_empty() && !sv.trim().is_empty() && !en.trim().is_empty(),
            "{key:?} has an empty text"
        );
        if !same.contains(&key) {
            assert!(
                fi != sv && sv != en && fi != en,
                "{key:?} is not translated: {fi:?} / {sv:?} / {en:?}"
            );
        }
    }
}

#[wasm_bindgen_test]
async fn switching_language_changes_texts_and_html_lang() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        provide_i18n(Language::Fi);
        view! {
            <LanguageSwitcher />
            <h1>{tr(Key::ProfileTitle)}</h1>
        }
    });
    tick().await;
    let h1 = query(&root, "h1");
    assert_eq!(h1.text_content().unwrap(), "Omat tietoni");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("fi"));

    let swedish: web_sys::HtmlElement = query(&root, "button[lang=sv]").unchecked_into();
    assert_eq!(
        swedish.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    swedish.click();
    tick().await;
    assert_eq!(h1.text_content().unwrap(), "Mina uppgifter");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("sv"));
    assert_eq!(
        swedish.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(
        swedish.text_content().unwrap(),
        "SV Svenska",
        "the code shown, the language's own name read"
    );
    let remembered = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("klever.lang")
        .unwrap();
    assert_eq!(remembered.as_deref(), Some("sv"));

    // The switcher is labelled, so a screen reader names it.
    let list = query(&root, "ul.lang-switch");
    assert_eq!(list.get_attribute("aria-label").as_deref(), Some("Språk"));
}

#[wasm_bindgen_test]
async fn field_rows_show_missing_values_and_locks() {
    let root = container();
    let _handle = mount_to(root.clone(), || {
        provide_i18n(Language::En);
        view! {
            <dl>
                <FieldRow label=Key::Phone value={ None::<String> } test_id="phone" />
                <FieldRow label=Key::FirstName value=Some("Aino".to_owned()) locked=true test_id="first" />
            </dl>
        }
    });
    tick().await;
    let phone = query(&root, "[data-field=phone]");
    assert_eq!(query(&phone, "dd").text_content().unwrap(), "Not given");
    assert!(
        phone.query_selector(".lock").unwrap().is_none(),
        "phone is editable"
    );
    let first = query(&root, "[data-field=first]");
    assert_eq!(query(&first, "dd").text_content().unwrap(), "Aino");
    let lock = query(&first, ".lock");
    assert_eq!(
        lock.text_content().unwrap(),
        "Locked",
        "announced, not only drawn"
    );
    assert_eq!(
        query(&lock, "svg").get_attribute("aria-hidden").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn sign_in_form_reports_empty_fields_at_the_field_and_keeps_input() {
    let (root, _handle) = mount_in_app(Language::Fi, || view! { <SignInPage /> });
    tick().await;
    let email: web_sys::HtmlInputElement = query(&root, "#signin-email").unchecked_into();
    let form: web_sys::HtmlFormElement = query(&root, "form").unchecked_into();

    // Nothing typed: each field says what to do, and the error summary above the form
    // takes focus, with a link to each field.
    form.request_submit().unwrap();
    tick().await;
    assert_eq!(
        query(&root, "#signin-email-error").text_content().unwrap(),
        "Kirjoita sähköpostiosoitteesi."
    );
    assert_eq!(
        query(&root, "#signin-password-error")
            .text_content()
            .unwrap(),
        "Kirjoita salasanasi."
    );
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("signin-email-error")
    );
    wait_for("the summary to take focus", || {
        document().active_element().map(|e| e.id()) == Some("error-summary".to_owned())
    })
    .await;
    let links: Vec<(String, String)> = {
        let list = root.query_selector_all("#error-summary a").unwrap();
        (0..list.length())
            .map(|i| {
                let a: web_sys::Element = list.item(i).unwrap().unchecked_into();
                (a.get_attribute("href").unwrap(), a.text_content().unwrap())
            })
            .collect()
    };
    assert_eq!(
        links,
        vec![
            (
                "#signin-email".to_owned(),
                "Kirjoita sähköpostiosoitteesi.".to_owned()
            ),
            (
                "#signin-password".to_owned(),
                "Kirjoita salasanasi.".to_owned()
            ),
        ]
    );
    let first: web_sys::HtmlElement = query(&root, "#error-summary a").unchecked_into();
    first.click();
    assert_eq!(
        document().active_element().map(|e| e.id()),
        Some("signin-email".to_owned()),
        "the link takes the customer to the field"
    );

    // A malformed address is caught before any request; what was typed stays.
    email.set_value("aino.example.fi");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert!(
        root.query_selector("#signin-email-error")
            .unwrap()
            .is_none(),
        "typing clears the error"
    );
    form.request_submit().unwrap();
    tick().await;
    assert_eq!(
        query(&root, "#signin-email-error").text_content().unwrap(),
        "Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi."
    );
    assert_eq!(email.value(), "aino.example.fi");

    // A valid address with no password: the password field is the one flagged.
    email.set_value("aino@example.fi");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    form.request_submit().unwrap();
    tick().await;
    assert!(root
        .query_selector("#signin-email-error")
        .unwrap()
        .is_none());
    assert_eq!(
        query(&root, "#signin-password-error")
            .text_content()
            .unwrap(),
        "Kirjoita salasanasi."
    );
}

#[wasm_bindgen_test]
async fn a_failed_load_says_what_happened_and_retries() {
    use kleverapp::{api::ApiError, components::load};
    use std::sync::atomic::{AtomicU32, Ordering};

    // The first call fails as if the network were down, the second succeeds.
    static CALLS: AtomicU32 = AtomicU32::new(0);
    let (root, _handle) = mount_in_app(Language::En, || {
        let resource = LocalResource::new(|| async {
            match CALLS.fetch_add(1, Ordering::SeqCst) {
                0 => Err(ApiError::Network),
                _ => Ok("loaded".to_owned()),
            }
        });
        load(resource, |s: String| view! { <p class="done">{s}</p> })
    });
    wait_for("the error", || {
        root.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    let alert = query(&root, "[role=alert]");
    assert!(
        alert
            .text_content()
            .unwrap()
            .contains("Could not reach the server"),
        "{}",
        alert.inner_html()
    );
    let retry: web_sys::HtmlElement = query(&alert, "button").unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Try again");
    retry.click();
    wait_for("the content", || {
        root.query_selector(".done").unwrap().is_some()
    })
    .await;
    assert_eq!(query(&root, ".done").text_content().unwrap(), "loaded");
    assert!(root.query_selector("[role=alert]").unwrap().is_none());
    assert_eq!(CALLS.load(Ordering::SeqCst), 2);
}

fn demo_profile() -> klever_api::Profile {
    serde_json::from_str(
        r#"{
        "personal": {"first_name": "Aino", "last_name": "Laine", "gender": "female"},
        "contact": {
            "email": "aino@example.fi", "phone": "+358401234567",
            "address": {"street": "Kauppapuistikko 12", "postal_code": "65100", "city": "Vaasa", "country": "FI"},
            "preferred_language": "fi"
        },
        "other_info": "", "bank": null,
        "marketing": {"ban_all": false, "ban_email": false, "ban_sms": false, "ban_phone": false, "ban_post": false,
            "consent_market_research": false, "consent_research_disclosure": false, "consent_targeting": false,
            "updated_at": null},
        "customer_since": "2021-03-15", "version": 4
    }"#,
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn only_real_changes_are_sent() {
    use kleverapp::pages::Draft;
    let profile = demo_profile();
    let untouched = Draft::from_profile(&profile);
    assert!(
        untouched.changes(&profile).is_empty(),
        "nothing typed, nothing sent"
    );

    let same_number = Draft {
        phone: "040 123 4567".into(),
        ..untouched.clone()
    };
    assert!(
        same_number.changes(&profile).is_empty(),
        "same number, other format: no change, no password"
    );

    let same_email = Draft {
        email: " aino@EXAMPLE.FI ".into(),
        ..untouched.clone()
    };
    let update = same_email.changes(&profile);
    assert!(
        update.is_empty() && !update.needs_password(),
        "the same email with the domain in capitals is no change and needs no password, as on the server"
    );
    assert!(
        Draft {
            email: "Aino@example.fi".into(),
            ..untouched.clone()
        }
        .changes(&profile)
        .needs_password(),
        "the part before @ is kept as typed, so its case is a change"
    );

    let removed = Draft {
        phone: "  ".into(),
        ..untouched.clone()
    };
    assert_eq!(
        removed.changes(&profile).phone,
        Some(None),
        "an emptied phone removes it"
    );

    let moved = Draft {
        city: "Vasa".into(),
        ..untouched.clone()
    };
    let update = moved.changes(&profile);
    assert_eq!(update.address.unwrap().unwrap().city, "Vasa");
    assert!(
        update.email.is_none() && update.phone.is_none(),
        "only the address"
    );

    let no_address = Draft {
        street: String::new(),
        postal_code: String::new(),
        city: String::new(),
        ..untouched
    };
    assert_eq!(
        no_address.changes(&profile).address,
        Some(None),
        "all parts emptied removes the address"
    );
}

#[wasm_bindgen_test]
async fn edit_form_shows_field_errors_in_the_language_and_keeps_input() {
    use kleverapp::pages::EditForm;
    let (root, _handle) = mount_in_app(
        Language::Sv,
        || view! { <EditForm profile=demo_profile() /> },
    );
    tick().await;
    let form: web_sys::HtmlFormElement = query(&root, "form").unchecked_into();
    let alert = || query(&root, ".form-alert").text_content().unwrap();

    let email: web_sys::HtmlInputElement = query(&root, "#edit-email").unchecked_into();
    let postal: web_sys::HtmlInputElement = query(&root, "#edit-postal-code").unchecked_into();
    for (input, value) in [(&email, "aino@"), (&postal, "651")] {
        input.set_value(value);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    }
    tick().await;
    assert!(
        root.query_selector(".field-error").unwrap().is_none(),
        "no errors before a save is tried"
    );

    form.request_submit().unwrap();
    tick().await;
    assert_eq!(
        query(&root, "#edit-email-error").text_content().unwrap(),
        "Skriv e-postadressen i formen namn@exempel.fi."
    );
    assert_eq!(
        query(&root, "#edit-postal-code-error")
            .text_content()
            .unwrap(),
        "Skriv postnumret i landets form, i Finland fem siffror, till exempel 65100."
    );
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    wait_for("the summary to take focus", || {
        document().active_element().map(|e| e.id()) == Some("error-summary".to_owned())
    })
    .await;
    assert_eq!(
        alert(),
        "Uppgifterna sparades inte. Rätta de markerade fälten.\
         Skriv e-postadressen i formen namn@exempel.fi.\
         Skriv postnumret i landets form, i Finland fem siffror, till exempel 65100.",
        "the summary names each field in page order"
    );
    assert_eq!(email.value(), "aino@", "what was typed stays");

    // After a save was tried, errors follow the typing.
    postal.set_value("65100");
    postal
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert!(root
        .query_selector("#edit-postal-code-error")
        .unwrap()
        .is_none());
    assert!(root.query_selector("#edit-email-error").unwrap().is_some());

    // Changing the email warns that a password will be asked.
    assert!(root.query_selector("#sensitive-hint").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn saving_an_unchanged_form_says_so() {
    use kleverapp::pages::EditForm;
    let (root, _handle) = mount_in_app(
        Language::En,
        || view! { <EditForm profile=demo_profile() /> },
    );
    tick().await;
    let form: web_sys::HtmlFormElement = query(&root, "form").unchecked_into();
    form.request_submit().unwrap();
    tick().await;
    assert_eq!(
        query(&root, ".form-alert").text_content().unwrap(),
        "You have not changed anything."
    );
    assert!(root.query_selector("#sensitive-hint").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_password_warning_shows_only_for_a_real_email_change() {
    use kleverapp::pages::EditForm;
    let (root, _handle) = mount_in_app(
        Language::En,
        || view! { <EditForm profile=demo_profile() /> },
    );
    tick().await;
    let email: web_sys::HtmlInputElement = query(&root, "#edit-email").unchecked_into();
    let warned = || root.query_selector("#sensitive-hint").unwrap().is_some();
    let type_email = |value: &str| {
        email.set_value(value);
        email
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };

    // The server stores the domain in lower case, so this is the address on file.
    type_email("aino@EXAMPLE.FI");
    tick().await;
    assert!(!warned(), "the same address: no password will be asked");

    type_email("aino.laine@example.fi");
    wait_for("the password warning", warned).await;
    type_email("aino@example.fi");
    wait_for("the warning to go", || !warned()).await;
}

#[wasm_bindgen_test]
async fn no_password_warning_while_the_password_is_still_fresh() {
    use kleverapp::pages::EditForm;
    // The server said the password was entered a moment ago: a change goes through.
    let until = js_sys::Date::now() + 60_000.0;
    let (root, _handle) = mount_in_app(Language::En, move || {
        view! { <EditForm profile=demo_profile() password_fresh_until=until /> }
    });
    tick().await;
    let email: web_sys::HtmlInputElement = query(&root, "#edit-email").unchecked_into();
    email.set_value("aino.laine@example.fi");
    email
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    sleep_ms(50).await;
    assert!(
        root.query_selector("#sensitive-hint").unwrap().is_none(),
        "no password will be asked, so none is announced"
    );
}

#[wasm_bindgen_test]
async fn each_form_control_carries_its_own_fields_label_and_error() {
    use kleverapp::pages::CorrectionForm;
    let (root, _handle) = mount_in_app(
        Language::En,
        || view! { <CorrectionForm profile=demo_profile() /> },
    );
    tick().await;
    // Every label names exactly one control, with the label's id, whichever control it is.
    let labelled = |id: &str| {
        assert_eq!(
            root.query_selector_all(&format!("#{id}")).unwrap().length(),
            1,
            "one #{id} in {}",
            root.inner_html()
        );
        query(&root, &format!("label[for={id}]"));
        query(&root, &format!("#{id}"))
    };
    for id in [
        "correction-field",
        "correction-proposed-value",
        "correction-explanation",
    ] {
        labelled(id);
    }
    assert_eq!(labelled("correction-proposed-value").tag_name(), "INPUT");

    // Another detail brings another kind of control, still under the same label.
    let select: web_sys::HtmlSelectElement = query(&root, "#correction-field").unchecked_into();
    select.set_value("gender");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for("the gender choice", || {
        labelled("correction-proposed-value").tag_name() == "SELECT"
    })
    .await;

    // An empty explanation is flagged at its own control only.
    let form: web_sys::HtmlFormElement = query(&root, "form").unchecked_into();
    form.request_submit().unwrap();
    wait_for("the explanation error", || {
        root.query_selector("#correction-explanation-error")
            .unwrap()
            .is_some()
    })
    .await;
    let explanation = labelled("correction-explanation");
    assert_eq!(
        explanation.get_attribute("aria-describedby").as_deref(),
        Some("correction-explanation-hint correction-explanation-error")
    );
    assert_eq!(
        labelled("correction-proposed-value").get_attribute("aria-invalid"),
        None,
        "a gender is chosen, so the proposal is fine"
    );
}

#[wasm_bindgen_test]
fn legal_pages_have_the_same_sections_and_links_in_every_language() {
    use kleverapp::legal::{accessibility_statement, privacy_notice};
    for page in [privacy_notice, accessibility_statement] {
        let shape = |lang| {
            page(lang)
                .iter()
                .map(|s| (s.id, s.links.iter().map(|l| l.href).collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        };
        let fi = shape(Language::Fi);
        assert!(!fi.is_empty());
        assert_eq!(fi, shape(Language::Sv));
        assert_eq!(fi, shape(Language::En));
        for lang in Language::ALL {
            for s in page(lang) {
                assert!(
                    !s.heading.is_empty() && !s.paragraphs.is_empty(),
                    "{}",
                    s.id
                );
            }
        }
    }
}

#[wasm_bindgen_test]
async fn a_switch_that_cannot_be_saved_returns_to_its_saved_state() {
    use klever_api::MarketingChoices;
    use kleverapp::pages::MarketingSwitches;
    let root = container();
    let _handle = mount_to(root.clone(), || {
        provide_i18n(Language::Fi);
        provide_context(Session::new());
        let saved = MarketingChoices {
            ban_all: true,
            ..MarketingChoices::default()
        };
        view! { <MarketingSwitches saved=saved on_saved=Callback::new(|_| ()) /> }
    });
    tick().await;
    let switch = |code: &str| -> web_sys::HtmlElement {
        query(&root, &format!("#{code}-switch")).unchecked_into()
    };

    // With all direct marketing off, every channel shows off and cannot be turned on.
    assert_eq!(
        switch("ban_all").get_attribute("aria-checked").as_deref(),
        Some("false"),
        "on means Klever may market: it may not"
    );
    assert_eq!(
        switch("ban_email").get_attribute("aria-checked").as_deref(),
        Some("false")
    );
    assert_eq!(
        switch("ban_email")
            .get_attribute("aria-disabled")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        switch("ban_email").get_attribute("role").as_deref(),
        Some("switch")
    );
    assert_eq!(
        switch("consent_targeting")
            .get_attribute("aria-checked")
            .as_deref(),
        Some("false")
    );

    // The test page has no API behind it, so the save fails: the switch must not stay flipped.
    let consent = switch("consent_targeting");
    consent.click();
    tick().await;
    assert_eq!(
        consent.get_attribute("aria-checked").as_deref(),
        Some("true"),
        "shown at once"
    );
    wait_for("the failure notice", || {
        root.query_selector("[role=alert] .notice")
            .unwrap()
            .is_some()
    })
    .await;
    assert_eq!(
        consent.get_attribute("aria-checked").as_deref(),
        Some("false"),
        "back to the saved state"
    );
    let alert = query(&root, "[role=alert]").text_content().unwrap();
    assert!(alert.contains("Valintaa ei voitu tallentaa"), "{alert}");
}

/// Waits until `done` holds, looking again after each short pause; a test that never
/// gets there fails with what it waited for rather than hanging.
async fn wait_for(what: &str, done: impl Fn() -> bool) {
    for _ in 0..250 {
        if done() {
            return;
        }
        sleep_ms(20).await;
    }
    panic!("gave up waiting for {what}");
}

/// Waits `ms` milliseconds: a promise resolved by `setTimeout`.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn sign_in_only_returns_to_pages_of_this_app() {
    use kleverapp::session::safe_next;
    let cases = [
        ("/profile/edit", true, "a page of the app"),
        ("/requests/correction?field=last_name", true, "with a query"),
        ("//evil.example", false, "protocol-relative URL"),
        ("/\\evil.example", false, "backslash, read as a slash"),
        ("/\t/evil.example", false, "tab, dropped by the browser"),
        (
            "/\n/evil.example",
            false,
            "line break, dropped by the browser",
        ),
        ("https://evil.example", false, "absolute URL"),
        ("profile", false, "relative path"),
        ("/pröfile", false, "not plain ASCII"),
    ];
    for (next, allowed, why) in cases {
        assert_eq!(
            safe_next(Some(next.to_owned())).is_some(),
            allowed,
            "{why}: {next:?}"
        );
    }
    assert_eq!(safe_next(None), None);
}

#[wasm_bindgen_test]
fn stashes_are_used_once_and_cleared_at_sign_out() {
    use kleverapp::stash::{clear_stashes, stash, take_stash};
    stash("test", &vec![1, 2, 3]);
    assert_eq!(take_stash::<Vec<i32>>("test"), Some(vec![1, 2, 3]));
    assert_eq!(take_stash::<Vec<i32>>("test"), None, "used once");
    // At sign-in only the signing-in customer's unsaved input stays.
    use kleverapp::stash::retain_owner;
    stash(
        "mine",
        &serde_json::json!({"owner": "aino@example.fi", "draft": 1}),
    );
    stash(
        "theirs",
        &serde_json::json!({"owner": "erik@example.fi", "draft": 2}),
    );
    stash("nobodys", &"typed");
    retain_owner("Aino@example.fi");
    assert!(take_stash::<serde_json::Value>("mine").is_some());
    assert_eq!(take_stash::<serde_json::Value>("theirs"), None);
    assert_eq!(take_stash::<String>("nobodys"), None);

    stash("a", &"typed");
    stash("b", &"typed");
    clear_stashes();
    assert_eq!(take_stash::<String>("a"), None);
    assert_eq!(take_stash::<String>("b"), None);
}
