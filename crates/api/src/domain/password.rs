//! Passwords as OWASP ASVS 2.1 asks for them: long rather than complicated. Any characters
//! count, spaces and emoji included, and no mix of kinds is demanded. The list of common
//! passwords is checked on the server only: at 75 KB it would outweigh this whole screen.

use super::{is_forbidden_control, ValidationError};

/// The fewest characters a password may have (ASVS 2.1.1).
pub const PASSWORD_MIN_CHARS: usize = 12;

/// The most (ASVS 2.1.2 asks that at least 64 be allowed). A limit at all, because every
/// sign-in hashes what is sent.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Whether `password` may become a password: its length and characters. Nothing is
/// trimmed or changed: what is typed is the password.
pub fn check_new_password(password: &str) -> Result<(), ValidationError> {
    let chars = password.chars().count();
    if chars == 0 {
        Err(ValidationError::Required)
    } else if password.chars().any(is_forbidden_control) {
        Err(ValidationError::InvalidCharacters)
    } else if chars < PASSWORD_MIN_CHARS {
        Err(ValidationError::TooShort)
    } else if chars > PASSWORD_MAX_CHARS {
        Err(ValidationError::TooLong)
    } else {
        Ok(())
    }
}

/// How hard a password would be to guess, 0 (very weak) to 4 (strong), for the hint shown
/// while typing. A rough estimate: the length, the kinds of characters, and how many of
/// them differ (`aaaaaaaaaaaa` is long but weak).
pub fn password_strength(password: &str) -> u8 {
    let chars: Vec<char> = password.chars().collect();
    if chars.is_empty() {
        return 0;
    }
    // The size of the alphabet the password seems to be drawn from.
    let has = |kind: fn(&char) -> bool| chars.iter().any(kind);
    let pool: u32 = [
        (has(char::is_ascii_lowercase), 26),
        (has(char::is_ascii_uppercase), 26),
        (has(char::is_ascii_digit), 10),
        (has(|c| c.is_ascii_punctuation() || *c == ' '), 33),
        (has(|c| !c.is_ascii()), 100),
    ]
    .iter()
    .filter(|(present, _)| *present)
    .map(|(_, size)| size)
    .sum();
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    // Repeats add little: count each character at most twice.
    let effective = chars.len().min(distinct.len() * 2) as f64;
    let bits = effective * f64::from(pool).log2();
    let level = match bits {
        b if b < 45.0 => 0,
        b if b < 60.0 => 1,
        b if b < 75.0 => 2,
        b if b < 95.0 => 3,
        _ => 4,
    };
    if chars.len() < PASSWORD_MIN_CHARS {
        level.min(1)
    } else {
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_decides_not_the_kinds_of_characters() {
        assert_eq!(check_new_password(""), Err(ValidationError::Required));
        assert_eq!(
            check_new_password("elevenchars"),
            Err(ValidationError::TooShort)
        );
        assert_eq!(check_new_password("twelve chars"), Ok(()));
        assert_eq!(check_new_password("kissa kävelee 🐈 ulos"), Ok(()));
        assert_eq!(check_new_password(&"x".repeat(128)), Ok(()));
        assert_eq!(
            check_new_password(&"x".repeat(129)),
            Err(ValidationError::TooLong)
        );
        // Characters, not bytes: twelve emoji are twelve characters.
        assert_eq!(check_new_password(&"🐈".repeat(12)), Ok(()));
        assert_eq!(
            check_new_password(&"🐈".repeat(11)),
            Err(ValidationError::TooShort)
        );
        assert_eq!(
            check_new_password("line\nbreak in it"),
            Err(ValidationError::InvalidCharacters)
        );
    }

    #[test]
    fn strength_grows_with_length_and_variety() {
        assert_eq!(password_strength(""), 0);
        assert_eq!(password_strength("Abc!1"), 0);
        assert_eq!(password_strength("aaaaaaaaaaaaaaaa"), 0);
        assert!(password_strength("Abcdefgh1!x") <= 1, "too short is weak");
        assert_eq!(password_strength("correct horse battery staple"), 4);
        let levels: Vec<u8> = [
            "passwordpass",
            "tiistaiaamuna",
            "Tiistai aamuna 7",
            "Tiistai aamuna 7 kahvia!",
        ]
        .iter()
        .map(|p| password_strength(p))
        .collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]), "{levels:?}");
        assert!(levels[0] < levels[3], "{levels:?}");
    }
}
