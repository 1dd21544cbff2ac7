//! The access table: every viewer × part × act, over a case in every state, through the API.
//! The expectation is written out here, rule by rule, and never computed from the policy
//! (`model::access`, `server::access`): a rule changed on one side only turns this red.
//! Later issues (beheer, privacy, hardening) extend this table with their viewers and rules.
//!
//! Writes are sent with a body that the endpoint refuses (422) once access is granted, so
//! the table can try every write on every case without changing it; the two writes that
//! cannot be tried that way (deleting a draft, withdrawing consent) run last on each case.

use model::lifecycle::{CaseEvent, CaseStatus, EscalatieNiveau, Uitkomst, Verwijzing};
use serde_json::{json, Value};

use bondgenoot_server::store::assignment::TeamRights;

use crate::helpers::{citizen, citizen_answers, complete_draft, fire_step, Client, TestApp};
use crate::on_both_backends;

/// What the API answered, in the policy's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// 2xx: done (for a read: shown).
    Done,
    /// 422: allowed, and then the (deliberately wrong) body was refused.
    Invalid,
    /// 403: this viewer never does this.
    Forbidden,
    /// 404: answered as if the case (or the item) did not exist.
    Hidden,
    /// 409: not in this state.
    NotNow,
    /// 401: this viewer has no session for this part of the API.
    SignedOut,
}

fn outcome_of(status: u16) -> Outcome {
    match status {
        200..=299 => Outcome::Done,
        422 => Outcome::Invalid,
        403 => Outcome::Forbidden,
        404 => Outcome::Hidden,
        409 => Outcome::NotNow,
        401 => Outcome::SignedOut,
        other => panic!("unexpected status {other}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// A helper of the organisation that made the case.
    OwnHelper,
    /// A helper of another organisation.
    OtherHelper,
    /// A behandelaar in the triage team and a handling team, who takes every step: the
    /// casemanager once the case is taken on.
    Staff,
    /// In the casemanager's handling team only: the case is theirs once taken on.
    TeamColleague,
    /// In the triage team only: the case is theirs while nobody has taken it on.
    TriageColleague,
    /// In a team that may open others' cases with a reason, and did so on every case.
    GlassStaff,
    /// The case's own citizen (once they consented).
    Citizen,
    /// An intermediair invited to this case.
    Intermediary,
    Beheerder,
}

const EVERYONE: [Who; 9] = [
    Who::OwnHelper,
    Who::OtherHelper,
    Who::Staff,
    Who::TeamColleague,
    Who::TriageColleague,
    Who::GlassStaff,
    Who::Citizen,
    Who::Intermediary,
    Who::Beheerder,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    ShowCase,
    ChangeDraft,
    Submit,
    ConsentLink,
    PaperConsent,
    Step,
    ReadMessages,
    WriteMessage,
    WriteCitizenMessage,
    ReadNotes,
    WriteNote,
    Feedback,
    ListDocuments,
    UploadDocument,
    ListInvitations,
    Invite,
    RevokeInvitation,
    NewCodeLink,
    CitizenCase,
    CitizenFeedback,
    CitizenMessage,
    CitizenDocuments,
    CitizenUpload,
    IntermediaryView,
    IntermediaryUpload,
    // Last on each case: they change it when allowed.
    DeleteDraft,
    Withdraw,
}

const OPS: [Op; 27] = [
    Op::ShowCase,
    Op::ChangeDraft,
    Op::Submit,
    Op::ConsentLink,
    Op::PaperConsent,
    Op::Step,
    Op::ReadMessages,
    Op::WriteMessage,
    Op::WriteCitizenMessage,
    Op::ReadNotes,
    Op::WriteNote,
    Op::Feedback,
    Op::ListDocuments,
    Op::UploadDocument,
    Op::ListInvitations,
    Op::Invite,
    Op::RevokeInvitation,
    Op::NewCodeLink,
    Op::CitizenCase,
    Op::CitizenFeedback,
    Op::CitizenMessage,
    Op::CitizenDocuments,
    Op::CitizenUpload,
    Op::IntermediaryView,
    Op::IntermediaryUpload,
    Op::DeleteDraft,
    Op::Withdraw,
];

/// Which part of the API an operation is in: each kind of viewer has a session for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Accounts,
    Citizen,
    Intermediary,
}

fn part_of(op: Op) -> Part {
    match op {
        Op::CitizenCase
        | Op::CitizenFeedback
        | Op::CitizenMessage
        | Op::CitizenDocuments
        | Op::CitizenUpload
        | Op::Withdraw => Part::Citizen,
        Op::IntermediaryView | Op::IntermediaryUpload => Part::Intermediary,
        _ => Part::Accounts,
    }
}

fn session_part(who: Who) -> Part {
    match who {
        Who::Citizen => Part::Citizen,
        Who::Intermediary => Part::Intermediary,
        _ => Part::Accounts,
    }
}

/// The expected answer: the whole policy of DESIGN.md §2 and §6, as this table states it.
fn expected(who: Who, op: Op, state: CaseStatus) -> Outcome {
    use CaseStatus as S;
    use Outcome::*;
    if part_of(op) != session_part(who) {
        return SignedOut;
    }
    let draft = state == S::Concept;
    let ended = matches!(
        state,
        S::Doorverwezen(_) | S::Gesloten | S::Vervallen | S::Ingetrokken
    );
    // The milestones: after the zienswijze, after the Dienst's reaction, at the end.
    let feedback_time = matches!(
        state,
        S::ZienswijzeVerstuurd
            | S::Overgenomen
            | S::NietOvergenomen
            | S::Geescaleerd(_)
            | S::Afgerond(_)
            | S::Eindgesprek
            | S::Gesloten
    );
    let with_consent = !ended && !matches!(state, S::Concept | S::WachtOpToestemming);
    match who {
        Who::Citizen => match op {
            Op::CitizenCase | Op::CitizenDocuments => Done,
            Op::CitizenFeedback if feedback_time => Invalid,
            Op::CitizenFeedback => NotNow,
            // The citizen writes to the casemanager while the case runs.
            Op::CitizenMessage if ended => NotNow,
            Op::CitizenMessage => Invalid,
            Op::CitizenUpload if ended => NotNow,
            Op::CitizenUpload => Invalid,
            Op::Withdraw if with_consent => Done,
            Op::Withdraw => NotNow,
            _ => unreachable!("{op:?} is not the citizen's"),
        },
        Who::Intermediary => match op {
            Op::IntermediaryView => Done,
            Op::IntermediaryUpload if ended => NotNow,
            Op::IntermediaryUpload => Invalid,
            _ => unreachable!("{op:?} is not the intermediair's"),
        },
        Who::Beheerder => Forbidden,
        _ => {
            let staff = matches!(
                who,
                Who::Staff | Who::TeamColleague | Who::TriageColleague | Who::GlassStaff
            );
            let helper_op = matches!(
                op,
                Op::ChangeDraft
                    | Op::Submit
                    | Op::ConsentLink
                    | Op::PaperConsent
                    | Op::Feedback
                    | Op::ListInvitations
                    | Op::Invite
                    | Op::RevokeInvitation
                    | Op::NewCodeLink
                    | Op::DeleteDraft
            );
            let staff_op = matches!(op, Op::Step | Op::ReadNotes | Op::WriteNote);
            // First: what the role never does, whatever the case.
            if (staff && helper_op) || (!staff && staff_op) {
                return Forbidden;
            }
            // Then: whose case it is, and whether staff see it yet.
            let sees = match who {
                Who::OwnHelper => true,
                Who::OtherHelper => false,
                _ => !matches!(state, S::Concept | S::WachtOpToestemming | S::Vervallen),
            };
            if !sees {
                return Hidden;
            }
            // Need-to-know among staff: triage has what nobody took on yet; then the
            // casemanager and their handling team. Everyone else sees the queue line only
            // (403), unless they opened the case with a reason: then they read, and do nothing.
            let taken_on = !matches!(state, S::Aangemeld | S::InTriage | S::Doorverwezen(_));
            let outside = match who {
                Who::TeamColleague => !taken_on,
                Who::TriageColleague => taken_on,
                _ => false,
            };
            if outside {
                return Forbidden;
            }
            let write = matches!(
                op,
                Op::Step
                    | Op::WriteMessage
                    | Op::WriteCitizenMessage
                    | Op::WriteNote
                    | Op::UploadDocument
            );
            if who == Who::GlassStaff && write {
                return NotNow;
            }
            // Ended means ended: nothing is added any more (feedback at the end excepted).
            if ended
                && matches!(
                    op,
                    Op::Step
                        | Op::WriteMessage
                        | Op::WriteCitizenMessage
                        | Op::WriteNote
                        | Op::UploadDocument
                        | Op::Invite
                )
            {
                return NotNow;
            }
            // After withdrawal staff read only the tombstone: the case page, without its
            // messages, notes or documents.
            if staff
                && state == S::Ingetrokken
                && matches!(op, Op::ReadMessages | Op::ReadNotes | Op::ListDocuments)
            {
                return NotNow;
            }
            match op {
                Op::ShowCase | Op::ReadMessages | Op::ReadNotes => Done,
                Op::ListDocuments | Op::ListInvitations => Done,
                Op::ChangeDraft | Op::DeleteDraft if draft => Done,
                Op::ChangeDraft | Op::DeleteDraft => NotNow,
                // The draft in this table is incomplete: sending it names the empty fields.
                Op::Submit if draft => Invalid,
                Op::Submit => NotNow,
                Op::ConsentLink if state == S::WachtOpToestemming => Done,
                Op::ConsentLink => NotNow,
                // No form was uploaded: refused at the field, in every state.
                Op::PaperConsent => Invalid,
                // The step's messages are empty: refused before the state machine is asked.
                Op::Step => Invalid,
                Op::WriteMessage | Op::WriteCitizenMessage if draft => NotNow,
                Op::WriteCitizenMessage if !staff => Forbidden,
                Op::WriteMessage | Op::WriteCitizenMessage | Op::WriteNote => Invalid,
                Op::Feedback if feedback_time => Invalid,
                Op::Feedback => NotNow,
                Op::UploadDocument => Invalid,
                Op::Invite if ended => NotNow,
                Op::Invite => Invalid,
                // Allowed, but there is no such invitation.
                Op::RevokeInvitation => Hidden,
                // Only where the citizen holds a code: consented, and not withdrawn.
                Op::NewCodeLink
                    if with_consent || matches!(state, S::Doorverwezen(_) | S::Gesloten) =>
                {
                    Done
                }
                Op::NewCodeLink => NotNow,
                _ => unreachable!("{op:?} is not for accounts"),
            }
        }
    }
}

/// A form with a description and no file: refused at the file once access is granted.
fn fileless_form() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().text("omschrijving", "Geen bestand")
}

async fn upload_without_file(client: &Client, path: &str) -> u16 {
    let mut request = client
        .http
        .post(format!("{}{path}", client.address))
        .multipart(fileless_form());
    if let Some(csrf) = &client.csrf {
        request = request.header("x-csrf-token", csrf);
    }
    request.send().await.unwrap().status().as_u16()
}

async fn attempt(client: &Client, op: Op, reference: &str) -> u16 {
    let case = format!("/api/zaken/{reference}");
    let empty = json!({"tekst": ""});
    let response = match op {
        Op::ShowCase => client.get(&case).await,
        Op::ChangeDraft => {
            client
                .put_json(&format!("{case}/concept"), &json!({}))
                .await
        }
        Op::Submit => {
            client
                .post_json(&format!("{case}/indienen"), &json!({}))
                .await
        }
        Op::ConsentLink => {
            client
                .post_json(&format!("{case}/toestemming"), &json!({}))
                .await
        }
        Op::PaperConsent => {
            client
                .post_json(
                    &format!("{case}/toestemming/formulier"),
                    &json!({"document": "geen"}),
                )
                .await
        }
        Op::Step => {
            let body = json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "", "bericht_burger": ""});
            client.post_json(&format!("{case}/stappen"), &body).await
        }
        Op::ReadMessages => client.get(&format!("{case}/berichten")).await,
        Op::WriteMessage => client.post_json(&format!("{case}/berichten"), &empty).await,
        Op::WriteCitizenMessage => {
            client
                .post_json(
                    &format!("{case}/berichten"),
                    &json!({"tekst": "", "voor_burger": true}),
                )
                .await
        }
        Op::ReadNotes => client.get(&format!("{case}/notities")).await,
        Op::WriteNote => client.post_json(&format!("{case}/notities"), &empty).await,
        Op::Feedback => client.post_json(&format!("{case}/reactie"), &empty).await,
        Op::ListDocuments => client.get(&format!("{case}/documenten")).await,
        Op::UploadDocument => {
            return upload_without_file(client, &format!("{case}/documenten")).await
        }
        Op::ListInvitations => client.get(&format!("{case}/uitnodigingen")).await,
        Op::Invite => {
            client
                .post_json(
                    &format!("{case}/uitnodigingen"),
                    &json!({"naam": "", "dagen": 0}),
                )
                .await
        }
        Op::RevokeInvitation => client.delete(&format!("{case}/uitnodigingen/999999")).await,
        Op::NewCodeLink => {
            client
                .post_json(&format!("{case}/nieuwe-code"), &json!({}))
                .await
        }
        Op::CitizenCase => client.get("/api/burger/zaak").await,
        Op::CitizenFeedback => client.post_json("/api/burger/reactie", &empty).await,
        Op::CitizenMessage => client.post_json("/api/burger/berichten", &empty).await,
        Op::CitizenDocuments => client.get("/api/burger/documenten").await,
        Op::CitizenUpload => return upload_without_file(client, "/api/burger/documenten").await,
        Op::IntermediaryView => client.get("/api/intermediair").await,
        Op::IntermediaryUpload => {
            return upload_without_file(client, "/api/intermediair/documenten").await
        }
        Op::DeleteDraft => client.delete(&case).await,
        Op::Withdraw => client.post_json("/api/burger/intrekken", &json!({})).await,
    };
    response.status().as_u16()
}

/// How a case in the table is brought to its state.
enum Setup {
    Draft,
    Waiting,
    Refused,
    Consented(Vec<CaseEvent>),
    Withdrawn(Vec<CaseEvent>),
}

fn states() -> Vec<(CaseStatus, Setup)> {
    use CaseEvent as E;
    let taken = vec![E::TriageStarten, E::InBehandelingNemen];
    let sent = [taken.clone(), vec![E::ZienswijzeVersturen]].concat();
    let refused = [sent.clone(), vec![E::ZienswijzeNietOvergenomen]].concat();
    let followed = [sent.clone(), vec![E::ZienswijzeOvergenomen]].concat();
    let solved = [
        followed.clone(),
        vec![E::Afronden(Uitkomst::MinnelijkOpgelost)],
    ]
    .concat();
    let talk = [solved.clone(), vec![E::EindgesprekPlannen]].concat();
    let closed = [talk.clone(), vec![E::Sluiten]].concat();
    vec![
        (CaseStatus::Concept, Setup::Draft),
        (CaseStatus::WachtOpToestemming, Setup::Waiting),
        (CaseStatus::Vervallen, Setup::Refused),
        (CaseStatus::Aangemeld, Setup::Consented(vec![])),
        (
            CaseStatus::InTriage,
            Setup::Consented(vec![E::TriageStarten]),
        ),
        (
            CaseStatus::Doorverwezen(Verwijzing::StellaTeam),
            Setup::Consented(vec![
                E::TriageStarten,
                E::Doorverwijzen(Verwijzing::StellaTeam),
            ]),
        ),
        (CaseStatus::InBehandeling, Setup::Consented(taken.clone())),
        (CaseStatus::ZienswijzeVerstuurd, Setup::Consented(sent)),
        (CaseStatus::Overgenomen, Setup::Consented(followed)),
        (
            CaseStatus::NietOvergenomen,
            Setup::Consented(refused.clone()),
        ),
        (
            CaseStatus::Geescaleerd(EscalatieNiveau::Leidinggevende),
            Setup::Consented(
                [refused, vec![E::Escaleren(EscalatieNiveau::Leidinggevende)]].concat(),
            ),
        ),
        (
            CaseStatus::Afgerond(Uitkomst::MinnelijkOpgelost),
            Setup::Consented(solved),
        ),
        (CaseStatus::Eindgesprek, Setup::Consented(talk)),
        (CaseStatus::Gesloten, Setup::Consented(closed)),
        (CaseStatus::Ingetrokken, Setup::Withdrawn(taken)),
    ]
}

/// The helper invites an intermediair; returns the intermediair's signed-in client.
async fn intermediary_of(app: &TestApp, helper: &Client, reference: &str) -> Client {
    let invited = helper
        .post_json(
            &format!("/api/zaken/{reference}/uitnodigingen"),
            &json!({"naam": "Bewindvoerder Jansen", "dagen": 7}),
        )
        .await;
    assert_eq!(invited.status(), 201);
    let link: Value = invited.json().await.unwrap();
    let token = link["link"]
        .as_str()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_owned();
    let mut client = app.anonymous();
    let signed_in = client
        .post_json("/api/intermediair/sessie", &json!({"token": token}))
        .await;
    assert_eq!(signed_in.status(), 201);
    let view: Value = signed_in.json().await.unwrap();
    client.csrf = Some(view["csrf_token"].as_str().unwrap().to_owned());
    client
}

/// A case in `setup`'s state, and the citizen's and intermediair's clients where they exist.
async fn case_in(
    app: &TestApp,
    helper: &Client,
    staff: &Client,
    setup: &Setup,
) -> (String, Option<Client>, Client) {
    let mut draft = complete_draft();
    if matches!(setup, Setup::Draft) {
        // Incomplete, so that trying to send it changes nothing.
        draft["burger_naam"] = Value::Null;
    }
    let reference = helper.create_draft(&draft).await;
    let intermediary = intermediary_of(app, helper, &reference).await;
    if matches!(setup, Setup::Draft) {
        return (reference, None, intermediary);
    }
    helper.submit(&reference).await;
    if matches!(setup, Setup::Waiting) {
        return (reference, None, intermediary);
    }
    let code = helper.consent_code(&reference).await;
    if matches!(setup, Setup::Refused) {
        assert_eq!(citizen_answers(app, &code, "geweigerd").await.status(), 200);
        return (reference, None, intermediary);
    }
    let answered = citizen_answers(app, &code, "gegeven").await;
    assert_eq!(answered.status(), 200);
    let access = answered.json::<Value>().await.unwrap()["toegangscode"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, citizen) = citizen(app, &reference, &access).await;
    let (Setup::Consented(path) | Setup::Withdrawn(path)) = setup else {
        unreachable!()
    };
    for event in path {
        fire_step(staff, &reference, *event).await;
    }
    if matches!(setup, Setup::Withdrawn(_)) {
        let withdrawn = citizen.post_json("/api/burger/intrekken", &json!({})).await;
        assert_eq!(withdrawn.status(), 200);
    }
    (reference, Some(citizen), intermediary)
}

on_both_backends! {
    async fn every_viewer_part_and_act_over_a_case_in_every_state(app: TestApp) {
        let own = app.organisation("Eigen organisatie").await;
        let other = app.organisation("Andere organisatie").await;
        let helper = app.helper(own, "eigen@org.nl").await;
        let other_helper = app.helper(other, "ander@org.nl").await;
        let both = TeamRights { triage: false, break_glass: false };
        let staff = app.staff("behandelaar@bb.nl").await;
        app.join("behandelaar@bb.nl", "Behandelteam", both).await;
        let team_colleague = app.staff_in("team@bb.nl", "Behandelteam", both).await;
        let triage_colleague = app.staff("triage@bb.nl").await;
        let glass = TeamRights { triage: false, break_glass: true };
        let glass_staff = app.staff_in("nood@bb.nl", "Noodteam", glass).await;
        let beheerder = app
            .user(model::lifecycle::Role::Beheerder, None, "beheer@bb.nl")
            .await;
        let mut checked = 0;
        let mut wrong = Vec::new();
        for (state, setup) in states() {
            let (reference, citizen, intermediary) = case_in(&app, &helper, &staff, &setup).await;
            let seen: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
            let actual: CaseStatus = serde_json::from_value(seen["status"].clone()).unwrap();
            assert_eq!(actual, state, "the case was brought to its state");
            let opened = glass_staff
                .post_json(&format!("/api/zaken/{reference}/inzage"), &json!({"reden": "De burger belt en de casemanager is ziek."}))
                .await
                .status();
            let hidden = matches!(state, CaseStatus::Concept | CaseStatus::WachtOpToestemming | CaseStatus::Vervallen);
            assert_eq!(opened, if hidden { 404 } else { 204 }, "opening {state:?} with a reason");
            for op in OPS {
                for who in EVERYONE {
                    let client = match who {
                        Who::OwnHelper => &helper,
                        Who::OtherHelper => &other_helper,
                        Who::Staff => &staff,
                        Who::TeamColleague => &team_colleague,
                        Who::TriageColleague => &triage_colleague,
                        Who::GlassStaff => &glass_staff,
                        Who::Beheerder => &beheerder,
                        Who::Intermediary => &intermediary,
                        Who::Citizen => match &citizen {
                            Some(citizen) => citizen,
                            // No consent, no citizen session: nothing to try.
                            None => continue,
                        },
                    };
                    let want = expected(who, op, state);
                    let got = outcome_of(attempt(client, op, &reference).await);
                    checked += 1;
                    if got != want {
                        wrong.push(format!("{who:?} {op:?} on {}: expected {want:?}, got {got:?}", state.key()));
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{} of {checked} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
        assert!(checked > 2500, "the table covered {checked} answers");
    }
}
