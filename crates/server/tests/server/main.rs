//! The server's integration tests, each against a real server on a free port with a
//! database of its own: a SQLite file, or one on PostgreSQL (`KLEVER_TEST_BACKEND`). One test binary, not one per file: every change to the server is linked
//! into one executable instead of five, which is most of a rebuild's time (and of each
//! mutant's, in scripts/mutants).

#[macro_use]
mod helpers;

mod access;
mod accounts;
mod api;
mod crash;
mod cross_site;
mod devices;
mod instances;
mod mail;
mod marketing;
mod migrations;
mod password;
mod profile_update;
mod request_log;
mod requests;
mod schema;
mod sign_in_abuse;
mod staff_customers;
mod writes;
