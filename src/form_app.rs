//! The case form, a bundle of its own (`src/bin/formulier.rs`): the route check
//! (`/zaken/nieuw`), the question pages, check answers and the confirmation with the consent
//! handover. Sign-in and the helper's list of cases are in [`crate::App`]; links between the
//! two are full page loads (`rel="external"`), and signing in is a page load there and back.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Frame, Layout};
use crate::pages::not_found::NotFound;
use crate::session::provide_session;
use crate::wizard::{
    check::CheckAnswers, confirmation::Confirmation, question::QuestionPage,
    route_check::RouteCheck, CaseWizard,
};

#[component]
pub fn FormApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Form>
                <Routes fallback=NotFound>
                    <Route path=path!("/zaken/nieuw") view=RouteCheck />
                    <ParentRoute path=path!("/zaken/:ref") view=CaseWizard>
                        <Route path=path!("vraag/:stap") view=QuestionPage />
                        <Route path=path!("controleren") view=CheckAnswers />
                        <Route path=path!("verstuurd") view=Confirmation />
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
