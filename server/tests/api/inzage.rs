//! Inzage (AVG art. 15): the beheerder produces, for one case, everything stored about its
//! citizen — as JSON and as a page — and producing it is logged on the case.

use model::lifecycle::{CaseEvent, Role};
use serde_json::{json, Value};

use crate::helpers::{consented_case, fire_step};
use crate::on_both_backends;

on_both_backends! {
    async fn the_beheerder_produces_everything_stored_about_the_citizen_of_a_case(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        let message = json!({"tekst": "Wij bellen u dinsdag.", "voor_burger": true});
        assert_eq!(staff.post_json(&format!("/api/zaken/{reference}/berichten"), &message).await.status(), 201);
        let upload = helper
            .upload(&format!("/api/zaken/{reference}/documenten"), "besluit", "Het besluit", "besluit.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(), false)
            .await;
        assert_eq!(upload.status(), 201);
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;

        let response = beheerder.get(&format!("/api/beheer/inzage/{}", reference.to_lowercase())).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let inzage: Value = response.json().await.unwrap();
        let fields: Vec<(String, String)> = serde_json::from_value(inzage["gegevens"].clone()).unwrap();
        assert!(fields.contains(&("Naam".into(), "Anna de Vries".into())));
        assert!(fields.contains(&("BSN".into(), "111222333".into())));
        assert!(fields.contains(&("E-mail".into(), "anna@example.org".into())));
        assert_eq!(inzage["toestemming"]["besluit"], "gegeven");
        assert_eq!(inzage["toestemming"]["tekst_versie"], model::consent::CONSENT_TEXT.version);
        assert!(inzage["tijdlijn"].as_array().unwrap().len() >= 3);
        assert_eq!(inzage["berichten_voor_burger"][0]["tekst"], "Wij bellen u dinsdag.");
        assert_eq!(inzage["documenten"][0]["bestandsnaam"], "besluit.pdf");
        let viewers: Vec<&str> = inzage["inzage_log"].as_array().unwrap().iter().filter_map(|v| v["wie"].as_str()).collect();
        assert!(viewers.contains(&"Test Persoon"), "who viewed it: {viewers:?}");

        // The same as a page to read and print, with every value escaped.
        let page = beheerder.get(&format!("/api/beheer/inzage/{reference}/pagina")).await;
        assert_eq!(page.status(), 200);
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = page.text().await.unwrap();
        assert!(html.contains(&format!("Inzage zaak {reference}")));
        assert!(html.contains("Anna de Vries") && html.contains("Wij bellen u dinsdag."));
        assert!(html.contains("<html lang=\"nl\">"));
        // Making it is logged on the case, each time.
        assert_eq!(app.audit_rows(&reference, "inzage_gemaakt").await, 2);

        // Only for beheerders; an unknown case is not found.
        assert_eq!(staff.get(&format!("/api/beheer/inzage/{reference}")).await.status(), 403);
        assert_eq!(helper.get(&format!("/api/beheer/inzage/{reference}")).await.status(), 403);
        assert_eq!(beheerder.get("/api/beheer/inzage/BG-AAAA-AAAA").await.status(), 404);
    }
}
