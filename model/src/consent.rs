//! Consent (*toestemming*): the text the citizen reads before deciding, its version, and the
//! codes the citizen uses. The seeds do not say how consent is given (brief §0.3 item 10,
//! §4.4); this is Bondgenoot's own design and the text still needs a legal check before use.
//!
//! The server stores the version a citizen saw with their answer. Change a word in
//! [`CONSENT_TEXT`] and the version must change too (a test compares a fingerprint).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::reference::{compact, ALPHABET};
use crate::invalid::Invalid;
use crate::lifecycle::CaseEvent;

/// One part of the consent text: a question as heading and the answer in B1 Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
}

/// A version of the text, as it was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentText {
    pub version: &'static str,
    /// What the citizen agrees to, stored with the answer.
    pub scope: &'static str,
    pub sections: &'static [Section],
}

/// The text shown now. Older versions stay valid for answers given under them.
pub const CONSENT_TEXT: ConsentText = ConsentText {
    version: "2026-12-05.1",
    scope: "zaak-belangenbehartiger",
    sections: &[
        Section {
            heading: "Wie vraagt dit?",
            paragraphs: &[
                "Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger.",
                "De Belangenbehartiger werkt voor het ministerie van Financiën. Hij helpt hulpverleners als een zaak over belastingen of toeslagen vastzit.",
            ],
        },
        Section {
            heading: "Wat delen we, en met wie?",
            paragraphs: &[
                "We delen wat uw hulpverlener over uw zaak heeft opgeschreven. Dat zijn uw naam, uw geboortedatum, hoe we u kunnen bereiken en wat er is gebeurd. Heeft uw hulpverlener uw BSN ingevuld? Dan delen we dat ook.",
                "De Belangenbehartiger leest dit. Als het nodig is, deelt hij het met de Belastingdienst of Dienst Toeslagen. Alleen de mensen die aan uw zaak werken, kunnen het zien.",
            ],
        },
        Section {
            heading: "Waarom?",
            paragraphs: &[
                "De Belangenbehartiger kijkt of hij kan helpen. Hij kan de Dienst vragen om opnieuw naar uw zaak te kijken.",
                "De Belangenbehartiger beslist zelf niet over uw zaak. Dat doet de Dienst.",
            ],
        },
        Section {
            heading: "Hoe lang bewaren we uw gegevens?",
            paragraphs: &[
                "Zolang uw zaak loopt, bewaren we uw gegevens. Is uw zaak klaar? Dan bewaren we ze nog 1 jaar. Daarna verwijderen we ze.",
                "Geeft u geen toestemming, of trekt u die in? Dan verwijderen we uw gegevens na 30 dagen.",
                "We houden alleen cijfers over, zoals hoeveel zaken er waren. Daarin staat niet wie u bent.",
            ],
        },
        Section {
            heading: "U kunt altijd stoppen",
            paragraphs: &[
                "U kunt uw toestemming altijd intrekken. Dat doet u op deze website, met uw zaaknummer en uw persoonlijke code. Dan stopt het werk aan uw zaak. Uw hulpverlener krijgt daarover bericht.",
            ],
        },
        Section {
            heading: "Termijnen lopen door",
            paragraphs: &[
                "Heeft u bezwaar gemaakt of beroep ingesteld? Of wilt u dat nog doen? Die termijn loopt gewoon door, ook als u toestemming geeft. Mis de termijn niet.",
            ],
        },
        Section {
            heading: "Geeft u geen toestemming?",
            paragraphs: &[
                "Dan gaat uw zaak niet naar de Belangenbehartiger. Uw hulpverlener krijgt daarover bericht. U kunt samen kijken wat u dan kunt doen.",
            ],
        },
    ],
};

/// The citizen's answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Besluit {
    Gegeven,
    Geweigerd,
}

impl Besluit {
    pub fn as_str(self) -> &'static str {
        match self {
            Besluit::Gegeven => "gegeven",
            Besluit::Geweigerd => "geweigerd",
        }
    }
}

/// How the answer was given. A signed paper form uploaded by the helper comes with documents.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wijze {
    EigenApparaat,
    GetekendFormulier,
}

impl Wijze {
    pub fn as_str(self) -> &'static str {
        match self {
            Wijze::EigenApparaat => "eigen_apparaat",
            Wijze::GetekendFormulier => "getekend_formulier",
        }
    }
}

/// The timeline messages (for the helper, for the citizen) of the steps the citizen takes,
/// or the deadline takes for them. Staff steps get their messages typed by staff.
pub fn step_messages(event: CaseEvent) -> Option<(&'static str, &'static str)> {
    match event {
        CaseEvent::ToestemmingGegeven => Some((
            "De burger heeft toestemming gegeven op een eigen telefoon of computer. De zaak is aangemeld bij de Belangenbehartiger.",
            "U heeft toestemming gegeven. Uw zaak is aangemeld bij de Belangenbehartiger.",
        )),
        CaseEvent::ToestemmingGeweigerd => Some((
            "De burger heeft geen toestemming gegeven. De zaak gaat niet naar de Belangenbehartiger. Bespreek samen wat u nu kunt doen.",
            "U heeft geen toestemming gegeven. Uw zaak gaat niet naar de Belangenbehartiger.",
        )),
        CaseEvent::ToestemmingVerlopen => Some((
            "De burger heeft niet binnen 30 dagen geantwoord. De zaak is vervallen en niet naar de Belangenbehartiger gegaan.",
            "U heeft niet binnen 30 dagen geantwoord. Uw zaak is niet naar de Belangenbehartiger gegaan.",
        )),
        CaseEvent::ToestemmingBetwisten => Some((
            "De burger meldt dat hij of zij zelf geen toestemming gaf. Het werk aan de zaak staat stil. De Belangenbehartiger zoekt uit wat er is gebeurd.",
            "U heeft gemeld dat u zelf geen toestemming gaf. Het werk aan de zaak staat stil. De Belangenbehartiger zoekt uit wat er is gebeurd.",
        )),
        CaseEvent::ToestemmingIntrekken => Some((
            "De burger heeft de toestemming ingetrokken. Het werk aan de zaak is gestopt.",
            "U heeft uw toestemming ingetrokken. Het werk aan uw zaak is gestopt.",
        )),
        _ => None,
    }
}

/// Timeline messages (helper, citizen) when the helper records consent the citizen gave on a
/// signed paper form.
pub const PAPER_CONSENT_MESSAGES: (&str, &str) = (
    "De burger gaf toestemming op een getekend formulier. De hulpverlener heeft het formulier toegevoegd. Een medewerker van de Belangenbehartiger controleert het formulier. Daarna wordt de zaak aangemeld.",
    "U gaf toestemming op een getekend formulier. Een medewerker van de Belangenbehartiger controleert het formulier. Daarna wordt uw zaak aangemeld.",
);

/// Number of symbols in a [`Code`]: 23¹² ≈ 2⁵⁴, above the 50 bits DESIGN.md §6 asks for.
pub const CODE_SYMBOLS: usize = 12;

/// A secret code a citizen may have to read from paper and type on a phone: twelve symbols
/// from the unambiguous alphabet of case references, shown in groups of four
/// (`K7D3-FQ9M-X4TC`). Used for the one-time consent link and the personal access code.
#[derive(Clone, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// A code from 64 random bits (the server supplies them). The small bias of taking
    /// a remainder of 2⁶⁴ by 23¹² is below one part in 10⁴.
    pub fn from_random(mut random: u64) -> Self {
        let base = ALPHABET.len() as u64;
        let mut text = String::with_capacity(CODE_SYMBOLS + 2);
        for i in 0..CODE_SYMBOLS {
            if i > 0 && i % 4 == 0 {
                text.push('-');
            }
            text.push(char::from(ALPHABET[(random % base) as usize]));
            random /= base;
        }
        Code(text)
    }

    /// Accepts the code in any case, with or without dashes and spaces.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact = compact(input);
        if compact.is_empty() {
            return Err(Invalid::Empty);
        }
        if compact.len() != CODE_SYMBOLS || !compact.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(Invalid::Format {
                hint: "De code heeft 12 letters en cijfers, in groepjes van 4. Bijvoorbeeld K7D3-FQ9M-X4TC.",
            });
        }
        Ok(Code(format!(
            "{}-{}-{}",
            &compact[..4],
            &compact[4..8],
            &compact[8..]
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never print a secret by accident (logs, panics).
impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Code(…)")
    }
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// The citizen answers the request for consent.
    Consent,
    /// The citizen, who lost the personal code, gets a new one.
    NewCode,
}

impl LinkPurpose {
    pub fn key(self) -> &'static str {
        match self {
            LinkPurpose::Consent => "toestemming",
            LinkPurpose::NewCode => "nieuwe_code",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// FNV-1a over every word of the text: a cheap fingerprint to notice edits.
    fn fingerprint(text: &ConsentText) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |s: &str| {
            for b in s.bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        eat(text.scope);
        for section in text.sections {
            eat(section.heading);
            section.paragraphs.iter().for_each(|p| eat(p));
        }
        hash
    }

    #[test]
    fn changing_the_text_needs_a_new_version() {
        // If this fails you changed the consent text: give it a new `version` (answers
        // already given keep the version they saw), then update both values here.
        assert_eq!(CONSENT_TEXT.version, "2026-12-05.1");
        assert_eq!(fingerprint(&CONSENT_TEXT), 0x3901_8056_d065_c924);
    }

    #[test]
    fn the_text_names_the_default_retention_terms() {
        use crate::retention::Bewaarklasse;
        // The beheerder may only shorten these (`retention::TermsInput`): what the citizen
        // read stays true. A new default needs a new text version.
        let retention = CONSENT_TEXT
            .sections
            .iter()
            .find(|s| s.heading == "Hoe lang bewaren we uw gegevens?")
            .map(|s| s.paragraphs.join(" "))
            .unwrap();
        assert_eq!(Bewaarklasse::Gesloten.default_days(), 365);
        assert_eq!(Bewaarklasse::Doorverwezen.default_days(), 365);
        assert!(retention.contains("klaar? Dan bewaren we ze nog 1 jaar"));
        for short in [Bewaarklasse::Vervallen, Bewaarklasse::Ingetrokken] {
            let days = short.default_days();
            assert!(retention.contains(&format!("na {days} dagen")), "{days}");
        }
    }

    #[test]
    fn the_text_covers_what_the_citizen_must_know() {
        let all: String = CONSENT_TEXT
            .sections
            .iter()
            .flat_map(|s| std::iter::once(s.heading).chain(s.paragraphs.iter().copied()))
            .collect::<Vec<_>>()
            .join(" ");
        for needle in [
            "Belangenbehartiger",
            "Belastingdienst of Dienst Toeslagen",
            "intrekken",
            "termijn loopt gewoon door",
            "nog 1 jaar",
            "na 30 dagen",
            "beslist zelf niet",
        ] {
            assert!(all.contains(needle), "consent text lacks {needle:?}");
        }
    }

    #[test]
    fn sentences_in_the_text_stay_short() {
        for section in CONSENT_TEXT.sections {
            for paragraph in section.paragraphs {
                for sentence in paragraph.split(['.', '?']) {
                    let words = sentence.split_whitespace().count();
                    assert!(words <= 20, "{words} words: {sentence}");
                }
            }
        }
    }

    #[test]
    fn a_code_is_read_back_however_it_is_typed() {
        let code = Code::from_random(987_654_321_012);
        assert_eq!(code.as_str().len(), 14);
        let typed = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(Code::parse(&typed).unwrap(), code);
        assert!(Code::parse("").is_err());
        assert!(Code::parse("K7D3-FQ9M-X4T").is_err());
        assert!(Code::parse("K7D3-FQ9M-X4T0").is_err());
        assert_eq!(format!("{code:?}"), "Code(…)");
    }

    proptest! {
        #[test]
        fn every_generated_code_parses(random: u64) {
            let code = Code::from_random(random);
            prop_assert_eq!(Code::parse(code.as_str()), Ok(code));
        }
    }
}
