//! Documents in an S3-compatible object store (`BONDGENOOT_DOCUMENTS=s3://bucket/prefix`,
//! with the usual `AWS_*` variables), so several instances share them. A file streams in as
//! a multipart upload in parts of [`PART_BYTES`], at most [`PARTS_IN_FLIGHT`] parts on their
//! way at once: memory stays bounded whatever the file's size. The object appears only
//! when the upload completes; dropped before that (refused, or the connection cut), the
//! upload is aborted and no part stays behind.

use std::io;
use std::sync::Arc;
use std::time::SystemTime;

use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};
use tokio_util::io::StreamReader;

use super::{refused_id, safe_id, DocumentStorage, NewFile, StorageFuture, StoredBytes};

/// S3's smallest part (except the last one).
const PART_BYTES: usize = 5 * 1024 * 1024;
/// Parts uploading at once, besides the one being filled.
const PARTS_IN_FLIGHT: usize = 2;

/// A bucket, and a prefix in it under which every document is kept by its id.
pub struct ObjectStoreDocuments {
    store: Arc<dyn ObjectStore>,
    prefix: ObjectPath,
}

impl ObjectStoreDocuments {
    /// The store named by `url` (`s3://bucket` or `s3://bucket/prefix`); endpoint, region
    /// and keys come from the `AWS_*` environment variables (`AWS_ENDPOINT`,
    /// `AWS_ALLOW_HTTP=true` for a local S3 server without TLS).
    pub fn from_url(url: &str) -> io::Result<ObjectStoreDocuments> {
        ObjectStoreDocuments::with_builder(url, AmazonS3Builder::from_env())
    }

    /// As [`Self::from_url`], with the settings given (`aws_endpoint`, `aws_allow_http`, …;
    /// the keys of `AmazonS3ConfigKey`) instead of the environment's.
    pub fn from_url_with(url: &str, settings: &[(&str, &str)]) -> io::Result<ObjectStoreDocuments> {
        let mut builder = AmazonS3Builder::new();
        for (key, value) in settings {
            let key: AmazonS3ConfigKey = key.parse().map_err(io::Error::other)?;
            builder = builder.with_config(key, *value);
        }
        ObjectStoreDocuments::with_builder(url, builder)
    }

    fn with_builder(url: &str, builder: AmazonS3Builder) -> io::Result<ObjectStoreDocuments> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or_else(|| invalid(format!("{url:?} is not an s3:// address")))?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(invalid(format!("{url:?} names no bucket")));
        }
        // The TLS provider for the S3 client; a second call (tests) finds it installed. Ring
        // is deprecated in rustls for lacking post-quantum key exchange; aws-lc-rs has it but
        // needs a C toolchain build of minutes here. Worth the switch when S3 traffic leaves
        // a trusted network.
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
        let store = builder
            .with_bucket_name(bucket)
            .build()
            .map_err(io::Error::other)?;
        Ok(ObjectStoreDocuments {
            store: Arc::new(store),
            prefix: ObjectPath::from(prefix.trim_matches('/')),
        })
    }

    fn path(&self, id: &str) -> ObjectPath {
        self.prefix.clone().join(id)
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

fn storage_error(err: object_store::Error) -> io::Error {
    match err {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, err),
        other => io::Error::other(other),
    }
}

struct ObjectNewFile {
    /// `None` once kept (or given up).
    upload: Option<WriteMultipart>,
}

impl NewFile for ObjectNewFile {
    fn write<'a>(&'a mut self, chunk: &'a [u8]) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            let upload = self
                .upload
                .as_mut()
                .ok_or_else(|| io::Error::other("file already kept"))?;
            upload
                .wait_for_capacity(PARTS_IN_FLIGHT)
                .await
                .map_err(storage_error)?;
            upload.write(chunk);
            Ok(())
        })
    }

    fn keep(mut self: Box<Self>) -> StorageFuture<'static, ()> {
        let upload = self.upload.take();
        Box::pin(async move {
            match upload {
                Some(upload) => upload.finish().await.map(drop).map_err(storage_error),
                None => Err(io::Error::other("file already kept")),
            }
        })
    }
}

impl Drop for ObjectNewFile {
    fn drop(&mut self) {
        if let Some(upload) = self.upload.take() {
            // Not kept: abort, so the parts sent so far are removed. A drop cannot wait, so
            // the abort runs as a task of its own (a crash here leaves an incomplete upload,
            // which the bucket's lifecycle rule removes: README).
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(async move {
                    if let Err(err) = upload.abort().await {
                        tracing::warn!(error = %err, "unfinished document upload not aborted");
                    }
                });
            }
        }
    }
}

impl DocumentStorage for ObjectStoreDocuments {
    fn create<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Box<dyn NewFile>> {
        Box::pin(async move {
            if !safe_id(id) {
                return Err(refused_id());
            }
            let upload = self
                .store
                .put_multipart(&self.path(id))
                .await
                .map_err(storage_error)?;
            Ok(Box::new(ObjectNewFile {
                upload: Some(WriteMultipart::new_with_chunk_size(upload, PART_BYTES)),
            }) as Box<dyn NewFile>)
        })
    }

    fn open<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Option<StoredBytes>> {
        Box::pin(async move {
            if !safe_id(id) {
                return Ok(None);
            }
            match self.store.get(&self.path(id)).await {
                Ok(found) => {
                    let len = found.meta.size;
                    let bytes = found.into_stream().map_err(storage_error);
                    Ok(Some(StoredBytes {
                        reader: Box::pin(StreamReader::new(bytes)),
                        len,
                    }))
                }
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(err) => Err(storage_error(err)),
            }
        })
    }

    fn remove<'a>(&'a self, id: &'a str) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            if !safe_id(id) {
                return Err(refused_id());
            }
            match self.store.delete(&self.path(id)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(err) => Err(storage_error(err)),
            }
        })
    }

    fn list(&self) -> StorageFuture<'_, Vec<(String, SystemTime)>> {
        Box::pin(async move {
            let mut found = Vec::new();
            let mut objects = self.store.list(Some(&self.prefix));
            while let Some(object) = objects.next().await {
                let object = object.map_err(storage_error)?;
                let Some(id) = object.location.filename() else {
                    continue;
                };
                if safe_id(id) {
                    found.push((id.to_owned(), SystemTime::from(object.last_modified)));
                }
            }
            Ok(found)
        })
    }
}
