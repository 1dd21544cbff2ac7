//! What the figures count of a sent case, apart from its personal data: its Dienst and its
//! topics, as keys (`belastingdienst`, `toeslag:huurtoeslag`), written beside the case when
//! it is sent and into the anonymous record when it is destroyed. A leaf of the storage
//! layer: it names only the schema.

use diesel::prelude::*;
use model::case::Submission;

use super::schema::case_facets;
use super::{Conn, StoreResult};

/// Writes what the figures count of a case being sent (its Dienst and topics), so they never
/// read its submission.
pub(crate) fn write_facets_in(
    conn: &mut Conn,
    case_id: i64,
    submission: &Submission,
) -> StoreResult<()> {
    diesel::delete(case_facets::table.filter(case_facets::case_id.eq(case_id))).execute(conn)?;
    let dienst = std::iter::once(("dienst", serde_key(&submission.dienst)?));
    let topics = topic_keys(submission)?
        .into_iter()
        .map(|t| ("onderwerp", t));
    for (kind, value) in dienst.chain(topics) {
        diesel::insert_into(case_facets::table)
            .values((
                case_facets::case_id.eq(case_id),
                case_facets::kind.eq(kind),
                case_facets::value.eq(value),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The keys of a submission's topics, each once, sorted: how the figures count them.
pub(crate) fn topic_keys(submission: &model::case::Submission) -> StoreResult<Vec<String>> {
    let mut topics: Vec<String> = submission
        .onderwerpen
        .iter()
        .map(serde_key)
        .collect::<StoreResult<_>>()?;
    topics.sort();
    topics.dedup();
    Ok(topics)
}

/// Serde's name of a value (a Dienst, a topic's parts): how the figures key them.
pub(crate) fn serde_key<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    Ok(match serde_json::to_value(value)? {
        serde_json::Value::String(key) => key,
        serde_json::Value::Object(map) => map
            .values()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(":"),
        other => other.to_string(),
    })
}
