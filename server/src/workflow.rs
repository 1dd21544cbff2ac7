//! The only code that changes a case's status. Every handler, job and the demo loader goes
//! through [`Workflow::run_with`]: the event is applied by the state machine
//! ([`model::lifecycle::CaseStatus::apply`]), the case moves by compare-and-set, and the
//! timeline row, the outbox rows and the audit row are written in **one transaction** with
//! whatever the caller adds to it (a consent record, an access code), in one blocking call
//! on one connection. A crash before the commit leaves nothing; after it, everything.

use std::sync::Arc;

use model::case::Submission;
use model::consent::step_messages;
use model::domain::Date;
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Role, TransitionError};
use model::step::CheckedStep;

use crate::store::audit::{self, Action};
use crate::store::cases::{self, CaseRow, Step as StoredStep, Transitioned};
use crate::store::db::Db;
use crate::store::{outbox, Conn, StoreError};

/// Who fires an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// The account, for staff and helpers; also the helper who records a paper consent.
    pub account: Option<i64>,
}

impl Actor {
    pub fn citizen() -> Actor {
        Actor {
            role: Role::Burger,
            account: None,
        }
    }

    pub fn system() -> Actor {
        Actor {
            role: Role::Systeem,
            account: None,
        }
    }
}

/// The messages helper and citizen read on the timeline for this step.
pub enum StepTexts<'a> {
    /// The plain-language meaning of the state the case moves to.
    OfNextState,
    /// The fixed texts of the citizen's own steps and the system's (`model::consent`).
    OfEvent,
    /// Fixed texts given by the caller (paper consent).
    Given(&'static str, &'static str),
    /// What a staff member wrote, checked (with its date or reasons).
    Checked(&'a CheckedStep),
    /// Texts the server made for this step (they name a person).
    Made(String, String),
}

/// Why a step did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("refused by the state machine: {0}")]
    Refused(TransitionError),
    #[error("the case changed meanwhile")]
    ChangedMeanwhile,
    #[error("no text for {0:?}")]
    NoText(CaseEvent),
    /// The consent link was used by another answer at the same moment.
    #[error("the link was used meanwhile")]
    LinkUsed,
    #[error("storage")]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for WorkflowError {
    fn from(err: diesel::result::Error) -> Self {
        WorkflowError::Store(err.into())
    }
}

/// A deliberate stop for crash tests (`BONDGENOOT_FAULT`); never set in real use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Right after a step commits, the request waits forever, so a test can kill the
    /// server at exactly that moment.
    StallAfterStepCommit,
}

impl Fault {
    pub fn parse(value: &str) -> Option<Fault> {
        (value == "stall-after-step-commit").then_some(Fault::StallAfterStepCommit)
    }
}

/// The case workflow, with what its mails need.
#[derive(Clone)]
pub struct Workflow {
    db: Db,
    /// Scheme, host and port citizens reach the server at (for links in mails).
    public_url: Arc<str>,
    fault: Option<Fault>,
}

/// The audit action a step is logged as.
fn action_of(event: CaseEvent) -> Action {
    match event {
        CaseEvent::Indienen => Action::Submit,
        CaseEvent::ToestemmingGegeven | CaseEvent::FormulierToevoegen => Action::ConsentGiven,
        CaseEvent::ToestemmingBetwisten => Action::ConsentDisputed,
        CaseEvent::ToestemmingGeweigerd => Action::ConsentRefused,
        CaseEvent::ToestemmingVerlopen => Action::ConsentExpired,
        CaseEvent::ToestemmingIntrekken => Action::ConsentWithdrawn,
        CaseEvent::ToestemmingGoedkeuren
        | CaseEvent::ToestemmingAfkeuren
        | CaseEvent::TriageStarten
        | CaseEvent::Doorverwijzen(_)
        | CaseEvent::InBehandelingNemen
        | CaseEvent::ZienswijzeVersturen
        | CaseEvent::ZienswijzeOvergenomen
        | CaseEvent::ZienswijzeNietOvergenomen
        | CaseEvent::Escaleren(_)
        | CaseEvent::Afronden(_)
        | CaseEvent::EindgesprekPlannen
        | CaseEvent::Sluiten => Action::Step,
        CaseEvent::Toewijzen => Action::Reassign,
    }
}

impl Workflow {
    pub fn new(db: Db, public_url: &str, fault: Option<Fault>) -> Workflow {
        Workflow {
            db,
            public_url: public_url.trim_end_matches('/').into(),
            fault,
        }
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Fires `event` on `case` with nothing added to the step.
    pub async fn run(
        &self,
        case: &CaseRow,
        event: CaseEvent,
        actor: Actor,
        texts: StepTexts<'_>,
        submission: Option<&Submission>,
    ) -> Result<CaseStatus, WorkflowError> {
        self.run_with(case, event, actor, texts, submission, |_| Ok(()))
            .await
    }

    /// Fires `event` on `case`; `submission` is stored with the step (sending a draft), and
    /// `extra` adds the caller's own writes to the same transaction (an error from it rolls
    /// the whole step back). The step's mails and audit row are written last, then it
    /// commits.
    pub async fn run_with<F>(
        &self,
        case: &CaseRow,
        event: CaseEvent,
        actor: Actor,
        texts: StepTexts<'_>,
        submission: Option<&Submission>,
        extra: F,
    ) -> Result<CaseStatus, WorkflowError>
    where
        F: FnOnce(&mut Conn) -> Result<(), WorkflowError> + Send + 'static,
    {
        // Checked before any write, so a refused step opens no transaction.
        let to = case
            .status
            .apply(event, actor.role)
            .map_err(WorkflowError::Refused)?;
        let (message_helper, message_citizen, datum, reasons): (
            String,
            String,
            Option<Date>,
            Option<String>,
        ) = match &texts {
            // Stored on the timeline: in Dutch, whatever the language of the request.
            StepTexts::OfNextState => model::lang::speaking(model::Lang::Nl, || {
                (
                    to.explain(Audience::Hulpverlener).meaning,
                    to.explain(Audience::Burger).meaning,
                    None,
                    None,
                )
            }),
            StepTexts::OfEvent => {
                let (helper, citizen) = step_messages(event).ok_or(WorkflowError::NoText(event))?;
                // Stored in Dutch; shown in the reader's language (`stored_text_now`).
                (helper.nl.to_owned(), citizen.nl.to_owned(), None, None)
            }
            StepTexts::Given(helper, citizen) => {
                ((*helper).to_owned(), (*citizen).to_owned(), None, None)
            }
            StepTexts::Made(helper, citizen) => (helper.clone(), citizen.clone(), None, None),
            StepTexts::Checked(step) => (
                step.message_helper.as_str().to_owned(),
                step.message_citizen.as_str().to_owned(),
                step.datum(),
                step.reasons().map(str::to_owned),
            ),
        };
        let case = case.clone();
        let submission = submission.cloned();
        let public_url = self.public_url.clone();
        self.db
            .transaction(move |conn| {
                let step = StoredStep {
                    role: actor.role,
                    account: actor.account,
                    event,
                    message_helper: &message_helper,
                    message_citizen: &message_citizen,
                    datum,
                    reasons: reasons.as_deref(),
                };
                match cases::transition_in(conn, &case, &step, submission.as_ref())? {
                    Transitioned::Moved(moved) => debug_assert_eq!(moved, to),
                    Transitioned::Refused(refused) => return Err(WorkflowError::Refused(refused)),
                    Transitioned::ChangedMeanwhile => return Err(WorkflowError::ChangedMeanwhile),
                }
                extra(conn)?;
                outbox::notify_step_in(conn, &case, event, to, &public_url)?;
                audit::record_in(
                    conn,
                    actor.role,
                    actor.account,
                    action_of(event),
                    Some(&case.reference),
                )?;
                Ok(())
            })
            .await?;
        if self.fault == Some(Fault::StallAfterStepCommit) {
            tracing::warn!("fault injected: stalling after a step's commit");
            std::future::pending::<()>().await;
        }
        Ok(to)
    }
}
