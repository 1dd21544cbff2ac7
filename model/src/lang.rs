//! The two languages of the product. Dutch is the default; English is the second language.
//! A person's choice is kept in a cookie per browser ([`LANG_COOKIE`], readable by the app)
//! and, for people with an account, on the account, so it follows them to another browser.

use serde::{Deserialize, Serialize};

/// The cookie that holds the chosen language (`nl` or `en`). Not a secret and not personal
/// data: the app sets it itself, the server reads it to send the page in that language.
pub const LANG_COOKIE: &str = "bg_taal";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code in `lang` attributes, the cookie and the database (`nl`, `en`).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of a code as stored (an account's choice): Dutch for anything else.
    pub fn from_stored(code: &str) -> Lang {
        Lang::from_code(code).unwrap_or_default()
    }

    /// The other language: the one the header's link offers.
    pub const fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The language's own name, as the header's link shows it (in that language).
    pub const fn own_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// The text of the two in this language.
    pub const fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// A text in both languages, written once where it is used: `Text::new("Dutch", "English")`.
/// [`Text::get`] gives it in the current language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub nl: &'static str,
    pub en: &'static str,
}

impl Text {
    /// In a browser bundle (one language) the other text is left out: a `Text` constant is
    /// data, and data that holds both would put both into every bundle.
    pub const fn new(nl: &'static str, en: &'static str) -> Text {
        if cfg!(feature = "only-nl") {
            Text { nl, en: "" }
        } else if cfg!(feature = "only-en") {
            Text { nl: "", en }
        } else {
            Text { nl, en }
        }
    }

    /// The text in the current language ([`current`]).
    #[inline(always)]
    pub fn get(self) -> &'static str {
        tr(self.nl, self.en)
    }

    pub const fn of(self, lang: Lang) -> &'static str {
        lang.pick(self.nl, self.en)
    }
}

std::thread_local! {
    static CURRENT: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Where the language comes from when this thread was not told one: on the server, the
/// request being served (set once at start; see the server's `http::language`).
static SOURCE: std::sync::OnceLock<fn() -> Option<Lang>> = std::sync::OnceLock::new();

/// The language this thread speaks now: the one it was told ([`set_current`], [`speaking`]),
/// else the source's (the server: the request's), else Dutch.
pub fn current() -> Lang {
    // A browser bundle speaks one language: the other's branches are left out of it.
    if cfg!(feature = "only-nl") {
        return Lang::Nl;
    }
    if cfg!(feature = "only-en") {
        return Lang::En;
    }
    CURRENT
        .with(std::cell::Cell::get)
        .or_else(|| SOURCE.get().and_then(|source| source()))
        .unwrap_or_default()
}

/// Sets the language for everything on this thread from now on (the browser, at start).
pub fn set_current(lang: Lang) {
    CURRENT.with(|current| current.set(Some(lang)));
}

/// Sets where [`current`] finds the language when no thread was told one (once; later calls
/// are ignored).
pub fn set_source(source: fn() -> Option<Lang>) {
    let _ = SOURCE.set(source);
}

/// Runs `f` (synchronous) with `lang` as the current language: a mail to someone in their
/// own language, a text that is stored and so always Dutch.
pub fn speaking<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    let before = CURRENT.with(|current| current.replace(Some(lang)));
    let result = f();
    CURRENT.with(|current| current.set(before));
    result
}

/// The text in the current language. A browser bundle is built for one language (the
/// features `only-nl` / `only-en`): there the other text is not even compiled in.
#[inline(always)]
pub fn tr(nl: &'static str, en: &'static str) -> &'static str {
    if cfg!(feature = "only-nl") {
        nl
    } else if cfg!(feature = "only-en") {
        en
    } else {
        current().pick(nl, en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_go_both_ways_and_nothing_else_is_a_language() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_ne!(lang.other(), lang);
        }
        assert_eq!(Lang::from_code("NL"), None);
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::default(), Lang::Nl);
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    }

    #[test]
    fn a_check_speaks_its_language_and_then_the_thread_speaks_its_own_again() {
        let text = Text::new("Vul de naam in.", "Fill in the name.");
        assert_eq!(text.get(), "Vul de naam in.");
        assert_eq!(speaking(Lang::En, || text.get()), "Fill in the name.");
        assert_eq!(current(), Lang::Nl);
        assert_eq!(text.of(Lang::En), "Fill in the name.");
    }
}
