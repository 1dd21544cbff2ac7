//! Following a sent case, in two bundles of their own so each first load stays small:
//! the case app (`src/bin/zaak.rs`) with the page of a sent case — the helper's
//! (`/zaken/:ref`), where they read where it stands, write to the casemanager and add
//! documents, and the staff's (`/backoffice/zaken/:ref`), where they take every step; the two
//! share most of their code — and the backoffice app (`src/bin/backoffice.rs`) with the
//! Belangenbehartiger's work list (`/backoffice`).

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

/// The page of a sent case, for the helper.
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

/// The page of a case for the Belangenbehartiger's staff: its own bundle, so neither this
/// page nor the helper's carries the other's forms.
#[component]
pub fn StaffCaseApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Work>
                <Routes fallback=NotFound>
                    <Route path=path!("/backoffice/zaken/:ref") view=case_page::StaffCasePage />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The Belangenbehartiger's work list, and the signals (helpers' and staff's).
#[component]
pub fn BackofficeApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Work>
                <Routes fallback=NotFound>
                    <Route path=path!("/backoffice") view=queue::Queue />
                    <Route path=path!("/signalen") view=crate::signals::SignalsPage />
                    <Route path=path!("/signalen/nieuw") view=crate::signals::NewSignalPage />
                    <Route path=path!("/signalen/:ref") view=crate::signals::SignalPage />
                    <Route path=path!("/cijfers") view=crate::figures::FiguresPage />
                </Routes>
            </Layout>
        </Router>
    }
}
