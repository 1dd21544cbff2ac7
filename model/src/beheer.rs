//! Beheer: the organisations, teams and accounts of an installation, and the rules for the
//! people who get an account by invitation (the shapes of `/api/beheer/…` and
//! `/api/uitnodiging/…`).

use serde::{Deserialize, Serialize};

use crate::domain::{Email, PersonName};
use crate::lifecycle::Role;
use crate::{Check, FieldError, Fields, Invalid};

/// What kind of organisation a partner is; figures count cases per kind.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    SociaalRaadslieden,
    Schuldhulpverlening,
    GemeenteWijkteam,
    Vrijwilligersorganisatie,
    Belastingdienst,
    DienstToeslagen,
    Anders,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 7] = [
        OrganisationKind::SociaalRaadslieden,
        OrganisationKind::Schuldhulpverlening,
        OrganisationKind::GemeenteWijkteam,
        OrganisationKind::Vrijwilligersorganisatie,
        OrganisationKind::Belastingdienst,
        OrganisationKind::DienstToeslagen,
        OrganisationKind::Anders,
    ];

    /// The key as stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::SociaalRaadslieden => "sociaal_raadslieden",
            OrganisationKind::Schuldhulpverlening => "schuldhulpverlening",
            OrganisationKind::GemeenteWijkteam => "gemeente_wijkteam",
            OrganisationKind::Vrijwilligersorganisatie => "vrijwilligersorganisatie",
            OrganisationKind::Belastingdienst => "belastingdienst",
            OrganisationKind::DienstToeslagen => "dienst_toeslagen",
            OrganisationKind::Anders => "anders",
        }
    }

    pub fn parse(key: &str) -> Option<OrganisationKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == key)
    }

    /// The Dutch name, for a choice list.
    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::SociaalRaadslieden => {
                crate::lang::tr("Sociaal raadslieden", "Social legal advisers")
            }
            OrganisationKind::Schuldhulpverlening => {
                crate::lang::tr("Schuldhulpverlening", "Debt help")
            }
            OrganisationKind::GemeenteWijkteam => {
                crate::lang::tr("Gemeente of wijkteam", "Municipality or neighbourhood team")
            }
            OrganisationKind::Vrijwilligersorganisatie => {
                crate::lang::tr("Vrijwilligersorganisatie", "Volunteer organisation")
            }
            OrganisationKind::Belastingdienst => {
                crate::lang::tr("Belastingdienst", "Tax Administration")
            }
            OrganisationKind::DienstToeslagen => {
                crate::lang::tr("Dienst Toeslagen", "Benefits Service")
            }
            OrganisationKind::Anders => crate::lang::tr("Anders", "Other"),
        }
    }
}

/// A partner organisation, as the beheerder sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: i64,
    pub naam: String,
    pub soort: OrganisationKind,
    /// Shown to the citizen as the organisation wrote it ("Bel uw hulpverlener via …").
    pub contact: Option<String>,
    pub actief: bool,
    /// Its helpers sign in with a second factor too.
    pub tweede_factor_verplicht: bool,
    /// Cases of this organisation (a deactivated one keeps them; it is never deleted).
    pub zaken: i64,
    /// Its helpers' accounts, active or not.
    pub accounts: i64,
}

/// `POST /api/beheer/organisaties` and `PUT /api/beheer/organisaties/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub naam: String,
    pub soort: OrganisationKind,
    #[serde(default)]
    pub contact: Option<String>,
    /// Only for a change; a new organisation is always active.
    #[serde(default = "yes")]
    pub actief: bool,
    /// Its helpers must sign in with a second factor too (staff always do).
    #[serde(default)]
    pub tweede_factor_verplicht: bool,
}

fn yes() -> bool {
    true
}

/// An organisation's fields, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedOrganisation {
    pub naam: String,
    pub soort: OrganisationKind,
    pub contact: Option<String>,
    pub actief: bool,
    pub tweede_factor_verplicht: bool,
}

/// Longest organisation name and contact line.
pub const ORGANISATION_NAME_MAX: usize = 120;
pub const CONTACT_MAX: usize = 200;

/// One line of plain text: trimmed, not empty, at most `max` characters, no line breaks.
fn one_line(input: &str, max: usize) -> Result<String, Invalid> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Invalid::Empty);
    }
    if text.chars().count() > max {
        return Err(Invalid::TooLong { max });
    }
    if text.chars().any(char::is_control) {
        return Err(Invalid::Format {
            hint: crate::Text::new(
                "Gebruik één regel tekst, zonder enters.",
                "Use one line of text, without line breaks.",
            ),
        });
    }
    Ok(text.to_owned())
}

impl Check for OrganisationInput {
    type Checked = CheckedOrganisation;
    fn check(&self) -> Result<CheckedOrganisation, Vec<FieldError>> {
        let mut fields = Fields::new();
        let naam = fields.check(
            one_line(&self.naam, ORGANISATION_NAME_MAX),
            "naam",
            crate::Text::new("de naam van de organisatie", "the name of the organisation"),
        );
        let contact = match self.contact.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(text) => fields
                .check(
                    one_line(text, CONTACT_MAX),
                    "contact",
                    crate::Text::new("de contactregel", "the contact line"),
                )
                .map(Some),
        };
        fields.finish(|| {
            Some(CheckedOrganisation {
                naam: naam?,
                soort: self.soort,
                contact: contact?,
                actief: self.actief,
                tweede_factor_verplicht: self.tweede_factor_verplicht,
            })
        })
    }
}

/// A team of the Belangenbehartiger's staff (triage, casusbehandeling …).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: i64,
    pub naam: String,
    /// Active staff accounts in it.
    pub leden: i64,
    /// Its members triage new cases: they see every case nobody has taken on yet.
    #[serde(default)]
    pub triage: bool,
    /// Its members may open a case outside their own with a stated reason (logged).
    #[serde(default)]
    pub inzage_met_reden: bool,
}

/// `POST /api/beheer/teams` and `PUT /api/beheer/teams/{id}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamInput {
    pub naam: String,
    #[serde(default)]
    pub triage: bool,
    #[serde(default)]
    pub inzage_met_reden: bool,
}

/// A team as beheer set it, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTeam {
    pub naam: String,
    pub triage: bool,
    pub inzage_met_reden: bool,
}

impl Check for TeamInput {
    type Checked = CheckedTeam;
    fn check(&self) -> Result<CheckedTeam, Vec<FieldError>> {
        let mut fields = Fields::new();
        let naam = fields.check(
            one_line(&self.naam, 80),
            "naam",
            crate::Text::new("de naam van het team", "the name of the team"),
        );
        fields.finish(|| {
            Some(CheckedTeam {
                naam: naam?,
                triage: self.triage,
                inzage_met_reden: self.inzage_met_reden,
            })
        })
    }
}

/// Where an account stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    /// Invited; no password chosen yet.
    Uitgenodigd,
    Actief,
    /// Cannot sign in; kept for the audit trail.
    Gedeactiveerd,
}

/// An account, as the beheerder sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: i64,
    pub naam: String,
    pub email: String,
    pub rol: Role,
    pub organisatie_id: Option<i64>,
    pub organisatie: Option<String>,
    pub teams: Vec<i64>,
    pub stand: AccountState,
    /// Signs in with a code from an app.
    pub tweede_factor: bool,
}

/// What an account is for: its role, with the organisation a helper works for or the teams
/// a behandelaar works in. Illegal pairs (a helper without organisation, staff with one)
/// cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignment {
    Hulpverlener { organisation: i64 },
    Behandelaar { teams: Vec<i64> },
    Beheerder,
}

impl Assignment {
    pub fn role(&self) -> Role {
        match self {
            Assignment::Hulpverlener { .. } => Role::Hulpverlener,
            Assignment::Behandelaar { .. } => Role::Behandelaar,
            Assignment::Beheerder => Role::Beheerder,
        }
    }

    pub fn organisation(&self) -> Option<i64> {
        match self {
            Assignment::Hulpverlener { organisation } => Some(*organisation),
            _ => None,
        }
    }

    pub fn teams(&self) -> &[i64] {
        match self {
            Assignment::Behandelaar { teams } => teams,
            _ => &[],
        }
    }
}

/// Role, organisation and teams as sent; checked into an [`Assignment`].
fn assignment(
    fields: &mut Fields,
    rol: Role,
    organisatie_id: Option<i64>,
    teams: &[i64],
) -> Option<Assignment> {
    let refuse = |fields: &mut Fields, field: &str, message: &str| {
        fields.add(FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        });
        None
    };
    match rol {
        Role::Hulpverlener => match organisatie_id {
            Some(organisation) => Some(Assignment::Hulpverlener { organisation }),
            None => refuse(
                fields,
                "organisatie_id",
                "Kies de organisatie waar de hulpverlener werkt.",
            ),
        },
        Role::Behandelaar => {
            let mut teams = teams.to_vec();
            teams.sort_unstable();
            teams.dedup();
            if teams.is_empty() {
                refuse(fields, "teams", "Kies ten minste één team.")
            } else {
                Some(Assignment::Behandelaar { teams })
            }
        }
        Role::Beheerder => Some(Assignment::Beheerder),
        Role::Burger | Role::Intermediair | Role::Systeem => refuse(
            fields,
            "rol",
            "Kies een rol: hulpverlener, behandelaar of beheerder.",
        ),
    }
}

/// `POST /api/beheer/accounts`: invite a person.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationInput {
    pub naam: String,
    pub email: String,
    pub rol: Role,
    #[serde(default)]
    pub organisatie_id: Option<i64>,
    #[serde(default)]
    pub teams: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedInvitation {
    pub naam: PersonName,
    pub email: Email,
    pub assignment: Assignment,
}

impl Check for InvitationInput {
    type Checked = CheckedInvitation;
    fn check(&self) -> Result<CheckedInvitation, Vec<FieldError>> {
        let mut fields = Fields::new();
        let naam = fields.check(
            PersonName::parse(&self.naam),
            "naam",
            crate::Text::new("de naam", "the name"),
        );
        let email = fields.check(
            Email::parse(&self.email),
            "email",
            crate::Text::new("het e-mailadres", "the e-mail address"),
        );
        let assignment = assignment(&mut fields, self.rol, self.organisatie_id, &self.teams);
        fields.finish(|| {
            Some(CheckedInvitation {
                naam: naam?,
                email: email?,
                assignment: assignment?,
            })
        })
    }
}

/// `PUT /api/beheer/accounts/{id}`: role, organisation, teams and whether it may sign in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    pub rol: Role,
    #[serde(default)]
    pub organisatie_id: Option<i64>,
    #[serde(default)]
    pub teams: Vec<i64>,
    pub actief: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAccountChange {
    pub assignment: Assignment,
    pub actief: bool,
}

impl Check for AccountChange {
    type Checked = CheckedAccountChange;
    fn check(&self) -> Result<CheckedAccountChange, Vec<FieldError>> {
        let mut fields = Fields::new();
        let assignment = assignment(&mut fields, self.rol, self.organisatie_id, &self.teams);
        fields.finish(|| {
            Some(CheckedAccountChange {
                assignment: assignment?,
                actief: self.actief,
            })
        })
    }
}

/// The shortest password accepted.
pub const PASSWORD_MIN: usize = 12;
/// The longest: long enough for any pass phrase, short enough to hash cheaply.
pub const PASSWORD_MAX: usize = 200;

/// A new password's length rule (the list of common passwords is the server's to check: it
/// is too big for the browser app).
pub fn password_length(password: &str) -> Result<(), Invalid> {
    let n = password.chars().count();
    if n == 0 {
        Err(Invalid::Empty)
    } else if n < PASSWORD_MIN {
        Err(Invalid::TooShort { min: PASSWORD_MIN })
    } else if n > PASSWORD_MAX {
        Err(Invalid::TooLong { max: PASSWORD_MAX })
    } else {
        Ok(())
    }
}

/// `POST /api/uitnodiging/bekijken`: the token from the link (it travels in the body, never
/// in a URL, so it stays out of logs).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    pub token: String,
}

/// What a link is for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    /// A new account: choose a first password.
    Uitnodiging,
    /// A forgotten password: choose a new one.
    Herstel,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Uitnodiging => "uitnodiging",
            LinkPurpose::Herstel => "herstel",
        }
    }

    pub fn parse(key: &str) -> Option<LinkPurpose> {
        [LinkPurpose::Uitnodiging, LinkPurpose::Herstel]
            .into_iter()
            .find(|p| p.as_str() == key)
    }
}

/// The answer to a live link: whose account it opens, so the page can greet them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfo {
    pub naam: String,
    pub email: String,
    pub rol: Role,
    pub doel: LinkPurpose,
}

/// `POST /api/uitnodiging/wachtwoord`: choose the password with the link's token.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoosePassword {
    pub token: String,
    pub wachtwoord: String,
}

impl Check for ChoosePassword {
    type Checked = (String, String);
    fn check(&self) -> Result<(String, String), Vec<FieldError>> {
        let mut fields = Fields::new();
        let password = fields.check(
            password_length(&self.wachtwoord).map(|()| self.wachtwoord.clone()),
            "wachtwoord",
            crate::Text::new("het wachtwoord", "the password"),
        );
        fields.finish(|| Some((self.token.clone(), password?)))
    }
}

/// `POST /api/wachtwoord-vergeten`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForgotPassword {
    pub email: String,
}

impl Check for ForgotPassword {
    type Checked = Email;
    fn check(&self) -> Result<Email, Vec<FieldError>> {
        let mut fields = Fields::new();
        let email = fields.check(
            Email::parse(&self.email),
            "email",
            crate::Text::new("uw e-mailadres", "your e-mail address"),
        );
        fields.finish(|| email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_key() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).expect("json");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn a_helper_needs_an_organisation_and_a_behandelaar_a_team() {
        let invite = |rol, organisatie_id, teams: Vec<i64>| InvitationInput {
            naam: "Fatima el Idrissi".into(),
            email: "f.elidrissi@example.nl".into(),
            rol,
            organisatie_id,
            teams,
        };
        let fields = |r: Result<CheckedInvitation, Vec<FieldError>>| -> Vec<String> {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(
            fields(invite(Role::Hulpverlener, None, vec![]).check()),
            ["organisatie_id"]
        );
        assert_eq!(
            fields(invite(Role::Behandelaar, None, vec![]).check()),
            ["teams"]
        );
        assert_eq!(fields(invite(Role::Burger, None, vec![]).check()), ["rol"]);
        let staff = invite(Role::Behandelaar, Some(3), vec![2, 1, 2])
            .check()
            .expect("valid");
        // Staff belong to no organisation, whatever was sent; teams once each.
        assert_eq!(
            staff.assignment,
            Assignment::Behandelaar { teams: vec![1, 2] }
        );
        assert_eq!(staff.assignment.organisation(), None);
    }

    #[test]
    fn a_password_has_twelve_characters_at_least() {
        assert_eq!(password_length(""), Err(Invalid::Empty));
        assert_eq!(
            password_length("elf-tekens1"),
            Err(Invalid::TooShort { min: 12 })
        );
        assert_eq!(password_length("twaalf-teken"), Ok(()));
        // Characters, not bytes.
        assert_eq!(
            password_length("ééééééééééé"),
            Err(Invalid::TooShort { min: 12 })
        );
    }

    #[test]
    fn an_organisation_names_each_wrong_field() {
        let input = OrganisationInput {
            naam: "  ".into(),
            soort: OrganisationKind::Anders,
            contact: Some("a\nb".into()),
            actief: true,
            tweede_factor_verplicht: false,
        };
        let errors = input.check().expect_err("invalid");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["naam", "contact"]);
        assert!(errors[0].message.contains("naam van de organisatie"));
        let ok = OrganisationInput {
            naam: " Schuldhulp Oost ".into(),
            soort: OrganisationKind::Schuldhulpverlening,
            contact: Some("  ".into()),
            actief: true,
            tweede_factor_verplicht: true,
        }
        .check()
        .expect("valid");
        assert_eq!(ok.naam, "Schuldhulp Oost");
        assert_eq!(ok.contact, None);
    }
}
