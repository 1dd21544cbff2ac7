//! Following a sent case, in two bundles of their own so each first load stays small:
//! the case app (`src/bin/zaak.rs`, `/zaken/:ref`) where the helper reads where the case
//! stands, writes to the casemanager and adds documents; and the backoffice app
//! (`src/bin/backoffice.rs`) where the Belangenbehartiger's staff triage the queue
//! (`/backoffice`) and take every step (`/backoffice/zaken/:ref`).

mod case_page;
mod conversation;
mod documents;
mod queue;
mod reassign;
mod step_form;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Frame, Layout};
use crate::pages::not_found::NotFound;
use crate::session::provide_session;

/// The helper's case page.
#[component]
pub fn WorkApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Work>
                <Routes fallback=NotFound>
                    <Route path=path!("/zaken/:ref") view=case_page::HelperCasePage />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The Belangenbehartiger's backoffice.
#[component]
pub fn BackofficeApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Work>
                <Routes fallback=NotFound>
                    <Route path=path!("/backoffice") view=queue::Queue />
                    <Route path=path!("/backoffice/zaken/:ref") view=case_page::StaffCasePage />
                </Routes>
            </Layout>
        </Router>
    }
}
