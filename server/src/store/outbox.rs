//! The notification outbox: e-mails wait here until the mail job sends them. The texts hold
//! no personal data (fiscal secrecy: mail passes servers we do not control): the case
//! reference, the new state in plain words, and where to read more after signing in.
//!
//! Each mail is written in its reader's language: an account's choice (`accounts.language`),
//! a citizen's the one of the consent text they read. A first mail to a citizen, whose
//! language nobody knows yet, says it in both.

use diesel::prelude::*;
use model::lang::{speaking, tr};
use model::lifecycle::{CaseEvent, CaseStatus, Role};
use model::Lang;

use super::cases::CaseRow;
use super::conn::Conn;
use super::queued_mail;
use super::schema::{accounts, cases, consents, outbox};
use super::StoreResult;
use crate::clock::now;
use crate::store::db::Db;

/// An e-mail claimed for sending.
#[derive(Debug, Clone, Queryable)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Sends no more after this many failures; the row stays for a person to look at.
pub const MAX_ATTEMPTS: i64 = 8;

fn enqueue(
    conn: &mut Conn,
    case_ref: Option<&str>,
    recipient: &str,
    subject: &str,
    body: &str,
) -> StoreResult<()> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::case_ref.eq(case_ref),
            outbox::recipient.eq(recipient),
            outbox::subject.eq(subject),
            outbox::body.eq(body),
            outbox::created_at.eq(now()),
        ))
        .execute(conn)?;
    queued_mail::mark();
    Ok(())
}

/// Queues a mail about an account (an invitation, a reset): it belongs to no case.
pub(crate) fn enqueue_about_account_in(
    conn: &mut Conn,
    recipient: &str,
    subject: &str,
    body: &str,
) -> StoreResult<()> {
    enqueue(conn, None, recipient, subject, body)
}

/// Queues a mail about one case (removed with the case when it is destroyed).
pub(crate) fn enqueue_about_case_in(
    conn: &mut Conn,
    reference: &str,
    recipient: &str,
    subject: &str,
    body: &str,
) -> StoreResult<()> {
    enqueue(conn, Some(reference), recipient, subject, body)
}

/// The closing line of every mail, in the current language.
pub(crate) fn footer() -> &'static str {
    tr(
        "Dit bericht is automatisch verstuurd door Bondgenoot. U kunt er niet op antwoorden.",
        "This message was sent automatically by Bondgenoot. You cannot reply to it.",
    )
}

/// The language an account chose; Dutch for an address without an account.
pub(crate) fn language_of_address_in(conn: &mut Conn, address: &str) -> StoreResult<Lang> {
    let code: Option<String> = accounts::table
        .filter(accounts::email.eq(address))
        .select(accounts::language)
        .first(conn)
        .optional()?;
    Ok(code.as_deref().map_or(Lang::Nl, Lang::from_stored))
}

/// The language of the consent text the citizen of a case read; Dutch before consent.
pub(crate) fn citizen_language_in(conn: &mut Conn, case_id: i64) -> StoreResult<Lang> {
    let version: Option<String> = consents::table
        .find(case_id)
        .select(consents::text_version)
        .first(conn)
        .optional()?;
    Ok(version
        .as_deref()
        .and_then(model::consent::consent_text_of)
        .map_or(Lang::Nl, |text| text.lang))
}

/// Queues a mail to every active beheerder (an alert, cases on the destruction list), each in
/// their own language: `write` gives the subject and body in the current one.
pub(crate) fn mail_beheerders_in(
    conn: &mut Conn,
    write: impl Fn() -> (String, String),
) -> StoreResult<()> {
    let addresses: Vec<(String, String)> = accounts::table
        .filter(accounts::role.eq(Role::Beheerder.as_str()))
        .filter(accounts::active.eq(true))
        .select((accounts::email, accounts::language))
        .load(conn)?;
    for (address, lang) in addresses {
        let (subject, body) = speaking(Lang::from_stored(&lang), &write);
        enqueue(conn, None, &address, &subject, &body)?;
    }
    Ok(())
}

/// Queues a one-time link to the address the citizen left: the request for consent, or a
/// new personal code. The link's code travels after `#`, so it never reaches a server log;
/// the mail names the helper's organisation and until when the link works — never a name, a
/// BSN or what the case is about.
pub(crate) fn mail_link_in(
    conn: &mut Conn,
    (case_id, reference): (i64, &str),
    mail: &LinkMail,
    purpose: model::consent::LinkPurpose,
    code: &model::consent::Code,
) -> StoreResult<()> {
    // A new code goes to someone who consented: in the language of the text they read.
    if purpose == model::consent::LinkPurpose::NewCode {
        let lang = citizen_language_in(conn, case_id)?;
        let (subject, body) = speaking(lang, || link_mail_text(mail, purpose, code));
        return enqueue(conn, Some(reference), &mail.address, subject, &body);
    }
    // Before consent nobody knows the citizen's language: the mail says it in Dutch, then
    // in English.
    let dutch = speaking(Lang::Nl, || link_mail_text(mail, purpose, code));
    let english = speaking(Lang::En, || link_mail_text(mail, purpose, code));
    let subject = format!("{} / {}", dutch.0, english.0);
    let body = format!(
        "{}\n\n(English below)\n\n---\n\n{}",
        dutch.1.trim_end(),
        english.1
    );
    enqueue(conn, Some(reference), &mail.address, &subject, &body)
}

/// A link mail's subject and body in the current language.
fn link_mail_text(
    mail: &LinkMail,
    purpose: model::consent::LinkPurpose,
    code: &model::consent::Code,
) -> (&'static str, String) {
    use model::consent::LinkPurpose;
    let until = mail.until.in_words();
    let (subject, body) = match (model::lang::current(), purpose) {
        (Lang::En, LinkPurpose::Consent) => (
            "Request for consent – Bondgenoot",
            format!(
                "{organisation} wants to bring your case to the Belangenbehartiger of the \
                 Ministry of Finance. For this, your consent is needed.\n\n\
                 Open this link on your own phone or computer:\n{url}/toestemming#{code}\n\n\
                 There you fill in your date of birth. Then you read what happens with your \
                 data, and you choose yes or no. The link works up to and including {until}.\n\n",
                organisation = mail.organisation,
                url = mail.public_url,
                code = code.as_str(),
            ),
        ),
        (Lang::En, LinkPurpose::NewCode) => (
            "A new code for your case – Bondgenoot",
            format!(
                "{organisation} asked for a new personal code for you. With it you can follow \
                 your case again.\n\n\
                 Open this link on your own phone or computer:\n{url}/status/nieuwe-code#{code}\n\n\
                 There you fill in your date of birth. Then you see your new code. After that the \
                 old code no longer works. The link works up to and including {until}.\n\n",
                organisation = mail.organisation,
                url = mail.public_url,
                code = code.as_str(),
            ),
        ),
        (Lang::Nl, LinkPurpose::Consent) => (
            "Vraag om toestemming – Bondgenoot",
            format!(
                "{organisation} wil uw zaak voorleggen aan de Belangenbehartiger van het \
                 ministerie van Financiën. Daarvoor is uw toestemming nodig.\n\n\
                 Open deze link op uw eigen telefoon of computer:\n{url}/toestemming#{code}\n\n\
                 U vult daar uw geboortedatum in. Daarna leest u wat er met uw gegevens gebeurt, \
                 en kiest u ja of nee. De link werkt tot en met {until}.\n\n",
                organisation = mail.organisation,
                url = mail.public_url,
                code = code.as_str(),
            ),
        ),
        (Lang::Nl, LinkPurpose::NewCode) => (
            "Een nieuwe code voor uw zaak – Bondgenoot",
            format!(
                "{organisation} heeft voor u een nieuwe persoonlijke code aangevraagd. Daarmee \
                 volgt u uw zaak weer.\n\n\
                 Open deze link op uw eigen telefoon of computer:\n{url}/status/nieuwe-code#{code}\n\n\
                 U vult daar uw geboortedatum in. Dan ziet u uw nieuwe code. De oude code werkt \
                 daarna niet meer. De link werkt tot en met {until}.\n\n",
                organisation = mail.organisation,
                url = mail.public_url,
                code = code.as_str(),
            ),
        ),
    };
    let warning = match model::lang::current() {
        Lang::Nl => format!(
            "Kent u {} niet, of verwachtte u deze e-mail niet? Open de link dan niet.",
            mail.organisation
        ),
        Lang::En => format!(
            "Do you not know {}, or did you not expect this e-mail? Then do not open the link.",
            mail.organisation
        ),
    };
    (subject, format!("{body}{warning}\n\n{}\n", footer()))
}

/// What a mailed one-time link needs besides its code.
pub struct LinkMail {
    pub address: String,
    pub organisation: String,
    pub public_url: String,
    pub until: model::domain::Date,
}

/// Queues the confirmation of a consent given on a phone or computer to the citizen's own
/// address, with the link to say it was someone else ("dit was ik niet"). The code travels
/// after `#`, so it never reaches a server log.
pub(crate) fn mail_consent_confirmation_in(
    conn: &mut Conn,
    reference: &str,
    address: &str,
    code: &model::consent::Code,
    public_url: &str,
    lang: Lang,
) -> StoreResult<()> {
    let (subject, body) = match lang {
        Lang::Nl => (
            format!("Toestemming gegeven voor zaak {reference}"),
            format!(
                "Er is toestemming gegeven om zaak {reference} voor te leggen aan de Belangenbehartiger. \
                 Dat is gedaan op een telefoon of computer, met uw geboortedatum.\n\n\
                 Was u dat zelf? Dan hoeft u niets te doen.\n\n\
                 Was u dat niet? Meld het dan via deze link:\n{public_url}/toestemming/niet-ik#{}\n\n\
                 Dan stopt het werk aan de zaak. De Belangenbehartiger zoekt uit wat er is gebeurd. \
                 De link werkt {} dagen.\n\n",
                code.as_str(),
                CaseStatus::CONSENT_DAYS,
            ),
        ),
        Lang::En => (
            format!("Consent given for case {reference}"),
            format!(
                "Consent was given to bring case {reference} to the Belangenbehartiger. \
                 This was done on a phone or computer, with your date of birth.\n\n\
                 Was that you? Then you do not need to do anything.\n\n\
                 Was that not you? Then report it with this link:\n{public_url}/toestemming/niet-ik#{}\n\n\
                 Then the work on the case stops. The Belangenbehartiger finds out what happened. \
                 The link works for {} days.\n\n",
                code.as_str(),
                CaseStatus::CONSENT_DAYS,
            ),
        ),
    };
    let body = format!("{body}{}\n", speaking(lang, footer));
    enqueue(conn, Some(reference), address, &subject, &body)
}

/// Queues the mails for a step on a case: to the helper who sent it (unless they took the
/// step themselves), and to the citizen when they left an e-mail address and the step was
/// the Belangenbehartiger's (the citizen's own answers need no mail).
///
/// Written in the step's own transaction: a step that commits has its mails, one that does
/// not has none.
pub(crate) fn notify_step_in(
    conn: &mut Conn,
    case: &CaseRow,
    event: CaseEvent,
    to: CaseStatus,
    public_url: &str,
) -> StoreResult<()> {
    let reference = &case.reference;
    let subject = || match model::lang::current() {
        Lang::Nl => format!("Nieuws over zaak {reference}"),
        Lang::En => format!("News about case {reference}"),
    };
    if event.actor() != Role::Hulpverlener {
        let helper: Option<(String, String)> = cases::table
            .inner_join(accounts::table.on(accounts::id.eq(cases::created_by)))
            .filter(cases::id.eq(case.id))
            .select((accounts::email, accounts::language))
            .first(conn)
            .optional()?;
        if let Some((address, lang)) = helper {
            let (subject, body) = speaking(Lang::from_stored(&lang), || {
                let body = match model::lang::current() {
                    Lang::Nl => format!(
                        "Er is nieuws over zaak {reference}.\n\nDe zaak staat nu op: {}.\n\n\
                         Lees wat er is gebeurd, en waarom: {public_url}/zaken/{reference}\n\n",
                        to.title()
                    ),
                    Lang::En => format!(
                        "There is news about case {reference}.\n\nThe case is now: {}.\n\n\
                         Read what happened, and why: {public_url}/zaken/{reference}\n\n",
                        to.title()
                    ),
                };
                (subject(), format!("{body}{}\n", footer()))
            });
            enqueue(conn, Some(reference), &address, &subject, &body)?;
        }
    }
    let citizen = case
        .submission
        .as_ref()
        .and_then(|s| s.burger_email.as_ref())
        .map(|e| e.as_str().to_owned());
    // Withdrawal: the casemanager stops, and is told so (the case's data is gone from view).
    // A disputed consent stops the work too, until staff found out who gave it.
    let stops = matches!(
        event,
        CaseEvent::ToestemmingIntrekken | CaseEvent::ToestemmingBetwisten
    );
    if let (true, Some(casemanager)) = (stops, case.casemanager_id) {
        let address: Option<(String, String)> = accounts::table
            .find(casemanager)
            .select((accounts::email, accounts::language))
            .first(conn)
            .optional()?;
        if let Some((address, lang)) = address {
            let (subject, body) = speaking(Lang::from_stored(&lang), || {
                let body = match (model::lang::current(), event) {
                    (Lang::Nl, CaseEvent::ToestemmingBetwisten) => format!(
                        "De burger meldt dat de toestemming voor zaak {reference} niet van hem of haar kwam.\n\n\
                         Het werk aan deze zaak staat stil. Zoek uit wie de toestemming gaf, en zet dan \
                         de stap: toestemming klopt, of klopt niet.\n\n\
                         Zaak: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                    (Lang::En, CaseEvent::ToestemmingBetwisten) => format!(
                        "The citizen reports that the consent for case {reference} did not come from them.\n\n\
                         The work on this case is on hold. Find out who gave the consent, and then take \
                         the step: consent is right, or is not right.\n\n\
                         Case: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                    (Lang::Nl, _) => format!(
                        "De burger heeft de toestemming voor zaak {reference} ingetrokken.\n\n\
                         Het werk aan deze zaak stopt. U ziet de gegevens van de burger niet meer.\n\n\
                         Zaak: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                    (Lang::En, _) => format!(
                        "The citizen withdrew the consent for case {reference}.\n\n\
                         The work on this case stops. You no longer see the citizen's data.\n\n\
                         Case: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                };
                (subject(), format!("{body}{}\n", footer()))
            });
            enqueue(conn, Some(reference), &address, &subject, &body)?;
        }
    }
    // A new casemanager hears it from Bondgenoot (the case's data is on the case page).
    if event == CaseEvent::Toewijzen {
        let address: Option<(String, String)> = cases::table
            .inner_join(accounts::table.on(cases::casemanager_id.eq(accounts::id.nullable())))
            .filter(cases::id.eq(case.id))
            .select((accounts::email, accounts::language))
            .first(conn)
            .optional()?;
        if let Some((address, lang)) = address {
            let (subject, body) = speaking(Lang::from_stored(&lang), || {
                let body = match model::lang::current() {
                    Lang::Nl => format!(
                        "U bent nu de casemanager van zaak {reference}.\n\n\
                         De reden staat bij de notities van de zaak: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                    Lang::En => format!(
                        "You are now the case manager of case {reference}.\n\n\
                         The reason is with the notes of the case: {public_url}/backoffice/zaken/{reference}\n\n"
                    ),
                };
                (subject(), format!("{body}{}\n", footer()))
            });
            enqueue(conn, Some(reference), &address, &subject, &body)?;
        }
    }
    if let (Some(address), Role::Behandelaar) = (citizen, event.actor()) {
        let lang = citizen_language_in(conn, case.id)?;
        let (subject, body) = speaking(lang, || {
            let body = match model::lang::current() {
                Lang::Nl => format!(
                    "Er is nieuws over uw zaak {reference}.\n\nUw zaak staat nu op: {}.\n\n\
                     Kijk op {public_url}/status met uw zaaknummer en uw persoonlijke code.\n\n",
                    to.title()
                ),
                Lang::En => format!(
                    "There is news about your case {reference}.\n\nYour case is now: {}.\n\n\
                     Look at {public_url}/status with your case number and your personal code.\n\n",
                    to.title()
                ),
            };
            (subject(), format!("{body}{}\n", footer()))
        });
        enqueue(conn, Some(reference), &address, &subject, &body)?;
    }
    Ok(())
}

/// Mails not sent yet that will still be tried (the backlog an operator watches).
pub async fn backlog(db: &Db) -> StoreResult<i64> {
    db.run(|conn| {
        Ok(outbox::table
            .filter(outbox::sent_at.is_null())
            .filter(outbox::attempts.lt(MAX_ATTEMPTS))
            .count()
            .get_result(conn)?)
    })
    .await
}

/// Claims the oldest mail that is due, for `lease` seconds. On PostgreSQL the candidate row
/// is locked with `FOR UPDATE SKIP LOCKED` inside the claiming transaction: instances
/// claiming at once each get a different mail, and none waits for another. SQLite has one
/// writer: the UPDATE repeats the "still due" conditions, so of two instances that picked
/// the same row only one claims it (the other finds nothing this round).
pub async fn claim(db: &Db, lease: i64) -> StoreResult<Option<Mail>> {
    db.run(move |conn| {
        let at = now();
        let due = || {
            outbox::table
                .filter(outbox::sent_at.is_null())
                .filter(outbox::attempts.lt(MAX_ATTEMPTS))
                .filter(
                    outbox::claimed_until
                        .is_null()
                        .or(outbox::claimed_until.lt(at)),
                )
        };
        // The same claim on each backend's own connection (RETURNING is per backend).
        macro_rules! claim_row {
            ($c:expr, $id:expr) => {
                diesel::update(due().filter(outbox::id.eq($id)))
                    .set(outbox::claimed_until.eq(at + lease))
                    .returning((
                        outbox::id,
                        outbox::recipient,
                        outbox::subject,
                        outbox::body,
                        outbox::attempts,
                    ))
                    .get_result::<Mail>($c)
                    .optional()
            };
        }
        let pick = due().order(outbox::id).limit(1).select(outbox::id);
        let mail = match conn {
            Conn::Pg(c) => c.transaction(|c| {
                match pick.for_update().skip_locked().first::<i64>(c).optional()? {
                    Some(id) => claim_row!(c, id),
                    None => Ok(None),
                }
            })?,
            Conn::Sqlite(c) => match pick.first::<i64>(c).optional()? {
                Some(id) => claim_row!(c, id)?,
                None => None,
            },
        };
        Ok(mail)
    })
    .await
}

pub async fn mark_sent(db: &Db, id: i64) -> StoreResult<()> {
    db.run(move |conn| {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::sent_at.eq(now()),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// A failed try: wait longer after each one (1, 2, 4… minutes) before the next.
pub async fn mark_failed(db: &Db, mail: &Mail, error: &str) -> StoreResult<()> {
    let wait = 60 * (1_i64 << mail.attempts.clamp(0, 6));
    let (id, error) = (mail.id, error.to_owned());
    db.run(move |conn| {
        diesel::update(outbox::table.find(id))
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::last_error.eq(error),
                outbox::claimed_until.eq(now() + wait),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}
