//! Integration tests: the real server on a random port, with a fresh database per test
//! (SQLite always; PostgreSQL too where `BONDGENOOT_TEST_POSTGRES` is set, as on CI).

// A panic is how a test helper reports a broken assumption.
#![allow(clippy::unwrap_used)]

mod helpers;

mod access;
mod audit;
mod audit_log;
mod backup;
mod bad_input;
mod beheer;
mod cases;
mod consent;
mod corpus;
mod crash;
mod demo;
mod documents;
mod figures;
mod guessing;
mod health;
mod help;
mod inzage;
mod language;
mod letters;
mod lifecycle;
mod logs;
mod mail;
mod message_mail;
mod monitoring;
mod need_to_know;
mod object_store;
mod openapi;
mod own_account;
mod races;
mod retention;
mod schema;
mod secrets;
mod serving;
mod sessions;
mod signals;
mod slow_clients;
mod stopping;
mod tracking;
mod transitions;
mod two_factor;
mod upgrade;
mod worklist;
