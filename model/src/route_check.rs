//! What the route check before the form learned (`/zaken/nieuw`, brief §3.2): the helper's
//! answers go with the draft and the sent case, so triage sees at once that a Stella-team is
//! involved, a bezwaar runs or the matter is urgent (R10, R22: no double work). The questions'
//! own texts and the advice live with the page; here is what staff and the check-answers page
//! read back.

use serde::{Deserialize, Serialize};

/// A question of the route check.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteVraag {
    /// Something bad is close: an eviction, no money to live on.
    Spoed,
    /// Already in touch with the BelastingTelefoon or the Dienst.
    Contact,
    /// A decision the citizen can still object to.
    Bezwaar,
    /// A bezwaar was refused; a beroep is still possible.
    Beroep,
    /// Ondernemer or zzp'er with several taxes at once.
    Ondernemer,
    /// The case has been with a Stella-team.
    Stella,
    /// (Maybe) harmed by the toeslagenaffaire.
    Herstel,
    /// Mostly making ends meet, without a decision to dispute.
    Schulden,
    /// Mostly about how the citizen was treated.
    Klacht,
}

/// One answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteAntwoord {
    pub vraag: RouteVraag,
    pub ja: bool,
}

impl RouteVraag {
    /// The question's name in a page (an element id) and in the API.
    pub fn id(self) -> &'static str {
        match self {
            RouteVraag::Spoed => "spoed",
            RouteVraag::Contact => "contact",
            RouteVraag::Bezwaar => "bezwaar",
            RouteVraag::Beroep => "beroep",
            RouteVraag::Ondernemer => "ondernemer",
            RouteVraag::Stella => "stella",
            RouteVraag::Herstel => "herstel",
            RouteVraag::Schulden => "schulden",
            RouteVraag::Klacht => "klacht",
        }
    }

    /// The answer in a few words, for triage and the check-answers page.
    pub fn summary(self, ja: bool) -> &'static str {
        match (self, ja) {
            (RouteVraag::Spoed, true) => "Dringend: er dreigt binnenkort iets ergs",
            (RouteVraag::Spoed, false) => "Geen dreigende ontruiming of geldnood",
            (RouteVraag::Contact, true) => "Al contact gehad met de BelastingTelefoon of de Dienst",
            (RouteVraag::Contact, false) => {
                "Nog geen contact gehad met de BelastingTelefoon of de Dienst"
            }
            (RouteVraag::Bezwaar, true) => "Bezwaar maken kan nog: die termijn loopt",
            (RouteVraag::Bezwaar, false) => "Geen besluit waartegen nog bezwaar kan",
            (RouteVraag::Beroep, true) => "Bezwaar afgewezen, beroep kan nog: die termijn loopt",
            (RouteVraag::Beroep, false) => "Geen beroep mogelijk of nodig",
            (RouteVraag::Ondernemer, true) => "Ondernemer of zzp'er, met meer belastingen tegelijk",
            (RouteVraag::Ondernemer, false) => "Geen ondernemer met meer belastingen tegelijk",
            (RouteVraag::Stella, true) => "Al bij een Stella-team geweest",
            (RouteVraag::Stella, false) => "Nog niet bij een Stella-team geweest",
            (RouteVraag::Herstel, true) => "(Misschien) gedupeerd door de toeslagenaffaire",
            (RouteVraag::Herstel, false) => "Niet gedupeerd door de toeslagenaffaire",
            (RouteVraag::Schulden, true) => "Vooral rondkomen en schulden",
            (RouteVraag::Schulden, false) => "Er is een besluit van de Dienst",
            (RouteVraag::Klacht, true) => "Vooral over hoe de burger is behandeld",
            (RouteVraag::Klacht, false) => "Niet vooral over de behandeling",
        }
    }

    /// Whether this answer is something triage should see first: urgency, or a term that
    /// keeps running.
    pub fn needs_attention(self, ja: bool) -> bool {
        ja && matches!(
            self,
            RouteVraag::Spoed | RouteVraag::Bezwaar | RouteVraag::Beroep
        )
    }
}

/// Keeps one answer per question, the last given, in the order the questions were answered:
/// a draft saved from an old page can hold no duplicates.
pub fn normalised(answers: &[RouteAntwoord]) -> Vec<RouteAntwoord> {
    let mut kept: Vec<RouteAntwoord> = Vec::new();
    for answer in answers {
        match kept.iter_mut().find(|k| k.vraag == answer.vraag) {
            Some(earlier) => earlier.ja = answer.ja,
            None => kept.push(*answer),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_per_question_the_last_counts() {
        let answers = [
            RouteAntwoord {
                vraag: RouteVraag::Stella,
                ja: false,
            },
            RouteAntwoord {
                vraag: RouteVraag::Spoed,
                ja: true,
            },
            RouteAntwoord {
                vraag: RouteVraag::Stella,
                ja: true,
            },
        ];
        assert_eq!(
            normalised(&answers),
            [
                RouteAntwoord {
                    vraag: RouteVraag::Stella,
                    ja: true
                },
                RouteAntwoord {
                    vraag: RouteVraag::Spoed,
                    ja: true
                },
            ]
        );
    }

    #[test]
    fn urgency_and_running_terms_come_first_for_triage() {
        assert!(RouteVraag::Spoed.needs_attention(true));
        assert!(RouteVraag::Beroep.needs_attention(true));
        assert!(!RouteVraag::Beroep.needs_attention(false));
        assert!(!RouteVraag::Stella.needs_attention(true));
        // Every summary is a short plain line.
        for vraag in [RouteVraag::Spoed, RouteVraag::Contact, RouteVraag::Klacht] {
            for ja in [true, false] {
                assert!(vraag.summary(ja).len() < 70 && !vraag.summary(ja).ends_with('.'));
            }
        }
    }
}
