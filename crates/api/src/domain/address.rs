use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{is_forbidden_control, ValidationError};

/// A postal address as the customer types it; [`PostalAddress::parse`] checks each part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressInput {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

/// A checked postal address: every part present, the postal code in the country's format,
/// the country an ISO 3166-1 alpha-2 code in upper case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "AddressInput", into = "AddressInput")]
pub struct PostalAddress {
    street: String,
    postal_code: String,
    city: String,
    country: String,
}

impl PostalAddress {
    pub const STREET_MAX: usize = 100;
    pub const CITY_MAX: usize = 60;

    /// Checks every part; errors are keyed by the part's name (`street`, `postal_code` …).
    pub fn parse(input: &AddressInput) -> Result<Self, BTreeMap<&'static str, ValidationError>> {
        let mut errors = BTreeMap::new();
        let country = input.country.trim().to_ascii_uppercase();
        let country_ok = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
        if country.is_empty() {
            errors.insert("country", ValidationError::Required);
        } else if !country_ok {
            errors.insert("country", ValidationError::InvalidFormat);
        }
        let street = one_line(&input.street, Self::STREET_MAX, |c| {
            c.is_alphanumeric() || " -'’.,/#()".contains(c)
        });
        match &street {
            Ok(s) if !s.chars().any(char::is_alphabetic) => {
                errors.insert("street", ValidationError::InvalidFormat);
            }
            Err(e) => {
                errors.insert("street", *e);
            }
            Ok(_) => {}
        }
        let city = one_line(&input.city, Self::CITY_MAX, |c| {
            c.is_alphabetic() || " -'’.".contains(c)
        });
        if let Err(e) = &city {
            errors.insert("city", *e);
        }
        let postal_code = postal_code(&input.postal_code, &country);
        if let Err(e) = &postal_code {
            errors.insert("postal_code", *e);
        }
        match (street, city, postal_code) {
            (Ok(street), Ok(city), Ok(postal_code)) if errors.is_empty() => Ok(Self {
                street,
                postal_code,
                city,
                country,
            }),
            _ => Err(errors),
        }
    }

    pub fn street(&self) -> &str {
        &self.street
    }
    pub fn postal_code(&self) -> &str {
        &self.postal_code
    }
    pub fn city(&self) -> &str {
        &self.city
    }
    pub fn country(&self) -> &str {
        &self.country
    }

    /// One line for history, messages and exports: `Street 1, 65100 Vaasa, FI`.
    pub fn one_line(&self) -> String {
        self.one_line_with(&self.country)
    }

    /// One line with the country as the reader calls it: `Street 1, 65100 Vaasa, Finland`.
    pub fn one_line_with(&self, country_name: &str) -> String {
        join_one_line(&self.street, &self.postal_code, &self.city, country_name)
    }
}

impl AddressInput {
    /// The parts as typed, on one line the same way as [`PostalAddress::one_line`].
    pub fn one_line(&self) -> String {
        join_one_line(&self.street, &self.postal_code, &self.city, &self.country)
    }
}

/// The one place an address is written on one line.
fn join_one_line(street: &str, postal_code: &str, city: &str, country: &str) -> String {
    format!("{street}, {postal_code} {city}, {country}")
}

impl TryFrom<AddressInput> for PostalAddress {
    type Error = String;
    fn try_from(input: AddressInput) -> Result<Self, String> {
        PostalAddress::parse(&input).map_err(|e| format!("invalid address: {e:?}"))
    }
}

impl From<PostalAddress> for AddressInput {
    fn from(a: PostalAddress) -> Self {
        AddressInput {
            street: a.street,
            postal_code: a.postal_code,
            city: a.city,
            country: a.country,
        }
    }
}

/// Trims, collapses inner spaces and checks length and characters of a one-line value.
fn one_line(
    raw: &str,
    max: usize,
    allowed: impl Fn(char) -> bool,
) -> Result<String, ValidationError> {
    let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Err(ValidationError::Required);
    }
    if s.chars().count() > max {
        return Err(ValidationError::TooLong);
    }
    if s.chars().any(|c| is_forbidden_control(c) || !allowed(c)) {
        return Err(ValidationError::InvalidCharacters);
    }
    Ok(s)
}

/// Finnish (and Åland) codes are five digits, Swedish five written `123 45`; elsewhere
/// 2–10 letters, digits, spaces or hyphens.
fn postal_code(raw: &str, country: &str) -> Result<String, ValidationError> {
    let s = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase();
    if s.is_empty() {
        return Err(ValidationError::Required);
    }
    match country {
        "FI" | "AX" | "SE" | "DE" | "EE" | "FR" | "ES" => {
            let digits: String = s.chars().filter(|c| *c != ' ').collect();
            if !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(ValidationError::InvalidCharacters);
            }
            if digits.len() != 5 {
                return Err(ValidationError::InvalidFormat);
            }
            Ok(if country == "SE" {
                format!("{} {}", &digits[..3], &digits[3..])
            } else {
                digits
            })
        }
        _ => {
            if !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            {
                return Err(ValidationError::InvalidCharacters);
            }
            if !(2..=10).contains(&s.len()) {
                return Err(ValidationError::InvalidFormat);
            }
            Ok(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(street: &str, postal_code: &str, city: &str, country: &str) -> AddressInput {
        AddressInput {
            street: street.into(),
            postal_code: postal_code.into(),
            city: city.into(),
            country: country.into(),
        }
    }

    #[test]
    fn accepts_real_addresses() {
        let cases = [
            (
                input("Kauppapuistikko 12 A 5", "65100", "Vaasa", "FI"),
                "Kauppapuistikko 12 A 5, 65100 Vaasa, FI",
                "Finnish flat",
            ),
            (
                input("  Strandgatan   4 ", "651 00", " Vasa ", "fi"),
                "Strandgatan 4, 65100 Vasa, FI",
                "spaces tidied, code upper-cased",
            ),
            (
                input("Drottninggatan 1", "11151", "Stockholm", "SE"),
                "Drottninggatan 1, 111 51 Stockholm, SE",
                "Swedish code grouped",
            ),
            (
                input("10 Downing Street", "sw1a 2aa", "London", "GB"),
                "10 Downing Street, SW1A 2AA London, GB",
                "British code",
            ),
            (
                input("Rue d'Alésia 5", "75014", "Paris", "FR"),
                "Rue d'Alésia 5, 75014 Paris, FR",
                "apostrophe and accent",
            ),
        ];
        for (given, expected, why) in cases {
            assert_eq!(
                PostalAddress::parse(&given).map(|a| a.one_line()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
    }

    /// The parts expected to be reported, with why.
    type Expected = &'static [(&'static str, ValidationError)];

    #[test]
    fn reports_each_bad_part() {
        let cases: [(AddressInput, Expected, &str); 8] = [
            (
                input("", "65100", "Vaasa", "FI"),
                &[("street", ValidationError::Required)],
                "no street",
            ),
            (
                input("12", "65100", "Vaasa", "FI"),
                &[("street", ValidationError::InvalidFormat)],
                "street without letters",
            ),
            (
                input("Katu 1", "6510", "Vaasa", "FI"),
                &[("postal_code", ValidationError::InvalidFormat)],
                "four-digit Finnish code",
            ),
            (
                input("Katu 1", "65A00", "Vaasa", "FI"),
                &[("postal_code", ValidationError::InvalidCharacters)],
                "letter in Finnish code",
            ),
            (
                input("Katu 1", "65100", "Vaasa 2", "FI"),
                &[("city", ValidationError::InvalidCharacters)],
                "digit in city",
            ),
            (
                input("Katu 1", "65100", "Vaasa", "Finland"),
                &[("country", ValidationError::InvalidFormat)],
                "country name, not code",
            ),
            (
                input("Katu\u{0}1", "65100", "Vaasa", "FI"),
                &[("street", ValidationError::InvalidCharacters)],
                "NUL in street",
            ),
            (
                input("", "", "", ""),
                &[
                    ("city", ValidationError::Required),
                    ("country", ValidationError::Required),
                    ("postal_code", ValidationError::Required),
                    ("street", ValidationError::Required),
                ],
                "everything missing",
            ),
        ];
        for (given, expected, why) in cases {
            let errors = PostalAddress::parse(&given).expect_err(why);
            let expected: BTreeMap<_, _> = expected.iter().copied().collect();
            assert_eq!(errors, expected, "{why}");
        }
        let long = input(&"a".repeat(101), "65100", "Vaasa", "FI");
        assert_eq!(
            PostalAddress::parse(&long).unwrap_err()["street"],
            ValidationError::TooLong
        );
    }

    #[test]
    fn each_part_is_kept_in_its_stored_form() {
        let address = PostalAddress::parse(&input("  Strandgatan   4 ", "651 00", " Vasa ", "fi"))
            .expect("a valid address");
        assert_eq!(address.street(), "Strandgatan 4", "street");
        assert_eq!(address.postal_code(), "65100", "postal code");
        assert_eq!(address.city(), "Vasa", "city");
        assert_eq!(address.country(), "FI", "country");
        // Back to the input type (what the JSON carries): the stored parts, not as typed.
        assert_eq!(
            AddressInput::from(address.clone()),
            input("Strandgatan 4", "65100", "Vasa", "FI")
        );
        let json = serde_json::to_string(&address).unwrap();
        assert_eq!(
            json,
            r#"{"street":"Strandgatan 4","postal_code":"65100","city":"Vasa","country":"FI"}"#
        );
        assert_eq!(
            serde_json::from_str::<PostalAddress>(&json).unwrap(),
            address
        );
    }

    #[test]
    fn an_address_as_typed_reads_on_one_line_untidied() {
        // What a correction request shows of an address that was never parsed.
        assert_eq!(
            input(" Katu 1", "651 00", "vaasa", "fi").one_line(),
            " Katu 1, 651 00 vaasa, fi"
        );
    }

    #[test]
    fn street_and_city_may_be_as_long_as_their_limits() {
        let cases = [
            (
                input(&"a".repeat(100), "65100", "Vaasa", "FI"),
                Ok(()),
                "street of 100",
            ),
            (
                input(&"a".repeat(101), "65100", "Vaasa", "FI"),
                Err(("street", ValidationError::TooLong)),
                "street of 101",
            ),
            (
                input("Katu 1", "65100", &"a".repeat(60), "FI"),
                Ok(()),
                "city of 60",
            ),
            (
                input("Katu 1", "65100", &"a".repeat(61), "FI"),
                Err(("city", ValidationError::TooLong)),
                "city of 61",
            ),
        ];
        for (given, expected, why) in cases {
            let got = PostalAddress::parse(&given).map(|_| ());
            let expected = expected.map_err(|(part, e)| BTreeMap::from([(part, e)]));
            assert_eq!(got, expected, "{why}");
        }
    }

    #[test]
    fn other_countries_postal_codes_take_letters_digits_spaces_and_hyphens() {
        let cases = [
            ("00-950", "PL", Ok("00-950"), "Polish code with a hyphen"),
            (
                "sw1a 2aa",
                "GB",
                Ok("SW1A 2AA"),
                "British code with a space",
            ),
            (
                "00_950",
                "PL",
                Err(ValidationError::InvalidCharacters),
                "underscore",
            ),
            (
                "1234#",
                "US",
                Err(ValidationError::InvalidCharacters),
                "hash sign",
            ),
        ];
        for (code, country, expected, why) in cases {
            let got = PostalAddress::parse(&input("Street 1", code, "City", country));
            match expected {
                Ok(code) => assert_eq!(
                    got.map(|a| a.postal_code().to_owned()),
                    Ok(code.to_owned()),
                    "{why}"
                ),
                Err(e) => assert_eq!(got, Err(BTreeMap::from([("postal_code", e)])), "{why}"),
            }
        }
    }

    #[test]
    fn invalid_address_is_refused_when_deserialised() {
        let json = r#"{"street":"Katu 1","postal_code":"1","city":"Vaasa","country":"FI"}"#;
        assert!(serde_json::from_str::<PostalAddress>(json).is_err());
    }
}
