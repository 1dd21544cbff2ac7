//! Table tests over every allowed transition, and property tests over all pairs.

use proptest::prelude::*;

use super::*;

use CaseEvent as E;
use CaseStatus as S;

fn all_statuses() -> Vec<CaseStatus> {
    let mut all = vec![
        S::Concept,
        S::WachtOpToestemming,
        S::ToestemmingControleren(Controle::Formulier),
        S::ToestemmingControleren(Controle::Betwist),
        S::Aangemeld,
        S::InTriage,
        S::InBehandeling,
        S::ZienswijzeVerstuurd,
        S::Overgenomen,
        S::NietOvergenomen,
        S::Eindgesprek,
        S::Gesloten,
        S::Vervallen,
        S::Ingetrokken,
    ];
    all.extend(ROUTES.map(S::Doorverwezen));
    all.extend(LEVELS.map(S::Geescaleerd));
    all.extend(OUTCOMES.map(S::Afgerond));
    all
}

const ROUTES: [Verwijzing; 10] = [
    Verwijzing::AndereHelper,
    Verwijzing::OnderdeelBelastingdienst,
    Verwijzing::OnderdeelDienstToeslagen,
    Verwijzing::StellaTeam,
    Verwijzing::BelastingTelefoon,
    Verwijzing::BezwaarOfBeroep,
    Verwijzing::Geldfit,
    Verwijzing::Uht,
    Verwijzing::NationaleOmbudsman,
    Verwijzing::Anders,
];
const LEVELS: [EscalatieNiveau; 3] = [
    EscalatieNiveau::Leidinggevende,
    EscalatieNiveau::Directeur,
    EscalatieNiveau::DirecteurGeneraal,
];
const OUTCOMES: [Uitkomst; 3] = [
    Uitkomst::MinnelijkOpgelost,
    Uitkomst::OpgelostNaEscalatie,
    Uitkomst::NietOpgelost,
];

fn all_events() -> Vec<CaseEvent> {
    let mut all = vec![
        E::Indienen,
        E::ToestemmingGegeven,
        E::ToestemmingGeweigerd,
        E::ToestemmingVerlopen,
        E::FormulierToevoegen,
        E::ToestemmingBetwisten,
        E::ToestemmingGoedkeuren,
        E::ToestemmingAfkeuren,
        E::TriageStarten,
        E::InBehandelingNemen,
        E::ZienswijzeVersturen,
        E::ZienswijzeOvergenomen,
        E::ZienswijzeNietOvergenomen,
        E::EindgesprekPlannen,
        E::Sluiten,
        E::ToestemmingIntrekken,
        E::Toewijzen,
    ];
    all.extend(ROUTES.map(E::Doorverwijzen));
    all.extend(LEVELS.map(E::Escaleren));
    all.extend(OUTCOMES.map(E::Afronden));
    all
}

/// Every transition of DESIGN.md §3, written out once, by hand.
fn allowed() -> Vec<(CaseStatus, CaseEvent, CaseStatus)> {
    let mut table = vec![
        (S::Concept, E::Indienen, S::WachtOpToestemming),
        (S::WachtOpToestemming, E::ToestemmingGegeven, S::Aangemeld),
        (S::WachtOpToestemming, E::ToestemmingGeweigerd, S::Vervallen),
        (S::WachtOpToestemming, E::ToestemmingVerlopen, S::Vervallen),
        (
            S::WachtOpToestemming,
            E::FormulierToevoegen,
            S::ToestemmingControleren(Controle::Formulier),
        ),
        (
            S::ToestemmingControleren(Controle::Formulier),
            E::ToestemmingGoedkeuren,
            S::Aangemeld,
        ),
        (
            S::ToestemmingControleren(Controle::Formulier),
            E::ToestemmingAfkeuren,
            S::WachtOpToestemming,
        ),
        (
            S::ToestemmingControleren(Controle::Betwist),
            E::ToestemmingGoedkeuren,
            S::Aangemeld,
        ),
        (
            S::ToestemmingControleren(Controle::Betwist),
            E::ToestemmingAfkeuren,
            S::Ingetrokken,
        ),
        (S::Aangemeld, E::TriageStarten, S::InTriage),
        (S::InTriage, E::InBehandelingNemen, S::InBehandeling),
        (
            S::InBehandeling,
            E::ZienswijzeVersturen,
            S::ZienswijzeVerstuurd,
        ),
        (
            S::ZienswijzeVerstuurd,
            E::ZienswijzeOvergenomen,
            S::Overgenomen,
        ),
        (
            S::ZienswijzeVerstuurd,
            E::ZienswijzeNietOvergenomen,
            S::NietOvergenomen,
        ),
        (
            S::Overgenomen,
            E::Afronden(Uitkomst::MinnelijkOpgelost),
            S::Afgerond(Uitkomst::MinnelijkOpgelost),
        ),
        (
            S::NietOvergenomen,
            E::Afronden(Uitkomst::NietOpgelost),
            S::Afgerond(Uitkomst::NietOpgelost),
        ),
        (S::Eindgesprek, E::Sluiten, S::Gesloten),
    ];
    for route in ROUTES {
        table.push((S::InTriage, E::Doorverwijzen(route), S::Doorverwezen(route)));
    }
    for level in LEVELS {
        table.push((
            S::NietOvergenomen,
            E::Escaleren(level),
            S::Geescaleerd(level),
        ));
        for higher in LEVELS.into_iter().filter(|l| *l > level) {
            table.push((
                S::Geescaleerd(level),
                E::Escaleren(higher),
                S::Geescaleerd(higher),
            ));
        }
        for outcome in [Uitkomst::OpgelostNaEscalatie, Uitkomst::NietOpgelost] {
            table.push((
                S::Geescaleerd(level),
                E::Afronden(outcome),
                S::Afgerond(outcome),
            ));
        }
    }
    for outcome in OUTCOMES {
        table.push((S::Afgerond(outcome), E::EindgesprekPlannen, S::Eindgesprek));
    }
    for state in all_statuses() {
        if state.has_consent() {
            table.push((state, E::ToestemmingIntrekken, S::Ingetrokken));
            table.push((
                state,
                E::ToestemmingBetwisten,
                S::ToestemmingControleren(Controle::Betwist),
            ));
        }
    }
    for state in [
        S::InBehandeling,
        S::ZienswijzeVerstuurd,
        S::Overgenomen,
        S::NietOvergenomen,
        S::Eindgesprek,
    ]
    .into_iter()
    .chain(LEVELS.map(S::Geescaleerd))
    .chain(OUTCOMES.map(S::Afgerond))
    {
        table.push((state, E::Toewijzen, state));
    }
    table
}

#[test]
fn every_allowed_transition_works_for_its_actor() {
    for (from, event, to) in allowed() {
        assert_eq!(
            from.apply(event, event.actor()),
            Ok(to),
            "{from:?} + {event:?}"
        );
    }
}

#[test]
fn no_other_transition_is_possible() {
    let table = allowed();
    for from in all_statuses() {
        for event in all_events() {
            for role in Role::ALL {
                let result = from.apply(event, role);
                let listed = table
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .filter(|_| role == event.actor());
                match listed {
                    Some((_, _, to)) => assert_eq!(result, Ok(*to)),
                    None => assert!(
                        result.is_err(),
                        "{from:?} + {event:?} by {role:?} gave {result:?}"
                    ),
                }
            }
        }
    }
}

#[test]
fn consent_can_be_withdrawn_in_every_open_state_after_it_was_given() {
    for state in [
        S::Aangemeld,
        S::InTriage,
        S::InBehandeling,
        S::Geescaleerd(EscalatieNiveau::Directeur),
        S::Eindgesprek,
    ] {
        assert_eq!(
            state.apply(E::ToestemmingIntrekken, Role::Burger),
            Ok(S::Ingetrokken)
        );
    }
    // Before consent there is nothing to withdraw: the citizen refuses instead.
    assert_eq!(
        S::WachtOpToestemming.apply(E::ToestemmingIntrekken, Role::Burger),
        Err(TransitionError::NotInThisState)
    );
}

#[test]
fn a_paper_form_and_a_disputed_consent_wait_for_a_staff_member() {
    let form = S::WachtOpToestemming
        .apply(E::FormulierToevoegen, Role::Hulpverlener)
        .unwrap();
    assert!(!form.has_consent(), "no triage before the check");
    assert!(form.is_frozen());
    // The helper cannot check their own form, nor the citizen; only staff.
    for role in [Role::Hulpverlener, Role::Burger] {
        assert_eq!(
            form.apply(E::ToestemmingGoedkeuren, role),
            Err(TransitionError::NotAllowedForRole)
        );
    }
    assert_eq!(
        form.apply(E::TriageStarten, Role::Behandelaar),
        Err(TransitionError::NotInThisState)
    );
    let disputed = S::InBehandeling
        .apply(E::ToestemmingBetwisten, Role::Burger)
        .unwrap();
    assert_eq!(
        disputed.apply(E::ToestemmingIntrekken, Role::Burger),
        Err(TransitionError::NotInThisState),
        "a disputed consent is for staff to settle"
    );
    assert_eq!(
        disputed.apply(E::ToestemmingAfkeuren, Role::Behandelaar),
        Ok(S::Ingetrokken)
    );
}

#[test]
fn escalation_only_goes_up() {
    let at_director = S::Geescaleerd(EscalatieNiveau::Directeur);
    assert!(at_director
        .apply(
            E::Escaleren(EscalatieNiveau::Leidinggevende),
            Role::Behandelaar
        )
        .is_err());
    assert!(at_director
        .apply(E::Escaleren(EscalatieNiveau::Directeur), Role::Behandelaar)
        .is_err());
    assert_eq!(
        at_director.apply(
            E::Escaleren(EscalatieNiveau::DirecteurGeneraal),
            Role::Behandelaar
        ),
        Ok(S::Geescaleerd(EscalatieNiveau::DirecteurGeneraal))
    );
}

#[test]
fn a_helper_cannot_do_the_staffs_steps_nor_consent_for_the_citizen() {
    assert_eq!(
        S::InTriage.apply(E::InBehandelingNemen, Role::Hulpverlener),
        Err(TransitionError::NotAllowedForRole)
    );
    assert_eq!(
        S::WachtOpToestemming.apply(E::ToestemmingGegeven, Role::Hulpverlener),
        Err(TransitionError::NotAllowedForRole)
    );
    assert_eq!(
        S::Aangemeld.apply(E::TriageStarten, Role::Beheerder),
        Err(TransitionError::NotAllowedForRole)
    );
}

#[test]
fn only_a_helper_may_delete_and_only_a_draft() {
    assert!(S::Concept.may_delete(Role::Hulpverlener));
    assert!(!S::Concept.may_delete(Role::Behandelaar));
    assert!(!S::WachtOpToestemming.may_delete(Role::Hulpverlener));
}

#[test]
fn keys_are_unique_per_kind_of_state() {
    let mut keys: Vec<&str> = all_statuses().into_iter().map(CaseStatus::key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 16);
}

fn any_status() -> impl Strategy<Value = CaseStatus> {
    proptest::sample::select(all_statuses())
}
fn any_event() -> impl Strategy<Value = CaseEvent> {
    proptest::sample::select(all_events())
}
fn any_role() -> impl Strategy<Value = Role> {
    proptest::sample::select(Role::ALL.to_vec())
}

/// Every state reachable from a draft by allowed events, found by walking the graph.
fn reachable() -> Vec<CaseStatus> {
    let mut seen = vec![S::Concept];
    let mut i = 0;
    while i < seen.len() {
        for event in all_events() {
            if let Ok(next) = seen[i].apply(event, event.actor()) {
                if !seen.contains(&next) {
                    seen.push(next);
                }
            }
        }
        i += 1;
    }
    seen
}

#[test]
fn every_state_is_reachable_from_a_draft() {
    let reachable = reachable();
    for state in all_statuses() {
        assert!(reachable.contains(&state), "{state:?} cannot be reached");
    }
}

#[test]
fn every_reachable_state_has_explanations_for_both_readers_in_both_languages() {
    for (lang, state) in crate::Lang::ALL
        .into_iter()
        .flat_map(|lang| reachable().into_iter().map(move |state| (lang, state)))
    {
        for audience in [Audience::Burger, Audience::Hulpverlener] {
            let text = crate::lang::speaking(lang, || state.explain(audience));
            if lang == crate::Lang::En {
                let dutch = state.explain(audience);
                assert_ne!(text.meaning, dutch.meaning, "{state:?} has no English");
                assert_ne!(text.next, dutch.next, "{state:?} has no English");
            }
            assert!(
                !text.title.is_empty() && !text.meaning.is_empty(),
                "{state:?}"
            );
            assert!(
                !text.next.is_empty() && !text.who_acts.is_empty(),
                "{state:?}"
            );
            // B1: short sentences. No sentence in these texts is longer than 25 words.
            for sentence in text
                .meaning
                .split(['.', '?'])
                .chain(text.next.split(['.', '?']))
            {
                assert!(
                    sentence.split_whitespace().count() <= 25,
                    "{state:?}: {sentence}"
                );
            }
        }
    }
}

#[test]
fn the_pauzeknop_and_deadlines_are_never_described_as_stopping_anything() {
    for state in reachable() {
        for audience in [Audience::Burger, Audience::Hulpverlener] {
            let text = state.explain(audience);
            let all = format!("{} {} {}", text.meaning, text.next, text.who_acts).to_lowercase();
            assert!(
                !all.contains("gepauzeerd") && !all.contains("termijn stopt"),
                "{state:?}"
            );
        }
    }
}

proptest! {
    #[test]
    fn no_event_leaves_an_end_state(state in any_status(), event in any_event(), role in any_role()) {
        if state.is_end() {
            prop_assert_eq!(state.apply(event, role), Err(TransitionError::Ended));
        }
    }

    #[test]
    fn only_the_events_actor_can_fire_it(state in any_status(), event in any_event(), role in any_role()) {
        if role != event.actor() {
            prop_assert!(state.apply(event, role).is_err());
        }
    }

    #[test]
    fn a_status_survives_a_json_round_trip(state in any_status()) {
        let json = serde_json::to_string(&state).unwrap();
        prop_assert_eq!(serde_json::from_str::<CaseStatus>(&json).unwrap(), state);
    }
}

#[test]
fn every_staff_step_is_a_staff_event_and_each_open_state_after_consent_has_one() {
    let steps = CaseEvent::staff_steps();
    assert!(steps.iter().all(|e| e.actor() == Role::Behandelaar));
    for state in [
        CaseStatus::Aangemeld,
        CaseStatus::InTriage,
        CaseStatus::InBehandeling,
        CaseStatus::ZienswijzeVerstuurd,
        CaseStatus::NietOvergenomen,
        CaseStatus::Overgenomen,
        CaseStatus::Geescaleerd(EscalatieNiveau::Leidinggevende),
        CaseStatus::Afgerond(Uitkomst::NietOpgelost),
        CaseStatus::Eindgesprek,
    ] {
        assert!(
            steps
                .iter()
                .any(|e| state.apply(*e, Role::Behandelaar).is_ok()),
            "{state:?} has no staff step"
        );
    }
    assert!(!steps.iter().any(
        |e| CaseStatus::Geescaleerd(EscalatieNiveau::DirecteurGeneraal)
            .apply(*e, Role::Behandelaar)
            .is_ok_and(|s| matches!(s, CaseStatus::Geescaleerd(_)))
    ));
}

/// A text that points at reasons "below" may only be shown where the step that led there
/// had to give them: the template may not promise what the step does not hold.
#[test]
fn a_text_that_promises_reasons_follows_only_steps_that_must_give_them() {
    let promises = |state: CaseStatus| {
        [Audience::Burger, Audience::Hulpverlener]
            .into_iter()
            .any(|audience| {
                let text = state.explain(audience);
                [text.meaning, text.next, text.who_acts]
                    .iter()
                    .any(|t| t.contains("hieronder"))
            })
    };
    let mut promising = 0;
    // A step that keeps the state (a new casemanager) leads nowhere new: the reasons the
    // text points at are under the step that first led there, still on the timeline.
    for (_, event, to) in allowed().into_iter().filter(|(from, _, to)| from != to) {
        if promises(to) {
            promising += 1;
            assert!(
                event.needs_reasons(),
                "{event:?} leads to {to:?}, whose text points at reasons the step need not give"
            );
        }
    }
    assert!(promising > 0, "the check found no text to check");
    // And the other way: a step that must give reasons leads to a text that shows them.
    for (_, event, to) in allowed() {
        if event.needs_reasons() {
            assert!(
                promises(to),
                "{event:?} gives reasons that {to:?}'s text never mentions"
            );
        }
    }
}
