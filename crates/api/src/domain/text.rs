use super::{is_forbidden_control, string_domain_type, ValidationError};

/// Free text the customer writes about themselves: up to 2000 characters,
/// line breaks and tabs allowed, other control characters refused. May be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FreeText(String);

impl FreeText {
    pub const MAX_LEN: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim().replace("\r\n", "\n");
        if s.chars().count() > Self::MAX_LEN {
            return Err(ValidationError::TooLong);
        }
        if s.chars()
            .any(|c| c != '\n' && c != '\t' && is_forbidden_control(c))
        {
            return Err(ValidationError::InvalidCharacters);
        }
        Ok(Self(s))
    }
}

string_domain_type!(FreeText);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_table() {
        assert_eq!(
            FreeText::parse("").map(|t| t.to_string()),
            Ok(String::new()),
            "empty is allowed"
        );
        assert_eq!(
            FreeText::parse(" Prefers paper invoices.\r\nCall after 16. ").map(|t| t.to_string()),
            Ok("Prefers paper invoices.\nCall after 16.".to_owned()),
            "trimmed, line endings unified"
        );
        assert_eq!(
            FreeText::parse(&"x".repeat(2000)).map(|t| t.as_str().len()),
            Ok(2000),
            "at the limit"
        );
        assert_eq!(
            FreeText::parse(&"x".repeat(2001)),
            Err(ValidationError::TooLong),
            "over the limit"
        );
        assert_eq!(
            FreeText::parse("bell\u{0007}"),
            Err(ValidationError::InvalidCharacters),
            "control character"
        );
        assert_eq!(
            FreeText::parse("nul\u{0000}x"),
            Err(ValidationError::InvalidCharacters),
            "NUL"
        );
    }
}
