//! How often each knowledge article was read (a slug and a count, nothing about the reader).

use sqlx::Row;

use super::db::Db;
use super::StoreError;

/// Counts one read of an article.
pub async fn count_view(db: &Db, slug: &str) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO help_views (slug, views) VALUES ($1, 1) \
         ON CONFLICT (slug) DO UPDATE SET views = help_views.views + 1",
    )
    .bind(slug)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The slugs read most, most first (ties by slug), at most `limit`.
pub async fn most_read(db: &Db, limit: i64) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query("SELECT slug FROM help_views ORDER BY views DESC, slug ASC LIMIT $1")
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| Ok(row.try_get::<String, _>("slug")?))
        .collect()
}
