//! The public app, a bundle of its own (`src/bin/publiek.rs`): the pages anyone may open
//! without an account — the start page, "about", the citizen's consent and status pages
//! (on a phone), the page where an invited intermediair adds documents, and the pages where
//! an invited person (or one who forgot it) chooses a password. Helpers' pages live in [`crate::App`]; links between the two apps are full
//! page loads (`rel="external"`). The server sends this app's page for exactly these routes
//! (`PUBLIC_ROUTES` in `server/src/http/spa.rs`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::citizen::{ConsentPage, DisputePage, IntermediaryPage, StatusPage};
use crate::components::layout::{Frame, Layout};
use crate::pages::account::{ChoosePasswordPage, ForgotPasswordPage};
use crate::pages::{about::About, home::Home, not_found::NotFound};

#[component]
pub fn PublicApp() -> impl IntoView {
    view! {
        <Router>
            <Layout frame=Frame::Public>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/over") view=About />
                    <Route path=path!("/toestemming") view=ConsentPage />
                    <Route path=path!("/toestemming/niet-ik") view=DisputePage />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/stukken") view=IntermediaryPage />
                    <Route path=path!("/account/uitnodiging") view=ChoosePasswordPage />
                    <Route path=path!("/account/herstellen") view=ChoosePasswordPage />
                    <Route path=path!("/account/wachtwoord-vergeten") view=ForgotPasswordPage />
                </Routes>
            </Layout>
        </Router>
    }
}
