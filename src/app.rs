//! The helpers' app: one route per page, all inside the shared page layout. The start page
//! and the citizen's pages are in the public app ([`crate::PublicApp`]), a bundle of its own.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Frame, Layout};
use crate::pages::{dashboard::Dashboard, not_found::NotFound, sign_in::SignIn};
use crate::session::{provide_session, SignInHere};
use crate::wizard::{
    check::CheckAnswers, confirmation::Confirmation, question::QuestionPage,
    route_check::RouteCheck, CaseWizard,
};

#[component]
pub fn App() -> impl IntoView {
    provide_session();
    provide_context(SignInHere);
    view! {
        <Router>
            <Layout frame=Frame::Helper>
                <Routes fallback=NotFound>
                    <Route path=path!("/inloggen") view=SignIn />
                    <Route path=path!("/zaken") view=Dashboard />
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
