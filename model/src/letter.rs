//! The two letters a case gives on paper, as text blocks (the server lays them out as tagged
//! PDF): the *bewijs van aanmelding*, which a citizen shows a creditor, bailiff or landlord,
//! and the *samenvatting* at the end, with every decision and its reasons (brief §5 R16, R17).
//!
//! The proof letter is made from [`ProofFacts`] only, which has no field for a BSN, a date of
//! birth or the citizen's story: what must never be in it cannot be put in it.

use crate::api::TimelineEntry;
use crate::domain::Date;
use crate::lifecycle::{Audience, CaseStatus};

/// The text version of each letter, printed on it (as the consent text's version is kept).
pub const PROOF_VERSION: &str = "bewijs-2026-12";
pub const SUMMARY_VERSION: &str = "samenvatting-2026-12";

/// Who sends the letters.
pub const SENDER: &str = "Belangenbehartiger Belastingplichtigen en Toeslaggerechtigden";

/// One piece of a letter, in reading order. The layout gives each its own tag (H1, H2, P).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading within the letter.
    Heading(String),
    /// A heading under the last [`Block::Heading`] (a step in the summary).
    Subheading(String),
    Paragraph(String),
    /// A paragraph that must not be missed (printed in bold).
    Important(String),
    /// A label and its value on one line ("Referentie: BG-…").
    Fact(&'static str, String),
}

/// A letter: its title (the document title and first heading) and its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub title: &'static str,
    pub blocks: Vec<Block>,
    /// The text version, printed at the bottom with the date it was made.
    pub version: &'static str,
    pub made_on: Date,
}

impl Letter {
    /// Every text of the letter in reading order (what a text extraction should find).
    pub fn texts(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once(self.title.to_owned()).chain(self.blocks.iter().map(|b| match b {
            Block::Heading(t)
            | Block::Subheading(t)
            | Block::Paragraph(t)
            | Block::Important(t) => t.clone(),
            Block::Fact(label, value) => format!("{label}: {value}"),
        }))
    }

    /// The footer line: when it was made and which text version it is.
    pub fn footer(&self) -> String {
        format!(
            "Gemaakt op {} door Bondgenoot · tekstversie {}",
            self.made_on.to_dutch(),
            self.version
        )
    }
}

/// The proof is for while the case is being handled: from consent until the handling has an
/// outcome (then the summary takes its place, and "wordt behandeld" would no longer be true).
pub fn has_proof(status: CaseStatus) -> bool {
    status.has_consent() && !has_summary(status)
}

/// The summary comes at the end: when the handling has an outcome or the case was referred.
pub fn has_summary(status: CaseStatus) -> bool {
    matches!(
        status,
        CaseStatus::Afgerond(_)
            | CaseStatus::Eindgesprek
            | CaseStatus::Gesloten
            | CaseStatus::Doorverwezen(_)
    )
}

/// What the proof letter may say: nothing of the story, no BSN, no date of birth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofFacts {
    pub reference: String,
    /// The citizen's name as the helper wrote it: the reader must know whom it is about.
    pub citizen: String,
    /// The helper's organisation, which brought the case.
    pub organisation: String,
    /// The day the citizen consented: from then on the Belangenbehartiger has the case.
    pub since: Date,
    pub status: CaseStatus,
    pub made_on: Date,
}

/// *Bewijs van aanmelding*. It says in plain words that nothing stops: being helped by the
/// Belangenbehartiger pauses no payment, procedure or term (brief §1.9, §1.10).
pub fn proof(facts: &ProofFacts) -> Letter {
    let ProofFacts {
        reference,
        citizen,
        organisation,
        since,
        status,
        made_on,
    } = facts;
    Letter {
        title: "Bewijs van aanmelding",
        blocks: vec![
            Block::Fact("Referentie", reference.clone()),
            Block::Fact("Over", citizen.clone()),
            Block::Fact("Aangemeld op", since.to_dutch()),
            Block::Fact("Aangemeld door", organisation.clone()),
            Block::Fact(
                "Stand",
                format!("{} (op {})", status.title(), made_on.to_dutch()),
            ),
            Block::Heading("Wat deze brief zegt".into()),
            Block::Paragraph(format!(
                "{organisation} heeft een zaak van {citizen} aangemeld bij de {SENDER}. \
                 Dat is een onderdeel van het Ministerie van Financiën. \
                 {citizen} gaf daar op {} toestemming voor.",
                since.to_dutch()
            )),
            Block::Paragraph(
                "De Belangenbehartiger helpt als een zaak met belastingen, toeslagen of \
                 invordering is vastgelopen. De zaak wordt nu behandeld."
                    .into(),
            ),
            Block::Heading("Let op".into()),
            Block::Important(
                "Deze aanmelding stopt niets. Betalingen, termijnen, beslagen en andere \
                 procedures lopen gewoon door. Deze brief geeft geen uitstel van betaling."
                    .into(),
            ),
            Block::Paragraph(format!(
                "Heeft u vragen over deze brief? Neem dan contact op met {organisation}. \
                 Noem de referentie {reference}."
            )),
        ],
        version: PROOF_VERSION,
        made_on: *made_on,
    }
}

/// What the summary says: the question as the helper wrote it down, and the timeline as
/// its reader (helper or citizen) reads it, reasons included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryFacts {
    pub reference: String,
    pub organisation: String,
    pub what_went_wrong: String,
    pub wanted_outcome: String,
    /// Each step with its Dutch calendar day (the server's clock knows the time zone).
    pub timeline: Vec<(Date, TimelineEntry)>,
    pub status: CaseStatus,
    pub reader: Audience,
    pub made_on: Date,
}

/// *Samenvatting van uw zaak*: what was asked, and every step with its message and reasons.
pub fn summary(facts: &SummaryFacts) -> Letter {
    let mut blocks = vec![
        Block::Fact("Referentie", facts.reference.clone()),
        Block::Fact("Aangemeld door", facts.organisation.clone()),
        Block::Fact("Uitkomst", facts.status.title().to_owned()),
        Block::Heading("Wat ging er mis?".into()),
        Block::Paragraph(facts.what_went_wrong.clone()),
        Block::Heading("Wat was de vraag?".into()),
        Block::Paragraph(facts.wanted_outcome.clone()),
        Block::Heading("Wat er is gebeurd".into()),
    ];
    for (day, entry) in &facts.timeline {
        blocks.push(Block::Subheading(format!(
            "{}: {}",
            day.to_dutch(),
            entry.naar.title()
        )));
        blocks.push(Block::Paragraph(entry.bericht.clone()));
        if let Some(date) = entry.datum {
            blocks.push(Block::Fact("Datum", date.to_dutch()));
        }
        if let Some(reasons) = &entry.reden {
            blocks.push(Block::Fact("Waarom", reasons.clone()));
        }
    }
    let now = facts.status.explain(facts.reader);
    blocks.push(Block::Heading("Hoe het nu staat".into()));
    blocks.push(Block::Paragraph(now.meaning));
    blocks.push(Block::Paragraph(now.next));
    Letter {
        title: "Samenvatting van uw zaak",
        blocks,
        version: SUMMARY_VERSION,
        made_on: facts.made_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{Role, Uitkomst};

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn proof_facts(status: CaseStatus) -> ProofFacts {
        ProofFacts {
            reference: "BG-ABCD-EFGH".into(),
            citizen: "Jan Jansen".into(),
            organisation: "Sociaal raadslieden Voorbeeldstad".into(),
            since: day("3-11-2026"),
            status,
            made_on: day("5-12-2026"),
        }
    }

    #[test]
    fn the_proof_names_case_organisation_and_date_and_says_nothing_stops() {
        let letter = proof(&proof_facts(CaseStatus::InBehandeling));
        let text: Vec<String> = letter.texts().collect();
        let all = text.join("\n");
        assert!(all.contains("BG-ABCD-EFGH"));
        assert!(all.contains("Sociaal raadslieden Voorbeeldstad"));
        assert!(all.contains("3 november 2026"));
        assert!(all.contains("Deze aanmelding stopt niets."));
        // Nothing may suggest a pause (brief §1.9): no word of it but the denial.
        for suggestion in ["pauze", "opgeschort", "stilgezet", "wacht met betalen"] {
            assert!(!all.to_lowercase().contains(suggestion), "{suggestion}");
        }
        assert!(letter
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Important(t) if t.contains("lopen gewoon door"))));
        assert!(letter.footer().contains(PROOF_VERSION));
        assert!(letter.footer().contains("5 december 2026"));
    }

    #[test]
    fn a_proof_exists_only_while_the_case_runs_with_consent_and_a_summary_only_at_the_end() {
        for status in [
            CaseStatus::Aangemeld,
            CaseStatus::InBehandeling,
            CaseStatus::NietOvergenomen,
        ] {
            assert!(has_proof(status), "{status:?}");
        }
        for status in [
            CaseStatus::Concept,
            CaseStatus::WachtOpToestemming,
            CaseStatus::Gesloten,
            CaseStatus::Eindgesprek,
            CaseStatus::Ingetrokken,
            CaseStatus::Vervallen,
        ] {
            assert!(!has_proof(status), "{status:?}");
        }
        assert!(has_summary(CaseStatus::Gesloten));
        assert!(has_summary(CaseStatus::Afgerond(
            Uitkomst::MinnelijkOpgelost
        )));
        assert!(!has_summary(CaseStatus::InBehandeling));
        assert!(!has_summary(CaseStatus::Ingetrokken));
    }

    #[test]
    fn the_summary_carries_the_question_every_step_and_its_reasons() {
        let entry = |naar, bericht: &str, reden: Option<&str>| TimelineEntry {
            tijd: 1_790_000_000,
            rol: Role::Behandelaar,
            van: CaseStatus::InBehandeling,
            naar,
            door: "Belangenbehartiger".into(),
            datum: None,
            bericht: bericht.into(),
            reden: reden.map(str::to_owned),
        };
        let letter = summary(&SummaryFacts {
            reference: "BG-ABCD-EFGH".into(),
            organisation: "Sociaal raadslieden Voorbeeldstad".into(),
            what_went_wrong: "De toeslag werd teruggevorderd.".into(),
            wanted_outcome: "Een regeling die past.".into(),
            timeline: vec![
                (
                    day("1-11-2026"),
                    entry(
                        CaseStatus::ZienswijzeVerstuurd,
                        "Wij stuurden ons advies.",
                        None,
                    ),
                ),
                (
                    day("20-11-2026"),
                    entry(
                        CaseStatus::NietOvergenomen,
                        "De Dienst volgt het advies niet.",
                        Some("De regels laten geen ruimte."),
                    ),
                ),
            ],
            status: CaseStatus::Gesloten,
            reader: Audience::Burger,
            made_on: day("5-12-2026"),
        });
        let all: Vec<String> = letter.texts().collect();
        for expected in [
            "De toeslag werd teruggevorderd.",
            "Een regeling die past.",
            "Wij stuurden ons advies.",
            "Waarom: De regels laten geen ruimte.",
            "20 november 2026: Dienst neemt advies niet over",
        ] {
            assert!(all.iter().any(|t| t == expected), "{expected} in {all:?}");
        }
    }
}
