//! The staff's work list (`GET /api/werkvoorraad`): ended cases never in it (but under their
//! own filter), the term that ends first on top, filters by need-to-know and facts, pages.

use bondgenoot_server::store::assignment::TeamRights;
use model::lifecycle::{CaseEvent, Verwijzing};
use serde_json::{json, Value};

use crate::helpers::{citizen_answers, complete_draft, fire_step, Client, TestApp};
use crate::on_both_backends;

/// A consented case made from the complete draft with `changes`; returns its reference.
async fn consented(app: &TestApp, helper: &Client, changes: Value) -> String {
    let mut draft = complete_draft();
    for (key, value) in changes.as_object().unwrap() {
        draft[key] = value.clone();
    }
    let reference = helper.create_draft(&draft).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;
    assert_eq!(citizen_answers(app, &code, "gegeven").await.status(), 200);
    reference
}

fn references(list: &Value) -> Vec<String> {
    list["zaken"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["referentie"].as_str().unwrap().to_owned())
        .collect()
}

fn in_days(days: i64) -> String {
    bondgenoot_server::clock::today()
        .add_days(days)
        .unwrap()
        .to_string()
}

on_both_backends! {
    async fn the_work_list_filters_orders_and_leaves_ended_cases_out(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let me = app.staff("ik@bb.nl").await;
        let handling = TeamRights { triage: false, break_glass: false };
        app.join("ik@bb.nl", "Team Toeslagen", handling).await;
        let other = app.staff("ander@bb.nl").await;
        app.join("ander@bb.nl", "Team Belastingen", handling).await;

        let calm = consented(&app, &helper, json!({"spoed": [], "termijn_einddatum": null})).await;
        let urgent = consented(&app, &helper, json!({"spoed": [{"reden": "dreigende_uithuiszetting"}, {"reden": "anders", "toelichting": "Anna slaapt bij haar zus"}], "termijn_einddatum": null})).await;
        let term_soon = consented(&app, &helper, json!({"spoed": [], "bezwaar_of_beroep": true, "termijn_einddatum": in_days(5)})).await;
        let term_later = consented(&app, &helper, json!({"spoed": [], "bezwaar_of_beroep": true, "termijn_einddatum": in_days(40)})).await;
        let mine = consented(&app, &helper, json!({"spoed": [], "termijn_einddatum": null})).await;
        let theirs = consented(&app, &helper, json!({"spoed": [], "termijn_einddatum": null})).await;
        let referred = consented(&app, &helper, json!({"spoed": [], "termijn_einddatum": null})).await;
        for (reference, who) in [(&mine, &me), (&theirs, &other)] {
            fire_step(&me, reference, CaseEvent::TriageStarten).await;
            fire_step(who, reference, CaseEvent::InBehandelingNemen).await;
        }
        fire_step(&me, &referred, CaseEvent::TriageStarten).await;
        fire_step(&me, &referred, CaseEvent::Doorverwijzen(Verwijzing::StellaTeam)).await;

        let all: Value = me.get("/api/werkvoorraad").await.json().await.unwrap();
        assert_eq!(all["totaal"], 6, "open cases only");
        let order = references(&all);
        assert_eq!(order[..2].to_vec(), vec![term_soon.clone(), term_later.clone()], "the term that ends first on top");
        assert_eq!(order[2], urgent, "then spoed");
        assert!(!order.contains(&referred));
        let line = |reference: &str| all["zaken"].as_array().unwrap().iter().find(|c| c["referentie"] == reference).unwrap().clone();
        let urgent_line = line(&urgent);
        assert_eq!(urgent_line["dienst"], "Dienst Toeslagen");
        assert_eq!(urgent_line["onderwerpen"], json!(["Huurtoeslag"]));
        assert_eq!(urgent_line["spoed"], json!(["Er dreigt een uithuiszetting", "Andere reden (zie de zaak)"]));
        assert!(!all.to_string().contains("Anna"), "no citizen's words on a line everyone sees");
        assert_eq!(line(&mine)["casemanager"], "Test Persoon");
        assert_eq!(line(&mine)["eigen"], true);
        assert_eq!(line(&theirs)["eigen"], false, "taken on by another team");
        assert_eq!(line(&calm)["eigen"], true, "waiting for my triage");
        assert_eq!(line(&term_soon)["termijn"], in_days(5));

        let filtered = |filter: &'static str| {
            let me = &me;
            async move {
                let list: Value = me.get(&format!("/api/werkvoorraad?filter={filter}")).await.json().await.unwrap();
                let mut found = references(&list);
                found.sort();
                found
            }
        };
        let sorted = |mut v: Vec<String>| { v.sort(); v };
        assert_eq!(filtered("mijn").await, vec![mine.clone()]);
        assert_eq!(filtered("mijn_team").await, vec![mine.clone()]);
        assert_eq!(filtered("triage").await, sorted(vec![calm.clone(), urgent.clone(), term_soon.clone(), term_later.clone()]));
        assert_eq!(filtered("spoed").await, vec![urgent.clone()]);
        assert_eq!(filtered("termijn").await, vec![term_soon.clone()]);
        assert_eq!(filtered("beeindigd").await, vec![referred.clone()]);
        let waiting: Value = me.get("/api/werkvoorraad?sortering=wachttijd").await.json().await.unwrap();
        assert_eq!(references(&waiting)[0], calm, "the longest waiting in its state first");

        // Wrong parts of the query are named, in Dutch.
        let wrong = me.get("/api/werkvoorraad?filter=alles&pagina=nul").await;
        assert_eq!(wrong.status(), 422);
        let problem: Value = wrong.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "filter");
        assert_eq!(problem["errors"][1]["field"], "pagina");
        // Staff only.
        assert_eq!(helper.get("/api/werkvoorraad").await.status(), 403);
    }

    async fn the_work_list_comes_in_pages(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let staff = app.staff("ik@bb.nl").await;
        let first = consented(&app, &helper, json!({"termijn_einddatum": null})).await;
        // 26 more like it, straight into the table (the consent flow is not what is tested).
        for i in 0..26 {
            let sql = format!(
                "INSERT INTO cases (reference, organisation_id, created_by, status_key, status_detail, draft, submission, termijn, created_at, updated_at, submitted_at, spoed) \
                 SELECT 'BG-PAG{i:02}-XXXX', organisation_id, created_by, status_key, status_detail, draft, submission, termijn, created_at, updated_at + {i} + 1, submitted_at, spoed FROM cases WHERE reference = '{first}'"
            );
            app.execute(Box::leak(sql.into_boxed_str())).await.unwrap();
        }
        let one: Value = staff.get("/api/werkvoorraad?sortering=wachttijd").await.json().await.unwrap();
        assert_eq!((one["totaal"].as_i64(), one["pagina"].as_i64(), one["paginas"].as_i64()), (Some(27), Some(1), Some(2)));
        assert_eq!(one["zaken"].as_array().unwrap().len(), 25);
        assert_eq!(references(&one)[0], first);
        let two: Value = staff.get("/api/werkvoorraad?sortering=wachttijd&pagina=2").await.json().await.unwrap();
        assert_eq!(references(&two), ["BG-PAG24-XXXX", "BG-PAG25-XXXX"]);
        let past: Value = staff.get("/api/werkvoorraad?pagina=9").await.json().await.unwrap();
        assert_eq!(past["pagina"], 2, "past the last page gives the last");
    }
}
