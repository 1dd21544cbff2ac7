//! The citizen's app, a bundle of its own (`src/bin/burger.rs`): the pages opened with a
//! link or a code instead of an account — consent (`/toestemming`), "dit was ik niet"
//! (`/toestemming/niet-ik`), the case's status (`/status`, on a phone) and the page where an
//! invited intermediair adds documents (`/stukken`). Apart from the start page's bundle so
//! each first load carries only its own pages; links to other apps are full page loads.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::citizen::{ConsentPage, DisputePage, IntermediaryPage, NewCodePage, StatusPage};
use crate::components::layout::{Frame, Layout};
use crate::pages::not_found::NotFound;

#[component]
pub fn CitizenApp() -> impl IntoView {
    view! {
        <Router>
            <Layout frame=Frame::Citizen>
                <Routes fallback=NotFound>
                    <Route path=path!("/toestemming") view=ConsentPage />
                    <Route path=path!("/toestemming/niet-ik") view=DisputePage />
                    <Route path=path!("/status") view=StatusPage />
                    <Route path=path!("/status/nieuwe-code") view=NewCodePage />
                    <Route path=path!("/stukken") view=IntermediaryPage />
                </Routes>
            </Layout>
        </Router>
    }
}
