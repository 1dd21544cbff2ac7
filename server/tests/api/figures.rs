//! The figures page's data: small counts suppressed (with a second cell where the total would
//! give the small one away), a helper's own figures beside the totals, the CSV of the same.

use serde_json::{json, Value};

use crate::helpers::{consented_case_of, fire_step};
use crate::on_both_backends;

fn row<'a>(figures: &'a Value, table: &str, label: &str) -> &'a Value {
    let table = figures["tabellen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["titel"] == table)
        .unwrap_or_else(|| panic!("table {table}"));
    &table["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == label)
        .unwrap_or_else(|| panic!("row {label}"))["waarde"]
}

fn total<'a>(figures: &'a Value, table: &str) -> &'a Value {
    &figures["tabellen"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["titel"] == table)
        .unwrap()["totaal"]
}

on_both_backends! {
    async fn small_counts_are_hidden_and_cannot_be_worked_out_from_the_total(app: TestApp) {
        let org = app.organisation("Raadslieden Noord").await;
        let helper = app.helper(org, "h@noord.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let mut references = Vec::new();
        for _ in 0..13 {
            references.push(consented_case_of(&app, &helper).await.0);
        }
        for reference in &references[..3] {
            fire_step(&staff, reference, model::lifecycle::CaseEvent::TriageStarten).await;
        }
        let figures: Value = staff.get("/api/cijfers").await.json().await.unwrap();
        assert_eq!(figures["k"], 10);
        assert_eq!(row(&figures, "Zaken per stand", "Wordt bekeken"), &json!({"soort": "klein"}));
        assert_eq!(row(&figures, "Zaken per stand", "Aangemeld"), &json!({"soort": "verborgen"}), "10 would give the 3 away");
        assert_eq!(row(&figures, "Zaken per stand", "Gesloten"), &json!({"soort": "aantal", "waarde": 0}));
        assert_eq!(total(&figures, "Zaken per stand"), &json!({"soort": "aantal", "waarde": 13}));
        assert_eq!(row(&figures, "Zaken per Dienst", "Dienst Toeslagen"), &json!({"soort": "aantal", "waarde": 13}));
        assert!(figures["eigen"].is_null(), "staff see the totals");
        // Lead times need k cases behind them.
        let steps = figures["doorlooptijden"].as_array().unwrap();
        let waiting = steps.iter().find(|s| s["stap"] == "Wacht op toestemming").unwrap();
        assert_eq!(waiting["mediaan_dagen"], 0);
        let closed = steps.iter().find(|s| s["stap"] == "Van versturen tot gesloten").unwrap();
        assert!(closed["mediaan_dagen"].is_null());

        // A helper: their organisation's own beside the totals.
        let own: Value = helper.get("/api/cijfers").await.json().await.unwrap();
        assert!(own["eigen"].is_array());
        // The CSV holds the same published cells, never a small count.
        let csv = staff.get("/api/cijfers.csv").await.text().await.unwrap();
        assert!(csv.starts_with("deel,tabel,rij,waarde"));
        assert!(csv.contains("alle,Zaken per stand,Wordt bekeken,< 10"));
        assert!(csv.contains("alle,Zaken per stand,Aangemeld,verborgen"));
        assert!(!csv.contains("Wordt bekeken,3"));
        // A bad period names its field; an intermediair or citizen has no figures.
        let bad = staff.get("/api/cijfers?van=morgen").await;
        assert_eq!(bad.status(), 422);
        assert_eq!(bad.json::<Value>().await.unwrap()["errors"][0]["field"], "van");
        assert_eq!(app.anonymous().get("/api/cijfers").await.status(), 401);
        let past: Value = staff.get("/api/cijfers?van=01-01-2020&tot=31-12-2020").await.json().await.unwrap();
        assert_eq!(total(&past, "Zaken per stand"), &json!({"soort": "aantal", "waarde": 0}));

        // The case pages say how long a step usually takes, once k cases went through it:
        // 13 cases waited for consent (all answered the same day); 3 left "aangemeld".
        let waiting = helper.create_draft(&crate::helpers::complete_draft()).await;
        helper.submit(&waiting).await;
        let page = helper.case(&waiting).await;
        assert_eq!(page["uitleg"]["verwacht"], "Meestal is deze stap binnen een dag klaar.");
        let arrived = helper.case(&references[3]).await;
        assert_eq!(arrived["status"]["status"], "aangemeld");
        assert!(arrived["uitleg"]["verwacht"].is_null(), "fewer than k cases left this step");
    }

    async fn a_closed_case_is_counted_with_the_outcome_its_timeline_gives(app: TestApp) {
        use model::lifecycle::{CaseEvent, Uitkomst};
        let org = app.organisation("Raadslieden Zuid").await;
        let helper = app.helper(org, "h@zuid.nl").await;
        let staff = app.staff("s@bb-zuid.nl").await;
        for _ in 0..10 {
            let reference = consented_case_of(&app, &helper).await.0;
            for step in [
                CaseEvent::TriageStarten,
                CaseEvent::InBehandelingNemen,
                CaseEvent::ZienswijzeVersturen,
                CaseEvent::ZienswijzeOvergenomen,
                CaseEvent::Afronden(Uitkomst::MinnelijkOpgelost),
                CaseEvent::EindgesprekPlannen,
                CaseEvent::Sluiten,
            ] {
                fire_step(&staff, &reference, step).await;
            }
        }
        let figures: Value = staff.get("/api/cijfers").await.json().await.unwrap();
        assert_eq!(row(&figures, "Zaken per stand", "Gesloten"), &json!({"soort": "aantal", "waarde": 10}));
        assert_eq!(
            row(&figures, "Uitkomst van afgeronde zaken", "Minnelijk opgelost"),
            &json!({"soort": "aantal", "waarde": 10}),
            "a closed case keeps the outcome it was given"
        );
    }
}
