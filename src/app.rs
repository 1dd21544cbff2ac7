//! The helpers' app: sign-in and the helper's list of cases, inside the shared page layout.
//! The case form is in [`crate::FormApp`], the start page in [`crate::PublicApp`] and the
//! citizen's pages in [`crate::CitizenApp`]: bundles of their own.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::{Frame, Layout};
use crate::pages::{dashboard::Dashboard, not_found::NotFound, sign_in::SignIn};
use crate::session::{provide_session, SignInHere};

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
                </Routes>
            </Layout>
        </Router>
    }
}
