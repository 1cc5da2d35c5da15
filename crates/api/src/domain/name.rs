use super::{is_forbidden_control, string_domain_type, ValidationError};

/// A first or last name: letters of any script with the joiners names really use
/// (space, hyphen, apostrophe, period), inner runs of spaces collapsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(ValidationError::Required);
        }
        if collapsed.chars().count() > Self::MAX_LEN {
            return Err(ValidationError::TooLong);
        }
        let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.');
        if collapsed
            .chars()
            .any(|c| is_forbidden_control(c) || !allowed(c))
        {
            return Err(ValidationError::InvalidCharacters);
        }
        if !collapsed.chars().any(char::is_alphabetic) {
            return Err(ValidationError::InvalidFormat);
        }
        Ok(Self(collapsed))
    }
}

string_domain_type!(PersonName);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_table() {
        let good = [
            ("Anna", "Anna", "plain"),
            ("  Anna-Liisa  ", "Anna-Liisa", "hyphenated, trimmed"),
            ("Jean  Pierre", "Jean Pierre", "inner spaces collapsed"),
            ("O'Connor", "O'Connor", "apostrophe"),
            ("Åström", "Åström", "Nordic letters"),
        ];
        for (input, expected, why) in good {
            assert_eq!(
                PersonName::parse(input).map(|n| n.to_string()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
        let bad = [
            ("", ValidationError::Required, "empty"),
            ("   ", ValidationError::Required, "only spaces"),
            ("Anna2", ValidationError::InvalidCharacters, "digit"),
            ("<script>", ValidationError::InvalidCharacters, "markup"),
            (
                "An\u{202E}na",
                ValidationError::InvalidCharacters,
                "bidi override",
            ),
            ("- '", ValidationError::InvalidFormat, "no letters"),
        ];
        for (input, expected, why) in bad {
            assert_eq!(PersonName::parse(input), Err(expected), "{why}");
        }
        assert_eq!(
            PersonName::parse(&"a".repeat(101)),
            Err(ValidationError::TooLong)
        );
    }

    #[test]
    fn a_name_may_be_exactly_a_hundred_characters() {
        assert_eq!(
            PersonName::parse(&"a".repeat(100)).map(|n| n.as_str().chars().count()),
            Ok(100),
            "at the limit"
        );
        assert_eq!(
            PersonName::parse(&"ä".repeat(101)),
            Err(ValidationError::TooLong),
            "one past it, counted in characters, not bytes"
        );
    }
}
