//! The bundle's language. Each bundle is built twice, in Dutch and, with the `en` feature, in
//! English (`scripts/lib.sh`, `build_app`); the server sends the one the person chose
//! (`model::lang::LANG_COOKIE`). A text is written once, in both languages, where it is
//! used: `t!("Dutch", "English")`. The macro keeps only the bundle's language, so neither
//! bundle carries the other's words (that keeps every first load within its budget).
//! The tests below read every pair in `src/` and check it: both filled in, the same
//! placeholders and spacing, no Dutch left in the English, and the citizen's English as plain
//! as their Dutch (the same readability limits).

use model::Lang;
use wasm_bindgen::JsCast;

/// The language this bundle was built in.
pub const LANG: Lang = if cfg!(feature = "en") {
    Lang::En
} else {
    Lang::Nl
};

/// The text in the bundle's language: `t!("Inloggen", "Sign in")`.
macro_rules! t {
    ($nl:literal, $en:literal $(,)?) => {
        if cfg!(feature = "en") {
            $en
        } else {
            $nl
        }
    };
}

/// A formatted text in the bundle's language: `tf!("Zaak {n}", "Case {n}")`, or with
/// arguments after the two texts, as in `format!`.
macro_rules! tf {
    ($nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if cfg!(feature = "en") {
            format!($en $(, $arg)*)
        } else {
            format!($nl $(, $arg)*)
        }
    };
}

/// Switches to `lang`: kept in the browser's cookie for a year and, for someone signed in, on
/// their account (`save`, awaited first, so the next page is in the new language too); then
/// the page is loaded again in that language, at the same place (its `#` part included).
pub async fn switch_to(lang: Lang, save: bool) {
    if save {
        // Not saved (no connection, signed out meanwhile): the browser's choice still holds.
        let _ = crate::api::save_language(lang).await;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(document) = document.dyn_into::<web_sys::HtmlDocument>() {
        let secure = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            model::lang::LANG_COOKIE,
            lang.code(),
            if secure { "; Secure" } else { "" }
        );
        let _ = document.set_cookie(&cookie);
    }
    // A code the page took out of its address comes along (it needs it in the new language).
    crate::link_secret::restore_for_reload();
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

#[cfg(test)]
mod tests {
    //! Every `t!`/`tf!` pair in the app's source, read as text (so nothing can be left out).

    use std::path::{Path, PathBuf};

    /// One pair as written in a file.
    #[derive(Debug)]
    struct Pair {
        file: String,
        nl: String,
        en: String,
    }

    /// A Rust string literal at the start of `rest` (after spaces, commas, newlines): its
    /// text (escapes kept as written, enough for these checks) and what follows.
    fn literal(rest: &str) -> Option<(String, &str)> {
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let body = rest.strip_prefix('"')?;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return Some((body[..i].to_owned(), &body[i + 1..])),
                _ => escaped = false,
            }
        }
        None
    }

    fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }

    fn pairs() -> Vec<Pair> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&src, &mut files);
        let mut pairs = Vec::new();
        // This file defines the macros and names them in these tests: no texts of its own.
        for path in files.into_iter().filter(|p| !p.ends_with("i18n.rs")) {
            let text = std::fs::read_to_string(&path).expect("a source file");
            let file = path
                .strip_prefix(&src)
                .unwrap_or(&path)
                .display()
                .to_string();
            let uses = text
                .match_indices("t!(")
                .chain(text.match_indices("tf!("))
                .filter(|(at, _)| {
                    // Not the end of another macro's name (`format!(`).
                    !text[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                });
            for (at, found) in uses {
                // The macros' own definitions have no literal here.
                let rest = &text[at + found.len()..];
                let Some((nl, rest)) = literal(rest) else {
                    continue;
                };
                let (en, _) = literal(rest)
                    .unwrap_or_else(|| panic!("{file}: a text without English: {nl:?}"));
                pairs.push(Pair {
                    file: file.clone(),
                    nl,
                    en,
                });
            }
        }
        pairs
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn the_app_has_its_texts_in_both_languages() {
        let pairs = pairs();
        // Not an empty scan: the header alone has a dozen.
        assert!(pairs.len() > 150, "only {} pairs found", pairs.len());
        for Pair { file, nl, en } in &pairs {
            assert!(
                !nl.trim().is_empty() && !en.trim().is_empty(),
                "{file}: an empty text: {nl:?} / {en:?}"
            );
            assert_eq!(
                placeholders(nl),
                placeholders(en),
                "{file}: other placeholders in {nl:?} and {en:?}"
            );
            // Texts that are joined to the next one keep the space between them.
            assert_eq!(
                (nl.starts_with(' '), nl.ends_with(' ')),
                (en.starts_with(' '), en.ends_with(' ')),
                "{file}: other spacing in {nl:?} and {en:?}"
            );
        }
    }

    /// Words that are only Dutch: one of them in an English text means it was not
    /// translated (names such as Belangenbehartiger and Stella-team are not among them).
    const DUTCH_WORDS: [&str; 20] = [
        "de", "het", "een", "niet", "uw", "wordt", "naar", "heeft", "deze", "wij", "kunt", "bij",
        "voor", "van", "en", "je", "zaak", "zaken", "geen", "klik",
    ];

    #[test]
    fn no_english_text_is_left_in_dutch() {
        for Pair { file, en, .. } in pairs() {
            // A quoted Dutch title (“Een bondgenoot in burgerbelang”) stays as it is.
            let unquoted: String = en
                .split("\\u{201c}")
                .map(|part| {
                    part.split_once("\\u{201d}")
                        .map_or(part, |(_, after)| after)
                })
                .collect();
            // Names joined with hyphens (Stand-van-zakenbrief) are one word.
            for word in unquoted.split(|c: char| !c.is_alphanumeric() && c != '-') {
                assert!(
                    !DUTCH_WORDS.contains(&word),
                    "{file}: Dutch word {word:?} in the English {en:?}"
                );
            }
        }
    }

    /// The pages a citizen reads (on a phone, perhaps in a hurry): their English is held to
    /// the same B1 limits as the Dutch — no sentence over 20 words, on average at most 12.
    #[test]
    fn the_citizens_english_is_as_plain_as_their_dutch() {
        let citizen = |file: &str| {
            file.starts_with("citizen")
                || [
                    "pages/home.rs",
                    "pages/about.rs",
                    "components/notice.rs",
                    "components/upload.rs",
                ]
                .contains(&file)
        };
        let (mut sentences, mut words) = (0usize, 0usize);
        for pair in pairs().into_iter().filter(|p| citizen(&p.file)) {
            for language in [&pair.nl, &pair.en] {
                for sentence in language.split(['.', '?', '!', ':']) {
                    let count = sentence
                        .split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    assert!(count <= 20, "{}: {count} words: {sentence}", pair.file);
                    if language == &pair.en && count > 0 {
                        sentences += 1;
                        words += count;
                    }
                }
            }
        }
        assert!(sentences > 50, "only {sentences} English sentences found");
        let average = words as f64 / sentences as f64;
        assert!(
            average <= 12.0,
            "English sentences average {average:.1} words"
        );
    }
}
