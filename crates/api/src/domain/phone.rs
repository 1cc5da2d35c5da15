use super::{string_domain_type, ValidationError};

/// A phone number normalised to E.164 (`+358401234567`). Finnish national numbers
/// (`040 123 4567`) get the +358 prefix; `00` is read as the international prefix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::Required);
        }
        let mut digits = String::with_capacity(s.len());
        let mut plus = false;
        for (i, c) in s.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => plus = true,
                ' ' | '-' | '(' | ')' | '.' | '/' => {}
                _ => return Err(ValidationError::InvalidCharacters),
            }
        }
        let international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("358{rest}")
        } else {
            // Without a prefix we cannot know the country.
            return Err(ValidationError::InvalidFormat);
        };
        if international.starts_with('0') {
            return Err(ValidationError::InvalidFormat);
        }
        // E.164 caps a number at 15 digits; fewer than 8 is no real subscriber number anywhere.
        let len = international.len();
        if len < 8 {
            return Err(ValidationError::TooShort);
        }
        if len > 15 {
            return Err(ValidationError::TooLong);
        }
        Ok(Self(format!("+{international}")))
    }
}

impl Phone {
    /// The number grouped for reading. Finnish numbers the way they are printed here
    /// (`+358 40 123 4567`, `+358 9 123 456`); others stay in E.164, since their
    /// grouping differs by country.
    pub fn display(&self) -> String {
        let Some(national) = self.0.strip_prefix("+358") else {
            return self.0.clone();
        };
        // Mobile (4x, 50), service (20, 7x) and eastern area codes (1x) have two digits;
        // the other area codes (2, 3, 5, 6, 8, 9) one.
        let two = ["1", "4", "50", "20", "7"]
            .iter()
            .any(|p| national.starts_with(p));
        let area_len = if two { 2 } else { 1 };
        if national.len() <= area_len + 3 {
            return format!("+358 {national}");
        }
        let (area, rest) = national.split_at(area_len);
        let (middle, last) = rest.split_at(3);
        format!("+358 {area} {middle} {last}")
    }
}

string_domain_type!(Phone);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_to_e164() {
        let cases = [
            (
                "040 123 4567",
                "+358401234567",
                "Finnish mobile, national form",
            ),
            (
                "+358 40 123 4567",
                "+358401234567",
                "Finnish mobile, international form",
            ),
            (
                "00358-40-1234567",
                "+358401234567",
                "00 prefix with hyphens",
            ),
            (
                "(09) 123 456",
                "+3589123456",
                "Helsinki landline with parentheses",
            ),
            ("+46 70 123 45 67", "+46701234567", "Swedish mobile"),
            ("+1 (202) 555-0173", "+12025550173", "North American number"),
            ("020 778 0490", "+358207780490", "Finnish service number"),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Phone::parse(input).map(|p| p.to_string()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
    }

    #[test]
    fn groups_finnish_numbers_for_reading() {
        let cases = [
            ("040 123 4567", "+358 40 123 4567", "mobile"),
            ("050 765 4321", "+358 50 765 4321", "another mobile"),
            ("09 123 456", "+358 9 123 456", "Helsinki landline"),
            ("06 317 4000", "+358 6 317 4000", "Vaasa landline"),
            ("014 123 456", "+358 14 123 456", "two-digit area code"),
            ("020 778 0490", "+358 20 778 0490", "service number"),
            (
                "050 1234",
                "+358 50 123 4",
                "short mobile: three after the area code, then the rest",
            ),
            ("040 123", "+358 40123", "too short for groups: one block"),
            (
                "+46 70 123 45 67",
                "+46701234567",
                "other countries stay E.164",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Phone::parse(input).unwrap().display(), expected, "{why}");
        }
    }

    #[test]
    fn rejects_invalid_numbers() {
        let cases = [
            ("", ValidationError::Required, "empty"),
            (
                "40 123 4567",
                ValidationError::InvalidFormat,
                "no prefix, country unknown",
            ),
            (
                "+0 123 456 789",
                ValidationError::InvalidFormat,
                "country code cannot start with 0",
            ),
            ("040 12", ValidationError::TooShort, "too few digits"),
            (
                "+358 40 123 4567 8901",
                ValidationError::TooLong,
                "over 15 digits",
            ),
            ("040-CALL-ME", ValidationError::InvalidCharacters, "letters"),
            (
                "040 123 4567 ext 5",
                ValidationError::InvalidCharacters,
                "extension text",
            ),
            (
                "358+401234567",
                ValidationError::InvalidCharacters,
                "plus in the middle",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Phone::parse(input), Err(expected), "{why}: {input:?}");
        }
    }

    #[test]
    fn a_number_has_eight_to_fifteen_digits() {
        // Counted with the country code, as E.164 counts them.
        let cases = [
            ("09 123", Err(ValidationError::TooShort), "7 digits"),
            ("09 1234", Ok("+35891234"), "8 digits"),
            ("+358 40 123 4567 890", Ok("+358401234567890"), "15 digits"),
            (
                "+358 40 123 4567 8901",
                Err(ValidationError::TooLong),
                "16 digits",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Phone::parse(input).map(|p| p.to_string()),
                expected.map(str::to_owned),
                "{why}"
            );
        }
    }
}
