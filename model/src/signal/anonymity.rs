//! Does a signal's story still hold something that points at one person? A signal leaves
//! Bondgenoot (to the KSMS), so its story must be anonymous (brief §4.6). This check flags
//! text that looks like personal data, before sending: a BSN (nine digits that pass the
//! elfproef), a date, a postcode, an e-mail address, a phone number, a name (two capitalised
//! words, or a capitalised word, a particle like "de" or "van" and another). It only warns;
//! a person reads the story (and a second staff member approves it before it leaves).
//!
//! Hand-written scanners instead of a regex engine: this runs in the browser too, and a regex
//! crate would cost more of the Wasm budget than the whole signals form.

/// What kind of personal data a piece of text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hint {
    Bsn,
    Datum,
    Postcode,
    Email,
    Telefoon,
    Naam,
}

impl Hint {
    /// The warning, in B1 Dutch, with what to do.
    pub fn message(self) -> &'static str {
        match self {
            Hint::Bsn => crate::lang::tr("Er staat een BSN in. Haal het nummer weg.", "There is a BSN in it. Remove the number."),
            Hint::Datum => {
                crate::lang::tr("Er staat een precieze datum in. Schrijf liever alleen de maand of het jaar.", "There is an exact date in it. Better write only the month or the year.")
            }
            Hint::Postcode => crate::lang::tr("Er staat een postcode in. Haal die weg, of noem alleen de plaats.", "There is a postcode in it. Remove it, or only name the place."),
            Hint::Email => crate::lang::tr("Er staat een e-mailadres in. Haal het weg.", "There is an e-mail address in it. Remove it."),
            Hint::Telefoon => crate::lang::tr("Er staat een telefoonnummer in. Haal het weg.", "There is a phone number in it. Remove it."),
            Hint::Naam => {
                crate::lang::tr("Er staat misschien een naam in. Schrijf liever 'de burger' of 'een moeder van twee kinderen'.", "There may be a name in it. Better write 'the citizen' or 'a mother of two children'.")
            }
        }
    }
}

/// Words with a capital that are not names: institutions and terms of this domain. A pair
/// that includes one of them is not flagged as a name.
const NOT_NAMES: &[&str] = &[
    "belastingdienst",
    "dienst",
    "toeslagen",
    "belangenbehartiger",
    "stella",
    "stella-team",
    "ksms",
    "uht",
    "cak",
    "cjib",
    "duo",
    "uwv",
    "svb",
    "nationale",
    "ombudsman",
    "belastingtelefoon",
    "geldfit",
    "herstel",
    "kinderopvangtoeslag",
    "huurtoeslag",
    "zorgtoeslag",
    "kindgebonden",
    "budget",
    "inkomstenbelasting",
    "omzetbelasting",
    "nederland",
    "den",
    "haag",
    "amsterdam",
    "rotterdam",
    "utrecht",
];

/// Lower-case words that sit inside a Dutch or other name ("Anna de Vries", "Van der Berg").
const PARTICLES: &[&str] = &[
    "de", "van", "der", "den", "het", "ter", "ten", "te", "el", "al", "la", "le", "op", "in",
];

/// Words that put a name after them, also at a sentence's start ("Mevrouw Jansen belde").
const TITLES: &[&str] = &["mevrouw", "meneer", "mevr", "mw", "dhr", "heer", "dokter"];

/// Short month names people write besides the full ones (`Date::MONTHS`).
const SHORT_MONTHS: &[&str] = &[
    "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec",
];

/// Every kind of personal data `text` seems to hold, each once, in a fixed order.
pub fn hints(text: &str) -> Vec<Hint> {
    let mut found = Vec::new();
    let mut add = |hint: Hint, yes: bool| {
        if yes && !found.contains(&hint) {
            found.push(hint);
        }
    };
    add(Hint::Bsn, has_bsn(text));
    add(Hint::Datum, has_date(text));
    add(Hint::Postcode, has_postcode(text));
    add(Hint::Email, has_email(text));
    add(Hint::Telefoon, has_phone(text));
    add(Hint::Naam, has_name(text));
    found
}

/// Runs of digits, where single spaces, dots and dashes between digits join them
/// ("1234.56.782", "06 1234 5678"), each with the characters just around it.
fn digit_runs(text: &str) -> Vec<(String, Option<char>, Option<char>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        while i < chars.len() {
            if chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                i += 1;
            } else if matches!(chars[i], ' ' | '.' | '-')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        let before = start.checked_sub(1).map(|b| chars[b]);
        runs.push((digits, before, chars.get(i).copied()));
    }
    runs
}

fn has_bsn(text: &str) -> bool {
    digit_runs(text)
        .iter()
        .any(|(digits, _, _)| digits.len() == 9 && crate::domain::bsn::elfproef(digits))
}

fn has_phone(text: &str) -> bool {
    digit_runs(text).iter().any(|(digits, before, _)| {
        // 06 12345678, 020-1234567 (ten digits from 0), +31 6 12345678, 0031 6 …
        (digits.len() == 10 && digits.starts_with('0'))
            || (*before == Some('+') && digits.starts_with("31") && digits.len() == 11)
            || (digits.starts_with("0031") && digits.len() == 13)
    })
}

/// dd-mm-jjjj (also / and .), and "12 mei 2024" or "12 mei".
fn has_date(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let numeric = words.iter().any(|word| {
        let word = word.trim_end_matches(['.', ':']);
        let parts: Vec<&str> = word.split(['-', '/', '.']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[0].len() <= 2
            && parts[1].len() <= 2
            && matches!(parts[2].len(), 2 | 4)
            && parts[0].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && parts[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
    });
    let spelled = words.windows(2).any(|pair| {
        let day = pair[0];
        let month = pair[1].trim_end_matches(['.', ',']).to_lowercase();
        day.len() <= 2
            && day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && (crate::domain::Date::MONTHS.contains(&month.as_str())
                || SHORT_MONTHS.contains(&month.as_str()))
    });
    numeric || spelled
}

/// Four digits (the first not 0) and two capital letters: "1234 AB" or "1234AB".
fn has_postcode(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|i| {
        let digits = chars
            .get(i..i + 4)
            .is_some_and(|d| d.iter().all(char::is_ascii_digit) && d[0] != '0');
        if !digits || i.checked_sub(1).is_some_and(|b| chars[b].is_alphanumeric()) {
            return false;
        }
        let mut j = i + 4;
        if chars.get(j) == Some(&' ') {
            j += 1;
        }
        let letters = chars
            .get(j..j + 2)
            .is_some_and(|l| l.iter().all(char::is_ascii_uppercase));
        letters && !chars.get(j + 2).is_some_and(|c| c.is_alphanumeric())
    })
}

fn has_email(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '<' | '>'))
        .any(|word| {
            let word = word.trim_end_matches(['.', ':']);
            match word.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            }
        })
}

fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

fn has_name(text: &str) -> bool {
    // Words with whether a sentence ends right before them.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word: String = raw
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .to_owned();
        if !word.is_empty() {
            words.push((word, sentence_start));
        }
        sentence_start = raw.ends_with(['.', '!', '?', ':']);
    }
    let named = |w: &str| capitalised(w) && !NOT_NAMES.contains(&w.to_lowercase().as_str());
    for i in 0..words.len() {
        let (first, first_starts) = &words[i];
        if !named(first) {
            continue;
        }
        // Particles between: "Anna de Vries", "Jan van der Berg".
        let mut j = i + 1;
        let mut particles = 0;
        while j < words.len() && PARTICLES.contains(&words[j].0.as_str()) {
            j += 1;
            particles += 1;
        }
        let Some((last, last_starts)) = words.get(j) else {
            continue;
        };
        if !named(last) || *last_starts {
            continue;
        }
        // A capitalised word at a sentence's start is ordinary; with a particle after it, a
        // title, or inside a sentence, two capitalised words in a row are most likely a name.
        let title = TITLES.contains(&first.to_lowercase().as_str());
        if particles > 0 || title || !first_starts {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_kind_is_found_in_a_story() {
        let cases = [
            ("Haar BSN is 111222333, dat klopt.", Hint::Bsn),
            ("Het nummer 1112.22.333 stond in de brief.", Hint::Bsn),
            ("Op 12-05-2024 kwam de brief.", Hint::Datum),
            ("De brief van 3 maart kwam te laat.", Hint::Datum),
            ("Zij woont op 1234 AB in de stad.", Hint::Postcode),
            ("Zij woont op 1234AB.", Hint::Postcode),
            ("Mail naar anna@example.org voor meer.", Hint::Email),
            ("Bel haar op 06 12345678 of later.", Hint::Telefoon),
            ("Bel 020-1234567.", Hint::Telefoon),
            ("Bel +31 6 12345678.", Hint::Telefoon),
            ("Toen belde Anna de Vries de Belastingdienst.", Hint::Naam),
            ("Mevrouw Jansen kreeg een brief.", Hint::Naam),
            ("Daarna schreef ik aan Piet Hendriks een brief.", Hint::Naam),
        ];
        for (text, hint) in cases {
            assert!(hints(text).contains(&hint), "{text:?} should give {hint:?}");
        }
    }

    #[test]
    fn an_anonymous_story_passes() {
        let story = "Een moeder van twee kinderen kreeg in 2024 een terugvordering van de \
            huurtoeslag. De Belastingdienst en Dienst Toeslagen gaven elk een ander antwoord. \
            Het Stella-team verwees haar door. Zij moest 1200 euro terugbetalen, in 12 termijnen. \
            De BelastingTelefoon wist het niet. Wat helpt: één vast contactpersoon.";
        assert_eq!(hints(story), Vec::<Hint>::new());
    }

    #[test]
    fn nine_digits_without_the_elfproef_are_no_bsn() {
        assert!(!hints("Kenmerk 123456789 op de brief.").contains(&Hint::Bsn));
    }

    proptest! {
        /// Any valid BSN is found wherever it stands in a sentence.
        #[test]
        fn every_valid_bsn_is_found(n in 10_000_000u32..99_999_999, before in "[a-z ]{0,20}", after in "[a-z ]{0,20}") {
            // Make nine digits that pass the elfproef: pick the last digit to fit.
            let head = format!("{n:08}");
            let sum: i32 = head.bytes().zip([9, 8, 7, 6, 5, 4, 3, 2]).map(|(d, w)| i32::from(d - b'0') * w).sum();
            let last = sum % 11;
            prop_assume!(last < 10 && sum != 0);
            let bsn = format!("{head}{last}");
            prop_assume!(crate::domain::bsn::elfproef(&bsn));
            let text = format!("{before} {bsn} {after}");
            prop_assert!(hints(&text).contains(&Hint::Bsn));
        }

        /// Lower-case text without digits or @ never raises a hint.
        #[test]
        fn plain_lower_case_words_raise_nothing(text in "[a-z ,]{0,200}") {
            prop_assert_eq!(hints(&text), Vec::<Hint>::new());
        }
    }
}
