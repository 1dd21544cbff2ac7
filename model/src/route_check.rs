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
            (RouteVraag::Spoed, true) => crate::lang::tr(
                "Dringend: er dreigt binnenkort iets ergs",
                "Urgent: something bad is about to happen",
            ),
            (RouteVraag::Spoed, false) => crate::lang::tr(
                "Geen dreigende ontruiming of geldnood",
                "No coming eviction or lack of money",
            ),
            (RouteVraag::Contact, true) => crate::lang::tr(
                "Al contact gehad met de BelastingTelefoon of de Dienst",
                "Already contacted the BelastingTelefoon or the service",
            ),
            (RouteVraag::Contact, false) => crate::lang::tr(
                "Nog geen contact gehad met de BelastingTelefoon of de Dienst",
                "Not yet contacted the BelastingTelefoon or the service",
            ),
            (RouteVraag::Bezwaar, true) => crate::lang::tr(
                "Bezwaar maken kan nog: die termijn loopt",
                "An objection is still possible: that deadline is running",
            ),
            (RouteVraag::Bezwaar, false) => crate::lang::tr(
                "Geen besluit waartegen nog bezwaar kan",
                "No decision that can still be objected to",
            ),
            (RouteVraag::Beroep, true) => crate::lang::tr(
                "Bezwaar afgewezen, beroep kan nog: die termijn loopt",
                "Objection rejected, an appeal is still possible: that deadline is running",
            ),
            (RouteVraag::Beroep, false) => crate::lang::tr(
                "Geen beroep mogelijk of nodig",
                "No appeal possible or needed",
            ),
            (RouteVraag::Ondernemer, true) => crate::lang::tr(
                "Ondernemer of zzp'er, met meer belastingen tegelijk",
                "Entrepreneur or freelancer, with several taxes at once",
            ),
            (RouteVraag::Ondernemer, false) => crate::lang::tr(
                "Geen ondernemer met meer belastingen tegelijk",
                "Not an entrepreneur with several taxes at once",
            ),
            (RouteVraag::Stella, true) => crate::lang::tr(
                "Al bij een Stella-team geweest",
                "Already been with a Stella team",
            ),
            (RouteVraag::Stella, false) => crate::lang::tr(
                "Nog niet bij een Stella-team geweest",
                "Not yet been with a Stella team",
            ),
            (RouteVraag::Herstel, true) => crate::lang::tr(
                "(Misschien) gedupeerd door de toeslagenaffaire",
                "(Perhaps) harmed by the benefits scandal",
            ),
            (RouteVraag::Herstel, false) => crate::lang::tr(
                "Niet gedupeerd door de toeslagenaffaire",
                "Not harmed by the benefits scandal",
            ),
            (RouteVraag::Schulden, true) => crate::lang::tr(
                "Vooral rondkomen en schulden",
                "Mainly making ends meet and debts",
            ),
            (RouteVraag::Schulden, false) => crate::lang::tr(
                "Er is een besluit van de Dienst",
                "There is a decision of the service",
            ),
            (RouteVraag::Klacht, true) => crate::lang::tr(
                "Vooral over hoe de burger is behandeld",
                "Mainly about how the citizen was treated",
            ),
            (RouteVraag::Klacht, false) => crate::lang::tr(
                "Niet vooral over de behandeling",
                "Not mainly about the treatment",
            ),
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
