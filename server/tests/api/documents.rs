//! Documents: streamed uploads with limits and type by content, nothing left behind on a
//! refusal or a cut connection, who sees what, downloads as audited attachments, and the
//! intermediair's invitation that reaches only their own uploads.
//! (The test server allows 1 MB per file and 3 MB per case.)

use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

use crate::helpers::{consented_case, Client, TestApp, PASSWORD};
use crate::on_both_backends;

/// A small but real PDF header, padded to `size` bytes.
pub fn pdf(size: usize) -> Vec<u8> {
    let mut bytes =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    bytes.resize(size.max(bytes.len()), b' ');
    bytes
}

/// Signs in `email` by hand and starts a document upload over a raw connection that
/// announces `announced` bytes but sends only the form's head and `sent` bytes of PDF; the
/// test cuts the connection by dropping the socket.
pub async fn half_sent_upload(
    address: &str,
    email: &str,
    reference: &str,
    announced: usize,
    sent: usize,
) -> tokio::net::TcpStream {
    let signed_in = reqwest::Client::new()
        .post(format!("{address}/api/sessies"))
        .json(&json!({"email": email, "wachtwoord": PASSWORD}))
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csrf = signed_in.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let boundary = "grens";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"soort\"\r\n\r\nbesluit\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"omschrijving\"\r\n\r\nHalf\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"half.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend(pdf(sent));
    let host = address.trim_start_matches("http://");
    let head = format!(
        "POST /api/zaken/{reference}/documenten HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         x-csrf-token: {csrf}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: {announced}\r\n\r\n"
    );
    let mut socket = tokio::net::TcpStream::connect(host).await.unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    socket.write_all(&body).await.unwrap();
    socket.flush().await.unwrap();
    socket
}

fn files_on_disk(app: &TestApp) -> usize {
    std::fs::read_dir(&app.documents_dir).map_or(0, |d| d.count())
}

async fn rows(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    app.db
        .run(|conn| {
            Ok(bondgenoot_server::store::schema::documents::table
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap()
}

async fn upload(
    client: &Client,
    reference: &str,
    name: &str,
    bytes: Vec<u8>,
    shared: bool,
) -> reqwest::Response {
    client
        .upload(
            &format!("/api/zaken/{reference}/documenten"),
            "besluit",
            "Het besluit van de Dienst",
            name,
            bytes,
            shared,
        )
        .await
}

async fn problem(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    (
        status,
        body["detail"].as_str().unwrap_or_default().to_owned(),
    )
}

on_both_backends! {
    async fn a_helper_uploads_and_downloads_a_document_with_an_audit_row(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@doc.nl").await;
        let bytes = pdf(50_000);
        let response = upload(&helper, &reference, "../Besluit 2025 \"def\".pdf", bytes.clone(), false).await;
        assert_eq!(response.status(), 201);
        let list: Value = response.json().await.unwrap();
        assert_eq!(list[0]["bestandsnaam"], "Besluit 2025 _def_.pdf");
        assert_eq!(list[0]["inhoudstype"], "application/pdf");
        assert_eq!(list[0]["grootte"], 50_000);
        assert_eq!(list[0]["door"], "Hulpverlener van Organisatie van h@doc.nl");
        assert_eq!(files_on_disk(&app), 1);
        let id = list[0]["id"].as_str().unwrap();
        let stored = std::fs::read(app.documents_dir.join(id)).unwrap();
        assert_eq!(stored, bytes, "stored as sent, under its random id");

        let download = helper.get(&format!("/api/documenten/{id}")).await;
        assert_eq!(download.status(), 200);
        assert_eq!(download.headers()["content-disposition"], "attachment; filename=\"Besluit 2025 _def_.pdf\"");
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");
        assert_eq!(download.headers()["content-type"], "application/pdf");
        let etag = download.headers()["etag"].to_str().unwrap().to_owned();
        assert_eq!(download.headers()["accept-ranges"], "bytes");
        assert_eq!(download.bytes().await.unwrap().to_vec(), bytes);
        assert_eq!(app.audit_rows(&reference, "document_gedownload").await, 1);

        // Conditional and range requests, as browsers and download managers send them.
        let url = format!("{}/api/documenten/{id}", app.address);
        let again = helper.http.get(&url).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304);
        let part = helper.http.get(&url).header("range", "bytes=100-199").send().await.unwrap();
        assert_eq!(part.status(), 206);
        assert_eq!(part.headers()["content-range"], "bytes 100-199/50000");
        assert_eq!(part.bytes().await.unwrap().to_vec(), bytes[100..200].to_vec());
        let tail = helper.http.get(&url).header("range", "bytes=-10").send().await.unwrap();
        assert_eq!(tail.bytes().await.unwrap().to_vec(), bytes[49_990..].to_vec());
        let past = helper.http.get(&url).header("range", "bytes=60000-").send().await.unwrap();
        assert_eq!(past.status(), 416);
        assert_eq!(past.headers()["content-range"], "bytes */50000");
        let since = helper.http.get(&url).header("if-modified-since", "Tue, 01 Dec 2026 10:00:00 GMT").send().await.unwrap();
        assert_eq!(since.status(), 200, "a date we do not keep: the whole file, not an error");
        assert_eq!(app.audit_rows(&reference, "document_toegevoegd").await, 1);

        // Another organisation cannot download it, nor tell that it exists.
        let other = app.organisation("Andere organisatie").await;
        let stranger = app.helper(other, "x@ander.nl").await;
        assert_eq!(stranger.get(&format!("/api/documenten/{id}")).await.status(), 404);
        assert_eq!(stranger.get("/api/documenten/bestaat-niet").await.status(), 404);
    }

    async fn refused_files_leave_nothing_behind(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@weg.nl").await;
        let (status, message) = problem(upload(&helper, &reference, "groot.pdf", pdf(1024 * 1024 + 10), false).await).await;
        assert_eq!(status, 413);
        assert!(message.contains("groter dan 1 MB"), "{message}");
        let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
        program.resize(5000, 0);
        let (status, message) = problem(upload(&helper, &reference, "besluit.pdf", program, false).await).await;
        assert_eq!(status, 415, "a program renamed .pdf");
        assert!(message.contains("PDF"), "{message}");
        let (status, _) = problem(upload(&helper, &reference, "leeg.pdf", Vec::new(), false).await).await;
        assert_eq!(status, 415);
        let no_kind = helper
            .upload(&format!("/api/zaken/{reference}/documenten"), "zienswijze", "", "a.pdf", pdf(100), false)
            .await;
        assert_eq!(no_kind.status(), 422, "a helper does not attach a zienswijze, and a description is needed");
        let fields: Value = no_kind.json().await.unwrap();
        let named: Vec<&str> = fields["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(named, ["soort", "omschrijving"]);
        assert_eq!(rows(&app).await, 0);
        assert_eq!(files_on_disk(&app), 0);

        // The case limit counts what is already there.
        for _ in 0..3 {
            assert_eq!(upload(&helper, &reference, "deel.pdf", pdf(900_000), false).await.status(), 201);
        }
        let (status, message) = problem(upload(&helper, &reference, "teveel.pdf", pdf(600_000), false).await).await;
        assert_eq!(status, 413);
        assert!(message.contains("alle stukken samen"), "{message}");
        assert_eq!(rows(&app).await, 3);
        assert_eq!(files_on_disk(&app), 3);
    }

    async fn a_connection_cut_mid_upload_leaves_no_record_and_no_file(app: TestApp) {
        let (_, reference, _) = consented_case(&app, "h@knip.nl").await;
        let socket = half_sent_upload(&app.address, "h@knip.nl", &reference, 900_000, 200_000).await;
        // Let the server start writing the file, then cut the connection.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        drop(socket);
        let mut left = usize::MAX;
        for _ in 0..50 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            left = files_on_disk(&app);
            if left == 0 {
                break;
            }
        }
        assert_eq!(left, 0, "no file (nor part) left");
        assert_eq!(rows(&app).await, 0, "no record");
    }

    async fn the_citizen_sees_what_is_shared_and_adds_photos(app: TestApp) {
        let (helper, reference, access) = consented_case(&app, "h@deel.nl").await;
        let staff = app.staff("s@bb.nl").await;
        upload(&helper, &reference, "intern.pdf", pdf(1000), false).await;
        upload(&helper, &reference, "gedeeld.pdf", pdf(1000), true).await;
        let zienswijze = staff
            .upload(&format!("/api/zaken/{reference}/documenten"), "zienswijze", "Onze zienswijze", "zienswijze.pdf", pdf(1000), true)
            .await;
        assert_eq!(zienswijze.status(), 201);

        let citizen = app.anonymous();
        let mut citizen = citizen;
        let signed_in: Value = citizen
            .post_json("/api/burger/sessie", &json!({"referentie": reference, "toegangscode": access}))
            .await
            .json()
            .await
            .unwrap();
        citizen.csrf = Some(signed_in["csrf_token"].as_str().unwrap().to_owned());
        let photo = {
            let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
            jpeg.resize(3000, 0);
            jpeg
        };
        let added = citizen
            .upload("/api/burger/documenten", "brief_van_de_dienst", "Foto van de brief", "IMG_0001.jpg", photo, true)
            .await;
        assert_eq!(added.status(), 201);
        let list: Value = added.json().await.unwrap();
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|d| d["bestandsnaam"].as_str().unwrap()).collect();
        assert_eq!(names, ["gedeeld.pdf", "zienswijze.pdf", "IMG_0001.jpg"]);
        assert_eq!(list[2]["gedeeld_met_burger"], false, "a citizen shares on nobody's behalf");
        assert_eq!(list[2]["door"], "U");

        let all: Value = helper.get(&format!("/api/zaken/{reference}/documenten")).await.json().await.unwrap();
        assert_eq!(all.as_array().unwrap().len(), 4, "the helper's organisation sees everything");
        let internal = all.as_array().unwrap().iter().find(|d| d["bestandsnaam"] == "intern.pdf").unwrap();
        let internal_id = internal["id"].as_str().unwrap();
        assert_eq!(citizen.get(&format!("/api/burger/documenten/{internal_id}")).await.status(), 404);
        let shared_id = list[0]["id"].as_str().unwrap();
        assert_eq!(citizen.get(&format!("/api/burger/documenten/{shared_id}")).await.status(), 200);
    }

    async fn an_intermediair_reaches_only_their_own_uploads(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@int.nl").await;
        upload(&helper, &reference, "van-de-hulpverlener.pdf", pdf(1000), false).await;
        let invited = helper
            .post_json(&format!("/api/zaken/{reference}/uitnodigingen"), &json!({"naam": "Bewindvoerder J. Jansen", "dagen": 14}))
            .await;
        assert_eq!(invited.status(), 201);
        let invitation: Value = invited.json().await.unwrap();
        let link = invitation["link"].as_str().unwrap();
        let token = link.split_once("/stukken#").unwrap().1.to_owned();

        let mut intermediary = app.anonymous();
        let opened = intermediary.post_json("/api/intermediair/sessie", &json!({"token": token})).await;
        assert_eq!(opened.status(), 201);
        let view: Value = opened.json().await.unwrap();
        assert_eq!(view["naam"], "Bewindvoerder J. Jansen");
        assert_eq!(view["documenten"].as_array().unwrap().len(), 0, "not the helper's documents");
        assert!(view.get("referentie").is_none() && !view.to_string().contains(&reference), "nothing of the case");
        intermediary.csrf = Some(view["csrf_token"].as_str().unwrap().to_owned());
        assert_eq!(app.anonymous().post_json("/api/intermediair/sessie", &json!({"token": token})).await.status(), 410, "the link works once");

        let added = intermediary
            .upload("/api/intermediair/documenten", "bankafschrift", "Afschrift maart", "afschrift.pdf", pdf(2000), true)
            .await;
        assert_eq!(added.status(), 201);
        let view: Value = added.json().await.unwrap();
        assert_eq!(view["documenten"].as_array().unwrap().len(), 1);
        assert_eq!(view["documenten"][0]["door"], "Intermediair: Bewindvoerder J. Jansen");
        let own = view["documenten"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(intermediary.get(&format!("/api/intermediair/documenten/{own}")).await.status(), 200);

        // Nothing else: not the case, not other documents, not another case.
        let all: Value = helper.get(&format!("/api/zaken/{reference}/documenten")).await.json().await.unwrap();
        let helpers_doc = all.as_array().unwrap().iter().find(|d| d["bestandsnaam"] == "van-de-hulpverlener.pdf").unwrap()["id"].as_str().unwrap().to_owned();
        assert_eq!(intermediary.get(&format!("/api/intermediair/documenten/{helpers_doc}")).await.status(), 404);
        assert_eq!(intermediary.get(&format!("/api/zaken/{reference}")).await.status(), 401);
        assert_eq!(intermediary.get(&format!("/api/zaken/{reference}/documenten")).await.status(), 401);
        assert_eq!(intermediary.get(&format!("/api/documenten/{own}")).await.status(), 401);
        assert_eq!(intermediary.get("/api/burger/zaak").await.status(), 401);

        // Revoked: the session ends at once.
        let id = invitation["id"].as_i64().unwrap();
        assert_eq!(helper.delete(&format!("/api/zaken/{reference}/uitnodigingen/{id}")).await.status(), 204);
        assert_eq!(intermediary.get("/api/intermediair").await.status(), 401);
        let list: Value = helper.get(&format!("/api/zaken/{reference}/uitnodigingen")).await.json().await.unwrap();
        assert_eq!(list[0]["ingetrokken"], true);

        // Expired: refused like a used one.
        let later: Value = helper
            .post_json(&format!("/api/zaken/{reference}/uitnodigingen"), &json!({"naam": "Belastingadviseur", "dagen": 1}))
            .await
            .json()
            .await
            .unwrap();
        {
            use bondgenoot_server::store::schema::intermediary_invitations as i;
            use diesel::prelude::*;
            let id = later["id"].as_i64().unwrap();
            app.db
                .run(move |conn| Ok(diesel::update(i::table.find(id)).set(i::expires_at.eq(0)).execute(conn)?))
                .await
                .unwrap();
        }
        let token = later["link"].as_str().unwrap().split_once('#').unwrap().1.to_owned();
        assert_eq!(app.anonymous().post_json("/api/intermediair/sessie", &json!({"token": token})).await.status(), 410);
        let bad = helper
            .post_json(&format!("/api/zaken/{reference}/uitnodigingen"), &json!({"naam": "", "dagen": 90}))
            .await;
        assert_eq!(bad.status(), 422);

        // A case that has ended takes no more documents, even from a live invitation.
        let last: Value = helper
            .post_json(&format!("/api/zaken/{reference}/uitnodigingen"), &json!({"naam": "Adviseur", "dagen": 3}))
            .await
            .json()
            .await
            .unwrap();
        let token = last["link"].as_str().unwrap().split_once('#').unwrap().1.to_owned();
        let mut late = app.anonymous();
        let view: Value = late.post_json("/api/intermediair/sessie", &json!({"token": token})).await.json().await.unwrap();
        late.csrf = Some(view["csrf_token"].as_str().unwrap().to_owned());
        {
            use bondgenoot_server::store::schema::cases as c;
            use diesel::prelude::*;
            let reference = reference.clone();
            app.db
                .run(move |conn| {
                    Ok(diesel::update(c::table.filter(c::reference.eq(reference)))
                        .set((c::status_key.eq("gesloten"), c::status_detail.eq(None::<String>)))
                        .execute(conn)?)
                })
                .await
                .unwrap();
        }
        let refused = late
            .upload("/api/intermediair/documenten", "overig", "Te laat", "laat.pdf", pdf(1000), false)
            .await;
        assert_eq!(refused.status(), 409);
    }

    async fn deleting_a_draft_removes_its_files_and_the_sweep_removes_files_no_row_names(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let draft = helper.create_draft(&crate::helpers::complete_draft()).await;
        assert_eq!(upload(&helper, &draft, "besluit.pdf", pdf(2000), false).await.status(), 201);
        assert_eq!(files_on_disk(&app), 1);
        assert_eq!(helper.delete(&format!("/api/zaken/{draft}")).await.status(), 204);
        assert_eq!(files_on_disk(&app), 0, "the draft's file went with it");
        assert_eq!(rows(&app).await, 0);

        // A case that stays, with its file; and two files no row names, one old, one young
        // (an upload whose row may still be on its way).
        let (kept, _) = crate::helpers::consented_case_of(&app, &helper).await;
        assert_eq!(upload(&helper, &kept, "besluit.pdf", pdf(2000), false).await.status(), 201);
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for name in ["achtergebleven", "onderweg"] {
            std::fs::write(app.documents_dir.join(name), b"%PDF-1.7 left behind").unwrap();
        }
        for entry in std::fs::read_dir(&app.documents_dir).unwrap().flatten() {
            if entry.file_name() != "onderweg" {
                std::fs::File::options().write(true).open(entry.path()).unwrap().set_modified(two_hours_ago).unwrap();
            }
        }
        let store = bondgenoot_server::documents::DocumentStore::open(&app.documents_dir, 1, 3).unwrap();
        let removed = bondgenoot_server::jobs::sweep_documents(&app.db, &store).await.unwrap();
        assert_eq!(removed, 1);
        let mut left: Vec<String> = std::fs::read_dir(&app.documents_dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left.len(), 2);
        assert!(left.contains(&"onderweg".to_owned()));
        assert!(!left.contains(&"achtergebleven".to_owned()));
        assert_eq!(rows(&app).await, 1);
    }
}

/// The intermediair's session ends after two hours without use, after twelve hours at most,
/// and when they sign out (the cookie is then wiped).
mod intermediary_session {
    use serde_json::{json, Value};

    use crate::helpers::Client;
    use crate::on_both_backends;

    async fn intermediary(app: &crate::helpers::TestApp) -> Client {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let (reference, _) = crate::helpers::consented_case_of(app, &helper).await;
        let invitation: Value = helper
            .post_json(
                &format!("/api/zaken/{reference}/uitnodigingen"),
                &json!({"naam": "Bewindvoerder J. Jansen", "dagen": 14}),
            )
            .await
            .json()
            .await
            .unwrap();
        let link = invitation["link"].as_str().unwrap().to_owned();
        let token = link.split('#').nth(1).unwrap().to_owned();
        let mut client = app.anonymous();
        let opened = client
            .post_json("/api/intermediair/sessie", &json!({"token": token}))
            .await;
        assert_eq!(opened.status(), 201);
        let view: Value = opened.json().await.unwrap();
        client.csrf = Some(view["csrf_token"].as_str().unwrap().to_owned());
        assert_eq!(client.get("/api/intermediair").await.status(), 200);
        client
    }

    on_both_backends! {
        async fn it_ends_when_idle_too_long(app: TestApp) {
            let client = intermediary(&app).await;
            app.execute("UPDATE intermediary_sessions SET last_seen_at = last_seen_at - 7201").await.unwrap();
            assert_eq!(client.get("/api/intermediair").await.status(), 401);
        }

        async fn it_ends_twelve_hours_after_it_began(app: TestApp) {
            let client = intermediary(&app).await;
            app.execute("UPDATE intermediary_sessions SET created_at = created_at - 43201").await.unwrap();
            assert_eq!(client.get("/api/intermediair").await.status(), 401);
        }

        async fn signing_out_ends_it_and_wipes_the_cookie(app: TestApp) {
            let client = intermediary(&app).await;
            let out = client.delete("/api/intermediair/sessie").await;
            assert_eq!(out.status(), 204);
            let cookie = out.headers()["set-cookie"].to_str().unwrap().to_owned();
            assert!(cookie.starts_with("bg_intermediair=;") && cookie.contains("Max-Age=0"), "{cookie}");
            assert_eq!(client.get("/api/intermediair").await.status(), 401);
        }
    }
}

/// A text field of the upload form is read with a small cap: a description of a megabyte is
/// refused with the field named, and nothing is stored.
#[tokio::test]
async fn a_megabyte_description_is_refused_with_its_field_named() {
    let app = crate::helpers::spawn_app().await;
    let org = app.organisation("Oost").await;
    let helper = app.helper(org, "h@oost.nl").await;
    let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
    let response = helper
        .upload(
            &format!("/api/zaken/{reference}/documenten"),
            "besluit",
            &"x".repeat(1 << 20),
            "b.pdf",
            pdf(2000),
            false,
        )
        .await;
    assert_eq!(response.status(), 422);
    let problem: serde_json::Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "omschrijving");
    assert!(problem["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("te lang"));
    assert_eq!(files_on_disk(&app), 0);
}

/// The case's limit holds for uploads at the same time: room is taken in the database as the
/// files stream in, so six uploads of 0.9 MB to a case with room for 3 MB store at most three;
/// the others get a Dutch 413, and no room stays taken.
mod parallel_uploads {
    use crate::on_both_backends;

    on_both_backends! {
        async fn parallel_uploads_cannot_pass_the_case_limit_together(app: TestApp) {
            let org = app.organisation("Oost").await;
            let helper = app.helper(org, "h@oost.nl").await;
            let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
            let mut all = tokio::task::JoinSet::new();
            for n in 0..6 {
                let helper = helper.clone();
                let path = format!("/api/zaken/{reference}/documenten");
                all.spawn(async move {
                    helper.upload(&path, "besluit", "Besluit", &format!("b{n}.pdf"), crate::documents::pdf(900 * 1024), false).await.status().as_u16()
                });
            }
            let mut stored = 0;
            while let Some(status) = all.join_next().await {
                match status.unwrap() {
                    201 => stored += 1,
                    413 => {}
                    other => panic!("unexpected {other}"),
                }
            }
            // Each takes the room its request announces first, so a burst does not share the
            // room out until none of them fits: exactly three 0.9 MB files fit in 3 MB.
            assert_eq!(stored, 3, "{stored} of 6 stored: the case holds 3 MB");
            assert_eq!(crate::documents::files_on_disk(&app), stored);
            let left: i64 = app.db.run(|conn| {
                use diesel::prelude::*;
                Ok(bondgenoot_server::store::schema::upload_room::table.count().get_result(conn)?)
            }).await.unwrap();
            assert_eq!(left, 0, "no room stays taken");
        }
    }
}
