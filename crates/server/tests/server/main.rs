//! The server's integration tests, each against a real server on a free port with its own
//! SQLite file. One test binary, not one per file: every change to the server is linked
//! into one executable instead of five, which is most of a rebuild's time (and of each
//! mutant's, in scripts/mutants).

mod helpers;

mod api;
mod cross_site;
mod marketing;
mod profile_update;
mod request_log;
mod requests;
mod schema;
mod writes;
