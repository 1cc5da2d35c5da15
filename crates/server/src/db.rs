//! Opening the database and bringing its schema up to date: one writing connection behind a
//! queue (see `writer`) and a pool of read-only connections beside it.

use std::{str::FromStr, time::Duration};

use sqlx::{
    sqlite::{
        SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
        SqliteSynchronous,
    },
    ConnectOptions,
};

use crate::{
    error::AppResult,
    writer::{JobFuture, Writer},
};

/// Read-only connections. Each is a thread of its own in sqlx; with two cores more only
/// add switching, and WAL readers never wait for the writer or for each other.
const READERS: u32 = 4;

/// Prepared statements kept per connection. sqlx caches every query it runs by default;
/// the whole server has well under a hundred distinct statements, so none is ever evicted.
const STATEMENT_CACHE: usize = 200;

/// The database: reads on `read`, every write through `write`.
#[derive(Clone)]
pub struct Db {
    read: SqlitePool,
    writer: Writer,
}

impl Db {
    /// The read-only pool, for handlers that only read.
    pub fn read(&self) -> &SqlitePool {
        &self.read
    }

    /// Runs `job` on the one writing connection and answers once its transaction is
    /// committed (durably: `synchronous=FULL`). Use as
    /// `db.write(move |conn| Box::pin(async move { … })).await`.
    pub async fn write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> JobFuture<'c, T> + Send + 'static,
    {
        self.writer.write(job).await
    }

    /// Jobs run and commits made so far by the writer.
    pub fn writer_stats(&self) -> crate::writer::WriterStats {
        self.writer.stats()
    }

    /// Commits the writes already queued, then closes every connection.
    pub async fn close(&self) {
        self.writer.close().await;
        self.read.close().await;
    }
}

/// Opens the writer (creating the file if missing), migrates, then opens the readers.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let base = SqliteConnectOptions::from_str(url)?
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .statement_cache_capacity(STATEMENT_CACHE);
    if let Some(dir) = base.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
    }
    // FULL is SQLite's default already; said explicitly because durability depends on it.
    let mut conn = base
        .clone()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .connect()
        .await?;
    sqlx::migrate!("./migrations").run(&mut conn).await?;
    // The readers need the WAL files the writer has just made; nothing here may write.
    let read = SqlitePoolOptions::new()
        .max_connections(READERS)
        // A local file connection does not go stale: skip the ping before each use.
        .test_before_acquire(false)
        .connect_with(base.read_only(true))
        .await?;
    Ok(Db {
        read,
        writer: Writer::start(conn),
    })
}

/// Now as Unix seconds.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A Unix time as RFC 3339 in UTC, the form every stored instant takes.
pub fn rfc3339(unix_secs: i64) -> String {
    let date = klever_api::IsoDate::from_days_since_epoch(unix_secs.div_euclid(86_400));
    let secs = unix_secs.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_formats_utc() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }
}
