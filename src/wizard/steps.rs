//! The question pages of the case form, as data: one definition serves the question page, the
//! check-answers page and the error links, so a page costs little Wasm (DESIGN.md §7).

use model::case::{CaseDraft, Onderwerp};

/// One match over the text fields, for shared and exclusive access alike.
macro_rules! text_fields {
    ($key:expr, $draft:expr, $($ref:tt)+) => {
        match $key {
            TextKey::BurgerNaam => $($ref)+ $draft.burger_naam,
            TextKey::BurgerGeboortedatum => $($ref)+ $draft.burger_geboortedatum,
            TextKey::BurgerBsn => $($ref)+ $draft.burger_bsn,
            TextKey::BurgerTelefoon => $($ref)+ $draft.burger_telefoon,
            TextKey::BurgerEmail => $($ref)+ $draft.burger_email,
            TextKey::WatGingMis => $($ref)+ $draft.wat_ging_mis,
            TextKey::WatIsGeprobeerd => $($ref)+ $draft.wat_is_geprobeerd,
            TextKey::GewensteUitkomst => $($ref)+ $draft.gewenste_uitkomst,
            TextKey::Besluitdatum => $($ref)+ $draft.besluitdatum,
            TextKey::TermijnEinddatum => $($ref)+ $draft.termijn_einddatum,
            TextKey::HulpverlenerTelefoon => $($ref)+ $draft.hulpverlener_telefoon,
        }
    };
}

/// A text answer in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKey {
    BurgerNaam,
    BurgerGeboortedatum,
    BurgerBsn,
    BurgerTelefoon,
    BurgerEmail,
    WatGingMis,
    WatIsGeprobeerd,
    GewensteUitkomst,
    Besluitdatum,
    TermijnEinddatum,
    HulpverlenerTelefoon,
}

impl TextKey {
    /// The field's name in the API and in error messages (`FieldError::field`).
    pub fn name(self) -> &'static str {
        match self {
            TextKey::BurgerNaam => "burger_naam",
            TextKey::BurgerGeboortedatum => "burger_geboortedatum",
            TextKey::BurgerBsn => "burger_bsn",
            TextKey::BurgerTelefoon => "burger_telefoon",
            TextKey::BurgerEmail => "burger_email",
            TextKey::WatGingMis => "wat_ging_mis",
            TextKey::WatIsGeprobeerd => "wat_is_geprobeerd",
            TextKey::GewensteUitkomst => "gewenste_uitkomst",
            TextKey::Besluitdatum => "besluitdatum",
            TextKey::TermijnEinddatum => "termijn_einddatum",
            TextKey::HulpverlenerTelefoon => "hulpverlener_telefoon",
        }
    }

    fn slot(self, draft: &mut CaseDraft) -> &mut Option<String> {
        text_fields!(self, draft, &mut)
    }

    pub fn get(self, draft: &CaseDraft) -> String {
        text_fields!(self, draft, &).clone().unwrap_or_default()
    }

    pub fn set(self, draft: &mut CaseDraft, value: String) {
        *self.slot(draft) = Some(value);
    }
}

/// How a text answer is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One line; `autocomplete` and `inputmode` help phones show the right keyboard.
    Line {
        autocomplete: &'static str,
        inputmode: &'static str,
    },
    /// Several lines of free text.
    Area,
}

/// One question on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Text {
        key: TextKey,
        label: &'static str,
        hint: &'static str,
        kind: TextKind,
        optional: bool,
    },
    Dienst,
    Onderwerpen,
    BezwaarOfBeroep,
    Spoed,
    Pauzeknop,
}

impl Question {
    /// The API field whose error belongs beside this question.
    pub fn field(self) -> &'static str {
        match self {
            Question::Text { key, .. } => key.name(),
            Question::Dienst => "dienst",
            Question::Onderwerpen => "onderwerpen",
            Question::BezwaarOfBeroep => "bezwaar_of_beroep",
            Question::Spoed => "spoed",
            Question::Pauzeknop => "pauzeknop_gevraagd",
        }
    }
}

pub struct Step {
    pub slug: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub questions: &'static [Question],
    /// Whether this page is asked for this draft (pages that do not apply are skipped).
    pub applies: fn(&CaseDraft) -> bool,
    /// Knowledge articles about this page: (slug under `/hulp/`, link text).
    pub help: &'static [(&'static str, &'static str)],
}

const fn line(
    key: TextKey,
    label: &'static str,
    hint: &'static str,
    autocomplete: &'static str,
    inputmode: &'static str,
    optional: bool,
) -> Question {
    Question::Text {
        key,
        label,
        hint,
        kind: TextKind::Line {
            autocomplete,
            inputmode,
        },
        optional,
    }
}

const fn area(key: TextKey, label: &'static str, hint: &'static str, optional: bool) -> Question {
    Question::Text {
        key,
        label,
        hint,
        kind: TextKind::Area,
        optional,
    }
}

fn always(_: &CaseDraft) -> bool {
    true
}

/// The pauzeknop is about procedures that are running: ask it only when there are any.
fn has_running_procedure(draft: &CaseDraft) -> bool {
    draft.bezwaar_of_beroep == Some(true) || draft.onderwerpen.contains(&Onderwerp::Invordering)
}

pub static STEPS: [Step; 7] = [
    Step {
        slug: "burger",
        title: t!("Over de burger", "About the citizen"),
        intro: t!("Om wie gaat het? De burger geeft straks toestemming met een link. Vult u een e-mailadres in? Dan mailen wij de link daarheen. Het mobiele nummer is voor de Belangenbehartiger, om de burger te kunnen bellen. Wij sturen geen sms.", "Who is it about? Later the citizen gives consent with a link. Do you fill in an e-mail address? Then we e-mail the link there. The mobile number is for the Belangenbehartiger, to be able to call the citizen. We do not send text messages."),
        questions: &[
            line(TextKey::BurgerNaam, t!("Naam", "Name"), t!("Zoals de burger de naam zelf schrijft.", "As the citizen writes their name."), "off", "text", false),
            line(TextKey::BurgerGeboortedatum, t!("Geboortedatum", "Date of birth"), t!("Bijvoorbeeld 15-3-1980.", "For example 15-3-1980."), "off", "numeric", false),
            line(TextKey::BurgerBsn, t!("BSN (niet verplicht)", "BSN (optional)"), t!("9 cijfers. Alleen invullen als de burger dat goed vindt.", "9 digits. Only fill in if the citizen agrees."), "off", "numeric", true),
            line(TextKey::BurgerTelefoon, t!("Mobiel nummer", "Mobile number"), t!("Bijvoorbeeld 06 12345678.", "For example 06 12345678."), "off", "tel", true),
            line(TextKey::BurgerEmail, "E-mailadres", t!("Vul een mobiel nummer of een e-mailadres in, of allebei.", "Fill in a mobile number or an e-mail address, or both."), "off", "email", true),
        ],
        applies: always,
        help: &[("toestemming-en-privacy", t!("Toestemming en privacy: wat delen we?", "Consent and privacy: what do we share?"))],
    },
    Step {
        slug: "dienst",
        title: t!("Dienst en onderwerp", "Service and subject"),
        intro: t!("Bij welke Dienst zit de zaak vast, en waar gaat het over?", "At which service is the case stuck, and what is it about?"),
        questions: &[Question::Dienst, Question::Onderwerpen],
        applies: always,
        help: &[("wat-kan-de-belangenbehartiger", t!("Wat kan de Belangenbehartiger wel en niet?", "What can the Belangenbehartiger do, and what not?")), ("stella-team", t!("Wanneer past het Stella-team beter?", "When does the Stella team fit better?"))],
    },
    Step {
        slug: "verhaal",
        title: t!("Wat is er gebeurd?", "What happened?"),
        intro: t!("Schrijf in gewone woorden wat er aan de hand is. Korte zinnen zijn genoeg.", "Write in ordinary words what is going on. Short sentences are enough."),
        questions: &[
            area(TextKey::WatGingMis, t!("Wat ging er mis?", "What went wrong?"), t!("Noem ook het besluit of de brief waar het om gaat, met de datum.", "Also name the decision or letter it is about, with the date."), false),
            area(TextKey::WatIsGeprobeerd, t!("Wat heeft u of de burger al geprobeerd? (niet verplicht)", "What have you or the citizen tried already? (optional)"), t!("Bijvoorbeeld: gebeld met de BelastingTelefoon, een brief gestuurd.", "For example: called the BelastingTelefoon, sent a letter."), true),
            area(TextKey::GewensteUitkomst, t!("Welke uitkomst wil de burger?", "Which outcome does the citizen want?"), t!("Wat zou de zaak oplossen?", "What would solve the case?"), false),
        ],
        applies: always,
        help: &[("triage", t!("Wat gebeurt er na het aanmelden?", "What happens after submitting?"))],
    },
    Step {
        slug: "eerdere-stappen",
        title: t!("Bezwaar of beroep", "Objection or appeal"),
        intro: t!("Een termijn voor bezwaar of beroep loopt altijd door. Ook als u de zaak hier aanmeldt.", "A deadline for an objection or appeal always keeps running. Also if you submit the case here."),
        questions: &[
            Question::BezwaarOfBeroep,
            line(TextKey::Besluitdatum, t!("Datum van het besluit (niet verplicht)", "Date of the decision (optional)"), t!("De datum op de brief met het besluit. Bijvoorbeeld 15-3-2025.", "The date on the letter with the decision. For example 15-3-2025."), "off", "numeric", true),
            line(TextKey::TermijnEinddatum, t!("Tot wanneer loopt de termijn? (niet verplicht)", "Until when does the deadline run? (optional)"), t!("Staat in de brief. Weet u het niet? Laat dit dan leeg.", "It is in the letter. Do you not know? Then leave this empty."), "off", "numeric", true),
        ],
        applies: always,
        help: &[("termijnen-lopen-door", t!("Termijnen lopen door", "Deadlines keep running")), ("bezwaar-klacht-of-belangenbehartiger", t!("Bezwaar, klacht of Belangenbehartiger?", "Objection, complaint or Belangenbehartiger?"))],
    },
    Step {
        slug: "spoed",
        title: t!("Is het dringend?", "Is it urgent?"),
        intro: t!("Kies wat past. De Belangenbehartiger kijkt dan eerst naar deze zaak.", "Choose what fits. The Belangenbehartiger then looks at this case first."),
        questions: &[Question::Spoed],
        applies: always,
        help: &[("spoed", t!("Wanneer is een zaak dringend?", "When is a case urgent?"))],
    },
    Step {
        slug: "pauzeknop",
        title: t!("Wens: procedures even stilzetten", "Wish: pause procedures for a while"),
        intro: t!("Sommige burgers willen dat lopende procedures even stoppen tijdens de behandeling. Dat heet de pauzeknop. De pauzeknop bestaat nog niet. U kunt de wens wel doorgeven. Er stopt dan niets: termijnen en invordering lopen door.", "Some citizens want running procedures to stop for a while during the handling. That is called the pause button. The pause button does not exist yet. But you can pass on the wish. Nothing stops then: deadlines and collection keep running."),
        questions: &[Question::Pauzeknop],
        applies: has_running_procedure,
        help: &[("pauzeknop", t!("De pauzeknop: een wens, geen regel", "The pause button: a wish, not a rule"))],
    },
    Step {
        slug: "contact",
        title: t!("Uw contactgegevens", "Your contact details"),
        intro: t!("De Belangenbehartiger neemt over deze zaak contact met u op. Dat gaat via het e-mailadres van uw account. Een telefoonnummer erbij maakt het sneller.", "The Belangenbehartiger contacts you about this case. That goes through the e-mail address of your account. A phone number makes it faster."),
        questions: &[line(TextKey::HulpverlenerTelefoon, t!("Uw telefoonnummer (niet verplicht)", "Your phone number (optional)"), t!("Bijvoorbeeld 020 1234567 of 06 12345678.", "For example 020 1234567 or 06 12345678."), "tel", "tel", true)],
        applies: always,
        help: &[("hoe-lang-duurt-het", t!("Hoe lang duurt het?", "How long does it take?"))],
    },
];

/// The steps that apply to this draft, in order.
pub fn steps_for(draft: &CaseDraft) -> Vec<&'static Step> {
    STEPS.iter().filter(|step| (step.applies)(draft)).collect()
}

/// The step that asks `field`, for links from error messages.
pub fn step_of_field(field: &str) -> &'static Step {
    STEPS
        .iter()
        .find(|step| step.questions.iter().any(|q| q.field() == field))
        .unwrap_or(&STEPS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_links_to_knowledge_articles_that_exist() {
        let content = std::path::Path::new(
            &std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        )
        .join("content");
        for step in &STEPS {
            assert!(!step.help.is_empty(), "{} has no help", step.slug);
            for (slug, _) in step.help {
                assert!(
                    content.join(format!("{slug}.md")).is_file(),
                    "{}: no article {slug}",
                    step.slug
                );
            }
        }
    }

    #[test]
    fn every_field_of_the_model_check_is_asked_on_some_page() {
        let errors = CaseDraft::default()
            .check(model::domain::Date::new(2026, 1, 1).unwrap())
            .unwrap_err();
        for error in errors {
            let step = step_of_field(&error.field);
            assert!(
                step.questions.iter().any(|q| q.field() == error.field),
                "{} is asked nowhere",
                error.field
            );
        }
    }

    #[test]
    fn the_pauzeknop_page_is_skipped_without_a_running_procedure() {
        let mut draft = CaseDraft::default();
        assert!(!steps_for(&draft).iter().any(|s| s.slug == "pauzeknop"));
        draft.onderwerpen.push(Onderwerp::Invordering);
        assert!(steps_for(&draft).iter().any(|s| s.slug == "pauzeknop"));
    }

    #[test]
    fn text_answers_are_written_to_the_right_field() {
        let mut draft = CaseDraft::default();
        TextKey::BurgerBsn.set(&mut draft, "111222333".into());
        assert_eq!(draft.burger_bsn.as_deref(), Some("111222333"));
        assert_eq!(TextKey::BurgerBsn.get(&draft), "111222333");
    }
}
