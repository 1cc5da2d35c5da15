//! The 10,000 most common passwords (`common-passwords.txt`: SecLists' "10-million-password-
//! list-top-10000", MIT licence, © Daniel Miessler), refused as new passwords (ASVS 2.1.7).
//! Compared without regard to case: `Password123` is as common as `password123`.

use std::{collections::HashSet, sync::OnceLock};

static LIST: &str = include_str!("common-passwords.txt");

pub fn is_common(password: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().map(str::to_lowercase).collect())
        .contains(&password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_whole_and_compared_without_case() {
        assert_eq!(LIST.lines().count(), 10_000);
        assert!(is_common("password"));
        assert!(is_common("123qweasdzxc"));
        assert!(is_common("123QWEasdZXC"));
        assert!(!is_common("Tiistai aamuna 7 kahvia!"));
        // Only whole passwords: a common one inside a longer one is fine.
        assert!(!is_common("password is not my password"));
    }
}
