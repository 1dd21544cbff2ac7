//! The only code that changes a case's status. Every handler, job and the demo loader goes
//! through [`Workflow::begin`]: the event is applied by the state machine
//! ([`model::lifecycle::CaseStatus::apply`]), the case moves by compare-and-set, and the
//! timeline row, the outbox rows and the audit row are written in **one transaction** with
//! whatever the caller adds to it (a consent record, an access code). A crash before the
//! commit leaves nothing; after it, everything.

use std::sync::Arc;

use model::case::Submission;
use model::consent::step_messages;
use model::domain::Date;
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Role, TransitionError};
use model::step::CheckedStep;

use crate::store::audit::{self, Action};
use crate::store::cases::{self, CaseRow, Step as StoredStep, Transitioned};
use crate::store::db::Db;
use crate::store::Tx;
use crate::store::{outbox, StoreError};

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
    #[error("storage")]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for WorkflowError {
    fn from(err: sqlx::Error) -> Self {
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
        CaseEvent::ToestemmingGegeven => Action::ConsentGiven,
        CaseEvent::ToestemmingGeweigerd => Action::ConsentRefused,
        CaseEvent::ToestemmingVerlopen => Action::ConsentExpired,
        CaseEvent::ToestemmingIntrekken => Action::ConsentWithdrawn,
        CaseEvent::TriageStarten
        | CaseEvent::Doorverwijzen(_)
        | CaseEvent::InBehandelingNemen
        | CaseEvent::ZienswijzeVersturen
        | CaseEvent::ZienswijzeOvergenomen
        | CaseEvent::ZienswijzeNietOvergenomen
        | CaseEvent::Escaleren(_)
        | CaseEvent::Afronden(_)
        | CaseEvent::EindgesprekPlannen
        | CaseEvent::Sluiten => Action::Step,
    }
}

/// A step under way: the case has moved inside the open transaction. Add your own writes
/// through [`StepInProgress::tx`], then [`StepInProgress::commit`]; dropping it rolls back.
pub struct StepInProgress<'w> {
    workflow: &'w Workflow,
    tx: Tx,
    case: &'w CaseRow,
    event: CaseEvent,
    actor: Actor,
    to: CaseStatus,
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

    /// Fires `event` on `case`; `submission` is stored with the step (sending a draft).
    pub async fn begin<'w>(
        &'w self,
        case: &'w CaseRow,
        event: CaseEvent,
        actor: Actor,
        texts: StepTexts<'_>,
        submission: Option<&Submission>,
    ) -> Result<StepInProgress<'w>, WorkflowError> {
        // Checked before any write, so a refused step opens no transaction.
        let to = case
            .status
            .apply(event, actor.role)
            .map_err(WorkflowError::Refused)?;
        let of_state;
        let (message_helper, message_citizen, datum, reasons): (&str, &str, Option<Date>, _) =
            match &texts {
                StepTexts::OfNextState => {
                    of_state = (
                        to.explain(Audience::Hulpverlener).meaning,
                        to.explain(Audience::Burger).meaning,
                    );
                    (of_state.0.as_str(), of_state.1.as_str(), None, None)
                }
                StepTexts::OfEvent => {
                    let (helper, citizen) =
                        step_messages(event).ok_or(WorkflowError::NoText(event))?;
                    (helper, citizen, None, None)
                }
                StepTexts::Given(helper, citizen) => (*helper, *citizen, None, None),
                StepTexts::Checked(step) => (
                    step.message_helper.as_str(),
                    step.message_citizen.as_str(),
                    step.datum(),
                    step.reasons(),
                ),
            };
        let step = StoredStep {
            role: actor.role,
            account: actor.account,
            event,
            message_helper,
            message_citizen,
            datum,
            reasons,
        };
        let mut tx = self.db.pool().begin().await?;
        match cases::transition_in(&mut tx, case, &step, submission).await? {
            Transitioned::Moved(moved) => debug_assert_eq!(moved, to),
            Transitioned::Refused(refused) => return Err(WorkflowError::Refused(refused)),
            Transitioned::ChangedMeanwhile => return Err(WorkflowError::ChangedMeanwhile),
        }
        Ok(StepInProgress {
            workflow: self,
            tx,
            case,
            event,
            actor,
            to,
        })
    }

    /// [`Workflow::begin`] and [`StepInProgress::commit`] for a step with nothing to add.
    pub async fn run(
        &self,
        case: &CaseRow,
        event: CaseEvent,
        actor: Actor,
        texts: StepTexts<'_>,
        submission: Option<&Submission>,
    ) -> Result<CaseStatus, WorkflowError> {
        self.begin(case, event, actor, texts, submission)
            .await?
            .commit()
            .await
    }
}

impl StepInProgress<'_> {
    /// The transaction, for the caller's own writes that belong to this step.
    pub fn tx(&mut self) -> &mut Tx {
        &mut self.tx
    }

    /// The state the case moves to.
    pub fn to(&self) -> CaseStatus {
        self.to
    }

    /// Queues the step's mails, writes its audit row and commits it all.
    pub async fn commit(mut self) -> Result<CaseStatus, WorkflowError> {
        let workflow = self.workflow;
        outbox::notify_step_in(
            &mut self.tx,
            self.case,
            self.event,
            self.to,
            &workflow.public_url,
        )
        .await?;
        audit::record_in(
            &mut self.tx,
            self.actor.role,
            self.actor.account,
            action_of(self.event),
            Some(&self.case.reference),
        )
        .await?;
        self.tx.commit().await?;
        if workflow.fault == Some(Fault::StallAfterStepCommit) {
            tracing::warn!("fault injected: stalling after a step's commit");
            std::future::pending::<()>().await;
        }
        Ok(self.to)
    }
}
