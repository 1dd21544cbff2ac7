//! Documents on a case (ZGW: *zaakinformatieobject*): what kind they are, and what readers
//! see of them. The file itself never passes through this crate.

use serde::{Deserialize, Serialize};

use crate::domain::Date;

/// What a document is. The kinds a helper, citizen or intermediair chooses from, plus the
/// two the Belangenbehartiger attaches: the zienswijze and the Dienst's written response.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSoort {
    Besluit,
    BriefVanDeDienst,
    Bezwaarschrift,
    Bankafschrift,
    Zienswijze,
    ReactieDienst,
    /// The consent form the citizen signed on paper, uploaded by the helper.
    Toestemmingsformulier,
    Overig,
}

impl DocumentSoort {
    pub const ALL: [DocumentSoort; 8] = [
        DocumentSoort::Besluit,
        DocumentSoort::BriefVanDeDienst,
        DocumentSoort::Bezwaarschrift,
        DocumentSoort::Bankafschrift,
        DocumentSoort::Zienswijze,
        DocumentSoort::ReactieDienst,
        DocumentSoort::Toestemmingsformulier,
        DocumentSoort::Overig,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentSoort::Besluit => "besluit",
            DocumentSoort::BriefVanDeDienst => "brief_van_de_dienst",
            DocumentSoort::Bezwaarschrift => "bezwaarschrift",
            DocumentSoort::Bankafschrift => "bankafschrift",
            DocumentSoort::Zienswijze => "zienswijze",
            DocumentSoort::ReactieDienst => "reactie_dienst",
            DocumentSoort::Toestemmingsformulier => "toestemmingsformulier",
            DocumentSoort::Overig => "overig",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentSoort::Besluit => crate::lang::tr("Besluit", "Decision"),
            DocumentSoort::BriefVanDeDienst => {
                crate::lang::tr("Brief van de Dienst", "Letter from the service")
            }
            DocumentSoort::Bezwaarschrift => crate::lang::tr("Bezwaarschrift", "Objection letter"),
            DocumentSoort::Bankafschrift => crate::lang::tr("Bankafschrift", "Bank statement"),
            DocumentSoort::Zienswijze => crate::lang::tr(
                "Zienswijze van de Belangenbehartiger",
                "View (zienswijze) of the Belangenbehartiger",
            ),
            DocumentSoort::ReactieDienst => crate::lang::tr(
                "Schriftelijke reactie van de Dienst",
                "Written response of the service",
            ),
            DocumentSoort::Toestemmingsformulier => {
                crate::lang::tr("Getekend toestemmingsformulier", "Signed consent form")
            }
            DocumentSoort::Overig => crate::lang::tr("Iets anders", "Something else"),
        }
    }

    /// Only the Belangenbehartiger's staff attach these two.
    pub fn staff_only(self) -> bool {
        matches!(
            self,
            DocumentSoort::Zienswijze | DocumentSoort::ReactieDienst
        )
    }

    /// Only the helper attaches a signed consent form.
    pub fn helper_only(self) -> bool {
        self == DocumentSoort::Toestemmingsformulier
    }
}

impl DocumentSoort {
    /// Whether someone in `role` may add a document of this kind.
    pub fn may_add(self, role: crate::lifecycle::Role) -> bool {
        use crate::lifecycle::Role;
        match role {
            Role::Behandelaar => !self.helper_only(),
            Role::Hulpverlener => !self.staff_only(),
            _ => !self.staff_only() && !self.helper_only(),
        }
    }
}

/// Longest description of a document.
pub const DESCRIPTION_MAX: usize = 200;

/// The fields that come with an uploaded file, checked for the one adding it: a kind they may
/// add, and a short description.
pub fn check_upload(
    kind: Option<DocumentSoort>,
    description: &str,
    role: crate::lifecycle::Role,
) -> Result<(DocumentSoort, crate::domain::FreeText<DESCRIPTION_MAX>), Vec<crate::FieldError>> {
    use crate::Invalid;
    let mut fields = crate::invalid::Fields::new();
    let kind = fields.check(
        match kind {
            Some(kind) if kind.may_add(role) => Ok(kind),
            Some(_) => Err(Invalid::NotAChoice),
            None => Err(Invalid::Empty),
        },
        "soort",
        crate::Text::new("het soort document", "the kind of document"),
    );
    let description = fields.check(
        crate::domain::FreeText::parse(description),
        "omschrijving",
        crate::Text::new("een korte omschrijving", "a short description"),
    );
    fields.finish(|| Some((kind?, description?)))
}

/// A document as a reader sees it in a list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Random; the download address is `…/documenten/{id}`.
    pub id: String,
    pub soort: DocumentSoort,
    pub omschrijving: String,
    /// The name the file had, cleaned; metadata only.
    pub bestandsnaam: String,
    /// Bytes.
    pub grootte: i64,
    /// The type found in the content (not the name): PDF, JPEG, PNG or HEIC.
    pub inhoudstype: String,
    /// Who added it, as the reader may know them.
    pub door: String,
    pub tijd: i64,
    pub gedeeld_met_burger: bool,
}

/// `POST /api/zaken/{ref}/uitnodigingen`: invite an intermediair to add documents.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteIntermediary {
    /// Who is invited, e.g. "Bewindvoerder J. Jansen" (shown to the helper and on the invitation).
    pub naam: String,
    /// Days the invitation works (1 to 30).
    pub dagen: i64,
}

impl InviteIntermediary {
    /// Longest an invitation may work, in days.
    pub const MAX_DAYS: i64 = 30;
}

/// An invitation to make: who, and for how many days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedInvitation {
    pub naam: crate::domain::PersonName,
    pub dagen: i64,
}

impl crate::invalid::Check for InviteIntermediary {
    type Checked = CheckedInvitation;
    fn check(&self) -> Result<CheckedInvitation, Vec<crate::FieldError>> {
        let mut fields = crate::invalid::Fields::new();
        let naam = fields.check(
            crate::domain::PersonName::parse(&self.naam),
            "naam",
            crate::Text::new(
                "de naam van wie u uitnodigt",
                "the name of the person you invite",
            ),
        );
        let dagen = if (1..=Self::MAX_DAYS).contains(&self.dagen) {
            Some(self.dagen)
        } else {
            fields.add(crate::FieldError {
                field: "dagen".into(),
                message: format!(
                    "Kies hoe lang de uitnodiging werkt: 1 tot {} dagen.",
                    Self::MAX_DAYS
                ),
            });
            None
        };
        fields.finish(|| {
            Some(CheckedInvitation {
                naam: naam?,
                dagen: dagen?,
            })
        })
    }
}

/// An invitation as the helper sees it. `link` only in the answer that made it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntermediaryInvitation {
    pub id: i64,
    pub naam: String,
    pub geldig_tot: Date,
    pub gebruikt: bool,
    pub ingetrokken: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// `POST /api/intermediair/sessie`: the token from the invitation link.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntermediarySignIn {
    pub token: String,
}

/// What an intermediair sees: who they are invited as, until when, and their own uploads.
/// Nothing of the case itself.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntermediaryView {
    pub naam: String,
    pub geldig_tot: Date,
    pub documenten: Vec<DocumentInfo>,
    pub csrf_token: String,
}
