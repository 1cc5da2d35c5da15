//! Every parser of the contract, on inputs nobody wrote by hand: it never panics, it
//! accepts what it prints (and prints it the same again), it never lets a control
//! character through, and it refuses input over its length limit.

use klever_api::{
    check_new_password, password_strength, AddressInput, Bic, Email, FreeText, Iban, IsoDate,
    PersonName, Phone, PostalAddress, ValidationError, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use proptest::prelude::*;

/// Characters no stored value may hold: C0 and C1 controls, DEL, zero-width and
/// direction-changing marks, the byte-order mark.
fn forbidden() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        (0x200bu32..=0x200f).prop_map(|c| char::from_u32(c).unwrap()),
        (0x2028u32..=0x202e).prop_map(|c| char::from_u32(c).unwrap()),
        Just('\u{feff}'),
    ]
}

/// The same, but none that is also white space (which some parsers fold into a space).
fn forbidden_not_space() -> impl Strategy<Value = char> {
    forbidden().prop_filter("not white space", |c| !c.is_whitespace())
}

/// Holds no forbidden character (line breaks and tabs are free text's own).
fn clean(s: &str) -> bool {
    !s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{FEFF}')
    })
}

/// `s` with `c` put in at the `at`-th character (wrapping).
fn insert(s: &str, at: usize, c: char) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let at = at % (chars.len() + 1);
    chars.insert(at, c);
    chars.into_iter().collect()
}

fn names() -> impl Strategy<Value = String> {
    "[\\p{L}][\\p{L} '.-]{0,40}"
}

fn emails() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,20}(\\.[a-zA-Z0-9_-]{1,8}){0,2}@[\\p{L}\\p{N}]{1,10}(-[a-z0-9]{1,5})?(\\.\\p{L}{2,6}){1,3}"
}

fn phones() -> impl Strategy<Value = String> {
    "(\\+|00|0)[1-9][0-9 ()./-]{6,16}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_parser_panics_on_any_text(s in any::<String>()) {
        let _ = PersonName::parse(&s);
        let _ = FreeText::parse(&s);
        let _ = Email::parse(&s);
        let _ = Phone::parse(&s);
        let _ = Iban::parse(&s);
        let _ = Bic::parse(&s);
        let _ = IsoDate::parse(&s);
        let _ = check_new_password(&s);
        prop_assert!(password_strength(&s) <= 4);
        let _ = PostalAddress::parse(&AddressInput {
            street: s.clone(),
            postal_code: s.clone(),
            city: s.clone(),
            country: s.clone(),
        });
    }

    #[test]
    fn what_is_accepted_is_clean_and_reads_back_the_same(s in any::<String>()) {
        if let Ok(v) = PersonName::parse(&s) {
            prop_assert!(clean(v.as_str()) && !v.as_str().contains(['\n', '\t']));
            prop_assert_eq!(PersonName::parse(v.as_str()), Ok(v.clone()));
        }
        if let Ok(v) = FreeText::parse(&s) {
            prop_assert!(clean(v.as_str()));
            prop_assert_eq!(FreeText::parse(v.as_str()), Ok(v.clone()));
        }
        if let Ok(v) = Email::parse(&s) {
            prop_assert!(clean(v.as_str()));
            prop_assert_eq!(Email::parse(v.as_str()), Ok(v.clone()));
        }
    }

    #[test]
    fn names_read_back_as_printed(s in names()) {
        if let Ok(v) = PersonName::parse(&s) {
            prop_assert_eq!(PersonName::parse(&v.to_string()), Ok(v.clone()));
        }
    }

    #[test]
    fn emails_read_back_as_printed(s in emails()) {
        let v = Email::parse(&s);
        prop_assert!(v.is_ok(), "{:?}: {:?}", s, v);
        let v = v.unwrap();
        prop_assert_eq!(Email::parse(&v.to_string()), Ok(v.clone()));
    }

    #[test]
    fn phones_read_back_as_printed(s in phones()) {
        if let Ok(v) = Phone::parse(&s) {
            prop_assert_eq!(Phone::parse(v.as_str()), Ok(v.clone()));
            prop_assert_eq!(Phone::parse(&v.display()), Ok(v.clone()));
        }
    }

    #[test]
    fn bank_details_and_dates_read_back_as_printed(
        iban in "[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{10,30}",
        bic in "[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?",
        date in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
    ) {
        if let Ok(v) = Iban::parse(&iban) {
            prop_assert_eq!(Iban::parse(&v.to_string()), Ok(v.clone()));
        }
        let v = Bic::parse(&bic);
        prop_assert!(v.is_ok(), "{:?}", bic);
        let v = v.unwrap();
        prop_assert_eq!(Bic::parse(&v.to_string()), Ok(v.clone()));
        if let Ok(v) = IsoDate::parse(&date) {
            prop_assert_eq!(IsoDate::parse(&v.to_string()), Ok(v));
        }
    }

    #[test]
    fn a_control_character_anywhere_is_refused(
        name in names(),
        email in emails(),
        phone in phones(),
        text in "[\\p{L}\\p{N} .,!?]{0,60}",
        c in forbidden_not_space(),
        at in any::<usize>(),
    ) {
        if PersonName::parse(&name).is_ok() {
            prop_assert!(PersonName::parse(&insert(&name, at, c)).is_err());
        }
        prop_assert!(Email::parse(&insert(&email, at, c)).is_err());
        prop_assert!(Phone::parse(&insert(&phone, at, c)).is_err());
        // Free text keeps line breaks and tabs, and trims the ends: the mark goes inside.
        let inside = format!("x{}x", insert(&text, at, c));
        prop_assert_eq!(FreeText::parse(&inside), Err(ValidationError::InvalidCharacters));
        let address = AddressInput {
            street: insert("Kauppapuistikko 12", at, c),
            postal_code: "65100".into(),
            city: insert("Vaasa", at, c),
            country: "FI".into(),
        };
        let refused = PostalAddress::parse(&address).unwrap_err();
        prop_assert!(refused.contains_key("street") && refused.contains_key("city"), "{:?}", refused);
    }

    #[test]
    fn over_the_limit_is_too_long(extra in 1usize..200, letter in "[a-zä]") {
        let name = letter.repeat(PersonName::MAX_LEN + extra);
        prop_assert_eq!(PersonName::parse(&name), Err(ValidationError::TooLong));
        let text = letter.repeat(FreeText::MAX_LEN + extra);
        prop_assert_eq!(FreeText::parse(&text), Err(ValidationError::TooLong));
        let email = format!("{}@example.fi", letter.repeat(Email::MAX_LEN + extra));
        prop_assert_eq!(Email::parse(&email), Err(ValidationError::TooLong));
        let refused = PostalAddress::parse(&AddressInput {
            street: letter.repeat(PostalAddress::STREET_MAX + extra),
            postal_code: "65100".into(),
            city: letter.repeat(PostalAddress::CITY_MAX + extra),
            country: "FI".into(),
        })
        .unwrap_err();
        prop_assert_eq!(refused.get("street"), Some(&ValidationError::TooLong));
        prop_assert_eq!(refused.get("city"), Some(&ValidationError::TooLong));
    }

    /// A password is its characters: any 12 to 128 of them that are not control
    /// characters, counted as characters, not bytes.
    #[test]
    fn passwords_are_judged_by_length_alone(p in "[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{0,160}", c in forbidden(), at in any::<usize>()) {
        let n = p.chars().count();
        let expected = match n {
            0 => Err(ValidationError::Required),
            n if n < PASSWORD_MIN_CHARS => Err(ValidationError::TooShort),
            n if n > PASSWORD_MAX_CHARS => Err(ValidationError::TooLong),
            _ => Ok(()),
        };
        prop_assert_eq!(check_new_password(&p), expected);
        prop_assert_eq!(check_new_password(&insert(&p, at, c)), Err(ValidationError::InvalidCharacters));
    }
}
