//! Passwords people are known to pick, refused when an account chooses one. The list ships
//! with the project (`data/common-passwords.txt`, from zxcvbn's frequency list, plus common
//! Dutch words): no network service sees the password.

use std::collections::HashSet;
use std::sync::LazyLock;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/common-passwords.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// What a person is told when the password they chose is on the list.
pub const COMMON_MESSAGE: model::Text = model::Text::new(
    "Dit wachtwoord gebruiken veel mensen. Het is daardoor makkelijk te raden. Kies een ander wachtwoord, bijvoorbeeld drie of vier losse woorden.",
    "Many people use this password. So it is easy to guess. Choose another password, for example three or four separate words.",
);

/// Whether `password` is a common password: one from the list (in any case), one of them
/// with only digits or signs after it ("wachtwoord123!"), or one short piece over and over
/// ("welkomwelkom", "abcabcabcabc").
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return true;
    }
    let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if stem.chars().count() >= 4 && COMMON.contains(stem) {
        return true;
    }
    repeats_a_short_piece(&lower)
}

fn repeats_a_short_piece(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len() / 2).any(|n| {
        chars.len().is_multiple_of(n)
            && chars.chunks(n).all(|chunk| chunk == &chars[..n])
            && (n <= 3 || COMMON.contains(chars[..n].iter().collect::<String>().as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::is_common;

    #[test]
    fn listed_passwords_and_easy_variants_are_common() {
        for password in [
            "password1234",
            "Wachtwoord123!",
            "welkomwelkom",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "qwertyuiop12",
            "1234567890ab".trim_end_matches("ab"),
        ] {
            assert!(is_common(password), "{password} passed");
        }
    }

    #[test]
    fn a_long_unusual_password_is_not_common() {
        for password in [
            "paars-fietspomp-regent",
            "Zeven wolken boven Zwolle",
            "k8#Tq!m2Lw9z",
        ] {
            assert!(!is_common(password), "{password} refused");
        }
    }
}
