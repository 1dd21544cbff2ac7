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
use crate::lang::{current, speaking, Text};
use crate::lifecycle::{Audience, CaseEvent, CaseStatus};
use crate::Lang;

/// One part of the consent text: a question as heading and the answer in B1 Dutch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub heading: &'static str,
    pub paragraphs: &'static [&'static str],
}

/// A version of the text, as it was shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentText {
    /// Which text the citizen read: the English text has a version of its own.
    pub version: &'static str,
    pub lang: crate::Lang,
    /// What the citizen agrees to, stored with the answer.
    pub scope: &'static str,
    pub sections: &'static [Section],
}

/// The text shown now. Older versions stay valid for answers given under them.
pub const CONSENT_TEXT: ConsentText = ConsentText {
    version: "2026-12-05.1",
    lang: crate::Lang::Nl,
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

/// The same text in English, for a citizen who chose English: the same sections and
/// paragraphs, the same promises. Its own version, so the answer records which one was read.
pub const CONSENT_TEXT_EN: ConsentText = ConsentText {
    version: "2026-12-06.1-en",
    lang: crate::Lang::En,
    scope: "zaak-belangenbehartiger",
    sections: &[
        Section {
            heading: "Who is asking?",
            paragraphs: &[
                "Your social worker wants to bring your case to the Belangenbehartiger.",
                "The Belangenbehartiger works for the Ministry of Finance. It helps social workers when a case about taxes or benefits is stuck.",
            ],
        },
        Section {
            heading: "What do we share, and with whom?",
            paragraphs: &[
                "We share what your social worker wrote down about your case. That is your name, your date of birth, how we can reach you and what happened. Did your social worker fill in your BSN? Then we share that too.",
                "The Belangenbehartiger reads this. If needed, it shares it with the Tax Administration or the Benefits Service. Only the people who work on your case can see it.",
            ],
        },
        Section {
            heading: "Why?",
            paragraphs: &[
                "The Belangenbehartiger checks if it can help. It can ask the service to look at your case again.",
                "The Belangenbehartiger does not decide on your case itself. The service does.",
            ],
        },
        Section {
            heading: "How long do we keep your data?",
            paragraphs: &[
                "We keep your data while your case is running. Is your case done? Then we keep it for 1 more year. After that we delete it.",
                "Do you not give consent, or do you withdraw it? Then we delete your data after 30 days.",
                "We only keep numbers, such as how many cases there were. They do not show who you are.",
            ],
        },
        Section {
            heading: "You can always stop",
            paragraphs: &[
                "You can always withdraw your consent. You do that on this website, with your case number and your personal code. Then the work on your case stops. Your social worker gets a message about it.",
            ],
        },
        Section {
            heading: "Deadlines keep running",
            paragraphs: &[
                "Did you object or appeal? Or do you still want to? That deadline keeps running, also if you give consent. Do not miss the deadline.",
            ],
        },
        Section {
            heading: "Do you not give consent?",
            paragraphs: &[
                "Then your case does not go to the Belangenbehartiger. Your social worker gets a message about it. You can look together at what you can do then.",
            ],
        },
    ],
};

/// The texts a citizen may answer under now, one per language.
pub const CONSENT_TEXTS: [ConsentText; 2] = [CONSENT_TEXT, CONSENT_TEXT_EN];

/// The text a citizen reads in `lang`.
pub fn consent_text(lang: crate::Lang) -> &'static ConsentText {
    match lang {
        crate::Lang::Nl => &CONSENT_TEXT,
        crate::Lang::En => &CONSENT_TEXT_EN,
    }
}

/// The current text with this version (the one the citizen read), if there is one.
pub fn consent_text_of(version: &str) -> Option<&'static ConsentText> {
    CONSENT_TEXTS.iter().find(|text| text.version == version)
}

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
/// or the deadline takes for them. Staff steps get their messages typed by staff. They are
/// stored in Dutch ([`Text::nl`]); [`stored_text_now`] shows them in the reader's language.
pub fn step_messages(event: CaseEvent) -> Option<(Text, Text)> {
    match event {
        CaseEvent::ToestemmingGegeven => Some((
            Text::new(
                "De burger heeft toestemming gegeven op een eigen telefoon of computer. De zaak is aangemeld bij de Belangenbehartiger.",
                "The citizen gave consent on their own phone or computer. The case has been submitted to the Belangenbehartiger.",
            ),
            Text::new(
                "U heeft toestemming gegeven. Uw zaak is aangemeld bij de Belangenbehartiger.",
                "You gave consent. Your case has been submitted to the Belangenbehartiger.",
            ),
        )),
        CaseEvent::ToestemmingGeweigerd => Some((
            Text::new(
                "De burger heeft geen toestemming gegeven. De zaak gaat niet naar de Belangenbehartiger. Bespreek samen wat u nu kunt doen.",
                "The citizen did not give consent. The case does not go to the Belangenbehartiger. Talk together about what you can do now.",
            ),
            Text::new(
                "U heeft geen toestemming gegeven. Uw zaak gaat niet naar de Belangenbehartiger.",
                "You did not give consent. Your case does not go to the Belangenbehartiger.",
            ),
        )),
        CaseEvent::ToestemmingVerlopen => Some((
            Text::new(
                "De burger heeft niet binnen 30 dagen geantwoord. De zaak is vervallen en niet naar de Belangenbehartiger gegaan.",
                "The citizen did not answer within 30 days. The case has lapsed and did not go to the Belangenbehartiger.",
            ),
            Text::new(
                "U heeft niet binnen 30 dagen geantwoord. Uw zaak is niet naar de Belangenbehartiger gegaan.",
                "You did not answer within 30 days. Your case did not go to the Belangenbehartiger.",
            ),
        )),
        CaseEvent::ToestemmingBetwisten => Some((
            Text::new(
                "De burger meldt dat hij of zij zelf geen toestemming gaf. Het werk aan de zaak staat stil. De Belangenbehartiger zoekt uit wat er is gebeurd.",
                "The citizen reports that they did not give consent themselves. The work on the case is on hold. The Belangenbehartiger finds out what happened.",
            ),
            Text::new(
                "U heeft gemeld dat u zelf geen toestemming gaf. Het werk aan de zaak staat stil. De Belangenbehartiger zoekt uit wat er is gebeurd.",
                "You reported that you did not give consent yourself. The work on the case is on hold. The Belangenbehartiger finds out what happened.",
            ),
        )),
        CaseEvent::ToestemmingIntrekken => Some((
            Text::new(
                "De burger heeft de toestemming ingetrokken. Het werk aan de zaak is gestopt.",
                "The citizen withdrew the consent. The work on the case has stopped.",
            ),
            Text::new(
                "U heeft uw toestemming ingetrokken. Het werk aan uw zaak is gestopt.",
                "You withdrew your consent. The work on your case has stopped.",
            ),
        )),
        _ => None,
    }
}

/// Timeline messages (helper, citizen) when the helper records consent the citizen gave on a
/// signed paper form.
pub const PAPER_CONSENT_MESSAGES: (Text, Text) = (
    Text::new(
        "De burger gaf toestemming op een getekend formulier. De hulpverlener heeft het formulier toegevoegd. Een medewerker van de Belangenbehartiger controleert het formulier. Daarna wordt de zaak aangemeld.",
        "The citizen gave consent on a signed form. The social worker added the form. Someone from the Belangenbehartiger checks the form. After that the case is submitted.",
    ),
    Text::new(
        "U gaf toestemming op een getekend formulier. Een medewerker van de Belangenbehartiger controleert het formulier. Daarna wordt uw zaak aangemeld.",
        "You gave consent on a signed form. Someone from the Belangenbehartiger checks the form. After that your case is submitted.",
    ),
);

/// A timeline message as stored (always Dutch) in the current language: Bondgenoot's own
/// texts (the consent steps', a state's explanation) are translated; what staff typed is
/// shown as it was written.
pub fn stored_text_now(stored: String, to: CaseStatus, audience: Audience) -> String {
    let lang = current();
    if lang == Lang::Nl {
        return stored;
    }
    let citizen = audience == Audience::Burger;
    let ours = [
        CaseEvent::ToestemmingGegeven,
        CaseEvent::ToestemmingGeweigerd,
        CaseEvent::ToestemmingVerlopen,
        CaseEvent::ToestemmingBetwisten,
        CaseEvent::ToestemmingIntrekken,
    ]
    .into_iter()
    .filter_map(step_messages)
    .chain([PAPER_CONSENT_MESSAGES])
    .map(|(helper, for_citizen)| if citizen { for_citizen } else { helper });
    for text in ours {
        if text.nl == stored {
            return text.of(lang).to_owned();
        }
    }
    if speaking(Lang::Nl, || to.explain(audience).meaning) == stored {
        return to.explain(audience).meaning;
    }
    stored
}

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
                hint: crate::Text::new(
                "De code heeft 12 letters en cijfers, in groepjes van 4. Bijvoorbeeld K7D3-FQ9M-X4TC.",
                "The code has 12 letters and digits, in groups of 4. For example K7D3-FQ9M-X4TC.",
            ),
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
    fn changing_the_english_text_needs_a_new_version_too() {
        assert_eq!(CONSENT_TEXT_EN.version, "2026-12-06.1-en");
        assert_eq!(fingerprint(&CONSENT_TEXT_EN), 0x8313_62f0_17c2_87c5);
    }

    #[test]
    fn the_english_text_says_as_much_as_the_dutch() {
        // The same sections with the same number of paragraphs, each about as long: a
        // translation, not a summary.
        assert_eq!(CONSENT_TEXT_EN.sections.len(), CONSENT_TEXT.sections.len());
        for (en, nl) in CONSENT_TEXT_EN.sections.iter().zip(CONSENT_TEXT.sections) {
            assert_eq!(en.paragraphs.len(), nl.paragraphs.len(), "{}", en.heading);
            for (en, nl) in en.paragraphs.iter().zip(nl.paragraphs) {
                let (en, nl) = (en.split(' ').count(), nl.split(' ').count());
                assert!(
                    en * 10 >= nl * 7 && en * 10 <= nl * 14,
                    "{en} vs {nl} words"
                );
            }
        }
        for needle in [
            "withdraw",
            "keeps running",
            "1 more year",
            "after 30 days",
            "does not decide",
        ] {
            let all: String = CONSENT_TEXT_EN
                .sections
                .iter()
                .flat_map(|s| s.paragraphs.iter().copied())
                .collect();
            assert!(
                all.contains(needle),
                "English consent text lacks {needle:?}"
            );
        }
        assert_eq!(
            consent_text_of(CONSENT_TEXT_EN.version),
            Some(&CONSENT_TEXT_EN)
        );
        assert_eq!(consent_text_of("1999-01-01"), None);
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
        for section in CONSENT_TEXTS.iter().flat_map(|text| text.sections) {
            for paragraph in section.paragraphs {
                for sentence in paragraph.split(['.', '?']) {
                    let words = sentence.split_whitespace().count();
                    assert!(words <= 20, "{words} words: {sentence}");
                }
            }
        }
    }

    #[test]
    fn stored_system_texts_are_shown_in_the_readers_language_and_typed_ones_as_written() {
        let (helper, citizen) = step_messages(CaseEvent::ToestemmingGegeven).unwrap();
        let shown = |stored: &str, audience| {
            speaking(Lang::En, || {
                stored_text_now(stored.to_owned(), CaseStatus::Aangemeld, audience)
            })
        };
        assert_eq!(shown(citizen.nl, Audience::Burger), citizen.en);
        assert_eq!(shown(helper.nl, Audience::Hulpverlener), helper.en);
        let meaning = speaking(Lang::Nl, || {
            CaseStatus::Aangemeld.explain(Audience::Burger).meaning
        });
        assert!(shown(&meaning, Audience::Burger).starts_with("You gave consent."));
        assert_eq!(
            shown("We bellen u morgen.", Audience::Burger),
            "We bellen u morgen."
        );
        // In Dutch nothing changes.
        assert_eq!(
            stored_text_now(
                citizen.nl.to_owned(),
                CaseStatus::Aangemeld,
                Audience::Burger
            ),
            citizen.nl
        );
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
