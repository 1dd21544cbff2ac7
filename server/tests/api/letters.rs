//! The letters as PDF (issue 20): who may make which letter when, what each says and what it
//! must never say, that it is tagged PDF (read back with poppler's `pdftotext`/`pdfinfo`, as
//! a reader would), and that each download is logged.

use std::process::Command;

use model::lifecycle::{CaseEvent, Uitkomst};
use serde_json::json;

use crate::helpers::{citizen, complete_draft, consented_case, fire_step};
use crate::on_both_backends;

/// Runs a poppler tool on `pdf` and gives its output. The set-up installs poppler-utils; a
/// machine without it fails here rather than skipping what the issue asks to check.
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|err| panic!("{tool} (poppler-utils, scripts/setup): {err}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One field of `pdfinfo`'s answer ("Tagged", "Title", …).
fn info(pdf: &[u8], field: &str) -> String {
    let all = poppler("pdfinfo", pdf, &[]);
    all.lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .map(|value| value.trim().to_owned())
        .unwrap_or_else(|| panic!("{field} in {all}"))
}

/// Text as extracted, with line breaks and repeated spaces made single spaces.
fn text_of(pdf: &[u8]) -> String {
    poppler("pdftotext", pdf, &["-enc", "UTF-8"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn pdf_of(response: reqwest::Response) -> Vec<u8> {
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    response.bytes().await.unwrap().to_vec()
}

on_both_backends! {
    async fn the_proof_says_who_brought_the_case_and_that_nothing_stops_and_never_the_story(app: TestApp) {
        let (helper, reference, code) = consented_case(&app, "brief@example.org").await;
        let draft = complete_draft();

        // While the case runs: the proof, not yet the summary.
        let proof = pdf_of(helper.get(&format!("/api/zaken/{reference}/brieven/bewijs")).await).await;
        assert_eq!(info(&proof, "Tagged"), "yes");
        assert_eq!(info(&proof, "Title"), "Bewijs van aanmelding");
        assert_eq!(info(&proof, "PDF version"), "1.7");
        let text = text_of(&proof);
        for expected in [
            "Bewijs van aanmelding",
            reference.as_str(),
            "Anna de Vries",
            "Organisatie van brief@example.org",
            "Deze aanmelding stopt niets.",
            "Betalingen, termijnen, beslagen en andere procedures lopen gewoon door.",
            "tekstversie bewijs-",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        for never in [
            draft["burger_bsn"].as_str().unwrap(),
            draft["wat_ging_mis"].as_str().unwrap(),
            draft["gewenste_uitkomst"].as_str().unwrap(),
            draft["burger_email"].as_str().unwrap(),
            draft["burger_telefoon"].as_str().unwrap(),
            "12 mei 1980",
            "12-5-1980",
        ] {
            assert!(!text.contains(never), "{never:?} is not in the proof: {text}");
        }
        let early = helper.get(&format!("/api/zaken/{reference}/brieven/samenvatting")).await;
        assert_eq!(early.status(), 409);

        // The citizen gets the same proof on their own page.
        let (_, me) = citizen(&app, &reference, &code).await;
        let mine = text_of(&pdf_of(me.get("/api/burger/brieven/bewijs").await).await);
        assert!(mine.contains("Deze aanmelding stopt niets."));
        assert_eq!(me.get("/api/burger/brieven/samenvatting").await.status(), 409);
        assert_eq!(me.get("/api/burger/brieven/iets-anders").await.status(), 404);
        assert_eq!(app.audit_rows(&reference, "bewijs_gedownload").await, 2);

        // Nobody else: another organisation's helper as if there were no case, staff never
        // (the letters are for the citizen and the helper), nobody without a session.
        let other_org = app.organisation("Een andere organisatie").await;
        let other = app.helper(other_org, "ander@example.org").await;
        assert_eq!(other.get(&format!("/api/zaken/{reference}/brieven/bewijs")).await.status(), 404);
        let staff = app.staff("behandelaar-brief@example.org").await;
        assert_eq!(staff.get(&format!("/api/zaken/{reference}/brieven/bewijs")).await.status(), 403);
        assert_eq!(app.anonymous().get("/api/burger/brieven/bewijs").await.status(), 401);

        // At the end: the summary with the question, each step and its reasons; no proof.
        for step in [
            CaseEvent::TriageStarten,
            CaseEvent::InBehandelingNemen,
            CaseEvent::ZienswijzeVersturen,
            CaseEvent::ZienswijzeNietOvergenomen,
            CaseEvent::Afronden(Uitkomst::NietOpgelost),
            CaseEvent::EindgesprekPlannen,
            CaseEvent::Sluiten,
        ] {
            fire_step(&staff, &reference, step).await;
        }
        let summary = pdf_of(helper.get(&format!("/api/zaken/{reference}/brieven/samenvatting")).await).await;
        assert_eq!(info(&summary, "Tagged"), "yes");
        assert_eq!(info(&summary, "Title"), "Samenvatting van uw zaak");
        let text = text_of(&summary);
        for expected in [
            "Samenvatting van uw zaak",
            draft["wat_ging_mis"].as_str().unwrap(),
            draft["gewenste_uitkomst"].as_str().unwrap(),
            "Dienst neemt advies niet over",
            "Waarom: De reden voor deze stap.",
            "Bericht voor de hulpverlener.",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        let (page, me) = citizen(&app, &reference, &code).await;
        // The citizen's card says the outcome first.
        let page: serde_json::Value = page.json().await.unwrap();
        assert!(page["uitleg"]["uitkomst"].as_str().unwrap().starts_with("Niet opgelost:"), "{page}");
        let theirs = text_of(&pdf_of(me.get("/api/burger/brieven/samenvatting").await).await);
        assert!(theirs.contains("Bericht voor u."), "the citizen's own messages: {theirs}");
        assert!(!theirs.contains("Bericht voor de hulpverlener."));
        assert_eq!(helper.get(&format!("/api/zaken/{reference}/brieven/bewijs")).await.status(), 409);
        assert_eq!(app.audit_rows(&reference, "samenvatting_gedownload").await, 2);
    }

    async fn a_draft_has_no_letter(app: TestApp) {
        let org = app.organisation("Concept-organisatie").await;
        let helper = app.helper(org, "concept-brief@example.org").await;
        let reference = helper.create_draft(&json!({"burger_naam": "Jan"})).await;
        let refused = helper.get(&format!("/api/zaken/{reference}/brieven/bewijs")).await;
        assert_eq!(refused.status(), 409);
        let body: serde_json::Value = refused.json().await.unwrap();
        assert!(body["detail"].as_str().unwrap().contains("geen brief"), "{body}");
    }
}
