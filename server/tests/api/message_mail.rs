//! Mail on new messages (issue 20): one mail per reader it is meant for, never the text, at
//! most one per reader per 15 minutes (the job runs with an injected clock here), and none
//! for who switched them off.

use bondgenoot_server::clock::now;
use bondgenoot_server::store::message_mail::{send_due_in, DIGEST_SECONDS};
use bondgenoot_server::store::schema::outbox;
use diesel::prelude::*;
use model::lifecycle::CaseEvent;
use serde_json::{json, Value};

use crate::helpers::{citizen, consented_case, fire_step, TestApp};
use crate::on_both_backends;

const SUBJECT: &str = "Nieuw bericht in Bondgenoot";

/// The digest job at `at`: how many mails it queued.
async fn digest(app: &TestApp, at: i64) -> usize {
    app.db
        .transaction(move |conn| {
            send_due_in(conn, at, DIGEST_SECONDS, "https://bondgenoot.example")
        })
        .await
        .unwrap()
}

/// The message mails queued so far: (recipient, body).
async fn message_mails(app: &TestApp) -> Vec<(String, String)> {
    app.db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::subject.eq(SUBJECT))
                .order(outbox::id)
                .select((outbox::recipient, outbox::body))
                .load(conn)?)
        })
        .await
        .unwrap()
}

on_both_backends! {
    async fn each_reader_gets_one_mail_without_the_text_at_most_every_quarter_and_not_when_switched_off(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "hulp-berichten@example.org").await;
        let staff = app.staff("casemanager-berichten@example.org").await;
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;
        let post = |who: &crate::helpers::Client, text: &str, for_citizen: bool| {
            let body = json!({"tekst": text, "voor_burger": for_citizen});
            let path = format!("/api/zaken/{reference}/berichten");
            let who = who.clone();
            async move { assert_eq!(who.post_json(&path, &body).await.status(), 201) }
        };
        let secret = "Het geheime bedrag is 1234 euro";
        post(&helper, &format!("{secret} (van de hulpverlener)"), false).await;
        post(&staff, &format!("{secret} (voor de burger)"), true).await;

        // The first run mails the casemanager, the helper and the citizen (her address is on
        // the case), each once, with the reference and a link, never the message.
        let t0 = now() + 60;
        assert_eq!(digest(&app, t0).await, 3);
        let mails = message_mails(&app).await;
        let mut to: Vec<&str> = mails.iter().map(|(r, _)| r.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, ["anna@example.org", "casemanager-berichten@example.org", "hulp-berichten@example.org"]);
        for (recipient, body) in &mails {
            assert!(body.contains(&reference), "{body}");
            assert!(!body.contains("geheime") && !body.contains("1234"), "no text to {recipient}: {body}");
        }
        let link = |who: &str| mails.iter().find(|(r, _)| r == who).unwrap().1.clone();
        assert!(link("casemanager-berichten@example.org").contains(&format!("/backoffice/zaken/{reference}")));
        assert!(link("hulp-berichten@example.org").contains(&format!("/zaken/{reference}")));
        assert!(link("anna@example.org").contains("/status"));
        assert_eq!(digest(&app, t0).await, 0, "nothing new, nothing sent");

        // A second message within the quarter waits; after it, one mail names it.
        post(&helper, "Nog een vraag.", false).await;
        assert_eq!(digest(&app, t0 + 60).await, 0);
        assert_eq!(digest(&app, t0 + DIGEST_SECONDS - 1).await, 0);
        assert_eq!(digest(&app, t0 + DIGEST_SECONDS).await, 1);
        assert_eq!(message_mails(&app).await.len(), 4);

        // The helper switches them off on the account page: no mail, and it stays off.
        let off = helper.put_json("/api/account/bericht-mails", &json!({"aan": false})).await;
        assert_eq!(off.status(), 204);
        let account: Value = helper.get("/api/account").await.json().await.unwrap();
        assert_eq!(account["bericht_mails"], false);
        post(&staff, "Een antwoord.", false).await;
        assert_eq!(digest(&app, t0 + 3 * DIGEST_SECONDS).await, 0);
        assert_eq!(digest(&app, t0 + 5 * DIGEST_SECONDS).await, 0, "the notice was used up, not kept");
        assert_eq!(message_mails(&app).await.len(), 4);
        let on = helper.put_json("/api/account/bericht-mails", &json!({"aan": true})).await;
        assert_eq!(on.status(), 204);
        post(&staff, "Nog een antwoord.", false).await;
        assert_eq!(digest(&app, t0 + 6 * DIGEST_SECONDS).await, 1);
    }

    async fn the_citizen_writes_to_the_casemanager_and_the_helper_reads_it_unless_it_is_for_the_casemanager_only(app: TestApp) {
        let (helper, reference, access) = consented_case(&app, "hulp-burger@example.org").await;
        let staff = app.staff("casemanager-burger@example.org").await;
        let (_, burger) = citizen(&app, &reference, &access).await;
        // Before anyone took it on, the message waits for the casemanager to be.
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;

        let refused = burger.post_json("/api/burger/berichten", &json!({"tekst": "   "})).await;
        assert_eq!(refused.status(), 422);
        let problem: Value = refused.json().await.unwrap();
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("uw bericht"), "{problem}");

        let sent = burger.post_json("/api/burger/berichten", &json!({"tekst": "Ik kreeg vandaag een brief van de deurwaarder."})).await;
        assert_eq!(sent.status(), 201);
        let mine: Value = sent.json().await.unwrap();
        assert_eq!(mine[0]["door"], "U");
        assert_eq!(mine[0]["van_mij"], true);
        assert_eq!(mine[0]["alleen_casemanager"], false);
        let private = burger
            .post_json("/api/burger/berichten", &json!({"tekst": "Dit is alleen voor de casemanager.", "alleen_casemanager": true}))
            .await;
        assert_eq!(private.status(), 201);
        let mine: Value = private.json().await.unwrap();
        assert_eq!(mine.as_array().unwrap().len(), 2, "the citizen sees both own messages");

        // The casemanager and the helper each get one mail, without the text.
        assert_eq!(digest(&app, now() + 60).await, 2);
        let mails = message_mails(&app).await;
        let mut to: Vec<&str> = mails.iter().map(|(r, _)| r.as_str()).collect();
        to.sort_unstable();
        assert_eq!(to, ["casemanager-burger@example.org", "hulp-burger@example.org"]);
        assert!(mails.iter().all(|(_, body)| !body.contains("deurwaarder") && !body.contains("alleen voor")));

        // The helper reads the first only; staff read both, see the flag, and it counts as
        // unread in the queue until they open the messages.
        let helper_sees: Value = helper.get(&format!("/api/zaken/{reference}/berichten")).await.json().await.unwrap();
        let texts: Vec<&str> = helper_sees.as_array().unwrap().iter().map(|m| m["tekst"].as_str().unwrap()).collect();
        assert_eq!(texts, ["Ik kreeg vandaag een brief van de deurwaarder."]);
        assert_eq!(helper_sees[0]["door"], "De burger");
        let queue: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(queue[0]["ongelezen"], 2);
        let staff_sees: Value = staff.get(&format!("/api/zaken/{reference}/berichten")).await.json().await.unwrap();
        assert_eq!(staff_sees.as_array().unwrap().len(), 2);
        assert_eq!(staff_sees[1]["alleen_casemanager"], true);
        assert_eq!(staff_sees[1]["door"], "De burger");
        let queue: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(queue[0]["ongelezen"], 0);

        // The citizen sees that the casemanager read them, and who the casemanager is.
        let page: Value = burger.get("/api/burger/zaak").await.json().await.unwrap();
        assert_eq!(page["berichten"][0]["gelezen"], true);
        assert_eq!(page["casemanager"], "Test Persoon");

        // Every write is in the audit log as the citizen's.
        let written = app.audit_rows(&reference, "bericht_geschreven").await;
        assert_eq!(written, 2);
    }
}
