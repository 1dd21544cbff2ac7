//! Backup and restore (issue 18): a backup taken while helpers keep saving drafts holds
//! every case, document (byte for byte) and audit row committed before it began; restored
//! into a fresh directory it opens, passes SQLite's integrity check, and the server finds
//! them all. A restore never overwrites a database.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use bondgenoot_server::backup::{backup, integrity_ok, restore};
use bondgenoot_server::store::db::Db;
use bondgenoot_server::store::schema::{audit_log, cases, documents};
use diesel::prelude::*;
use tempfile::TempDir;

use crate::helpers::{complete_draft, spawn_app_with};

async fn references(db: &Db) -> Vec<String> {
    db.run(|conn| Ok(cases::table.select(cases::reference).load(conn)?))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_backup_under_write_load_restores_everything_committed_before_it() {
    let app = crate::helpers::spawn_app().await;
    let data_dir = app.documents_dir.parent().unwrap().to_owned();
    let org = app.organisation("Oost").await;
    let helper = app.helper(org, "h@oost.nl").await;
    let mut committed = Vec::new();
    for n in 0..5 {
        let reference = helper.create_draft(&complete_draft()).await;
        let pdf =
            format!("%PDF-1.7\n%\u{e2}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% document {n}\n")
                .into_bytes();
        let upload = helper
            .upload(
                &format!("/api/zaken/{reference}/documenten"),
                "besluit",
                "Besluit",
                "b.pdf",
                pdf,
                false,
            )
            .await;
        assert_eq!(upload.status(), 201);
        committed.push(reference);
    }
    let audit_before: Vec<(i64, String)> = app
        .db
        .run(|conn| {
            Ok(audit_log::table
                .order(audit_log::id)
                .select((audit_log::id, audit_log::action))
                .load(conn)?)
        })
        .await
        .unwrap();
    let last = audit_before.last().unwrap().0;

    // Helpers keep writing while the backup runs.
    let writing = Arc::new(AtomicBool::new(true));
    let load = {
        let writing = writing.clone();
        let helper = app.helper(org, "h2@oost.nl").await;
        tokio::spawn(async move {
            let mut made = 0;
            while writing.load(Ordering::Relaxed) {
                // Made and deleted again: on a busy machine the backup takes long enough for
                // an organisation to reach its 200 drafts, which the server then refuses.
                let reference = helper.create_draft(&complete_draft()).await;
                let deleted = helper.delete(&format!("/api/zaken/{reference}")).await;
                assert_eq!(deleted.status(), 204);
                made += 1;
            }
            made
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let saved = TempDir::new().unwrap();
    let to = saved.path().join("backup");
    let from = data_dir.clone();
    let target = to.clone();
    let report = tokio::task::spawn_blocking(move || backup(&from, &target))
        .await
        .unwrap()
        .unwrap();
    writing.store(false, Ordering::Relaxed);
    let made_meanwhile = load.await.unwrap();
    assert!(made_meanwhile > 0, "the backup ran under load");
    assert_eq!(report.documents, 5);
    assert!(report.missing.is_empty());

    // Restored into a fresh directory: sound, and everything committed before is there.
    let fresh = TempDir::new().unwrap();
    let restored_dir = fresh.path().join("data");
    let (source, target) = (to.clone(), restored_dir.clone());
    let restored = tokio::task::spawn_blocking(move || restore(&source, &target))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(restored.documents, 5);
    assert!(integrity_ok(&restored_dir.join("bondgenoot.sqlite")).unwrap());
    let db = Db::open_in_dir(&restored_dir).await.unwrap();
    let found = references(&db).await;
    for reference in &committed {
        assert!(found.contains(reference), "{reference} is in the backup");
    }
    let audit_after: Vec<(i64, String)> = db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::id.le(last))
                .order(audit_log::id)
                .select((audit_log::id, audit_log::action))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(
        audit_after, audit_before,
        "every audit row from before the backup"
    );
    let ids: Vec<String> = db
        .run(|conn| Ok(documents::table.select(documents::id).load(conn)?))
        .await
        .unwrap();
    assert_eq!(ids.len(), 5);
    for id in &ids {
        let original = std::fs::read(app.documents_dir.join(id)).unwrap();
        let copy = std::fs::read(restored_dir.join("documenten").join(id)).unwrap();
        assert_eq!(original, copy, "document {id} byte for byte");
    }
    // The server runs on the restored directory and shows the cases.
    let again = spawn_app_with(fresh, db).await;
    let me = again.sign_in("h@oost.nl", crate::helpers::PASSWORD).await;
    let list: Vec<serde_json::Value> = me.get("/api/zaken").await.json().await.unwrap();
    assert!(list.len() >= committed.len());

    // Neither overwrites: a backup into a full directory, a restore onto a database.
    let (source, target) = (data_dir.clone(), to.clone());
    assert!(
        tokio::task::spawn_blocking(move || backup(&source, &target))
            .await
            .unwrap()
            .is_err()
    );
    let (source, target) = (to.clone(), data_dir.clone());
    assert!(
        tokio::task::spawn_blocking(move || restore(&source, &target))
            .await
            .unwrap()
            .is_err()
    );
}
