//! The database: the embedded SQLite file or a PostgreSQL server, behind one interface
//! (`read`, `write`) whose jobs run the data layer's functions on a [`Conn`].
//!
//! SQLite: one writing connection behind a queue (see `writer`) and read-only connections
//! beside it, in WAL mode so readers never wait for the writer. Queries run synchronously
//! through rusqlite on the calling thread. sqlx (still used for the migrations) gives
//! every connection a thread of its own and hands each statement to it and each row back:
//! on two cores those thread switches, not SQLite, were most of the cost of a request
//! (GET /api/me went from about 6,000 to 17,000 a second without them; the API levers in
//! BENCHMARKS.md).
//!
//! PostgreSQL: a pool of blocking connections used on tokio's blocking threads. Reads run
//! in a read-only REPEATABLE READ transaction (one snapshot, like SQLite's read
//! transaction); each write job in a SERIALIZABLE one, run again when PostgreSQL reports
//! that a concurrent transaction conflicted. Serializable transactions behave as if run
//! one after another, which is what the data layer's jobs assume of SQLite's single writer,
//! so several servers can share the database.

use std::{
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use rusqlite::{Connection, OpenFlags};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous},
    ConnectOptions, Connection as _,
};

use crate::{
    config::Database,
    error::{AppError, AppResult},
    sql::{Conn, PgTx, StatementCache},
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

/// PostgreSQL connections one server opens at most: enough to keep both cores busy while
/// others wait on the network or the disk, few enough that several servers stay well under
/// PostgreSQL's default limit of 100.
const PG_CONNECTIONS: usize = 16;

/// How long a write job keeps being run again while concurrent transactions conflict
/// with it. A count of tries was not enough: on a busy machine five writes to one row
/// each needed one or two more runs on average, and now and then one ran out of twelve
/// tries (a 503 in CI). A time budget bounds what the customer waits instead.
const PG_RETRY_BUDGET: Duration = Duration::from_secs(5);

/// The longest pause between two runs of a conflicting job.
const PG_MAX_PAUSE_MS: u64 = 100;

/// The database: reads with `read` (or `read_blocking`), every write through `write`.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

enum Inner {
    Sqlite(SqliteDb),
    // Boxed: PostgreSQL's settings are large beside SQLite's handles.
    Postgres(Box<PgDb>),
}

struct SqliteDb {
    path: PathBuf,
    idle_readers: Mutex<Vec<Connection>>,
    writer: Writer,
}

struct PgDb {
    config: postgres::Config,
    idle: Mutex<Vec<PgConn>>,
    /// One permit per connection that may be open.
    permits: tokio::sync::Semaphore,
    jobs: AtomicU64,
    commits: AtomicU64,
    retries: AtomicU64,
}

struct PgConn {
    client: postgres::Client,
    statements: StatementCache,
}

impl Db {
    /// Runs `read` (on PostgreSQL in one read transaction; on SQLite on the calling thread: a few indexed
    /// lookups are answered in microseconds from SQLite's cache, less than handing them to
    /// another thread would cost).
    pub async fn read<T, F>(&self, read: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Conn) -> AppResult<T> + Send + 'static,
    {
        match &*self.inner {
            Inner::Sqlite(lite) => lite.read(|c| read(&Conn::Sqlite(c))),
            Inner::Postgres(_) => self.pg_read(read).await,
        }
    }

    /// A read that may take milliseconds (every customer, every open request) on a
    /// blocking thread, so it does not hold up other requests.
    pub async fn read_blocking<T, F>(&self, read: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Conn) -> AppResult<T> + Send + 'static,
    {
        match &*self.inner {
            Inner::Sqlite(_) => {
                let db = self.clone();
                tokio::task::spawn_blocking(move || match &*db.inner {
                    Inner::Sqlite(lite) => lite.read(|c| read(&Conn::Sqlite(c))),
                    Inner::Postgres(_) => unreachable!("matched above"),
                })
                .await
                .map_err(|e| AppError::Internal(format!("read task: {e}")))?
            }
            Inner::Postgres(_) => self.pg_read(read).await,
        }
    }

    /// Runs `job` in a write transaction and answers once it is committed (durably). On
    /// SQLite the job runs on the one writing connection, with the jobs waiting beside it
    /// (see `writer`); on PostgreSQL it may run more than once, when a concurrent
    /// transaction conflicted with it, so it must do nothing but its statements.
    pub async fn write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: Fn(&Conn) -> AppResult<T> + Send + 'static,
    {
        match &*self.inner {
            Inner::Sqlite(lite) => lite.writer.write(move |c| job(&Conn::Sqlite(c))).await,
            Inner::Postgres(_) => self.pg_write(job).await,
        }
    }

    /// SQLite's writer, for its own tests.
    #[cfg(test)]
    pub(crate) fn sqlite_writer(&self) -> Option<&Writer> {
        match &*self.inner {
            Inner::Sqlite(lite) => Some(&lite.writer),
            Inner::Postgres(_) => None,
        }
    }

    /// Whether this is the PostgreSQL backend.
    pub fn is_postgres(&self) -> bool {
        matches!(&*self.inner, Inner::Postgres(_))
    }

    /// Connections kept open for the next reads.
    pub fn idle_readers(&self) -> usize {
        match &*self.inner {
            Inner::Sqlite(lite) => lite.idle_readers.lock().map_or(0, |i| i.len()),
            Inner::Postgres(pg) => pg.idle.lock().map_or(0, |i| i.len()),
        }
    }

    /// Write jobs run and commits made so far.
    pub fn writer_stats(&self) -> WriterStats {
        match &*self.inner {
            Inner::Sqlite(lite) => lite.writer.stats(),
            Inner::Postgres(pg) => WriterStats {
                jobs: pg.jobs.load(Ordering::Relaxed),
                commits: pg.commits.load(Ordering::Relaxed),
                retries: pg.retries.load(Ordering::Relaxed),
            },
        }
    }

    /// Commits the writes already queued, then closes the writer; later writes fail.
    pub async fn close(&self) {
        match &*self.inner {
            Inner::Sqlite(lite) => {
                lite.writer.close().await;
                if let Ok(mut idle) = lite.idle_readers.lock() {
                    idle.clear();
                }
            }
            Inner::Postgres(pg) => {
                pg.permits.close();
                pg.drop_idle();
            }
        }
    }

    async fn pg_read<T, F>(&self, read: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Conn) -> AppResult<T> + Send + 'static,
    {
        self.pg_run(move |_, conn| in_transaction(conn, Access::Read, read))
            .await
    }

    async fn pg_write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: Fn(&Conn) -> AppResult<T> + Send + 'static,
    {
        self.pg_run(move |pg, conn| {
            pg.jobs.fetch_add(1, Ordering::Relaxed);
            let started = std::time::Instant::now();
            let mut tries: u32 = 0;
            loop {
                tries += 1;
                match in_transaction(conn, Access::Write, &job) {
                    Err(AppError::Contention(detail)) if started.elapsed() < PG_RETRY_BUDGET => {
                        tracing::debug!(%detail, tries, "write conflicted; trying again");
                        pg.retries.fetch_add(1, Ordering::Relaxed);
                        // A random pause that grows, so the conflicting transactions do not
                        // meet again at once.
                        let ceiling = (4u64 << tries.min(5)).min(PG_MAX_PAUSE_MS);
                        let pause = 1 + rand::random::<u64>() % ceiling;
                        std::thread::sleep(Duration::from_millis(pause));
                    }
                    Ok(result) => {
                        pg.commits.fetch_add(1, Ordering::Relaxed);
                        return Ok(result);
                    }
                    Err(e) => return Err(e),
                }
            }
        })
        .await
    }

    /// Runs `work` with a pooled PostgreSQL connection on a blocking thread.
    async fn pg_run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&PgDb, &mut PgConn) -> AppResult<T> + Send + 'static,
    {
        let Inner::Postgres(pg) = &*self.inner else {
            unreachable!("only called on PostgreSQL")
        };
        let permit = pg
            .permits
            .acquire()
            .await
            .map_err(|_| AppError::Internal("the database is closed".into()))?;
        let db = self.clone();
        let result = tokio::task::spawn_blocking(move || {
            let Inner::Postgres(pg) = &*db.inner else {
                unreachable!("matched above")
            };
            let idle = pg.idle.lock().ok().and_then(|mut i| i.pop());
            let mut conn = match idle {
                Some(conn) if !conn.client.is_closed() => conn,
                _ => pg.open()?,
            };
            let result = work(pg, &mut conn);
            // A connection that broke (the server restarted, the network failed) is
            // dropped; the next use opens a new one.
            if !conn.client.is_closed() {
                if let Ok(mut idle) = pg.idle.lock() {
                    idle.push(conn);
                }
            }
            result
        })
        .await
        .map_err(|e| AppError::Internal(format!("database task: {e}")))?;
        drop(permit);
        result
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        self.drop_idle();
    }
}

/// What a PostgreSQL transaction is for.
#[derive(Clone, Copy)]
enum Access {
    /// One snapshot, no writes.
    Read,
    /// As if alone: PostgreSQL refuses a commit that a concurrent one would contradict.
    Write,
}

/// Runs `work` in a transaction of `access`'s kind on `conn`: committed when it succeeds,
/// rolled back (by dropping the transaction) when it fails.
fn in_transaction<T>(
    conn: &mut PgConn,
    access: Access,
    work: impl FnOnce(&Conn) -> AppResult<T>,
) -> AppResult<T> {
    let mut tx = conn.client.build_transaction();
    tx = match access {
        Access::Read => tx
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true),
        Access::Write => tx.isolation_level(postgres::IsolationLevel::Serializable),
    };
    let tx = tx.start().map_err(crate::sql::Error::from)?;
    let tx = Conn::Postgres(PgTx::new(tx, &mut conn.statements));
    let result = work(&tx)?;
    if let Conn::Postgres(tx) = tx {
        tx.commit()?;
    }
    Ok(result)
}

impl SqliteDb {
    fn read<T>(&self, read: impl FnOnce(&Connection) -> AppResult<T>) -> AppResult<T> {
        let conn = match self.idle_readers.lock().ok().and_then(|mut i| i.pop()) {
            Some(conn) => conn,
            None => open_reader(&self.path)?,
        };
        let result = read(&conn);
        // A connection left inside a transaction by a failed read is not reused.
        if conn.is_autocommit() {
            if let Ok(mut idle) = self.idle_readers.lock() {
                if idle.len() < IDLE_READERS {
                    idle.push(conn);
                }
            }
        }
        result
    }
}

impl PgDb {
    /// Closes the idle connections on a thread of their own: the blocking client runs a
    /// runtime of its own to close, which must not happen on one of tokio's workers.
    fn drop_idle(&self) {
        let idle = self.idle.lock().map(|mut i| std::mem::take(&mut *i));
        if let Ok(idle) = idle {
            if !idle.is_empty() {
                let _ = std::thread::Builder::new()
                    .name("klever-pg-close".into())
                    .spawn(move || drop(idle));
            }
        }
    }

    fn open(&self) -> AppResult<PgConn> {
        PgConn::connect(&self.config)
            .map_err(|e| AppError::Internal(format!("connecting to PostgreSQL: {e}")))
    }
}

impl PgConn {
    fn connect(config: &postgres::Config) -> Result<PgConn, postgres::Error> {
        Ok(PgConn {
            client: config.connect(postgres::NoTls)?,
            statements: StatementCache::new(),
        })
    }
}

/// Opens the database a `DATABASE_URL` names (a SQLite file is created if missing), brings
/// its schema up to date, and starts the writer.
pub async fn connect(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open(url, true).await
}

/// Opens the database as it is, without migrating: for `seed-bench --no-migrate`, which
/// fills a database whose schema an older server made (to benchmark that server).
pub async fn connect_unmigrated(url: &str) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    open(url, false).await
}

async fn open(url: &str, migrate: bool) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    match crate::config::database(url)? {
        Database::Sqlite(path) => open_sqlite(path, migrate).await,
        Database::Postgres(url) => open_postgres(&url, migrate).await,
    }
}

async fn open_postgres(
    url: &str,
    migrate: bool,
) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
    let config: postgres::Config = url.parse()?;
    // Where, never the password: so an operator sees which server did not answer.
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(h) => h.clone(),
            postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    let target = format!(
        "PostgreSQL database {:?} on {}",
        config.get_dbname().unwrap_or_default(),
        hosts.join(",")
    );
    let options: sqlx::postgres::PgConnectOptions = url.parse()?;
    let mut migrating = options
        .connect()
        .await
        .map_err(|e| format!("cannot connect to the {target} named by DATABASE_URL: {e}"))?;
    if migrate {
        // sqlx holds an advisory lock meanwhile, so servers starting together take turns.
        sqlx::migrate!("./migrations/postgres")
            .run(&mut migrating)
            .await
            .map_err(|e| format!("migrating the {target}: {e}"))?;
    }
    migrating.close().await?;
    let pg = PgDb {
        config,
        idle: Mutex::new(Vec::new()),
        permits: tokio::sync::Semaphore::new(PG_CONNECTIONS),
        jobs: AtomicU64::new(0),
        commits: AtomicU64::new(0),
        retries: AtomicU64::new(0),
    };
    // One connection now, so a server that cannot be used fails at start.
    let first = tokio::task::spawn_blocking({
        let config = pg.config.clone();
        move || PgConn::connect(&config)
    })
    .await?
    .map_err(|e| format!("cannot connect to the {target} named by DATABASE_URL: {e}"))?;
    pg.idle.lock().map_err(|_| "pool poisoned")?.push(first);
    Ok(Db {
        inner: Arc::new(Inner::Postgres(Box::new(pg))),
    })
}

async fn open_sqlite(
    path: PathBuf,
    migrate: bool,
) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
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
        inner: Arc::new(Inner::Sqlite(SqliteDb {
            path,
            idle_readers: Mutex::new(vec![reader]),
            writer,
        })),
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
/// transaction already (a writer's job, PostgreSQL's every read), it simply runs there.
pub fn consistent<T>(conn: &Conn, read: impl FnOnce(&Conn) -> AppResult<T>) -> AppResult<T> {
    let Conn::Sqlite(c) = conn else {
        return read(conn);
    };
    if !c.is_autocommit() {
        return read(conn);
    }
    let tx = c.unchecked_transaction()?;
    let result = read(&Conn::Sqlite(&tx))?;
    tx.commit()?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(dir: &Path, file: &str) -> String {
        format!("sqlite://{}", dir.join(file).display())
    }

    fn sqlite(db: &Db) -> &SqliteDb {
        match &*db.inner {
            Inner::Sqlite(lite) => lite,
            Inner::Postgres(_) => unreachable!(),
        }
    }

    #[tokio::test]
    async fn read_connections_are_kept_for_reuse_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&url(dir.path(), "r.db")).await.unwrap();
        db.read(|c| Ok(c.query_row("SELECT 1", (), |r| r.get::<i64>(0))?))
            .await
            .unwrap();
        assert_eq!(db.idle_readers(), 1, "the one connection is kept");
        db.read(|c| Ok(c.query_row("SELECT 1", (), |r| r.get::<i64>(0))?))
            .await
            .unwrap();
        assert_eq!(db.idle_readers(), 1, "and reused, not a second opened");

        // Twelve reads at once (each inside the one before) need twelve connections;
        // afterwards only the limit's worth stays open.
        fn nested(db: &SqliteDb, depth: usize) -> AppResult<()> {
            db.read(|_| {
                if depth > 1 {
                    nested(db, depth - 1)
                } else {
                    Ok(())
                }
            })
        }
        nested(sqlite(&db), 12).unwrap();
        assert_eq!(db.idle_readers(), IDLE_READERS);
    }

    #[tokio::test]
    async fn a_read_left_inside_a_transaction_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = connect(&url(dir.path(), "t.db")).await.unwrap();
        let before = db.idle_readers();
        let lite = sqlite(&db);
        // Held while the other is used, so the two reads take different connections.
        lite.read(|_| lite.read(|c| Ok(c.execute_batch("BEGIN")?)))
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
