//! The own account page (`/account`), for everyone who signs in: change the password (with
//! the old one), see and end one's own sessions, set up or change the second factor.

use serde::{Deserialize, Serialize};

use crate::api::typed_password;
use crate::beheer::password_length;
use crate::lifecycle::Role;
use crate::{Check, FieldError, Fields};

/// `GET /api/account`: the signed-in person's own account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAccount {
    pub naam: String,
    pub email: String,
    pub rol: Role,
    pub organisatie: Option<String>,
    /// Signs in with a code from an app.
    pub tweede_factor: bool,
    /// Must sign in with one (the role, or the organisation, asks it).
    pub tweede_factor_verplicht: bool,
    /// Recovery codes not used yet.
    pub herstelcodes_over: i64,
    /// Live sessions, the most recent first.
    pub sessies: Vec<OwnSession>,
    /// An e-mail when a new message arrives on one's cases (at most every 15 minutes).
    #[serde(default = "yes")]
    pub bericht_mails: bool,
}

fn yes() -> bool {
    true
}

/// `PUT /api/account/bericht-mails`: message mails on or off.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageMails {
    pub aan: bool,
}

/// The language the account chose in the header.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountLanguage {
    pub taal: crate::Lang,
}

/// One of one's own live sessions.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnSession {
    /// Names the session for ending it; not its token, nor the token's hash.
    pub id: String,
    /// "Chrome op Android", from the browser's user agent.
    pub apparaat: String,
    /// Unix seconds.
    pub begonnen: i64,
    pub laatst_gezien: i64,
    /// The session this page is shown in.
    pub deze: bool,
}

/// A user agent in a few words ("Firefox op Windows"): enough to recognise one's own
/// devices in the list, nothing more is kept or shown.
pub fn device_of(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|ua| !ua.trim().is_empty()) else {
        return "Onbekend apparaat".into();
    };
    // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android "Linux".
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "Mac"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} op {system}"),
        (Some(browser), None) => browser.into(),
        (None, Some(system)) => format!("Browser op {system}"),
        (None, None) => "Onbekend apparaat".into(),
    }
}

/// `PUT /api/account/wachtwoord`: a new password, with the current one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub huidig: String,
    pub nieuw: String,
}

impl Check for ChangePassword {
    /// (current, new)
    type Checked = (String, String);
    fn check(&self) -> Result<(String, String), Vec<FieldError>> {
        let mut fields = Fields::new();
        let current = fields.check(
            typed_password(&self.huidig),
            "huidig",
            crate::Text::new("uw huidige wachtwoord", "your current password"),
        );
        let new = fields.check(
            password_length(&self.nieuw).map(|()| self.nieuw.clone()),
            "nieuw",
            crate::Text::new("het nieuwe wachtwoord", "the new password"),
        );
        fields.finish(|| Some((current?, new?)))
    }
}

/// `POST /api/account/tweede-factor`: start setting up (or changing) the app. The password
/// is asked again: whoever finds a signed-in computer cannot move the codes to their phone.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorStart {
    pub wachtwoord: String,
}

impl Check for FactorStart {
    type Checked = String;
    fn check(&self) -> Result<String, Vec<FieldError>> {
        let mut fields = Fields::new();
        let password = fields.check(
            typed_password(&self.wachtwoord),
            "wachtwoord",
            crate::Text::new("uw wachtwoord", "your password"),
        );
        fields.finish(|| password)
    }
}

/// The answer to [`FactorStart`]: the new secret to put in the app, and the set-up's name.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorSetUp {
    /// Sent back with the first code (five minutes).
    pub stap: String,
    /// The secret in base32, for typing it into the app by hand.
    pub geheim: String,
    /// The `otpauth://` link as a QR code: an SVG `data:` URL.
    pub qr_svg: String,
}

/// `PUT /api/account/tweede-factor`: the app's first code proves it has the new secret.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorConfirm {
    pub stap: String,
    pub code: String,
}

/// The answer to [`FactorConfirm`]: new recovery codes, shown this once.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorConfirmed {
    pub herstelcodes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let cases = [
            ("Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "Chrome op Android"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0", "Edge op Windows"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari op iPhone"),
            ("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox op Linux"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Safari op Mac"),
            ("curl/8.5.0", "Onbekend apparaat"),
        ];
        for (ua, want) in cases {
            assert_eq!(device_of(Some(ua)), want, "{ua}");
        }
        assert_eq!(device_of(None), "Onbekend apparaat");
        assert_eq!(device_of(Some("  ")), "Onbekend apparaat");
    }

    #[test]
    fn a_new_password_needs_the_old_one_and_the_minimum_length() {
        let input = ChangePassword {
            huidig: String::new(),
            nieuw: "kort".into(),
        };
        let errors = input.check().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["huidig", "nieuw"]);
        let input = ChangePassword {
            huidig: "oud".into(),
            nieuw: "drie losse woorden".into(),
        };
        assert_eq!(
            input.check(),
            Ok(("oud".into(), "drie losse woorden".into()))
        );
    }

    #[test]
    fn starting_a_set_up_needs_the_password() {
        let errors = FactorStart {
            wachtwoord: String::new(),
        }
        .check()
        .unwrap_err();
        assert_eq!(errors[0].field, "wachtwoord");
    }
}
