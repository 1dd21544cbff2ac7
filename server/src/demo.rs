//! `bondgenoot-server demo`: clearly marked demo organisations, accounts and cases for local
//! use, built from the made-up scenarios in the brief (§7.9). Every case moves through the
//! model's state machine, as it would in real use. Loads once; a second run does nothing.

use model::case::{CaseDraft, Dienst, Onderwerp, SpoedReden, ToeslagSoort};
use model::lifecycle::{CaseEvent, EscalatieNiveau, Role, Uitkomst, Verwijzing};

use crate::auth::hash_password;
use crate::db::{today, Db};
use crate::error::ApiError;
use crate::store::accounts::{self, by_email};
use crate::store::cases::{self, Step};

pub const ORGANISATION: &str = "Demo – Sociaal raadslieden Voorbeeldstad";
pub const PASSWORD: &str = "demo-wachtwoord-bondgenoot";
pub const HELPER: &str = "hulpverlener@demo.bondgenoot.test";
pub const STAFF: &str = "behandelaar@demo.bondgenoot.test";
pub const ADMIN: &str = "beheerder@demo.bondgenoot.test";

/// Loads the demo data unless it is there already. Returns whether it loaded.
pub async fn load(db: &Db) -> Result<bool, ApiError> {
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
    accounts::create_account(db, None, ADMIN, "Demo Beheerder", Role::Beheerder, &hash).await?;

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
        let reference = cases::create_draft(db, organisation, helper, &case_draft).await?;
        advance(
            db,
            &reference,
            CaseEvent::Indienen,
            Role::Hulpverlener,
            Some(helper),
        )
        .await?;
        advance(
            db,
            &reference,
            CaseEvent::ToestemmingGegeven,
            Role::Burger,
            None,
        )
        .await?;
        for event in steps {
            advance(db, &reference, *event, Role::Behandelaar, Some(staff)).await?;
        }
    }
    // A draft still being written.
    cases::create_draft(
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

async fn advance(
    db: &Db,
    reference: &str,
    event: CaseEvent,
    role: Role,
    account: Option<i64>,
) -> Result<(), ApiError> {
    let case = cases::by_reference(db, reference)
        .await?
        .ok_or(ApiError::NotFound)?;
    let to = case
        .status
        .apply(event, role)
        .map_err(|err| ApiError::Internal(format!("demo step {event:?}: {err}")))?;
    let submission = match event {
        CaseEvent::Indienen => Some(
            case.draft
                .check(today())
                .map_err(|errors| ApiError::Internal(format!("demo draft invalid: {errors:?}")))?,
        ),
        _ => None,
    };
    let helper_text = to.explain(model::lifecycle::Audience::Hulpverlener).meaning;
    let citizen_text = to.explain(model::lifecycle::Audience::Burger).meaning;
    let step = Step {
        role,
        account,
        event,
        message_helper: &helper_text,
        message_citizen: &citizen_text,
        datum: match event {
            CaseEvent::ZienswijzeVersturen => Some(today()),
            _ => None,
        },
    };
    cases::transition(db, &case, to, step, submission.as_ref()).await?;
    Ok(())
}
