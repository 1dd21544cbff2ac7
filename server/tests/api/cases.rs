use model::case::CaseDraft;
use serde_json::{json, Value};

use crate::helpers::complete_draft;
use crate::on_both_backends;

on_both_backends! {
    async fn a_helper_saves_a_half_filled_draft_and_reads_it_back(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;

        let reference = helper.create_draft(&json!({"burger_naam": "Anna", "burger_bsn": "12"})).await;
        let update = helper.put_json(&format!("/api/zaken/{reference}/concept"), &json!({"burger_naam": "Anna de Vries", "burger_bsn": "12"})).await;
        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();

        assert_eq!(update.status(), 204);
        assert_eq!(detail["status"]["status"], "concept");
        assert_eq!(detail["concept"]["burger_naam"], "Anna de Vries");
        // A draft keeps what was typed, even when it is not valid yet.
        assert_eq!(detail["concept"]["burger_bsn"], "12");
        assert!(detail["uitleg"]["meaning"].as_str().unwrap().contains("meteen bewaard"));
        let list: Value = helper.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["burger_naam"], "Anna de Vries");
    }

    async fn another_organisation_cannot_see_or_touch_the_case(app: TestApp) {
        let org = app.organisation("Org").await;
        let other = app.organisation("Andere org").await;
        let owner = app.helper(org, "h@org.nl").await;
        let stranger = app.helper(other, "h@andere.nl").await;
        let reference = owner.create_draft(&complete_draft()).await;
        let path = format!("/api/zaken/{reference}");

        let read = stranger.get(&path).await;
        let missing = stranger.get("/api/zaken/BG-3333-3333").await;
        let update = stranger.put_json(&format!("{path}/concept"), &json!({})).await;
        let submit = stranger.post_json(&format!("{path}/indienen"), &json!({})).await;
        let delete = stranger.delete(&path).await;
        let list: Value = stranger.get("/api/zaken").await.json().await.unwrap();

        assert_eq!(read.status(), 404);
        let (read_body, missing_body): (Value, Value) = (read.json().await.unwrap(), missing.json().await.unwrap());
        assert_eq!(read_body, missing_body, "a forbidden case answers exactly like a missing one");
        for response in [update, submit, delete] {
            assert_eq!(response.status(), 404);
        }
        assert_eq!(list, json!([]));
        let detail: Value = owner.get(&path).await.json().await.unwrap();
        assert_eq!(detail["concept"]["burger_naam"], "Anna de Vries");
    }

    async fn submitting_an_incomplete_draft_names_every_wrong_field(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let reference = helper.create_draft(&json!({"burger_naam": "Anna", "burger_bsn": "123", "bezwaar_of_beroep": true, "besluitdatum": "1-1-2099"})).await;

        let response = helper.post_json(&format!("/api/zaken/{reference}/indienen"), &json!({})).await;

        assert_eq!(response.status(), 422);
        let problem: Value = response.json().await.unwrap();
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["burger_geboortedatum", "burger_bsn", "dienst", "onderwerpen", "wat_ging_mis", "gewenste_uitkomst", "besluitdatum", "burger_telefoon"]);
        let bsn = &problem["errors"][1];
        assert_eq!(bsn["message"], "Vul een geldige waarde in voor het BSN. Een BSN heeft 9 cijfers. Kijk op het paspoort, de ID-kaart of een brief van de Belastingdienst.");
        assert_eq!(problem["field"], "burger_geboortedatum");
        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        assert_eq!(detail["status"]["status"], "concept", "nothing changed");
    }

    async fn each_wrong_field_is_refused_on_submit_with_the_models_message_and_kept_in_the_draft(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let long = "x".repeat(4001);
        let wrong: [(&str, Value); 15] = [
            ("burger_naam", json!("  ")),
            ("burger_geboortedatum", json!("31-2-1980")),
            ("burger_geboortedatum", json!("1-1-2099")),
            ("burger_bsn", json!("123456789")),
            ("burger_telefoon", json!("12345")),
            ("burger_email", json!("anna@")),
            ("dienst", Value::Null),
            ("onderwerpen", json!([])),
            ("wat_ging_mis", json!(long)),
            ("wat_is_geprobeerd", json!(long)),
            ("gewenste_uitkomst", json!("")),
            ("besluitdatum", json!("1-1-2099")),
            ("besluitdatum", json!("gisteren")),
            ("termijn_einddatum", json!("32-1-2027")),
            ("hulpverlener_telefoon", json!("bel mij")),
        ];
        for (field, value) in wrong {
            let mut draft = complete_draft();
            draft["bezwaar_of_beroep"] = json!(true);
            draft[field] = value.clone();
            let reference = helper.create_draft(&draft).await;
            // The model's own message for this field: the browser shows the same text.
            let parsed: CaseDraft = serde_json::from_value(draft).unwrap();
            let expected = parsed.check(bondgenoot_server::clock::today()).unwrap_err();

            let response = helper.post_json(&format!("/api/zaken/{reference}/indienen"), &json!({})).await;

            assert_eq!(response.status(), 422, "{field} = {value}");
            let problem: Value = response.json().await.unwrap();
            assert_eq!(problem["errors"].as_array().unwrap().len(), 1, "{field} = {value}: {problem}");
            assert_eq!(problem["errors"][0]["field"], field);
            assert_eq!(problem["errors"][0]["message"], expected[0].message.as_str());
            let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
            assert_eq!(detail["status"]["status"], "concept", "{field}: nothing sent");
            assert_eq!(detail["concept"][field], value, "{field}: the draft keeps what was typed");
        }
    }

    async fn a_complete_draft_is_submitted_and_waits_for_consent(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;

        let response = helper.post_json(&format!("/api/zaken/{reference}/indienen"), &json!({})).await;

        assert_eq!(response.status(), 200);
        let detail: Value = response.json().await.unwrap();
        assert_eq!(detail["status"]["status"], "wacht_op_toestemming");
        assert_eq!(detail["ingediend"]["burger_bsn"], "111222333");
        assert_eq!(detail["tijdlijn"].as_array().unwrap().len(), 1);
        assert_eq!(detail["tijdlijn"][0]["rol"], "hulpverlener");
        // Without consent, the Belangenbehartiger's staff do not see the case at all.
        assert_eq!(staff.get(&format!("/api/zaken/{reference}")).await.status(), 404);
        assert_eq!(staff.get("/api/zaken").await.json::<Value>().await.unwrap(), json!([]));
        // A sent case is no longer a draft.
        let edit = helper.put_json(&format!("/api/zaken/{reference}/concept"), &json!({})).await;
        assert_eq!(edit.status(), 409);
        assert_eq!(helper.delete(&format!("/api/zaken/{reference}")).await.status(), 409);
        let again = helper.post_json(&format!("/api/zaken/{reference}/indienen"), &json!({})).await;
        assert_eq!(again.status(), 409);
    }

    async fn a_draft_can_be_deleted_by_its_organisation(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let reference = helper.create_draft(&json!({})).await;

        assert_eq!(helper.delete(&format!("/api/zaken/{reference}")).await.status(), 204);

        assert_eq!(helper.get(&format!("/api/zaken/{reference}")).await.status(), 404);
        assert_eq!(app.case_count().await, 0);
    }

    async fn staff_cannot_create_drafts_and_helpers_cannot_take_staff_steps(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;

        assert_eq!(staff.post_json("/api/zaken", &json!({})).await.status(), 403);
        let step = json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "x", "bericht_burger": "y"});
        assert_eq!(helper.post_json(&format!("/api/zaken/{reference}/stappen"), &step).await.status(), 403);
    }
    async fn the_case_list_comes_in_pages_of_fifty_with_links_between_them(app: TestApp) {
        let org = app.organisation("Groot").await;
        let helper = app.helper(org, "h@groot.nl").await;
        let other = app.helper(app.organisation("Ander").await, "h@ander.nl").await;
        other.create_draft(&json!({"burger_naam": "Niet van Groot"})).await;
        let mut made = Vec::new();
        for n in 0..55 {
            made.push(helper.create_draft(&json!({"burger_naam": format!("Burger {n}")})).await);
        }
        let first = helper.get("/api/zaken").await;
        assert_eq!(first.status(), 200);
        assert_eq!(first.headers()["link"], "</api/zaken?pagina=2>; rel=\"next\"");
        let first: Vec<Value> = first.json().await.unwrap();
        assert_eq!(first.len(), 50);
        let second = helper.get("/api/zaken?pagina=2").await;
        assert_eq!(second.headers()["link"], "</api/zaken?pagina=1>; rel=\"prev\"");
        let second: Vec<Value> = second.json().await.unwrap();
        assert_eq!(second.len(), 5);
        let mut seen: Vec<String> = first.iter().chain(&second).map(|c| c["referentie"].as_str().unwrap().to_owned()).collect();
        seen.sort();
        made.sort();
        assert_eq!(seen, made, "every case of the organisation once, no other's");
        let past: Vec<Value> = helper.get("/api/zaken?pagina=9").await.json().await.unwrap();
        assert!(past.is_empty());
        for bad in ["0", "abc", "-1"] {
            let refused = helper.get(&format!("/api/zaken?pagina={bad}")).await;
            assert_eq!(refused.status(), 422, "pagina={bad}");
            let problem: Value = refused.json().await.unwrap();
            assert_eq!(problem["errors"][0]["field"], "pagina");
        }
    }

    async fn a_case_holds_at_most_500_messages_500_notes_and_200_documents(app: TestApp) {
        use bondgenoot_server::store::schema::{accounts, case_messages, case_notes, cases, documents};
        use diesel::prelude::*;
        let (helper, reference, _) = crate::helpers::consented_case(&app, "h@vol.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let (case_id, account): (i64, i64) = app.db.run({
            let reference = reference.clone();
            move |conn| {
                let case_id = cases::table.filter(cases::reference.eq(reference)).select(cases::id).first(conn)?;
                let account = accounts::table.filter(accounts::email.eq("h@vol.nl")).select(accounts::id).first(conn)?;
                Ok((case_id, account))
            }
        }).await.unwrap();
        // One short of each limit, written straight into the database.
        app.db.transaction(move |conn| {
            for n in 0..499 {
                diesel::insert_into(case_messages::table).values((case_messages::case_id.eq(case_id), case_messages::at.eq(n), case_messages::author_role.eq("hulpverlener"), case_messages::author_account.eq(account), case_messages::body.eq("Bericht"), case_messages::for_citizen.eq(false))).execute(conn)?;
                diesel::insert_into(case_notes::table).values((case_notes::case_id.eq(case_id), case_notes::at.eq(n), case_notes::author_account.eq(account), case_notes::body.eq("Notitie"))).execute(conn)?;
            }
            for n in 0..199 {
                diesel::insert_into(documents::table).values((documents::id.eq(format!("vol{n:04}")), documents::case_id.eq(case_id), documents::uploader_role.eq("hulpverlener"), documents::uploader_account.eq(Some(account)), documents::kind.eq("besluit"), documents::description.eq("Besluit"), documents::file_name.eq("b.pdf"), documents::content_type.eq("application/pdf"), documents::size.eq(10_i64), documents::sha256.eq("0"), documents::created_at.eq(n), documents::shared_with_citizen.eq(false))).execute(conn)?;
            }
            Ok::<_, bondgenoot_server::store::StoreError>(())
        }).await.unwrap();
        let message = json!({"tekst": "Nog een bericht.", "voor_burger": false});
        assert_eq!(helper.post_json(&format!("/api/zaken/{reference}/berichten"), &message).await.status(), 201, "the 500th fits");
        let full = helper.post_json(&format!("/api/zaken/{reference}/berichten"), &message).await;
        assert_eq!(full.status(), 409);
        let problem: Value = full.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("500 berichten"));
        let note = json!({"tekst": "Nog een notitie."});
        assert_eq!(staff.post_json(&format!("/api/zaken/{reference}/notities"), &note).await.status(), 201);
        assert_eq!(staff.post_json(&format!("/api/zaken/{reference}/notities"), &note).await.status(), 409);
        let path = format!("/api/zaken/{reference}/documenten");
        let pdf = crate::documents::pdf(2_000);
        assert_eq!(helper.upload(&path, "besluit", "Besluit", "a.pdf", pdf.clone(), false).await.status(), 201);
        let full = helper.upload(&path, "besluit", "Besluit", "b.pdf", pdf, false).await;
        assert_eq!(full.status(), 409);
        let problem: Value = full.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("200 documenten"));
    }

    async fn an_organisation_keeps_at_most_200_drafts(app: TestApp) {
        let org = app.organisation("Veel").await;
        let helper = app.helper(org, "h@veel.nl").await;
        let colleague = app.helper(org, "c@veel.nl").await;
        let mut first = String::new();
        for n in 0..200 {
            let reference = helper.create_draft(&json!({"burger_naam": format!("Burger {n}")})).await;
            if n == 0 {
                first = reference;
            }
        }
        let full = colleague.post_json("/api/zaken", &json!({"burger_naam": "Nog een"})).await;
        assert_eq!(full.status(), 409, "the limit is the organisation's, not one helper's");
        let problem: Value = full.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("200 concepten"));
        // Another organisation is not affected; a deleted draft makes room.
        let other = app.helper(app.organisation("Ander").await, "h@ander.nl").await;
        other.create_draft(&json!({"burger_naam": "Elders"})).await;
        assert_eq!(helper.delete(&format!("/api/zaken/{first}")).await.status(), 204);
        colleague.create_draft(&json!({"burger_naam": "Nu wel"})).await;
    }

}
