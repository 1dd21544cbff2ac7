//! How often each knowledge article was read (a slug and a count, nothing about the reader).

use diesel::prelude::*;
use diesel::upsert::excluded;

use super::conn::both;
use super::db::Db;
use super::schema::help_views;
use super::StoreResult;

/// Counts one read of an article.
pub async fn count_view(db: &Db, slug: &str) -> StoreResult<()> {
    let slug = slug.to_owned();
    db.run(move |conn| {
        let upsert = diesel::insert_into(help_views::table)
            .values((help_views::slug.eq(slug), help_views::views.eq(1)))
            .on_conflict(help_views::slug)
            .do_update()
            .set(help_views::views.eq(help_views::views + excluded(help_views::views)));
        both!(conn, |c| upsert.execute(c))?;
        Ok(())
    })
    .await
}

/// The slugs read most, most first (ties by slug), at most `limit`.
pub async fn most_read(db: &Db, limit: i64) -> StoreResult<Vec<String>> {
    db.run(move |conn| {
        Ok(help_views::table
            .order((help_views::views.desc(), help_views::slug.asc()))
            .limit(limit)
            .select(help_views::slug)
            .load(conn)?)
    })
    .await
}
