//! The two migration folders make the same schema: both databases are migrated and described
//! from their own catalogs (SQLite's pragmas, PostgreSQL's pg_catalog and
//! information_schema) as tables, columns with type and nullability, indexes and triggers,
//! and the descriptions must be equal. A column added on one side only fails this test (the
//! test shows that too).

use std::collections::BTreeSet;

use bondgenoot_server::store::db::Db;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
use tempfile::TempDir;

use crate::helpers::new_postgres_database;

/// One fact about a schema, comparable across the two databases.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Fact {
    Table(String),
    /// Table, column, type (`bigint`, `text`, `boolean`), NOT NULL.
    Column(String, String, String, bool),
    /// Table, the index's name (or `unique(…)` for a UNIQUE constraint's), its columns, unique.
    Index(String, String, String, bool),
    /// Table, trigger name.
    Trigger(String, String),
}

/// Triggers that exist on PostgreSQL only, because SQLite has no such statement.
const POSTGRES_ONLY: &[(&str, &str)] = &[("audit_log", "audit_log_no_truncate")];

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    r#type: String,
    #[diesel(sql_type = BigInt)]
    notnull: i64,
    #[diesel(sql_type = BigInt)]
    pk: i64,
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = BigInt)]
    unique: i64,
    #[diesel(sql_type = Text)]
    origin: String,
}

#[derive(QueryableByName)]
struct SqliteTrigger {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    tbl_name: String,
}

fn sqlite_type(declared: &str) -> String {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" => "bigint".into(),
        "TEXT" => "text".into(),
        "BOOLEAN" => "boolean".into(),
        other => format!("unknown {other}"),
    }
}

fn sqlite_facts(conn: &mut SqliteConnection) -> BTreeSet<Fact> {
    let mut facts = BTreeSet::new();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> '__diesel_schema_migrations' ORDER BY name",
    )
    .load(conn)
    .unwrap();
    for Name { name: table } in tables {
        facts.insert(Fact::Table(table.clone()));
        let columns: Vec<SqliteColumn> = diesel::sql_query(format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"
        ))
        .load(conn)
        .unwrap();
        for c in columns {
            // An INTEGER PRIMARY KEY is the row id: never NULL, whatever the pragma says.
            let not_null =
                c.notnull == 1 || (c.pk == 1 && c.r#type.eq_ignore_ascii_case("INTEGER"));
            facts.insert(Fact::Column(
                table.clone(),
                c.name,
                sqlite_type(&c.r#type),
                not_null,
            ));
        }
        let indexes: Vec<SqliteIndex> = diesel::sql_query(format!(
            "SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"
        ))
        .load(conn)
        .unwrap();
        for index in indexes.into_iter().filter(|i| i.origin != "pk") {
            let columns: Vec<Name> = diesel::sql_query(format!(
                "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                index.name
            ))
            .load(conn)
            .unwrap();
            let columns = columns
                .into_iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(",");
            let name = if index.origin == "u" {
                format!("unique({columns})")
            } else {
                index.name
            };
            facts.insert(Fact::Index(table.clone(), name, columns, index.unique == 1));
        }
    }
    let triggers: Vec<SqliteTrigger> =
        diesel::sql_query("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
            .load(conn)
            .unwrap();
    for t in triggers {
        facts.insert(Fact::Trigger(t.tbl_name, t.name));
    }
    facts
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

#[derive(QueryableByName)]
struct PgIndex {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    index_name: String,
    #[diesel(sql_type = Text)]
    columns: String,
    #[diesel(sql_type = Bool)]
    is_unique: bool,
    #[diesel(sql_type = Bool)]
    is_primary: bool,
    #[diesel(sql_type = Bool)]
    of_constraint: bool,
}

#[derive(QueryableByName)]
struct PgTrigger {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    trigger_name: String,
}

fn postgres_facts(conn: &mut PgConnection) -> BTreeSet<Fact> {
    let mut facts = BTreeSet::new();
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for t in tables {
        facts.insert(Fact::Table(t.name));
    }
    let columns: Vec<PgColumn> = diesel::sql_query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND table_name <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for c in columns {
        facts.insert(Fact::Column(
            c.table_name,
            c.column_name,
            c.data_type,
            c.is_nullable == "NO",
        ));
    }
    let indexes: Vec<PgIndex> = diesel::sql_query(
        "SELECT t.relname::text AS table_name, i.relname::text AS index_name, \
           array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) \
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS columns, \
           ix.indisunique AS is_unique, ix.indisprimary AS is_primary, \
           EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) AS of_constraint \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = current_schema() AND t.relname <> '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    for index in indexes.into_iter().filter(|i| !i.is_primary) {
        let name = if index.of_constraint {
            format!("unique({})", index.columns)
        } else {
            index.index_name
        };
        facts.insert(Fact::Index(
            index.table_name,
            name,
            index.columns,
            index.is_unique,
        ));
    }
    let triggers: Vec<PgTrigger> = diesel::sql_query(
        "SELECT c.relname::text AS table_name, t.tgname::text AS trigger_name FROM pg_trigger t \
         JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND NOT t.tgisinternal",
    )
    .load(conn)
    .unwrap();
    for t in triggers {
        if !POSTGRES_ONLY.contains(&(t.table_name.as_str(), t.trigger_name.as_str())) {
            facts.insert(Fact::Trigger(t.table_name, t.trigger_name));
        }
    }
    facts
}

/// What one side has and the other lacks, as lines a person can read.
fn drift(sqlite: &BTreeSet<Fact>, postgres: &BTreeSet<Fact>) -> Vec<String> {
    let mut lines: Vec<String> = sqlite
        .difference(postgres)
        .map(|f| format!("only on SQLite: {f:?}"))
        .collect();
    lines.extend(
        postgres
            .difference(sqlite)
            .map(|f| format!("only on PostgreSQL: {f:?}")),
    );
    lines
}

#[tokio::test]
async fn both_migration_folders_make_the_same_tables_columns_indexes_and_triggers() {
    if std::env::var("BONDGENOOT_TEST_POSTGRES").is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run the PostgreSQL tests"
        );
        return;
    }
    let data = TempDir::new().unwrap();
    Db::open_in_dir(data.path()).await.expect("SQLite migrates");
    let url = new_postgres_database();
    Db::connect(&url).await.expect("PostgreSQL migrates");

    let path = data.path().join("bondgenoot.sqlite").display().to_string();
    let mut sqlite = SqliteConnection::establish(&path).unwrap();
    let mut postgres = PgConnection::establish(&url).unwrap();
    let (on_sqlite, on_postgres) = (sqlite_facts(&mut sqlite), postgres_facts(&mut postgres));

    assert!(
        on_sqlite.len() > 150,
        "the description covers the schema ({} facts)",
        on_sqlite.len()
    );
    assert!(on_sqlite.contains(&Fact::Column(
        "cases".into(),
        "spoed".into(),
        "boolean".into(),
        true
    )));
    assert!(on_sqlite.contains(&Fact::Trigger(
        "audit_log".into(),
        "audit_log_no_delete".into()
    )));
    let drifted = drift(&on_sqlite, &on_postgres);
    assert!(
        drifted.is_empty(),
        "the migration folders drifted apart:\n{}",
        drifted.join("\n")
    );

    // A column added on one side only is caught.
    sqlite
        .batch_execute("ALTER TABLE cases ADD COLUMN only_here TEXT")
        .unwrap();
    let drifted = drift(&sqlite_facts(&mut sqlite), &on_postgres);
    assert_eq!(
        drifted,
        ["only on SQLite: Column(\"cases\", \"only_here\", \"text\", false)"]
    );
}
