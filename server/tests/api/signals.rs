//! Signals over the API: a helper files one (warned about personal data first), staff triage
//! it, a second staff member approves the text (the writer cannot), it is forwarded and gets
//! a terugkoppeling that the partner organisation reads and is mailed about; another
//! organisation sees nothing of it; the export holds no case link.

use serde_json::{json, Value};

use crate::helpers::{consented_case_of, Client};
use crate::on_both_backends;

fn story(verhaal: &str) -> Value {
    json!({
        "dienst": "dienst_toeslagen",
        "thema": "Terugvordering na verhuizing",
        "wat_gaat_mis": "Na een verhuizing vordert de Dienst terug voor het nieuwe adres bekend is.",
        "verhaal": verhaal,
        "oplossing": "Wacht met terugvorderen tot het nieuwe adres verwerkt is.",
    })
}

async fn step(staff: &Client, reference: &str, body: Value) -> reqwest::Response {
    staff
        .post_json(&format!("/api/signalen/{reference}/stappen"), &body)
        .await
}

on_both_backends! {
    async fn a_signal_goes_from_helper_to_ksms_and_back_with_four_eyes(app: TestApp) {
        use bondgenoot_server::store::schema::outbox;
        use diesel::prelude::*;
        let org = app.organisation("Raadslieden Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let (case, _) = consented_case_of(&app, &helper).await;

        // A BSN in the story: held back with the field named, until it is fixed.
        let warned = helper.post_json("/api/signalen", &story("Mevrouw met BSN 111222333 kreeg een brief.")).await;
        assert_eq!(warned.status(), 422);
        let problem: Value = warned.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "verhaal");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("BSN"));
        let mut form = story("Een moeder van twee kinderen verhuisde in het voorjaar. Twee weken later kwam de terugvordering.");
        form["zaken"] = json!([case.clone()]);
        let filed = helper.post_json("/api/signalen", &form).await;
        assert_eq!(filed.status(), 201);
        let reference = filed.json::<Value>().await.unwrap()["referentie"].as_str().unwrap().to_owned();
        assert!(reference.starts_with("SG-"));

        // The partner sees it, without the case link; another organisation sees nothing.
        let mine: Value = helper.get(&format!("/api/signalen/{reference}")).await.json().await.unwrap();
        assert_eq!(mine["status"], "nieuw");
        assert_eq!(mine["zaken"], Value::Null);
        let stranger = app.helper(app.organisation("Ander").await, "h@ander.nl").await;
        assert_eq!(stranger.get(&format!("/api/signalen/{reference}")).await.status(), 404);
        let theirs: Vec<Value> = stranger.get("/api/signalen").await.json().await.unwrap();
        assert!(theirs.is_empty());
        // Helpers take no staff steps.
        assert_eq!(step(&helper, &reference, json!({"stap": "oppakken"})).await.status(), 403);

        let writer = app.staff("schrijver@bb.nl").await;
        let checker = app.staff("controleur@bb.nl").await;
        let seen: Value = writer.get(&format!("/api/signalen/{reference}")).await.json().await.unwrap();
        assert_eq!(seen["zaken"], json!([case]), "staff see the case link");
        assert_eq!(step(&writer, &reference, json!({"stap": "oppakken"})).await.status(), 200);
        let text = "Na een verhuizing vordert Dienst Toeslagen terug voordat het nieuwe adres verwerkt is.";
        assert_eq!(step(&writer, &reference, json!({"stap": "ter_controle_aanbieden", "tekst": text})).await.status(), 200);
        // Four-eyes: the writer cannot approve their own text.
        let own = step(&writer, &reference, json!({"stap": "goedkeuren"})).await;
        assert_eq!(own.status(), 409);
        assert!(own.json::<Value>().await.unwrap()["detail"].as_str().unwrap().contains("collega"));
        let forward_early = step(&writer, &reference, json!({"stap": "doorzetten", "datum": "01-12-2026"})).await;
        assert_eq!(forward_early.status(), 409, "nothing leaves before the check");
        let approved: Value = step(&checker, &reference, json!({"stap": "goedkeuren"})).await.json().await.unwrap();
        assert_eq!(approved["status"], "goedgekeurd");
        assert_eq!(approved["goedgekeurd_door"], "Test Persoon");
        let forwarded = step(&writer, &reference, json!({"stap": "doorzetten", "datum": bondgenoot_server::clock::today().to_string()})).await;
        assert_eq!(forwarded.status(), 200);
        let answer = "Dienst Toeslagen past de volgorde aan: eerst het adres, dan de terugvordering.";
        let answered: Value = step(&writer, &reference, json!({"stap": "terugkoppelen", "tekst": answer})).await.json().await.unwrap();
        assert_eq!(answered["status"], "teruggekoppeld");

        // The partner reads the terugkoppeling, not the internal text, and got a mail.
        let partner: Value = helper.get(&format!("/api/signalen/{reference}")).await.json().await.unwrap();
        let texts: Vec<&str> = partner["stappen"].as_array().unwrap().iter().filter_map(|s| s["tekst"].as_str()).collect();
        assert_eq!(texts, [answer]);
        assert!(partner["stappen"].as_array().unwrap().iter().all(|s| s["door"].is_null()));
        assert_eq!(partner["tekst_voor_ksms"], Value::Null);
        let list: Vec<Value> = helper.get("/api/signalen").await.json().await.unwrap();
        assert_eq!(list[0]["terugkoppelingen"], 1);
        let mails: Vec<String> = app.db.run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("h@oost.nl")).filter(outbox::subject.like("%signaal%")).select(outbox::body).load(conn)?)).await.unwrap();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].contains(&format!("/signalen/{reference}")));

        // The export: the approved text, no case link, only the README's fields.
        let today = bondgenoot_server::clock::today().to_string();
        let exported: Vec<Value> = writer.get(&format!("/api/signalen/export?van={today}&tot={today}&formaat=json")).await.json().await.unwrap();
        assert_eq!(exported.len(), 1);
        let mut keys: Vec<&String> = exported[0].as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["dienst", "doorgezet_op", "referentie", "tekst", "thema"]);
        assert_eq!(exported[0]["tekst"], text);
        let csv = writer.get(&format!("/api/signalen/export?van={today}&tot={today}")).await.text().await.unwrap();
        assert!(csv.starts_with("referentie,doorgezet_op,dienst,thema,tekst"));
        assert!(!csv.contains(&case), "no case link leaves");
        assert_eq!(helper.get(&format!("/api/signalen/export?van={today}&tot={today}")).await.status(), 403);
        let bad = writer.get("/api/signalen/export?van=gisteren&tot=morgen").await;
        assert_eq!(bad.status(), 422);
    }

    async fn a_signal_not_forwarded_tells_the_partner_why_and_merging_needs_another_signal(app: TestApp) {
        let org = app.organisation("Schuldhulp West").await;
        let helper = app.helper(org, "h@west.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let first = helper.post_json("/api/signalen", &story("Een gezin kreeg twee brieven met elk een ander bedrag.")).await.json::<Value>().await.unwrap()["referentie"].as_str().unwrap().to_owned();
        let second = helper.post_json("/api/signalen", &story("Een alleenstaande vader kreeg twee brieven.")).await.json::<Value>().await.unwrap()["referentie"].as_str().unwrap().to_owned();
        let itself = step(&staff, &first, json!({"stap": "samenvoegen", "samen_met": first})).await;
        assert_eq!(itself.status(), 422);
        let unknown = step(&staff, &first, json!({"stap": "samenvoegen", "samen_met": "SG-XXXX-XXXX"})).await;
        assert_eq!(unknown.status(), 422);
        // Typed in lower case, as people do.
        let merged: Value = step(&staff, &first, json!({"stap": "samenvoegen", "samen_met": second.to_lowercase()})).await.json().await.unwrap();
        assert_eq!(merged["status"], "samengevoegd");
        let no_reason = step(&staff, &second, json!({"stap": "niet_doorzetten"})).await;
        assert_eq!(no_reason.status(), 422);
        let reason = "Dit is al bekend bij de Dienst en wordt in maart opgelost.";
        assert_eq!(step(&staff, &second, json!({"stap": "niet_doorzetten", "tekst": reason})).await.status(), 200);
        let partner: Value = helper.get(&format!("/api/signalen/{second}")).await.json().await.unwrap();
        assert_eq!(partner["status"], "niet_doorgezet");
        assert!(partner["stappen"].as_array().unwrap().iter().any(|s| s["tekst"] == reason));
        assert_eq!(step(&staff, &second, json!({"stap": "afsluiten"})).await.status(), 200);
        assert_eq!(step(&staff, &second, json!({"stap": "oppakken"})).await.status(), 409);
    }
}
