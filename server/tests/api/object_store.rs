//! Documents in an S3-compatible object store (moto in server mode): a file of several parts
//! streams in and comes back whole, ranges too; a refused upload and a cut connection leave
//! no object and no unfinished multipart upload; deleting a draft removes its objects.

use serde_json::Value;

use crate::documents::{half_sent_upload, pdf};
use crate::helpers::{complete_draft, spawn_app_on_with, Client, Options, S3Server, TestApp};
use bondgenoot_server::store::db::Backend;

const PREFIX: &str = "docs";

async fn app_on(s3: &S3Server) -> TestApp {
    let options = Options {
        documents: Some(s3.documents(PREFIX, 16, 40)),
        ..Options::default()
    };
    spawn_app_on_with(Backend::Sqlite, options).await
}

async fn upload(client: &Client, reference: &str, bytes: Vec<u8>) -> reqwest::Response {
    client
        .upload(
            &format!("/api/zaken/{reference}/documenten"),
            "besluit",
            "Het besluit",
            "besluit.pdf",
            bytes,
            false,
        )
        .await
}

/// Waits until the bucket holds `keys` objects and no unfinished upload (an abort runs as a
/// task of its own after the request ended).
async fn settles_at(s3: &S3Server, keys: usize) -> Vec<String> {
    let mut seen = (Vec::new(), usize::MAX);
    for _ in 0..100 {
        seen = s3.contents(PREFIX).await;
        if seen.0.len() == keys && seen.1 == 0 {
            return seen.0;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("bucket did not settle at {keys} objects: {seen:?}");
}

#[tokio::test]
async fn a_document_streams_into_the_bucket_and_back_and_refusals_leave_nothing() {
    let Some(s3) = S3Server::start().await else {
        return;
    };
    let app = app_on(&s3).await;
    let org = app.organisation("Org").await;
    let helper = app.helper(org, "h@s3.nl").await;
    let reference = helper.create_draft(&complete_draft()).await;

    // 12 MB: three parts of 5 MB or less.
    let mut bytes = pdf(12 * 1024 * 1024);
    for (i, byte) in bytes.iter_mut().enumerate().skip(64) {
        *byte = (i % 251) as u8;
    }
    let answer = upload(&helper, &reference, bytes.clone()).await;
    assert_eq!(answer.status(), 201);
    let list: Value = answer.json().await.unwrap();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(settles_at(&s3, 1).await, [format!("{PREFIX}/{id}")]);

    let download = helper.get(&format!("/api/documenten/{id}")).await;
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.bytes().await.unwrap().to_vec(),
        bytes,
        "back whole"
    );
    let part = helper
        .http
        .get(format!("{}/api/documenten/{id}", app.address))
        .header("range", "bytes=6000000-6000099")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.bytes().await.unwrap().to_vec(),
        bytes[6_000_000..6_000_100].to_vec()
    );

    // Larger than a file may be: refused part-way, the parts sent so far removed.
    let answer = upload(&helper, &reference, pdf(18 * 1024 * 1024)).await;
    assert_eq!(answer.status(), 413);
    settles_at(&s3, 1).await;

    // A connection cut part-way.
    let socket = half_sent_upload(
        &app.address,
        "h@s3.nl",
        &reference,
        12_000_000,
        7 * 1024 * 1024,
    )
    .await;
    // The multipart upload is under way in the bucket: then cut.
    let mut under_way = 0;
    for _ in 0..100 {
        under_way = s3.contents(PREFIX).await.1;
        if under_way > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(under_way, 1, "the upload had begun in the bucket");
    drop(socket);
    settles_at(&s3, 1).await;

    // Deleting the draft removes its objects.
    assert_eq!(
        helper
            .delete(&format!("/api/zaken/{reference}"))
            .await
            .status(),
        204
    );
    settles_at(&s3, 0).await;
}
