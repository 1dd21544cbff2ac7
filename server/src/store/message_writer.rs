//! Who writes a message on a case: it decides who reads it (`messages`) and who hears of it
//! by mail (`message_mail`), so both read it from here.

use model::lifecycle::Role;

/// Who writes a message, and so who reads it besides the Belangenbehartiger's staff (who
/// read every message on a case they may open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// The helper's organisation, to the Belangenbehartiger.
    Helper { account: i64 },
    /// The Belangenbehartiger, to the helper and, when marked, the citizen too.
    Staff { account: i64, for_citizen: bool },
    /// The citizen (no account), to the casemanager and, unless they say otherwise, the helper.
    Citizen { for_helper: bool },
}

impl Writer {
    pub fn role(self) -> Role {
        match self {
            Writer::Helper { .. } => Role::Hulpverlener,
            Writer::Staff { .. } => Role::Behandelaar,
            Writer::Citizen { .. } => Role::Burger,
        }
    }

    pub fn account(self) -> Option<i64> {
        match self {
            Writer::Helper { account } | Writer::Staff { account, .. } => Some(account),
            Writer::Citizen { .. } => None,
        }
    }

    pub fn for_citizen(self) -> bool {
        match self {
            Writer::Helper { .. } => false,
            Writer::Staff { for_citizen, .. } => for_citizen,
            Writer::Citizen { .. } => true,
        }
    }

    pub fn for_helper(self) -> bool {
        match self {
            Writer::Helper { .. } | Writer::Staff { .. } => true,
            Writer::Citizen { for_helper } => for_helper,
        }
    }
}
