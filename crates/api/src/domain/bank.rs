use super::{string_domain_type, ValidationError};

/// An IBAN, stored without spaces in upper case, with its check digits verified (ISO 13616).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Iban(String);

/// Lengths for the countries our customers bank in; others get the generic 15–34 check.
const KNOWN_LENGTHS: &[(&str, usize)] = &[
    ("FI", 18),
    ("SE", 24),
    ("NO", 15),
    ("DK", 18),
    ("EE", 20),
    ("DE", 22),
    ("AX", 18),
    ("NL", 18),
    ("FR", 27),
    ("ES", 24),
];

impl Iban {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(ValidationError::Required);
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ValidationError::InvalidCharacters);
        }
        let bytes = compact.as_bytes();
        if bytes.len() < 4
            || !bytes[..2].iter().all(u8::is_ascii_alphabetic)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
        {
            return Err(ValidationError::InvalidFormat);
        }
        let expected = KNOWN_LENGTHS
            .iter()
            .find(|(cc, _)| *cc == &compact[..2])
            .map(|&(_, len)| len);
        match expected {
            Some(len) if bytes.len() < len => return Err(ValidationError::TooShort),
            Some(len) if bytes.len() > len => return Err(ValidationError::TooLong),
            None if bytes.len() < 15 => return Err(ValidationError::TooShort),
            None if bytes.len() > 34 => return Err(ValidationError::TooLong),
            _ => {}
        }
        if mod97(&compact) != 1 {
            return Err(ValidationError::InvalidChecksum);
        }
        Ok(Self(compact))
    }

    /// The IBAN in groups of four with all but the country code and last four characters
    /// hidden: what a screen may show (`FI•• •••• •••• ••00 11`).
    pub fn masked(&self) -> String {
        let n = self.0.len();
        let hidden: String = self
            .0
            .chars()
            .enumerate()
            .map(|(i, c)| if i < 2 || i + 4 >= n { c } else { '•' })
            .collect();
        group4(&hidden)
    }

    /// The IBAN in groups of four, as printed on paper.
    pub fn grouped(&self) -> String {
        group4(&self.0)
    }
}

fn group4(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The remainder of the rearranged IBAN as a number, computed digit by digit.
fn mod97(iban: &str) -> u32 {
    let rearranged = iban[4..].chars().chain(iban[..4].chars());
    rearranged.fold(0u32, |acc, c| {
        let value = c.to_digit(36).expect("checked alphanumeric");
        if value < 10 {
            (acc * 10 + value) % 97
        } else {
            (acc * 100 + value) % 97
        }
    })
}

string_domain_type!(Iban);

/// A BIC (SWIFT code): 4-letter bank, 2-letter country, 2-character location, optional branch.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bic(String);

impl Bic {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s: String = raw.trim().chars().map(|c| c.to_ascii_uppercase()).collect();
        if s.is_empty() {
            return Err(ValidationError::Required);
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ValidationError::InvalidCharacters);
        }
        if s.len() != 8 && s.len() != 11 {
            return Err(ValidationError::InvalidFormat);
        }
        if !s.as_bytes()[..6].iter().all(u8::is_ascii_alphabetic) {
            return Err(ValidationError::InvalidFormat);
        }
        Ok(Self(s))
    }
}

string_domain_type!(Bic);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_ibans() {
        let cases = [
            (
                "FI2112345600000785",
                "FI2112345600000785",
                "Finnish, compact",
            ),
            (
                "fi21 1234 5600 0007 85",
                "FI2112345600000785",
                "lower case with spaces",
            ),
            (
                "SE45 5000 0000 0583 9825 7466",
                "SE4550000000058398257466",
                "Swedish",
            ),
            (
                "DE89 3704 0044 0532 0130 00",
                "DE89370400440532013000",
                "German",
            ),
            (
                "GB29 NWBK 6016 1331 9268 19",
                "GB29NWBK60161331926819",
                "letters in the account part",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Iban::parse(input).map(|i| i.to_string()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
    }

    #[test]
    fn rejects_invalid_ibans() {
        let cases = [
            ("", ValidationError::Required, "empty"),
            (
                "FI21 1234 5600 0007 86",
                ValidationError::InvalidChecksum,
                "last digit mistyped",
            ),
            (
                "FI12 1234 5600 0007 85",
                ValidationError::InvalidChecksum,
                "check digits mistyped",
            ),
            (
                "FI21 1234 5600 0007",
                ValidationError::TooShort,
                "Finnish IBAN too short",
            ),
            (
                "FI21 1234 5600 0007 8500",
                ValidationError::TooLong,
                "Finnish IBAN too long",
            ),
            (
                "1121 1234 5600 0007 85",
                ValidationError::InvalidFormat,
                "no country code",
            ),
            (
                "FIXX 1234 5600 0007 85",
                ValidationError::InvalidFormat,
                "letters as check digits",
            ),
            (
                "FI21-1234-5600-0007-85",
                ValidationError::InvalidCharacters,
                "hyphens",
            ),
            (
                "XY21 1234",
                ValidationError::TooShort,
                "unknown country, too short",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Iban::parse(input), Err(expected), "{why}: {input:?}");
        }
    }

    #[test]
    fn countries_without_a_known_length_take_15_to_34_characters() {
        // "XX" stands for a country not in KNOWN_LENGTHS; the check digits of each are
        // correct (ISO 7064 MOD 97-10), so only the length decides.
        let cases = [
            (
                "XX36 1234 5678 90",
                Err(ValidationError::TooShort),
                "14 characters",
            ),
            ("XX08 1234 5678 901", Ok("XX0812345678901"), "15 characters"),
            (
                "XX44 1234 5678 9012 3456 7890 1234 5678 90",
                Ok("XX44123456789012345678901234567890"),
                "34 characters",
            ),
            (
                "XX88 1234 5678 9012 3456 7890 1234 5678 901",
                Err(ValidationError::TooLong),
                "35 characters",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Iban::parse(input).map(|i| i.to_string()),
                expected.map(str::to_owned),
                "{why}"
            );
        }
    }

    #[test]
    fn too_few_characters_for_country_and_check_digits() {
        let cases = [
            ("F", ValidationError::InvalidFormat, "one character"),
            ("FI2", ValidationError::InvalidFormat, "three characters"),
            (
                "FI21",
                ValidationError::TooShort,
                "country and check digits only: a Finnish IBAN too short",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Iban::parse(input), Err(expected), "{why}");
        }
    }

    #[test]
    fn letters_anywhere_count_in_the_check_digits() {
        // Each letter counts as two digits (A = 10 … Z = 35). Austria's has an A in the
        // country code; Malta's has seven letters in a row in the account part.
        let cases = [
            (
                "AT61 1904 3002 3457 3201",
                "AT611904300234573201",
                "Austrian",
            ),
            (
                "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
                "MT84MALT011000012345MTLCAST001S",
                "Maltese",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Iban::parse(input).map(|i| i.to_string()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
        assert_eq!(
            Iban::parse("AT62 1904 3002 3457 3201"),
            Err(ValidationError::InvalidChecksum),
            "Austrian, check digits mistyped"
        );
    }

    #[test]
    fn masks_all_but_country_and_last_four() {
        let iban = Iban::parse("FI2112345600000785").unwrap();
        assert_eq!(iban.masked(), "FI•• •••• •••• ••07 85");
        assert_eq!(iban.grouped(), "FI21 1234 5600 0007 85");
    }

    #[test]
    fn bic_table() {
        let good = [
            ("NDEAFIHH", "NDEAFIHH"),
            ("okoyfihh", "OKOYFIHH"),
            ("HANDFIHHXXX", "HANDFIHHXXX"),
        ];
        for (input, expected) in good {
            assert_eq!(
                Bic::parse(input).map(|b| b.to_string()),
                Ok(expected.to_owned())
            );
        }
        let bad = [
            ("", ValidationError::Required, "empty"),
            ("NDEAFI", ValidationError::InvalidFormat, "too short"),
            (
                "NDEAFIHHX",
                ValidationError::InvalidFormat,
                "nine characters",
            ),
            (
                "ND3AFIHH",
                ValidationError::InvalidFormat,
                "digit in bank code",
            ),
            ("NDEA-FIHH", ValidationError::InvalidCharacters, "hyphen"),
        ];
        for (input, expected, why) in bad {
            assert_eq!(Bic::parse(input), Err(expected), "{why}");
        }
    }
}
