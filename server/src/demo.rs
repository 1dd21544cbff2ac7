//! `bondgenoot-server demo`: clearly marked demo organisations, accounts and cases for local
//! use, built from the made-up scenarios in the brief (§7.9). Every case moves through the
//! model's state machine, as it would in real use. Loads once; a second run does nothing.

use model::api::StepRequest;
use model::case::{CaseDraft, Dienst, Onderwerp, SpoedReden, ToeslagSoort};
use model::lifecycle::{Audience, CaseEvent, EscalatieNiveau, Role, Uitkomst, Verwijzing};
use model::step::StepContext;

use crate::clock::today;
use crate::crypto::{hash_password, CryptoError};
use crate::store::accounts::{self, by_email};
use crate::store::assignment::{self, TeamRights};
use crate::store::cases;
use crate::store::db::Db;
use crate::store::StoreError;
use crate::workflow::{Actor, StepTexts, Workflow, WorkflowError};

pub const ORGANISATION: &str = "Demo – Sociaal raadslieden Voorbeeldstad";
pub const PASSWORD: &str = "demo-wachtwoord-bondgenoot";
pub const HELPER: &str = "hulpverlener@demo.bondgenoot.test";
pub const STAFF: &str = "behandelaar@demo.bondgenoot.test";
pub const ADMIN: &str = "beheerder@demo.bondgenoot.test";
pub const TEAM: &str = "Demo – Triage";
/// A second behandelaar, in a handling team of their own: the case they took on is not the
/// demo behandelaar's (need-to-know), who can open it only with a reason.
pub const COLLEAGUE: &str = "collega@demo.bondgenoot.test";
pub const COLLEAGUE_TEAM: &str = "Demo – Casusbehandeling Toeslagen";

/// Loads the demo data unless it is there already. Returns whether it loaded.
pub async fn load(workflow: &Workflow, db: &Db) -> Result<bool, DemoError> {
    if by_email(db, HELPER).await?.is_some() {
        return Ok(false);
    }
    let hash = hash_password(PASSWORD.into()).await?;
    let organisation = accounts::create_organisation(db, ORGANISATION, true).await?;
    let helper = accounts::create_account(
        db,
        Some(organisation),
        HELPER,
        "Demo Hulpverlener",
        Role::Hulpverlener,
        &hash,
    )
    .await?;
    let staff = accounts::create_account(
        db,
        None,
        STAFF,
        "Demo Behandelaar",
        Role::Behandelaar,
        &hash,
    )
    .await?;
    let admin =
        accounts::create_account(db, None, ADMIN, "Demo Beheerder", Role::Beheerder, &hash).await?;
    for account in [helper, staff, admin] {
        accounts::exempt_from_second_factor(db, account).await?;
    }
    // The demo behandelaar triages new cases and may open others' with a reason.
    let rights = TeamRights {
        triage: true,
        break_glass: true,
    };
    assignment::join_team(db, staff, TEAM, rights).await?;
    let colleague = accounts::create_account(
        db,
        None,
        COLLEAGUE,
        "Demo Collega",
        Role::Behandelaar,
        &hash,
    )
    .await?;
    accounts::exempt_from_second_factor(db, colleague).await?;
    assignment::join_team(db, colleague, COLLEAGUE_TEAM, TeamRights::default()).await?;

    let draft =
        |naam: &str, dienst, onderwerpen: Vec<Onderwerp>, mis: &str, wens: &str| CaseDraft {
            burger_naam: Some(naam.into()),
            burger_geboortedatum: Some("1-1-1980".into()),
            burger_telefoon: Some("06 12345678".into()),
            dienst: Some(dienst),
            onderwerpen,
            wat_ging_mis: Some(mis.into()),
            gewenste_uitkomst: Some(wens.into()),
            ..CaseDraft::default()
        };

    // A – zzp'er with several problems, urgent; taken through escalation.
    let mut a = draft(
        "Demo Burger A",
        Dienst::Belastingdienst,
        vec![Onderwerp::Omzetbelasting, Onderwerp::Invordering],
        "Voorbeeld: achterstand omzetbelasting, de betalingsregeling is ingetrokken. Er dreigt uithuiszetting.",
        "Voorbeeld: een nieuwe betalingsregeling die past bij het inkomen.",
    );
    a.spoed = vec![SpoedReden::DreigendeUithuiszetting];
    let a_steps = [
        CaseEvent::TriageStarten,
        CaseEvent::InBehandelingNemen,
        CaseEvent::ZienswijzeVersturen,
        CaseEvent::ZienswijzeNietOvergenomen,
        CaseEvent::Escaleren(EscalatieNiveau::Directeur),
    ];
    // B – debt with overwaarde on the home; referred.
    let b = draft(
        "Demo Burger B",
        Dienst::Belastingdienst,
        vec![Onderwerp::Inkomstenbelasting, Onderwerp::Invordering],
        "Voorbeeld: schuld inkomstenbelasting; het huis zou verkocht moeten worden.",
        "Voorbeeld: betalen zonder het huis te verkopen.",
    );
    let b_steps = [
        CaseEvent::TriageStarten,
        CaseEvent::Doorverwijzen(Verwijzing::OnderdeelBelastingdienst),
    ];
    // C – toeslagen and invordering, no money to live on; solved amicably.
    let mut c = draft(
        "Demo Burger C",
        Dienst::Beide,
        vec![
            Onderwerp::Toeslag(ToeslagSoort::Kinderopvangtoeslag),
            Onderwerp::Invordering,
        ],
        "Voorbeeld: terugvordering toeslag en een belastingschuld tegelijk. Er is geen leefgeld.",
        "Voorbeeld: één regeling voor beide schulden.",
    );
    c.spoed = vec![SpoedReden::GeenLeefgeld];
    let c_steps = [
        CaseEvent::TriageStarten,
        CaseEvent::InBehandelingNemen,
        CaseEvent::ZienswijzeVersturen,
        CaseEvent::ZienswijzeOvergenomen,
        CaseEvent::Afronden(Uitkomst::MinnelijkOpgelost),
    ];

    for (case_draft, steps) in [(a, &a_steps[..]), (b, &b_steps[..]), (c, &c_steps[..])] {
        let reference = demo_draft(db, organisation, helper, &case_draft).await?;
        let helper = Actor {
            role: Role::Hulpverlener,
            account: Some(helper),
        };
        let staff = Actor {
            role: Role::Behandelaar,
            account: Some(staff),
        };
        advance(workflow, db, &reference, CaseEvent::Indienen, helper).await?;
        let consent = CaseEvent::ToestemmingGegeven;
        advance(workflow, db, &reference, consent, Actor::citizen()).await?;
        for event in steps {
            advance(workflow, db, &reference, *event, staff).await?;
        }
    }
    // E – huurtoeslag, taken on by the colleague: not the demo behandelaar's case.
    let e = draft(
        "Demo Burger E",
        Dienst::DienstToeslagen,
        vec![Onderwerp::Toeslag(ToeslagSoort::Huurtoeslag)],
        "Voorbeeld: de huurtoeslag is stopgezet na een verhuizing.",
        "Voorbeeld: de huurtoeslag loopt door op het nieuwe adres.",
    );
    let reference = demo_draft(db, organisation, helper, &e).await?;
    let as_helper = Actor {
        role: Role::Hulpverlener,
        account: Some(helper),
    };
    advance(workflow, db, &reference, CaseEvent::Indienen, as_helper).await?;
    let consent = CaseEvent::ToestemmingGegeven;
    advance(workflow, db, &reference, consent, Actor::citizen()).await?;
    for (event, by) in [
        (CaseEvent::TriageStarten, staff),
        (CaseEvent::InBehandelingNemen, colleague),
    ] {
        let actor = Actor {
            role: Role::Behandelaar,
            account: Some(by),
        };
        advance(workflow, db, &reference, event, actor).await?;
    }
    // A draft still being written.
    demo_draft(
        db,
        organisation,
        helper,
        &CaseDraft {
            burger_naam: Some("Demo Burger D".into()),
            ..CaseDraft::default()
        },
    )
    .await?;
    Ok(true)
}

/// A draft of the demo organisation (which has room: it is new).
async fn demo_draft(
    db: &Db,
    organisation: i64,
    helper: i64,
    draft: &CaseDraft,
) -> Result<String, DemoError> {
    cases::create_draft(db, organisation, helper, draft)
        .await?
        .ok_or_else(|| DemoError::Invalid("no room for a demo draft".into()))
}

/// Why the demo data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("storage")]
    Store(#[from] StoreError),
    #[error("a demo step")]
    Workflow(#[from] WorkflowError),
    #[error("password hash")]
    Crypto(#[from] CryptoError),
    #[error("demo data does not pass its own checks: {0}")]
    Invalid(String),
}

/// Made-up reasons for the demo's steps that must give them.
fn demo_reasons(event: CaseEvent) -> Option<String> {
    event.needs_reasons().then(|| match event {
        CaseEvent::ZienswijzeNietOvergenomen => "Voorbeeld: de Dienst schrijft dat de regels voor een betalingsregeling geen ruimte laten, omdat een eerdere regeling is ingetrokken.".to_owned(),
        _ => "Voorbeeld: deze vraag hoort bij een andere afdeling, die het dossier al kent.".to_owned(),
    })
}

/// Fires one event through the workflow, as the app would.
async fn advance(
    workflow: &Workflow,
    db: &Db,
    reference: &str,
    event: CaseEvent,
    actor: Actor,
) -> Result<(), DemoError> {
    let case = cases::by_reference(db, reference)
        .await?
        .ok_or_else(|| DemoError::Invalid(format!("demo case {reference} is gone")))?;
    let to = case
        .status
        .apply(event, actor.role)
        .map_err(|err| DemoError::Invalid(format!("demo step {event:?}: {err}")))?;
    match actor.role {
        Role::Hulpverlener => {
            let submission = case
                .draft
                .check(today())
                .map_err(|errors| DemoError::Invalid(format!("demo draft: {errors:?}")))?;
            workflow
                .run(
                    &case,
                    event,
                    actor,
                    StepTexts::OfNextState,
                    Some(&submission),
                )
                .await?;
        }
        Role::Behandelaar => {
            let request = StepRequest {
                stap: event,
                bericht_hulpverlener: to.explain(Audience::Hulpverlener).meaning,
                bericht_burger: to.explain(Audience::Burger).meaning,
                datum: event.needs_date().then(|| today().to_string()),
                reden: demo_reasons(event),
            };
            let context = StepContext {
                today: today(),
                case_created: today(),
            };
            let step = request
                .check(context)
                .map_err(|errors| DemoError::Invalid(format!("demo step: {errors:?}")))?;
            workflow
                .run(&case, event, actor, StepTexts::Checked(&step), None)
                .await?;
        }
        _ => {
            workflow
                .run(&case, event, actor, StepTexts::OfEvent, None)
                .await?;
        }
    }
    Ok(())
}
