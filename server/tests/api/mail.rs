//! Notification e-mails: queued in the outbox on every step, sent over SMTP to a real SMTP
//! sink (aiosmtpd), retried after a failure, and free of personal data.

use bondgenoot_server::mail::Mailer;
use bondgenoot_server::store::schema::outbox;
use diesel::prelude::*;
use serde_json::json;

use crate::helpers::{consented_case, SmtpSink, TestApp};
use crate::on_both_backends;

async fn pending(app: &TestApp) -> i64 {
    app.db
        .run(|conn| {
            Ok(outbox::table
                .filter(outbox::sent_at.is_null())
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap()
}

on_both_backends! {
    async fn every_step_mails_the_helper_and_staff_steps_mail_the_citizen(app: TestApp) {
        let Some(mut sink) = SmtpSink::start().await else { return };
        let (_, reference, _) = consented_case(&app, "hulp@mail.test").await;
        assert_eq!(pending(&app).await, 3, "the link to the citizen; consent given: the helper is told, the citizen gets the confirmation");
        let staff = app.staff("s@bb.nl").await;
        let step = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "We bekijken de zaak.", "bericht_burger": "We kijken naar uw zaak."}))
            .await;
        assert_eq!(step.status(), 200);
        assert_eq!(pending(&app).await, 5, "a staff step: helper and citizen");

        let mailer = Mailer::new(&sink.address, "Bondgenoot <noreply@bondgenoot.test>").unwrap();
        assert_eq!(mailer.send_due(&app.db).await.unwrap(), 5);
        assert_eq!(pending(&app).await, 0);
        let messages = sink.messages();
        assert_eq!(messages.len(), 5);
        let to_citizen: Vec<&String> = messages.iter().filter(|m| m.contains("To: anna@example.org")).collect();
        assert_eq!(to_citizen.len(), 3);
        let request = to_citizen.iter().find(|m| m.contains("Subject: =?utf-8?") || m.contains("Subject: Vraag om toestemming")).expect("the link was mailed");
        assert!(request.replace("=\r\n", "").contains("\nhttp://bondgenoot.test/toestemming#"), "{request}");
        let confirmation = to_citizen.iter().find(|m| m.contains(&format!("Subject: Toestemming gegeven voor zaak {reference}"))).expect("the consent is confirmed");
        // Soft line breaks of quoted-printable undone: the link is on a line of its own.
        assert!(confirmation.replace("=\r\n", "").contains("\nhttp://bondgenoot.test/toestemming/niet-ik#"), "{confirmation}");
        let news = to_citizen.iter().find(|m| m.contains(&format!("Subject: Nieuws over zaak {reference}"))).expect("news of the step");
        assert!(news.contains("http://bondgenoot.test/status"));
        assert!(news.contains("Wordt bekeken"));
        assert_eq!(messages.iter().filter(|m| m.contains("To: hulp@mail.test")).count(), 2);
        for message in &messages {
            for private in ["Anna", "Vries", "huurtoeslag", "111222333", "We kijken naar uw zaak"] {
                assert!(!message.contains(private), "a mail holds {private:?}");
            }
        }

        // The sink is gone: the mail waits and is tried again later.
        sink.stop();
        staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "in_behandeling_nemen"}, "bericht_hulpverlener": "x", "bericht_burger": "y"}))
            .await;
        assert_eq!(mailer.send_due(&app.db).await.unwrap(), 0);
        let (attempts, last_error) = app
            .db
            .run(|conn| {
                Ok(outbox::table
                    .filter(outbox::sent_at.is_null())
                    .order(outbox::id)
                    .select((outbox::attempts, outbox::last_error))
                    .first::<(i64, Option<String>)>(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(attempts, 1);
        // Only the kind and the reply code are kept: a reply text can echo the address.
        assert_eq!(last_error.as_deref(), Some("smtp connection"));
        assert_eq!(pending(&app).await, 2, "nothing lost");
    }

    async fn a_committed_mail_wakes_the_mail_job_and_a_read_does_not(app: TestApp) {
        use std::time::Duration;
        use tokio::time::timeout;
        let (_, reference, _) = consented_case(&app, "hulp@mail.test").await;
        // The consent queued a mail: the job is woken (once, however many were queued).
        assert!(timeout(Duration::from_secs(2), app.db.mail_queued()).await.is_ok());
        let staff = app.staff("s@bb.nl").await;
        assert_eq!(staff.get(&format!("/api/zaken/{reference}")).await.status(), 200);
        assert!(
            timeout(Duration::from_millis(300), app.db.mail_queued()).await.is_err(),
            "reading a case queues no mail"
        );
        let step = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "x", "bericht_burger": "y"}))
            .await;
        assert_eq!(step.status(), 200);
        assert!(timeout(Duration::from_secs(2), app.db.mail_queued()).await.is_ok());
    }
}
