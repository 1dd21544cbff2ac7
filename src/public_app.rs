//! The public app, a bundle of its own (`src/bin/publiek.rs`): the pages anyone may open
//! without an account — the start page, "about", and the pages where an invited person (or
//! one who forgot it) chooses a password. The citizen's pages live in [`crate::CitizenApp`],
//! //! helpers' in [`crate::App`]; links between apps are full page loads (`rel="external"`).
//! The server sends this app's page for exactly these routes (`model::routes::ROUTES`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

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
                    <Route path=path!("/account/uitnodiging") view=ChoosePasswordPage />
                    <Route path=path!("/account/herstellen") view=ChoosePasswordPage />
                    <Route path=path!("/account/wachtwoord-vergeten") view=ForgotPasswordPage />
                </Routes>
            </Layout>
        </Router>
    }
}
