//! Every transition the model allows after consent, fired through the API on a case the API
//! brought there: the server must land exactly where `CaseStatus::apply` says. The model is
//! the oracle, so a transition added to it is tested here without a new line.

use std::collections::{HashMap, VecDeque};

use model::lifecycle::{CaseEvent, CaseStatus, Role};
use serde_json::{json, Value};

use crate::helpers::{citizen, consented_case_of, fire_step, Client, TestApp};
use crate::on_both_backends;

/// The shortest list of staff steps from `Aangemeld` to every state staff can reach.
fn staff_paths() -> Vec<(CaseStatus, Vec<CaseEvent>)> {
    let mut paths: HashMap<CaseStatus, Vec<CaseEvent>> = HashMap::new();
    let mut order = vec![CaseStatus::Aangemeld];
    paths.insert(CaseStatus::Aangemeld, Vec::new());
    let mut queue = VecDeque::from([CaseStatus::Aangemeld]);
    while let Some(state) = queue.pop_front() {
        for event in CaseEvent::staff_steps() {
            if let Ok(next) = state.apply(event, Role::Behandelaar) {
                if !paths.contains_key(&next) {
                    let mut path = paths[&state].clone();
                    path.push(event);
                    paths.insert(next, path);
                    order.push(next);
                    queue.push_back(next);
                }
            }
        }
    }
    order
        .into_iter()
        .map(|state| (state, paths[&state].clone()))
        .collect()
}

fn status_of(detail: &Value) -> CaseStatus {
    serde_json::from_value(detail["status"].clone()).unwrap()
}

/// A consented case, walked by staff along `path`; returns its reference and access code.
async fn case_at(
    app: &TestApp,
    helper: &Client,
    staff: &Client,
    path: &[CaseEvent],
) -> (String, String) {
    let (reference, access) = consented_case_of(app, helper).await;
    for event in path {
        fire_step(staff, &reference, *event).await;
    }
    (reference, access)
}

on_both_backends! {
    async fn every_staff_step_the_model_allows_lands_where_the_model_says(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let mut fired = 0;
        for (from, path) in staff_paths() {
            for event in CaseEvent::staff_steps() {
                let Ok(expected) = from.apply(event, Role::Behandelaar) else { continue };
                let (reference, _) = case_at(&app, &helper, &staff, &path).await;
                let detail = fire_step(&staff, &reference, event).await;
                assert_eq!(status_of(&detail), expected, "{from:?} --{event:?}-->");
                // The helper's view agrees, and the step is on the timeline with its message.
                let seen: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
                assert_eq!(status_of(&seen), expected);
                let last = seen["tijdlijn"].as_array().unwrap().last().unwrap().clone();
                assert_eq!(last["bericht"], "Bericht voor de hulpverlener.");
                fired += 1;
            }
        }
        // 1 triage, 10 referrals, take-on, zienswijze, 2 answers, 3 + 2 + 1 escalations,
        // 1 + 1 + 2 + 2 + 2 outcomes, 3 eindgesprekken, 1 closing.
        assert_eq!(fired, 33, "every staff transition of DESIGN.md §3 was fired");
    }

    async fn the_citizen_can_withdraw_from_every_state_with_consent(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let mut withdrawn = 0;
        for (from, path) in staff_paths() {
            let expected = from.apply(CaseEvent::ToestemmingIntrekken, Role::Burger);
            let (reference, access) = case_at(&app, &helper, &staff, &path).await;
            let (signed_in, me) = citizen(&app, &reference, &access).await;
            assert_eq!(signed_in.status(), 200);

            let response = me.post_json("/api/burger/intrekken", &json!({})).await;

            match expected {
                Ok(to) => {
                    assert_eq!(response.status(), 200, "withdraw from {from:?}");
                    let case: Value = response.json().await.unwrap();
                    assert_eq!(status_of(&case), to);
                    withdrawn += 1;
                }
                Err(_) => assert_eq!(response.status(), 409, "withdraw from {from:?} is refused"),
            }
            let seen: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
            assert_eq!(status_of(&seen), expected.unwrap_or(from));
        }
        // Aangemeld, in triage, in behandeling, zienswijze, 2 answers, 3 levels, 3 outcomes, eindgesprek.
        assert_eq!(withdrawn, 13);
    }
}
