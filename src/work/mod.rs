//! The case app, a bundle of its own (`src/bin/zaak.rs`): following a submitted case. The
//! helper reads where it stands and writes to the casemanager; the Belangenbehartiger's staff
//! triage the queue (`/backoffice`) and take every step (`/zaken/:ref`). Kept apart from the
//! helpers' form and the public pages so each first load stays small.

mod case_page;
mod conversation;
mod queue;
mod step_form;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Frame, Layout};
use crate::pages::not_found::NotFound;
use crate::session::provide_session;

#[component]
pub fn WorkApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Work>
                <Routes fallback=NotFound>
                    <Route path=path!("/backoffice") view=queue::Queue />
                    <Route path=path!("/zaken/:ref") view=case_page::CasePage />
                </Routes>
            </Layout>
        </Router>
    }
}
