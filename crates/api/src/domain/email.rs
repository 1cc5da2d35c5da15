use super::{is_forbidden_control, string_domain_type, ValidationError};

/// An email address in the practical shape mail servers accept: `local@domain.tld`.
/// The domain is lower-cased; the local part is kept as typed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::Required);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(ValidationError::TooLong);
        }
        if s.chars()
            .any(|c| c.is_whitespace() || is_forbidden_control(c))
        {
            return Err(ValidationError::InvalidCharacters);
        }
        let (local, domain) = s.split_once('@').ok_or(ValidationError::InvalidFormat)?;
        if local.is_empty() || local.len() > 64 || domain.contains('@') {
            return Err(ValidationError::InvalidFormat);
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(ValidationError::InvalidFormat);
        }
        let local_ok = local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        if !local_ok {
            return Err(ValidationError::InvalidCharacters);
        }
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        if labels.len() < 2 {
            return Err(ValidationError::InvalidFormat);
        }
        for label in &labels {
            let ok = !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-');
            if !ok {
                return Err(ValidationError::InvalidFormat);
            }
        }
        let tld = labels[labels.len() - 1];
        if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
            return Err(ValidationError::InvalidFormat);
        }
        Ok(Self(format!("{local}@{domain}")))
    }
}

string_domain_type!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_addresses() {
        let cases = [
            (
                "anna.virtanen@example.fi",
                "anna.virtanen@example.fi",
                "plain",
            ),
            (
                "  Anna@Example.FI ",
                "Anna@example.fi",
                "trimmed, domain lower-cased",
            ),
            (
                "o'brien+invoices@mail.example.com",
                "o'brien+invoices@mail.example.com",
                "apostrophe and plus tag",
            ),
            ("åsa@exempel.se", "åsa@exempel.se", "non-ASCII local part"),
            (
                "x@sub-domain.example.co",
                "x@sub-domain.example.co",
                "hyphen inside a label",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(
                Email::parse(input).map(|e| e.to_string()),
                Ok(expected.to_owned()),
                "{why}"
            );
        }
    }

    #[test]
    fn rejects_invalid_addresses() {
        let long_local = format!("{}@example.fi", "a".repeat(65));
        let too_long = format!("{}@{}.fi", "a".repeat(60), "b".repeat(200));
        let cases: [(&str, ValidationError, &str); 14] = [
            ("", ValidationError::Required, "empty"),
            ("   ", ValidationError::Required, "only spaces"),
            ("anna.example.fi", ValidationError::InvalidFormat, "no @"),
            (
                "@example.fi",
                ValidationError::InvalidFormat,
                "no local part",
            ),
            ("anna@", ValidationError::InvalidFormat, "no domain"),
            (
                "anna@localhost",
                ValidationError::InvalidFormat,
                "no dot in domain",
            ),
            ("anna@@example.fi", ValidationError::InvalidFormat, "two @"),
            (
                "anna @example.fi",
                ValidationError::InvalidCharacters,
                "space inside",
            ),
            (
                "anna@example..fi",
                ValidationError::InvalidFormat,
                "empty label",
            ),
            (
                "anna@-example.fi",
                ValidationError::InvalidFormat,
                "label starts with hyphen",
            ),
            (
                ".anna@example.fi",
                ValidationError::InvalidFormat,
                "local part starts with dot",
            ),
            (
                "anna@example.1",
                ValidationError::InvalidFormat,
                "numeric top-level domain",
            ),
            (
                "an\u{0007}na@example.fi",
                ValidationError::InvalidCharacters,
                "control character",
            ),
            (
                "an<na>@example.fi",
                ValidationError::InvalidCharacters,
                "angle brackets",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Email::parse(input), Err(expected), "{why}: {input:?}");
        }
        assert_eq!(
            Email::parse(&long_local),
            Err(ValidationError::InvalidFormat),
            "local part over 64"
        );
        assert_eq!(
            Email::parse(&too_long),
            Err(ValidationError::TooLong),
            "over 254 characters"
        );
    }

    #[test]
    fn length_limits_hold_at_the_limit_and_refuse_one_past_it() {
        // 64 + 1 + 189 = 254 characters, every label within 63.
        let domain = |last: usize| {
            format!(
                "{}.{}.{}.fi",
                "b".repeat(63),
                "c".repeat(63),
                "d".repeat(last)
            )
        };
        let local64 = "a".repeat(64);
        let at_limit = format!("{local64}@{}", domain(58));
        let one_past = format!("{local64}@{}", domain(59));
        assert_eq!(at_limit.len(), 254);
        assert_eq!(
            Email::parse(&at_limit).map(|e| e.as_str().len()),
            Ok(254),
            "254 characters, a 64-character local part"
        );
        assert_eq!(
            Email::parse(&one_past),
            Err(ValidationError::TooLong),
            "255 characters"
        );
        let local = format!("{local64}@example.fi");
        assert_eq!(
            Email::parse(&local).map(|e| e.to_string()),
            Ok(local.clone()),
            "a 64-character local part"
        );
    }

    #[test]
    fn refuses_what_the_first_checks_alone_would_let_through() {
        // Each case breaks one rule only, so a rule that stopped working lets it pass
        // or be refused for another reason.
        let cases = [
            (
                "anna@exa mple.fi",
                ValidationError::InvalidCharacters,
                "space in the domain",
            ),
            (
                "anna@exa\u{0007}mple.fi",
                ValidationError::InvalidCharacters,
                "control character in the domain",
            ),
            (
                "anna@exa\u{200B}mple.fi",
                ValidationError::InvalidCharacters,
                "zero-width space in the domain",
            ),
            (
                "anna.@example.fi",
                ValidationError::InvalidFormat,
                "local part ends with a dot",
            ),
            (
                "an..na@example.fi",
                ValidationError::InvalidFormat,
                "two dots in a row",
            ),
            (
                "anna@example.f",
                ValidationError::InvalidFormat,
                "one-letter top-level domain",
            ),
            (
                "anna@example.12",
                ValidationError::InvalidFormat,
                "two-digit top-level domain",
            ),
        ];
        for (input, expected, why) in cases {
            assert_eq!(Email::parse(input), Err(expected), "{why}: {input:?}");
        }
    }
}
