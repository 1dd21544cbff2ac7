//! Retention and destruction: cases in every end state, with documents, pass their term (the
//! clock is the job's argument, not slept); the job proposes them, the beheerder approves,
//! the waiting period passes, and afterwards none of the personal values entered can be found
//! in any text column of any table, nor in the document directory. The anonymous records, the
//! destruction report and the counts stay.

use bondgenoot_server::clock::now;
use bondgenoot_server::documents::DocumentStore;
use bondgenoot_server::jobs::{run_retention, RetentionRun};
use bondgenoot_server::store::db::Backend;
use diesel::prelude::*;
use diesel::sql_types::Text;
use model::lifecycle::{CaseEvent, Role, Uitkomst, Verwijzing};
use serde_json::{json, Value};

use crate::helpers::{
    citizen, citizen_answers, complete_draft, consented_case_of, fire_step, Client, TestApp,
};
use crate::on_both_backends;

const DAY: i64 = 86_400;

/// A case's personal values, each one to look for afterwards.
struct Person {
    name: &'static str,
    bsn: &'static str,
    email: &'static str,
    phone: &'static str,
    story: &'static str,
}

const PEOPLE: [Person; 5] = [
    Person {
        name: "Wilhelmina Aardbeiveld",
        bsn: "234567806",
        email: "wilhelmina@voorbeeld.nl",
        phone: "06 11112222",
        story: "kwartelkoning",
    },
    Person {
        name: "Gerrit Bosbessenlaan",
        bsn: "234567818",
        email: "gerrit@voorbeeld.nl",
        phone: "06 33334444",
        story: "zeekraalbed",
    },
    Person {
        name: "Teuntje Cranberrystra",
        bsn: "234567831",
        email: "teuntje@voorbeeld.nl",
        phone: "06 55556666",
        story: "ijsvogeltje",
    },
    Person {
        name: "Hendrik Dadelkamp",
        bsn: "234567843",
        email: "hendrik@voorbeeld.nl",
        phone: "06 77778888",
        story: "grutto-weide",
    },
    Person {
        name: "Aaltje Eikelboomsma",
        bsn: "234567855",
        email: "aaltje@voorbeeld.nl",
        phone: "06 99990000",
        story: "lepelaarnest",
    },
];

/// The citizen's date of birth (every case: the consent link checks it), as typed and stored.
const BIRTH: [&str; 3] = ["12-5-1980", "12-05-1980", "1980-05-12"];

fn draft_of(person: &Person) -> Value {
    let mut draft = complete_draft();
    draft["burger_naam"] = json!(person.name);
    draft["burger_bsn"] = json!(person.bsn);
    draft["burger_email"] = json!(person.email);
    draft["burger_telefoon"] = json!(person.phone);
    draft["wat_ging_mis"] = json!(format!("De {} ging mis bij de huurtoeslag.", person.story));
    draft["gewenste_uitkomst"] = json!(format!("Hulp voor {}.", person.name));
    draft
}

fn pdf_about(person: &Person) -> Vec<u8> {
    format!(
        "%PDF-1.7\n%\u{e2}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% {} {} {}\n",
        person.name, person.bsn, person.story
    )
    .into_bytes()
}

async fn upload(client: &Client, reference: &str, person: &Person) {
    let response = client
        .upload(
            &format!("/api/zaken/{reference}/documenten"),
            "besluit",
            &format!("Besluit van {}", person.name),
            "besluit.pdf",
            pdf_about(person),
            false,
        )
        .await;
    assert_eq!(response.status(), 201);
}

/// A helper's draft with a document, sent and consented to.
async fn consented(app: &TestApp, helper: &Client, person: &Person) -> String {
    let reference = helper.create_draft(&draft_of(person)).await;
    upload(helper, &reference, person).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;
    assert_eq!(citizen_answers(app, &code, "gegeven").await.status(), 200);
    reference
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    t: String,
    #[diesel(sql_type = Text)]
    c: String,
}

#[derive(QueryableByName)]
struct Cell {
    #[diesel(sql_type = Text)]
    v: String,
}

/// Every text column of every table, as (table, column).
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let sql = match app.db.backend() {
        Backend::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND upper(p.type) = 'TEXT'"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public' AND data_type = 'text'"
        }
    };
    let names: Vec<Name> = app
        .db
        .run(move |conn| Ok(diesel::sql_query(sql).load(conn)?))
        .await
        .unwrap();
    names.into_iter().map(|n| (n.t, n.c)).collect()
}

/// Every place in the database where one of `needles` occurs: "table.column: needle".
async fn found_in_database(app: &TestApp, needles: &[String]) -> Vec<String> {
    let columns = text_columns(app).await;
    assert!(columns.len() > 40, "every text column: {}", columns.len());
    let mut found = Vec::new();
    for (table, column) in columns {
        let sql =
            format!("SELECT \"{column}\" AS v FROM \"{table}\" WHERE \"{column}\" IS NOT NULL");
        let values: Vec<Cell> = app
            .db
            .run(move |conn| Ok(diesel::sql_query(sql).load(conn)?))
            .await
            .unwrap();
        for value in values {
            for needle in needles.iter().filter(|n| value.v.contains(n.as_str())) {
                found.push(format!("{table}.{column}: {needle}"));
            }
        }
    }
    found
}

fn found_in_files(app: &TestApp, needles: &[String]) -> (usize, Vec<String>) {
    let mut files = 0;
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&app.documents_dir)
        .into_iter()
        .flatten()
        .flatten()
    {
        files += 1;
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        found.extend(
            needles
                .iter()
                .filter(|n| text.contains(n.as_str()))
                .cloned(),
        );
    }
    (files, found)
}

fn needles() -> Vec<String> {
    let mut all: Vec<String> = BIRTH.iter().map(|s| s.to_string()).collect();
    for person in &PEOPLE {
        all.extend(
            [
                person.name,
                person.bsn,
                person.email,
                person.phone,
                person.story,
            ]
            .map(str::to_owned),
        );
    }
    all
}

async fn overview(beheerder: &Client) -> Value {
    let response = beheerder.get("/api/beheer/vernietiging").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn review(
    beheerder: &Client,
    reference: &str,
    stand: &str,
    reden: &str,
) -> reqwest::Response {
    beheerder
        .put_json(
            &format!("/api/beheer/vernietiging/{reference}"),
            &json!({"stand": stand, "reden": reden}),
        )
        .await
}

on_both_backends! {
    async fn after_the_term_approval_and_waiting_no_personal_value_is_left_anywhere(app: TestApp) {
        let org = app.organisation("Buurtteam Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let store = DocumentStore::open(&app.documents_dir, 1, 3).unwrap();

        // Closed: handled to the end, with a message, a note and feedback.
        let closed = consented(&app, &helper, &PEOPLE[0]).await;
        fire_step(&staff, &closed, CaseEvent::TriageStarten).await;
        fire_step(&staff, &closed, CaseEvent::InBehandelingNemen).await;
        let note = json!({"tekst": format!("{} belde, zie {}.", PEOPLE[0].name, PEOPLE[0].story)});
        assert_eq!(staff.post_json(&format!("/api/zaken/{closed}/notities"), &note).await.status(), 201);
        let message = json!({"tekst": format!("Beste {}, wij bellen u.", PEOPLE[0].name), "voor_burger": true});
        assert_eq!(staff.post_json(&format!("/api/zaken/{closed}/berichten"), &message).await.status(), 201);
        for step in [
            CaseEvent::ZienswijzeVersturen,
            CaseEvent::ZienswijzeOvergenomen,
            CaseEvent::Afronden(Uitkomst::MinnelijkOpgelost),
            CaseEvent::EindgesprekPlannen,
            CaseEvent::Sluiten,
        ] {
            fire_step(&staff, &closed, step).await;
        }
        let feedback = json!({"duim": "omlaag", "contact": true, "tekst": format!("Dank voor de hulp aan {}.", PEOPLE[0].name)});
        assert_eq!(helper.post_json(&format!("/api/zaken/{closed}/reactie"), &feedback).await.status(), 204);

        // Referred to the Stella-team.
        let referred = consented(&app, &helper, &PEOPLE[1]).await;
        fire_step(&staff, &referred, CaseEvent::TriageStarten).await;
        fire_step(&staff, &referred, CaseEvent::Doorverwijzen(Verwijzing::StellaTeam)).await;

        // Refused by the citizen.
        let refused = helper.create_draft(&draft_of(&PEOPLE[2])).await;
        upload(&helper, &refused, &PEOPLE[2]).await;
        helper.submit(&refused).await;
        let code = helper.consent_code(&refused).await;
        assert_eq!(citizen_answers(&app, &code, "geweigerd").await.status(), 200);

        // Withdrawn on the citizen's phone.
        let reference = helper.create_draft(&draft_of(&PEOPLE[3])).await;
        upload(&helper, &reference, &PEOPLE[3]).await;
        helper.submit(&reference).await;
        let code = helper.consent_code(&reference).await;
        let answer: Value = citizen_answers(&app, &code, "gegeven").await.json().await.unwrap();
        let (_, me) = citizen(&app, &reference, answer["toegangscode"].as_str().unwrap()).await;
        assert_eq!(me.post_json("/api/burger/intrekken", &json!({})).await.status(), 200);
        let withdrawn = reference;

        // A draft nobody finishes.
        let draft = helper.create_draft(&draft_of(&PEOPLE[4])).await;
        upload(&helper, &draft, &PEOPLE[4]).await;

        // The helper reads when: the draft goes unless it changes, an ended case after its term.
        let list: Value = helper.get("/api/zaken").await.json().await.unwrap();
        let line = list.as_array().unwrap().iter().find(|c| c["referentie"] == draft.as_str()).unwrap();
        assert_eq!(line["verwijderd_na"].as_i64().unwrap() - line["bijgewerkt"].as_i64().unwrap(), 30 * DAY);
        let running = list.as_array().unwrap().iter().find(|c| c["referentie"] == closed.as_str()).unwrap();
        assert!(running.get("verwijderd_na").is_none());
        let detail: Value = helper.get(&format!("/api/zaken/{closed}")).await.json().await.unwrap();
        let until = detail["bewaren_tot"].as_i64().unwrap();
        assert!((until - now() - 365 * DAY).abs() < 600, "a year from closing: {until}");
        let detail: Value = helper.get(&format!("/api/zaken/{refused}")).await.json().await.unwrap();
        assert!((detail["bewaren_tot"].as_i64().unwrap() - now() - 30 * DAY).abs() < 600);

        let everything = needles();
        assert!(!found_in_database(&app, &everything).await.is_empty(), "the search finds values while they are there");
        assert_eq!(found_in_files(&app, &everything).0, 5);

        // Not due yet: nothing happens.
        let start = now();
        assert_eq!(run_retention(&app.db, &store, start, "http://bondgenoot.test").await.unwrap(), RetentionRun::default());
        assert_eq!(overview(&beheerder).await["lijst"], json!([]));

        // A month and a bit on: the untouched draft goes at once; the refused and withdrawn
        // cases are proposed; closed and referred wait for their year.
        let run = run_retention(&app.db, &store, start + 31 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!(run, RetentionRun { drafts_deleted: 1, proposed: 2, destroyed: 0 });
        assert_eq!(helper.get(&format!("/api/zaken/{draft}")).await.status(), 404);
        assert_eq!(app.audit_rows(&draft, "concept_verwijderd").await, 1);
        let run = run_retention(&app.db, &store, start + 366 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!(run.proposed, 2, "closed and referred, a year on");
        let listed = overview(&beheerder).await;
        let mut on_list: Vec<&str> = listed["lijst"].as_array().unwrap().iter().map(|c| c["referentie"].as_str().unwrap()).collect();
        on_list.sort_unstable();
        let mut expected = vec![closed.as_str(), referred.as_str(), refused.as_str(), withdrawn.as_str()];
        expected.sort_unstable();
        assert_eq!(on_list, expected);
        assert!(listed["lijst"].as_array().unwrap().iter().all(|c| c["stand"] == "voorgesteld"));
        // The list names no person.
        let text = listed.to_string();
        assert!(needles().iter().all(|n| !text.contains(n.as_str())), "{text}");

        // The beheerder approves each; one approval is cancelled and given again.
        for reference in &expected {
            assert_eq!(review(&beheerder, reference, "goedgekeurd", "").await.status(), 200);
        }
        assert_eq!(review(&beheerder, &closed, "goedgekeurd", "").await.status(), 409, "already approved");
        assert_eq!(review(&beheerder, &closed, "voorgesteld", "").await.status(), 200, "cancelled");
        assert_eq!(review(&beheerder, &closed, "goedgekeurd", "").await.status(), 200);
        assert_eq!(app.audit_rows(&closed, "vernietiging_beoordeeld").await, 3);

        // Within the waiting period (seven days from the approval) nothing goes.
        let approved_at = now();
        let run = run_retention(&app.db, &store, approved_at + 6 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!(run.destroyed, 0);
        assert_eq!(staff.get(&format!("/api/zaken/{closed}")).await.status(), 200);

        let run = run_retention(&app.db, &store, approved_at + 8 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!(run.destroyed, 4);
        assert_eq!(run_retention(&app.db, &store, approved_at + 9 * DAY, "http://bondgenoot.test").await.unwrap().destroyed, 0, "once");

        // Nothing personal is left: not in any text column, not on disk.
        assert_eq!(found_in_database(&app, &everything).await, Vec::<String>::new());
        assert_eq!(found_in_files(&app, &everything), (0, Vec::new()));
        for reference in &expected {
            assert_eq!(helper.get(&format!("/api/zaken/{reference}")).await.status(), 404);
            assert_eq!(app.audit_rows(reference, "zaak_vernietigd").await, 1);
        }

        // What stays: the report (by whom, when) and the counts, destroyed cases included.
        let after = overview(&beheerder).await;
        assert_eq!(after["lijst"], json!([]));
        assert_eq!(after["verslag_totaal"], 4);
        let report = after["verslag"].as_array().unwrap();
        assert!(report.iter().all(|line| line["goedgekeurd_door"] == "Test Persoon" && line["zaak"].as_str().unwrap().len() == 16));
        let mut classes: Vec<&str> = report.iter().map(|line| line["klasse"].as_str().unwrap()).collect();
        classes.sort_unstable();
        assert_eq!(classes, ["doorverwezen", "gesloten", "ingetrokken", "vervallen"]);
        for count in after["cijfers"].as_array().unwrap() {
            assert_eq!((count["bewaard"].as_i64(), count["vernietigd"].as_i64()), (Some(0), Some(1)), "{count}");
        }
        // The anonymous records keep what the figures need, and the steps with their dates.
        let records: Vec<(String, Option<String>, bool, Option<String>)> = app.db.run(|conn| {
            use bondgenoot_server::store::schema::anonymous_cases as a;
            Ok(a::table.order(a::end_class).select((a::end_class, a::dienst, a::spoed, a::outcome)).load(conn)?)
        }).await.unwrap();
        assert_eq!(records[1], ("gesloten".into(), Some("dienst_toeslagen".into()), true, Some("minnelijk_opgelost".into())));
        let (steps, topics): (i64, Vec<String>) = app.db.run(|conn| {
            use bondgenoot_server::store::schema::{anonymous_case_states as s, anonymous_case_topics as t};
            Ok((s::table.count().get_result(conn)?, t::table.select(t::topic).distinct().load(conn)?))
        }).await.unwrap();
        assert!(steps >= 4 * 3, "{steps} steps kept");
        assert_eq!(topics, ["toeslag:huurtoeslag"]);
    }

    async fn the_beheerder_keeps_a_case_with_a_reason_and_shortens_a_term(app: TestApp) {
        let org = app.organisation("Buurtteam Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let store = DocumentStore::open(&app.documents_dir, 1, 3).unwrap();

        // Terms: shorter is fine, longer than the consent text is not; each field is named.
        let mut terms = overview(&beheerder).await["termijnen"].clone();
        assert_eq!(terms, json!({"concept": 30, "vervallen": 30, "ingetrokken": 30, "doorverwezen": 365, "gesloten": 365, "wachttijd": 7}));
        let too_long = json!({"concept": "30", "vervallen": "30", "ingetrokken": "31", "doorverwezen": "365", "gesloten": "400", "wachttijd": "7"});
        let refused = beheerder.put_json("/api/beheer/bewaartermijnen", &too_long).await;
        assert_eq!(refused.status(), 422);
        let problem: Value = refused.json().await.unwrap();
        let fields: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["ingetrokken", "gesloten"]);
        let shorter = json!({"concept": "30", "vervallen": "0", "ingetrokken": "0", "doorverwezen": "365", "gesloten": "365", "wachttijd": "2"});
        let saved = beheerder.put_json("/api/beheer/bewaartermijnen", &shorter).await;
        assert_eq!(saved.status(), 200);
        terms["vervallen"] = json!(0);
        terms["ingetrokken"] = json!(0);
        terms["wachttijd"] = json!(2);
        assert_eq!(saved.json::<Value>().await.unwrap()["termijnen"], terms);
        assert_eq!(app.audit_subject_rows("bewaartermijnen_gewijzigd").await, 1);
        let staff = app.staff("cm@bb.nl").await;
        assert_eq!(staff.put_json("/api/beheer/bewaartermijnen", &shorter).await.status(), 403);

        // A refused case is due at once now; "Nu controleren" lists it.
        let (reference, _) = {
            let reference = helper.create_draft(&complete_draft()).await;
            helper.submit(&reference).await;
            let code = helper.consent_code(&reference).await;
            assert_eq!(citizen_answers(&app, &code, "geweigerd").await.status(), 200);
            (reference, ())
        };
        let listed: Value = beheerder.post_json("/api/beheer/vernietiging/controleren", &json!({})).await.json().await.unwrap();
        assert_eq!(listed["lijst"][0]["referentie"], reference.as_str());
        assert_eq!(listed["lijst"][0]["klasse"], "vervallen");

        // Keeping needs a reason; a kept case stays a year and then comes back.
        let bare = review(&beheerder, &reference, "bewaren", " ").await;
        assert_eq!(bare.status(), 422);
        let kept = review(&beheerder, &reference, "bewaren", "Er loopt een klacht over deze zaak.").await;
        assert_eq!(kept.status(), 200);
        let kept: Value = kept.json().await.unwrap();
        assert_eq!(kept["lijst"][0]["stand"], "bewaren");
        assert_eq!(kept["lijst"][0]["reden"], "Er loopt een klacht over deze zaak.");
        assert_eq!(review(&beheerder, &reference, "goedgekeurd", "").await.status(), 409, "kept is decided");
        let half_year = run_retention(&app.db, &store, now() + 180 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!((half_year.proposed, half_year.destroyed), (0, 0));
        assert_eq!(helper.get(&format!("/api/zaken/{reference}")).await.status(), 200);
        let year_on = run_retention(&app.db, &store, now() + 366 * DAY, "http://bondgenoot.test").await.unwrap();
        assert_eq!(year_on.proposed, 1, "back on the list");
        assert_eq!(overview(&beheerder).await["lijst"][0]["stand"], "voorgesteld");

        // Only beheerders; unknown cases are not found.
        assert_eq!(staff.get("/api/beheer/vernietiging").await.status(), 403);
        assert_eq!(review(&beheerder, "BG-AAAA-AAAA", "goedgekeurd", "").await.status(), 404);
        let (consented_ref, _) = consented_case_of(&app, &helper).await;
        assert_eq!(review(&beheerder, &consented_ref, "goedgekeurd", "").await.status(), 404, "running cases are not on the list");
    }

    // The median lead time on the case page counts destroyed closed cases (their anonymous
    // records), and the database picks it.
    async fn the_median_lead_time_counts_destroyed_closed_cases(app: TestApp) {
    use bondgenoot_server::store::schema::anonymous_cases as a;
    let org = app.organisation("Oost").await;
    let helper = app.helper(org, "h@oost.nl").await;
    let (reference, _) = consented_case_of(&app, &helper).await;
    let median = |detail: Value| detail["mediaan_doorlooptijd_dagen"].clone();
    let detail: Value = helper
        .get(&format!("/api/zaken/{reference}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(median(detail), Value::Null, "no closed cases yet");
    let sent = now() - 400 * DAY;
    for (n, days) in [20_i64, 1, 10, 3, 2].into_iter().enumerate() {
        app.db
            .run(move |conn| {
                Ok(diesel::insert_into(a::table)
                    .values((
                        a::reference_hash.eq(format!("proef{n}")),
                        a::organisation_kind.eq("sociaal_raadslieden"),
                        a::spoed.eq(false),
                        a::end_class.eq("gesloten"),
                        a::created_at.eq(sent),
                        a::submitted_at.eq(Some(sent)),
                        a::ended_at.eq(sent + days * DAY + 3600),
                        a::destroyed_at.eq(now()),
                    ))
                    .execute(conn)?)
            })
            .await
            .unwrap();
    }
    let detail: Value = helper
        .get(&format!("/api/zaken/{reference}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        median(detail),
        json!(3),
        "the middle of 1, 2, 3, 10 and 20 days"
    );
}
}
