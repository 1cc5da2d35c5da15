//! The database: one writing connection behind a queue (see `writer`) and read-only
//! connections beside it, in WAL mode so readers never wait for the writer.
//!
//! Queries run synchronously through rusqlite on the calling thread. sqlx (still used for
//! the migrations) gives every connection a thread of its own and hands each statement to
//! it and each row back: on two cores those thread switches, not SQLite, were most of the
//! cost of a request (GET /api/me went from about 6,000 to 17,000 a second without them;
//! the API levers in BENCHMARKS.md).

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
    time::Duration,
};

use rusqlite::{Connection, OpenFlags};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
    ConnectOptions, Connection as _,
};

use crate::{
    error::{AppError, AppResult},
    writer::{Writer, WriterStats},
};

/// Read connections kept open between uses; more are opened when more are in use at once.
const IDLE_READERS: usize = 8;

/// Prepared statements kept per connection. The whole server has well under a hundred
/// distinct statements, so once warm none is ever prepared again.
pub const STATEMENT_CACHE: usize = 128;

const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Page caches, as SQLite's negative KiB: the writer's holds what it changes between
/// batches; each reader's the pages it reads often.
const WRITER_CACHE_KIB: i64 = -65_536;
const READER_CACHE_KIB: i64 = -8_192;

/// The database: reads with `read` (or `read_blocking`), every write through `write`.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle_readers: Mutex<Vec<Connection>>,
    writer: Writer,
}

impl Db {
    /// A short read (a few indexed lookups) on the calling thread: SQLite answers those in
    /// microseconds from its cache, less than handing them to another thread would cost.
    pub fn read<T>(&self, read: impl FnOnce(&Connection) -> AppResult<T>) -> AppResult<T> {
        let conn = match self
            .inner
            .idle_readers
            .lock()
            .ok()
            .and_then(|mut i| i.pop())
        {
            Some(conn) => conn,
            None => open_reader(&self.inner.path)?,
        };
        let result = read(&conn);
        // A connection left inside a transaction by a failed read is not reused.
        if conn.is_autocommit() {
            if let Ok(mut idle) = self.inner.idle_readers.lock() {
                if idle.len() < IDLE_READERS {
                    idle.push(conn);
                }
            }
        }
        result
    }

    /// A read that may take milliseconds (every customer, every open request) on a
    /// blocking thread, so it does not hold up other requests.
    pub async fn read_blocking<T, F>(&self, read: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> AppResult<T> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.read(read))
            .await
            .map_err(|e| AppError::Internal(format!("read task: {e}")))?
    }

    /// Runs `job` on the one writing connection and answers once its transaction is
    /// committed (durably: `synchronous=FULL`). See `writer` for what a job may do.
    pub async fn write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> AppResult<T> + Send + 'static,
    {
        self.inner.writer.write(job).await
    }

    /// Read connections kept open for the next reads.
    pub fn idle_readers(&self) -> usize {
        self.inner.idle_readers.lock().map_or(0, |i| i.len())
    }

    /// Jobs run and commits made so far by the writer.
    pub fn writer_stats(&self) -> WriterStats {
        self.inner.writer.stats()
    }

    /// Commits the writes already queued, then closes the writer; later writes fail.
    pub async fn close(&self) {
        self.inner.writer.close().await;
        if let Ok(mut idle) = self.inner.idle_readers.lock() {
            idle.clear();
        }
    }
}

/// Opens the database at a `sqlite://` URL (creating the file if missing), brings its
/// schema up to date, and starts the writer.
pub async fn connect(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open(url, true).await
}

/// Opens the database as it is, without migrating: for `seed-bench --no-migrate`, which
/// fills a database whose schema an older server made (to benchmark that server).
pub async fn connect_unmigrated(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open(url, false).await
}

async fn open(url: &str, migrate: bool) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    let path = crate::config::sqlite_path(url)?;
    let options = SqliteConnectOptions::new().filename(&path);
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    // The migrations keep sqlx's bookkeeping, as before; WAL is a property of the file.
    let mut migrating = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .connect()
        .await?;
    if migrate {
        sqlx::migrate!("./migrations/sqlite")
            .run(&mut migrating)
            .await?;
    }
    migrating.close().await?;

    let writer = Writer::start(open_writer(&path)?, open_checkpointer(&path)?)?;
    // One reader now, so a database that cannot be read fails at start, not at a request.
    let reader = open_reader(&path)?;
    Ok(Db {
        inner: Arc::new(Inner {
            path,
            idle_readers: Mutex::new(vec![reader]),
            writer,
        }),
    })
}

fn open_writer(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // FULL is SQLite's default already; said explicitly because durability depends on it:
    // in WAL mode, FULL syncs the log at every COMMIT, so a committed write survives a
    // power cut.
    // The checkpointer thread copies the WAL into the database as it grows. The writer's own
    // checkpoint (SQLite's, after a COMMIT that takes the WAL past 1,000 pages) then finds
    // little left to copy, and lets the next write start the WAL over: only the writer can,
    // and only when nothing is left to copy, which under steady writes a checkpoint on
    // another connection never sees. Without it the WAL, and every read's search of it,
    // grows for as long as writes keep coming.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
         PRAGMA wal_autocheckpoint = 1000;",
    )?;
    // The pages it changes stay in memory between batches instead of being read again.
    conn.pragma_update(None, "cache_size", WRITER_CACHE_KIB)?;
    Ok(conn)
}

fn open_checkpointer(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // FULL: the database file is synced before the WAL may be reused.
    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    Ok(conn)
}

fn open_reader(path: &Path) -> AppResult<Connection> {
    // Read-only: a handler that only reads cannot write by mistake.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "cache_size", READER_CACHE_KIB)?;
    Ok(conn)
}

/// Runs `read` in one read transaction, so its statements all see the same moment. Inside a
/// transaction already (a writer's job), it simply runs there.
pub fn consistent<T>(
    conn: &Connection,
    read: impl FnOnce(&Connection) -> AppResult<T>,
) -> AppResult<T> {
    if !conn.is_autocommit() {
        return read(conn);
    }
    let tx = conn.unchecked_transaction()?;
    let result = read(&tx)?;
    tx.commit()?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(dir: &Path, file: &str) -> String {
        format!("sqlite://{}", dir.join(file).display())
    }

    #[tokio::test]
    async fn read_connections_are_kept_for_reuse_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&url(dir.path(), "r.db")).await.unwrap();
        db.read(|c| Ok(c.execute_batch("SELECT 1")?)).unwrap();
        assert_eq!(db.idle_readers(), 1, "the one connection is kept");
        db.read(|c| Ok(c.execute_batch("SELECT 1")?)).unwrap();
        assert_eq!(db.idle_readers(), 1, "and reused, not a second opened");

        // Twelve reads at once (each inside the one before) need twelve connections;
        // afterwards only the limit's worth stays open.
        fn nested(db: &Db, depth: usize) -> AppResult<()> {
            db.read(|_| {
                if depth > 1 {
                    nested(db, depth - 1)
                } else {
                    Ok(())
                }
            })
        }
        nested(&db, 12).unwrap();
        assert_eq!(db.idle_readers(), IDLE_READERS);
    }

    #[tokio::test]
    async fn a_read_left_inside_a_transaction_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&url(dir.path(), "t.db")).await.unwrap();
        let before = db.idle_readers();
        // Held while the other is used, so the two reads take different connections.
        db.read(|_| db.read(|c| Ok(c.execute_batch("BEGIN")?)))
            .unwrap();
        assert_eq!(
            db.idle_readers(),
            before.max(1),
            "only the clean one went back"
        );
    }

    #[tokio::test]
    async fn an_in_memory_database_is_refused() {
        for url in ["sqlite::memory:", "sqlite://file::memory:?cache=shared"] {
            let error = connect(url).await.err().expect(url).to_string();
            assert!(error.contains("in-memory"), "{url}: {error}");
        }
    }

    #[tokio::test]
    async fn missing_folders_of_the_database_file_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&url(dir.path(), "a/b/klever.db")).await.unwrap();
        db.close().await;
        assert!(dir.path().join("a/b/klever.db").is_file());
    }
}
