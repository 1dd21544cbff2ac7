//! Integration tests: the real server on a random port, with a fresh SQLite file per test.

mod health;
mod helpers;
mod serving;
