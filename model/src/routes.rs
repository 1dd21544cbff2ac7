//! One route table: which of the nine browser apps owns which path. The server picks the
//! page to send by it (a deep link reloads into the right app); a test reads each app's
//! router (`path!(…)` in `src/`) and checks that both say the same. Links between apps are
//! page loads (`rel="external"`), since each app is its own bundle.

/// A browser app: its own Trunk build and bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum App {
    /// Start page, about, choosing a password with a link.
    Public,
    /// Opened with a link or code instead of an account: consent, the citizen's status, the
    /// intermediair's page. Its own bundle, so a citizen's phone loads only these.
    Citizen,
    /// Sign-in and the helper's cases.
    Helper,
    /// The case form: route check, questions, check answers, the consent handover.
    Form,
    /// The page of a sent case, the helper's.
    Work,
    /// The page of a case for the Belangenbehartiger's staff, with its steps and notes.
    StaffCase,
    /// The Belangenbehartiger's work list.
    Backoffice,
    /// Accounts, organisations and teams, for beheerders; and everyone's own account page.
    Beheer,
    /// Supervision of access, for beheerders: the audit log and the alerts of the monitoring.
    Toezicht,
}

impl App {
    pub const ALL: [App; 9] = [
        App::Public,
        App::Citizen,
        App::Helper,
        App::Form,
        App::Work,
        App::StaffCase,
        App::Backoffice,
        App::Beheer,
        App::Toezicht,
    ];

    /// Where Trunk writes this app, under `dist/` (the helpers' app is `dist/` itself).
    pub fn dist_dir(self) -> &'static str {
        match self {
            App::Public => "publiek",
            App::Citizen => "burger",
            App::Helper => "",
            App::Form => "formulier",
            App::Work => "zaak",
            App::StaffCase => "behandeling",
            App::Backoffice => "backoffice-app",
            App::Beheer => "beheer-app",
            App::Toezicht => "toezicht-app",
        }
    }
}

/// Every route of every app, as its router spells it (`:name` is a parameter). Order
/// matters where two could match: the first wins (`/zaken/nieuw` before `/zaken/:ref`).
pub const ROUTES: &[(&str, App)] = &[
    ("/", App::Public),
    ("/over", App::Public),
    ("/toestemming", App::Citizen),
    ("/toestemming/niet-ik", App::Citizen),
    ("/status", App::Citizen),
    ("/status/nieuwe-code", App::Citizen),
    ("/stukken", App::Citizen),
    ("/account/uitnodiging", App::Public),
    ("/account/herstellen", App::Public),
    ("/account/wachtwoord-vergeten", App::Public),
    ("/inloggen", App::Helper),
    ("/zaken", App::Helper),
    ("/zaken/nieuw", App::Form),
    ("/zaken/:ref/vraag/:stap", App::Form),
    ("/zaken/:ref/controleren", App::Form),
    ("/zaken/:ref/verstuurd", App::Form),
    ("/zaken/:ref", App::Work),
    ("/backoffice", App::Backoffice),
    ("/backoffice/zaken/:ref", App::StaffCase),
    // Signals, for helpers and staff: in the backoffice bundle, which has room.
    ("/signalen", App::Backoffice),
    ("/signalen/nieuw", App::Backoffice),
    ("/signalen/:ref", App::Backoffice),
    ("/cijfers", App::Backoffice),
    ("/beheer", App::Beheer),
    ("/beheer/uitnodigen", App::Beheer),
    ("/beheer/accounts/:id", App::Beheer),
    ("/beheer/organisaties", App::Beheer),
    ("/beheer/organisaties/:id", App::Beheer),
    ("/beheer/teams", App::Beheer),
    ("/beheer/logboek", App::Toezicht),
    ("/beheer/meldingen", App::Toezicht),
    ("/beheer/vernietiging", App::Toezicht),
    // Everyone's own account page: in the beheer bundle, which has room for it.
    ("/account", App::Beheer),
];

/// Paths under these prefixes that no route names still belong to that app, which shows its
/// own "not found" page; every other unknown path gets the helpers' app.
const PREFIXES: &[(&str, App)] = &[("/backoffice", App::Backoffice), ("/beheer", App::Beheer)];

fn matches(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/').skip(1);
    let mut have = path.split('/').skip(1);
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if w.starts_with(':') && !h.is_empty() => {}
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

/// The app that owns `path` (a path without query or fragment; a trailing `/` is ignored).
pub fn app_of(path: &str) -> App {
    let path = match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    };
    if let Some((_, app)) = ROUTES.iter().find(|(pattern, _)| matches(pattern, path)) {
        return *app;
    }
    PREFIXES
        .iter()
        .find(|(prefix, _)| path == *prefix || path.starts_with(&format!("{prefix}/")))
        .map_or(App::Helper, |(_, app)| *app)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The routes each app's router declares, read from the browser app's source: per app
    /// component, every `path!("…")`, with a `ParentRoute`'s path put before its children's.
    fn routers() -> Vec<(App, String)> {
        let src = format!(
            "{}/../src",
            std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")
        );
        let components = [
            ("app.rs", "pub fn App(", App::Helper),
            ("form_app.rs", "pub fn FormApp(", App::Form),
            ("public_app.rs", "pub fn PublicApp(", App::Public),
            ("citizen_app.rs", "pub fn CitizenApp(", App::Citizen),
            ("work/mod.rs", "pub fn WorkApp(", App::Work),
            ("work/mod.rs", "pub fn StaffCaseApp(", App::StaffCase),
            ("work/mod.rs", "pub fn BackofficeApp(", App::Backoffice),
            ("beheer/mod.rs", "pub fn BeheerApp(", App::Beheer),
            ("beheer/mod.rs", "pub fn ToezichtApp(", App::Toezicht),
        ];
        let mut found = Vec::new();
        for (file, component, app) in components {
            let text = std::fs::read_to_string(format!("{src}/{file}")).unwrap();
            let start = text
                .find(component)
                .unwrap_or_else(|| panic!("{component} in {file}"));
            let body = &text[start..];
            let end = body.find("\n}\n").unwrap_or(body.len());
            let mut parents: Vec<String> = Vec::new();
            for line in body[..end].lines() {
                let line = line.trim();
                if line.starts_with("</ParentRoute>") {
                    parents.pop();
                    continue;
                }
                let Some(at) = line.find("path!(\"") else {
                    continue;
                };
                let rest = &line[at + 7..];
                let path = &rest[..rest.find('"').unwrap()];
                let full = match parents.last() {
                    Some(parent) => format!("{parent}/{path}"),
                    None => path.to_owned(),
                };
                if line.starts_with("<ParentRoute") {
                    parents.push(full);
                } else {
                    found.push((app, full));
                }
            }
        }
        found
    }

    #[test]
    fn the_table_and_the_apps_routers_name_the_same_routes() {
        let mut declared = routers();
        let mut table: Vec<(App, String)> =
            ROUTES.iter().map(|(p, a)| (*a, (*p).to_owned())).collect();
        declared.sort_by(|a, b| a.1.cmp(&b.1));
        table.sort_by(|a, b| a.1.cmp(&b.1));
        assert!(declared.len() >= 14, "read {} routes", declared.len());
        assert_eq!(declared, table);
    }

    #[test]
    fn every_route_belongs_to_the_app_of_its_table_line() {
        for (pattern, app) in ROUTES {
            let path = pattern
                .replace(":ref", "BG-7KQ3-M9XP")
                .replace(":stap", "burger");
            assert_eq!(app_of(&path), *app, "{path}");
        }
    }

    #[test]
    fn paths_go_to_the_app_that_has_them() {
        for (path, app) in [
            ("/", App::Public),
            ("/status/", App::Citizen),
            ("/over", App::Public),
            ("/backoffice/zaken/BG-7KQ3-M9XP", App::StaffCase),
            ("/backoffice/bestaat-niet", App::Backoffice),
            ("/zaken/BG-7KQ3-M9XP/", App::Work),
            ("/zaken/nieuw", App::Form),
            ("/zaken/BG-7KQ3-M9XP/vraag/burger", App::Form),
            ("/bestaat-niet", App::Helper),
            ("/statusx", App::Helper),
            ("/beheer/logboek", App::Toezicht),
            ("/beheer/bestaat-niet", App::Beheer),
        ] {
            assert_eq!(app_of(path), app, "{path}");
        }
    }
}
