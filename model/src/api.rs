//! JSON bodies of the HTTP API, decoded by the browser with the same types the server encodes.

use serde::{Deserialize, Serialize};

use crate::case::{CaseDraft, Dienst, Onderwerp, Submission};
use crate::consent::{Besluit, Code};
use crate::domain::{CaseReference, Date};
use crate::invalid::{Check, FieldError, Fields, Invalid};
use crate::lifecycle::{CaseEvent, CaseStatus, Explanation, Role};

/// Whether a part of the service works. Serialised in Dutch lower case, as the API speaks Dutch.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    /// Works.
    Ok,
    /// Does not work right now.
    Fout,
    /// This instance is stopping (after SIGTERM): it finishes what it has, takes no new work.
    Stopt,
}

/// Answer of `GET /api/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthReport {
    /// The whole service: `Ok` only when every part is `Ok`.
    pub status: Health,
    /// The database answered a query.
    pub database: Health,
    /// The server's version (the workspace version).
    pub version: String,
}

/// What kind of problem an error is: stable names a client may act on (the browser signs
/// in again on `niet-ingelogd`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    NietGevonden,
    NietIngelogd,
    InloggenMislukt,
    TeVaakGeprobeerd,
    VerzoekGeweigerd,
    NietToegestaan,
    TeGroot,
    OngeldigVerzoek,
    OngeldigeInvoer,
    PastNiet,
    KloptNiet,
    WerktNietMeer,
    BestandTeGroot,
    BestandGeweigerd,
    /// A staff member's case outside their own (need-to-know): its queue line, nothing more.
    NietUwZaak,
    /// The same, but one of their teams lets them open it with a stated reason.
    NietUwZaakInzageMetReden,
    /// Too busy right now; `Retry-After` says when to try again.
    TeDruk,
    /// The request (or an upload) came in too slowly and was broken off.
    TeLangzaam,
    Serverfout,
    /// A kind this version does not know (from a newer server).
    #[serde(other)]
    Onbekend,
}

/// Answer of `GET /api/health/live`: the process runs (nothing else is asked).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Liveness {
    pub status: Health,
    pub version: String,
}

/// An error body in the shape of RFC 9457 (`application/problem+json`).
///
/// `detail` is a Dutch sentence meant for the person using the app; `field` names the
/// input field it is about, so the browser can put the message beside that field.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A stable, machine-readable name such as `niet-gevonden`.
    #[serde(rename = "type")]
    pub kind: ProblemKind,
    /// A short Dutch title.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// A Dutch sentence that says what went wrong and what to do.
    pub detail: String,
    /// The input field the problem is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a form: one message per wrong field, in the order of the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// `POST /api/sessies`: sign in with e-mail address and password.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub email: String,
    pub wachtwoord: String,
}

/// The signed-in account, with the token every changing request must echo in `X-CSRF-Token`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub naam: String,
    pub email: String,
    pub rol: Role,
    pub organisatie: Option<String>,
    pub csrf_token: String,
}

/// A case in a list. The BSN never appears in lists; staff lists show no names either.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub referentie: String,
    pub status: CaseStatus,
    pub status_titel: String,
    /// Messages on the case the reader's side has not read yet.
    #[serde(default)]
    pub ongelezen: i64,
    pub burger_naam: Option<String>,
    pub spoed: bool,
    pub termijn: Option<Date>,
    pub aangemaakt: i64,
    pub bijgewerkt: i64,
    /// When the helper sent it; waiting time in the staff's queue counts from here.
    #[serde(default)]
    pub ingediend: Option<i64>,
    /// A draft: when it is deleted unless someone changes it (`retention`, the draft term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verwijderd_na: Option<i64>,
}

/// One step on a case's timeline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub tijd: i64,
    pub rol: Role,
    pub van: CaseStatus,
    pub naar: CaseStatus,
    /// Who acted, as the reader may know them: a role or organisation, a staff member's name
    /// only when they are the case's casemanager.
    pub door: String,
    /// The date the step names, if any (zienswijze sent on, eindgesprek on).
    #[serde(default)]
    pub datum: Option<Date>,
    /// The message for the reader (helper or citizen) this timeline was made for.
    pub bericht: String,
    /// The reasons the step gave, where it must give them (a referral; the Dienst's written
    /// reasons for not following the zienswijze). Helper and citizen both read them.
    #[serde(default)]
    pub reden: Option<String>,
}

/// What a timeline says of how the handling ended and when the eindgesprek is: the last
/// outcome given ("afronden"), and the day the eindgesprek was planned for.
pub fn outcome_of(
    tijdlijn: &[TimelineEntry],
) -> (Option<crate::lifecycle::Uitkomst>, Option<Date>) {
    let outcome = tijdlijn.iter().rev().find_map(|entry| match entry.naar {
        CaseStatus::Afgerond(outcome) => Some(outcome),
        _ => None,
    });
    let talk = tijdlijn
        .iter()
        .rev()
        .find(|entry| entry.naar == CaseStatus::Eindgesprek)
        .and_then(|entry| entry.datum);
    (outcome, talk)
}

/// A whole case as a helper or staff member sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub referentie: String,
    pub status: CaseStatus,
    pub uitleg: Explanation,
    pub concept: CaseDraft,
    pub ingediend: Option<Submission>,
    pub tijdlijn: Vec<TimelineEntry>,
    pub aangemaakt: i64,
    pub bijgewerkt: i64,
    /// When the helper sent the case.
    pub ingediend_op: Option<i64>,
    /// The helper organisation that submitted the case.
    pub organisatie: String,
    /// The one fixed contact at the Belangenbehartiger, once the case is taken on.
    pub casemanager: Option<String>,
    /// Median days from sending to closing over this app's own closed cases, once there are
    /// enough of them to mean something; never an invented number.
    pub mediaan_doorlooptijd_dagen: Option<i64>,
    /// An ended case: its archiefactiedatum, after which its data is deleted (`retention`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bewaren_tot: Option<i64>,
    /// Articles about the current step, for the helper.
    #[serde(default)]
    pub uitleg_artikelen: Vec<ArticleLink>,
    /// What the helper and the citizen said at the milestones: only in the staff's view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reacties: Option<Vec<crate::feedback::Feedback>>,
    /// The milestone the helper is asked about now, until their side answered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reactie_gevraagd: Option<crate::feedback::Mijlpaal>,
    /// How the eindgesprek went: only in the staff's view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eindgesprek: Option<crate::feedback::FinalTalk>,
    /// Internal notes of the Belangenbehartiger: only in the staff's view, never the helper's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notities: Option<Vec<Note>>,
    /// A staff member opened this case outside their own, with a reason: they read, they
    /// do not act.
    #[serde(default)]
    pub alleen_inzien: bool,
}

/// A knowledge article to read about the case's current step (`/hulp/{slug}`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleLink {
    pub slug: String,
    pub titel: String,
    /// The language of the title (a Dutch one on an English page, where the article has no
    /// English version yet).
    #[serde(default)]
    pub taal: crate::Lang,
}

/// An internal note of the Belangenbehartiger's staff on a case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub tijd: i64,
    pub door: String,
    pub tekst: String,
}

/// `POST /api/zaken/{ref}/notities` and `/berichten`: a plain-text note or message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewText {
    pub tekst: String,
    /// For messages from staff: the citizen may read it on their status page too.
    #[serde(default)]
    pub voor_burger: bool,
}

/// The checked text of a note, message or feedback.
pub type CheckedText = crate::domain::FreeText<{ NewText::MAX }>;

impl NewText {
    /// Longest message, note or feedback, in characters.
    pub const MAX: usize = 4000;
}

/// A note, message or feedback whose text was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedNewText {
    pub tekst: CheckedText,
    pub voor_burger: bool,
}

impl Check for NewText {
    type Checked = CheckedNewText;
    fn check(&self) -> Result<CheckedNewText, Vec<FieldError>> {
        let mut fields = Fields::new();
        let text = fields.check(
            CheckedText::parse(&self.tekst),
            "tekst",
            crate::Text::new("het bericht", "the message"),
        );
        fields.finish(|| {
            Some(CheckedNewText {
                tekst: text?,
                voor_burger: self.voor_burger,
            })
        })
    }
}

/// `POST /api/burger/berichten`: the citizen's message to the casemanager, which the helper
/// reads too unless the citizen says otherwise.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCitizenMessage {
    pub tekst: String,
    #[serde(default)]
    pub alleen_casemanager: bool,
}

/// The citizen's message, its text checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCitizenMessage {
    pub tekst: CheckedText,
    pub alleen_casemanager: bool,
}

impl Check for NewCitizenMessage {
    type Checked = CheckedCitizenMessage;
    fn check(&self) -> Result<CheckedCitizenMessage, Vec<FieldError>> {
        let mut fields = Fields::new();
        let text = fields.check(
            CheckedText::parse(&self.tekst),
            "tekst",
            crate::Text::new("uw bericht", "your message"),
        );
        fields.finish(|| {
            Some(CheckedCitizenMessage {
                tekst: text?,
                alleen_casemanager: self.alleen_casemanager,
            })
        })
    }
}

/// A sign-in with both fields filled in (whether they match is the server's to say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSignIn {
    /// Trimmed and in lower case, as accounts are stored.
    pub email: String,
    pub wachtwoord: String,
}

/// A password as typed, to compare with a stored one: only "not empty" is checked here (it
/// is not trimmed: spaces count). The rules for a new password are `password_length`'s and
/// the server's.
pub(crate) fn typed_password(text: &str) -> Result<String, Invalid> {
    if text.is_empty() {
        Err(Invalid::Empty)
    } else {
        Ok(text.to_owned())
    }
}

impl Check for SignIn {
    type Checked = CheckedSignIn;
    fn check(&self) -> Result<CheckedSignIn, Vec<FieldError>> {
        let mut fields = Fields::new();
        let email = self.email.trim();
        let email = fields.check(
            if email.is_empty() {
                Err(Invalid::Empty)
            } else {
                Ok(email.to_lowercase())
            },
            "email",
            crate::Text::new("uw e-mailadres", "your e-mail address"),
        );
        let password = fields.check(
            typed_password(&self.wachtwoord),
            "wachtwoord",
            crate::Text::new("uw wachtwoord", "your password"),
        );
        fields.finish(|| {
            Some(CheckedSignIn {
                email: email?,
                wachtwoord: password?,
            })
        })
    }
}

/// A message between the helper and the casemanager (ZGW: *klantcontact*).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub tijd: i64,
    /// Who wrote it, as the reader may know them.
    pub door: String,
    /// Written by the reader's own side (their organisation, or the Belangenbehartiger).
    pub van_mij: bool,
    pub tekst: String,
    pub voor_burger: bool,
    /// The citizen wrote it.
    #[serde(default)]
    pub van_burger: bool,
    /// The citizen wrote it for the casemanager only: the helper does not see it.
    #[serde(default)]
    pub alleen_casemanager: bool,
    /// The other side has read it.
    pub gelezen: bool,
}

/// Answer to creating a draft.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCreated {
    pub referentie: String,
}

/// `POST /api/zaken/{ref}/stappen`: a staff step, with the messages helper and citizen will read.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    pub stap: CaseEvent,
    pub bericht_hulpverlener: String,
    pub bericht_burger: String,
    /// The date the step happened, where it has one: when the zienswijze was sent, the day
    /// of the eindgesprek (`dd-mm-jjjj`).
    #[serde(default)]
    pub datum: Option<String>,
    /// The reasons, where the step must give them: why the Dienst did not follow the
    /// zienswijze (its written reasons), or why and where a case is referred.
    #[serde(default)]
    pub reden: Option<String>,
}

/// `POST /api/toestemming/controleren`: the citizen opened the consent link and gives the
/// date of birth the helper filled in. Both parts are checked together: a wrong answer does
/// not say which part was wrong.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentCheck {
    pub code: String,
    pub geboortedatum: String,
}

/// The link's code and the date of birth, each in its domain type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedConsentCheck {
    pub code: Code,
    pub geboortedatum: Date,
}

fn code_and_birth_date(
    fields: &mut Fields,
    code: &str,
    birth_date: &str,
) -> (Option<Code>, Option<Date>) {
    (
        fields.check(
            Code::parse(code),
            "code",
            crate::Text::new("de code", "the code"),
        ),
        fields.check(
            Date::parse(birth_date),
            "geboortedatum",
            crate::Text::new("uw geboortedatum", "your date of birth"),
        ),
    )
}

impl Check for ConsentCheck {
    type Checked = CheckedConsentCheck;
    fn check(&self) -> Result<CheckedConsentCheck, Vec<FieldError>> {
        let mut fields = Fields::new();
        let (code, geboortedatum) =
            code_and_birth_date(&mut fields, &self.code, &self.geboortedatum);
        fields.finish(|| {
            Some(CheckedConsentCheck {
                code: code?,
                geboortedatum: geboortedatum?,
            })
        })
    }
}

/// What the citizen is asked to agree to. The text itself is `model::consent::CONSENT_TEXT`
/// of `versie`, compiled into the app.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRequest {
    pub referentie: String,
    /// The helper's organisation, which asks.
    pub organisatie: String,
    pub dienst: Dienst,
    pub onderwerpen: Vec<Onderwerp>,
    pub termijn: Option<Date>,
    pub pauzeknop_gevraagd: bool,
    pub versie: String,
}

/// `POST /api/toestemming/besluit`: the answer, with the version of the text that was shown.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentDecision {
    pub code: String,
    pub geboortedatum: String,
    pub versie: String,
    pub besluit: Besluit,
}

/// The citizen's answer, with the code and date of birth in their domain types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedConsentDecision {
    pub check: CheckedConsentCheck,
    pub versie: String,
    pub besluit: Besluit,
}

impl Check for ConsentDecision {
    type Checked = CheckedConsentDecision;
    fn check(&self) -> Result<CheckedConsentDecision, Vec<FieldError>> {
        let mut fields = Fields::new();
        let (code, geboortedatum) =
            code_and_birth_date(&mut fields, &self.code, &self.geboortedatum);
        fields.finish(|| {
            Some(CheckedConsentDecision {
                check: CheckedConsentCheck {
                    code: code?,
                    geboortedatum: geboortedatum?,
                },
                versie: self.versie.clone(),
                besluit: self.besluit,
            })
        })
    }
}

/// "Dit was ik niet": the code from the link in the mail that confirmed a consent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentDispute {
    pub code: String,
}

impl Check for ConsentDispute {
    type Checked = Code;
    fn check(&self) -> Result<Code, Vec<FieldError>> {
        let mut fields = Fields::new();
        let code = fields.check(
            Code::parse(&self.code),
            "code",
            crate::Text::new("de code", "the code"),
        );
        fields.finish(|| code)
    }
}

/// After "dit was ik niet": the case is frozen until staff found out who consented.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentDisputed {
    pub referentie: String,
}

/// After consent: the citizen's personal access code, shown once and stored only hashed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentAnswered {
    pub referentie: String,
    pub besluit: Besluit,
    pub toegangscode: Option<String>,
}

/// A new consent link for the citizen, made by the helper. The code is shown once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentInvitation {
    pub code: String,
    /// The whole link, with the code after `#` so it never reaches a server log.
    pub link: String,
    /// The link as a QR code, an SVG image made on the server.
    pub qr_svg: String,
    /// The last day the citizen can answer.
    pub geldig_tot: Date,
    /// The link was mailed to the address the citizen left as well.
    #[serde(default)]
    pub gemaild: bool,
}

/// Answer to `POST /api/burger/nieuwe-code`: the new personal code, shown once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccessCode {
    pub referentie: String,
    pub toegangscode: String,
}

/// `POST /api/zaken/{ref}/toestemming/formulier`: the helper records consent the citizen gave
/// on a signed paper form, already uploaded to the case as a `toestemmingsformulier`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaperConsent {
    /// The id of the uploaded form.
    pub document: String,
}

/// `POST /api/burger/sessie`: the citizen signs in with the case reference and access code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitizenSignIn {
    pub referentie: String,
    pub toegangscode: String,
}

/// The reference and the access code, each in its domain type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCitizenSignIn {
    pub referentie: CaseReference,
    pub toegangscode: Code,
}

impl Check for CitizenSignIn {
    type Checked = CheckedCitizenSignIn;
    fn check(&self) -> Result<CheckedCitizenSignIn, Vec<FieldError>> {
        let mut fields = Fields::new();
        let reference = fields.check(
            CaseReference::parse(&self.referentie),
            "referentie",
            crate::Text::new("het zaaknummer", "the case number"),
        );
        let code = fields.check(
            Code::parse(&self.toegangscode),
            "toegangscode",
            crate::Text::new("uw persoonlijke code", "your personal code"),
        );
        fields.finish(|| {
            Some(CheckedCitizenSignIn {
                referentie: reference?,
                toegangscode: code?,
            })
        })
    }
}

/// The case as the citizen sees it: plain language, the messages meant for them, no internals.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenCase {
    pub referentie: String,
    pub status: CaseStatus,
    pub uitleg: Explanation,
    pub tijdlijn: Vec<TimelineEntry>,
    /// The helper's organisation: the citizen's contact.
    pub organisatie: String,
    /// How to reach the helper, as the organisation wrote it (its beheer sets it).
    #[serde(default)]
    pub contact: Option<String>,
    /// The name of the Belangenbehartiger's casemanager, once someone took the case on.
    #[serde(default)]
    pub casemanager: Option<String>,
    pub termijn: Option<Date>,
    pub pauzeknop_gevraagd: bool,
    /// The citizen's own messages and the Belangenbehartiger's marked for them.
    pub berichten: Vec<Message>,
    /// Articles about the current step, for the citizen.
    #[serde(default)]
    pub uitleg_artikelen: Vec<ArticleLink>,
    /// The milestone the citizen is asked about now, until they answered it.
    #[serde(default)]
    pub reactie_gevraagd: Option<crate::feedback::Mijlpaal>,
    /// The token every changing request must echo in `X-CSRF-Token`.
    pub csrf_token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_health_report_uses_dutch_status_words() {
        let report = HealthReport {
            status: Health::Fout,
            database: Health::Fout,
            version: "1.2.3".into(),
        };
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(
            json,
            r#"{"status":"fout","database":"fout","version":"1.2.3"}"#
        );
        assert_eq!(serde_json::from_str::<HealthReport>(&json).unwrap(), report);
    }

    #[test]
    fn a_problem_without_a_field_leaves_the_field_out() {
        let problem = Problem {
            kind: ProblemKind::NietGevonden,
            title: "Niet gevonden".into(),
            status: 404,
            detail: "Dit adres bestaat niet.".into(),
            field: None,
            errors: Vec::new(),
        };
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], "niet-gevonden");
        assert!(json.get("field").is_none());
    }

    #[test]
    fn problem_kinds_are_kebab_case_and_an_unknown_one_still_reads() {
        let kind = serde_json::to_value(ProblemKind::TeVaakGeprobeerd).unwrap();
        assert_eq!(kind, "te-vaak-geprobeerd");
        let read: ProblemKind = serde_json::from_value("iets-nieuws".into()).unwrap();
        assert_eq!(read, ProblemKind::Onbekend);
    }
}
