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

    let mut references = Vec::new();
    for (case_draft, steps) in [(a, &a_steps[..]), (b, &b_steps[..]), (c, &c_steps[..])] {
        let reference = demo_draft(db, organisation, helper, &case_draft).await?;
        references.push(reference.clone());
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
    load_history(db).await?;
    // Scenario C's case is named in the demo's forwarded signal.
    let c_reference = references.pop();
    load_signals(
        db,
        workflow.public_url(),
        organisation,
        helper,
        (staff, colleague),
        c_reference,
    )
    .await?;
    Ok(true)
}

/// Three made-up signals of the demo organisation, each at another point of its path, taken
/// there by the same state machine and four-eyes rule as in use: one just filed, one not
/// forwarded (with its reason), and one about the interaction of toeslagen and invordering
/// (brief §7.9, scenario C) forwarded to the KSMS after a colleague approved the text, with a
/// terugkoppeling.
async fn load_signals(
    db: &Db,
    public_url: &str,
    organisation: i64,
    helper: i64,
    (staff, colleague): (i64, i64),
    linked_case: Option<String>,
) -> Result<(), DemoError> {
    use crate::store::signals::{self, Filed, StepWrite};
    use model::signal::wire::NewSignal;
    use model::signal::SignalEvent as E;
    use model::Check;
    let new = |dienst, thema: &str, mis: &str, verhaal: &str, oplossing: &str, zaken| NewSignal {
        dienst,
        thema: thema.into(),
        wat_gaat_mis: mis.into(),
        verhaal: verhaal.into(),
        oplossing: oplossing.into(),
        zaken,
        bevestigd: false,
    };
    /// A step: the event, who takes it, the text it carries.
    type DemoStep<'a> = (E, i64, Option<&'a str>);
    let signals_and_steps: [(NewSignal, &[DemoStep]); 3] = [
        (
            new(
                Dienst::Beide,
                "Voorbeeld: terugvordering toeslag en belastingschuld tegelijk",
                "Voorbeeld: de twee Diensten vorderen tegelijk terug. Niemand kijkt naar het geheel.",
                "Voorbeeld: een moeder met twee kinderen moest een toeslag terugbetalen en had ook een belastingschuld. Beide regelingen samen lieten geen leefgeld over.",
                "Voorbeeld: één contactpersoon die beide schulden samen bekijkt en één regeling maakt.",
                linked_case.into_iter().collect(),
            ),
            &[
                (E::Oppakken, staff, None),
                (E::TerControleAanbieden, staff, Some("Voorbeeld: bij samenloop van een terugvordering van toeslagen en een belastingschuld blijft soms geen leefgeld over. Voorstel: één regeling voor beide.")),
                (E::Goedkeuren, colleague, None),
                (E::Doorzetten, staff, None),
                (E::Terugkoppelen, staff, Some("Voorbeeld: het signaal is besproken in het signalenoverleg. De Diensten maken een werkafspraak voor zulke zaken.")),
            ],
        ),
        (
            new(
                Dienst::Belastingdienst,
                "Voorbeeld: brief over betalingsregeling is moeilijk",
                "Voorbeeld: de brief over een betalingsregeling gebruikt moeilijke woorden.",
                "Voorbeeld: een man begreep niet dat hij binnen twee weken moest reageren. Zijn regeling verviel.",
                "Voorbeeld: zet de termijn bovenaan de brief, in gewone woorden.",
                Vec::new(),
            ),
            &[
                (E::Oppakken, staff, None),
                (E::NietDoorzetten, staff, Some("Voorbeeld: dit signaal is al eerder doorgezet. De Belastingdienst past de brief dit jaar aan.")),
            ],
        ),
        (
            new(
                Dienst::DienstToeslagen,
                "Voorbeeld: huurtoeslag stopt na verhuizing",
                "Voorbeeld: na een verhuizing stopt de huurtoeslag, ook als het nieuwe adres al is doorgegeven.",
                "Voorbeeld: een vrouw verhuisde binnen dezelfde stad. Drie maanden kreeg zij geen huurtoeslag.",
                "Voorbeeld: laat de huurtoeslag doorlopen zolang het nieuwe adres wordt gecontroleerd.",
                Vec::new(),
            ),
            &[],
        ),
    ];
    for (form, steps) in signals_and_steps {
        let checked = form
            .check()
            .map_err(|errors| DemoError::Invalid(format!("demo signal: {errors:?}")))?;
        let reference = match signals::file(db, Some(organisation), helper, checked).await? {
            Filed::Made(reference) => reference,
            Filed::UnknownCase(case) => {
                return Err(DemoError::Invalid(format!("demo signal names {case}")))
            }
        };
        for (event, actor, text) in steps {
            let record = signals::by_reference(db, &reference)
                .await?
                .ok_or_else(|| DemoError::Invalid(format!("demo signal {reference} is gone")))?;
            let from = record.row.status()?;
            let to = from
                .apply(*event, record.row.text_writer, *actor)
                .map_err(|refusal| DemoError::Invalid(refusal.message().into()))?;
            let write = StepWrite {
                event: *event,
                from,
                to,
                actor: *actor,
                body: text.map(str::to_owned),
                forwarded_on: (*event == E::Doorzetten).then(today),
            };
            if !signals::step(db, record.row, write, public_url).await? {
                return Err(DemoError::Invalid(format!("demo signal {reference} moved")));
            }
        }
    }
    Ok(())
}

/// Made-up anonymous records of 40 earlier cases, so the figures page has something to show
/// above its threshold: 20 about the Belastingdienst and 20 about Dienst Toeslagen, the cases
/// the Belangenbehartiger planned for its first year (brief §7.1, S004:270), sent over the last
/// four months; 28 closed (18 solved amicably, 6 after escalation, 4 not), 8 referred, 4
/// withdrawn. They are records of destroyed cases: no case, person or text behind them.
pub async fn load_history(db: &Db) -> Result<(), DemoError> {
    use crate::store::schema::{anonymous_case_states, anonymous_case_topics, anonymous_cases};
    use diesel::prelude::*;
    const DAY: i64 = 86_400;
    let now = crate::clock::now();
    db.transaction(move |conn| {
        for i in 0..40_i64 {
            let submitted = now - (6 + i * 3) * DAY;
            let dienst = if i % 2 == 0 {
                "belastingdienst"
            } else {
                "dienst_toeslagen"
            };
            let topic = match (i % 2, i % 5) {
                (0, 0 | 1) => "inkomstenbelasting",
                (0, _) => "invordering",
                (_, 0) => "toeslag:kinderopvangtoeslag",
                (_, 1 | 2) => "toeslag:huurtoeslag",
                _ => "toeslag:zorgtoeslag",
            };
            // (end class, outcome or route, days from sending to the end)
            let (end, detail, days): (&str, Option<&str>, i64) = match i {
                0..=17 => ("gesloten", Some("minnelijk_opgelost"), 30 + (i * 7) % 60),
                18..=23 => ("gesloten", Some("opgelost_na_escalatie"), 60 + (i * 5) % 50),
                24..=27 => ("gesloten", Some("niet_opgelost"), 70 + (i * 3) % 40),
                28..=30 => ("doorverwezen", Some("stella_team"), 6 + i % 5),
                31..=32 => ("doorverwezen", Some("bezwaar_of_beroep"), 5 + i % 4),
                33..=34 => ("doorverwezen", Some("uht"), 8 + i % 3),
                35 => ("doorverwezen", Some("geldfit"), 7),
                _ => ("ingetrokken", None, 10 + i % 7),
            };
            let ended = (submitted + days * DAY).min(now - DAY);
            let span = ended - submitted;
            let id: i64 = diesel::insert_into(anonymous_cases::table)
                .values((
                    anonymous_cases::reference_hash.eq(crate::store::retention::reference_hash(
                        &format!("DEMO-GESCHIEDENIS-{i}"),
                    )),
                    anonymous_cases::organisation_kind.eq("sociaal_raadslieden"),
                    anonymous_cases::dienst.eq(Some(dienst)),
                    anonymous_cases::spoed.eq(i % 5 == 4),
                    anonymous_cases::end_class.eq(end),
                    anonymous_cases::outcome.eq(detail.filter(|_| end == "gesloten")),
                    anonymous_cases::created_at.eq(submitted - 2 * DAY),
                    anonymous_cases::submitted_at.eq(Some(submitted)),
                    anonymous_cases::ended_at.eq(ended),
                    anonymous_cases::destroyed_at.eq(now),
                ))
                .returning(anonymous_cases::id)
                .get_result(conn)?;
            diesel::insert_into(anonymous_case_topics::table)
                .values((
                    anonymous_case_topics::anonymous_case_id.eq(id),
                    anonymous_case_topics::topic.eq(topic),
                ))
                .execute(conn)?;
            // The states it went through, each at its share of the whole time.
            let path: &[(&str, Option<&str>, i64)] = match end {
                "gesloten" => &[
                    ("wacht_op_toestemming", None, 0),
                    ("aangemeld", None, 3),
                    ("in_triage", None, 8),
                    ("in_behandeling", None, 15),
                    ("zienswijze_verstuurd", None, 35),
                    ("overgenomen", None, 60),
                    ("afgerond", detail, 80),
                    ("eindgesprek", None, 90),
                    ("gesloten", None, 100),
                ],
                "doorverwezen" => &[
                    ("wacht_op_toestemming", None, 0),
                    ("aangemeld", None, 15),
                    ("in_triage", None, 40),
                    ("doorverwezen", detail, 100),
                ],
                _ => &[
                    ("wacht_op_toestemming", None, 0),
                    ("aangemeld", None, 20),
                    ("in_triage", None, 50),
                    ("ingetrokken", None, 100),
                ],
            };
            for (seq, (key, state_detail, share)) in (0_i64..).zip(path) {
                diesel::insert_into(anonymous_case_states::table)
                    .values((
                        anonymous_case_states::anonymous_case_id.eq(id),
                        anonymous_case_states::seq.eq(seq),
                        anonymous_case_states::status_key.eq(*key),
                        anonymous_case_states::status_detail.eq(*state_detail),
                        anonymous_case_states::at.eq(submitted + span * share / 100),
                    ))
                    .execute(conn)?;
            }
        }
        Ok::<_, StoreError>(())
    })
    .await?;
    Ok(())
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
