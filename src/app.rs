//! The router: one route per page, all inside the shared page layout.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::pages::{
    about::About, dashboard::Dashboard, home::Home, not_found::NotFound, sign_in::SignIn,
};
use crate::session::provide_session;
use crate::wizard::{
    check::CheckAnswers, confirmation::Confirmation, question::QuestionPage,
    route_check::RouteCheck, CaseWizard,
};

#[component]
pub fn App() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/over") view=About />
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
