//! Integration tests: the real server on a random port, with a fresh SQLite file per test.

mod helpers;
mod health;
mod serving;
