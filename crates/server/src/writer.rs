//! The one connection that writes, behind a queue, committing the writes that wait together.
//!
//! With `synchronous=FULL` every COMMIT waits for the disk (about 3,600 a second here), so
//! committing each request's transaction alone caps saving at that rate, and many writers
//! contending for SQLite's lock wait in its busy handler, which sleeps. Instead every write is
//! a job sent to one thread that owns the only writing connection. The thread takes the first
//! job and then every job already waiting, runs them in one `BEGIN IMMEDIATE` transaction,
//! each inside its own savepoint (a failing job is rolled back alone and gets its own error),
//! and commits once. Only after that COMMIT has returned, and so is on disk, does any job get
//! its answer: an answered write survives a power cut.

use std::{
    panic::AssertUnwindSafe,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use crate::error::{AppError, AppResult};

/// The most jobs committed together. Enough to cover the jobs that arrive during one
/// commit at thousands a second; small enough that one batch never holds the lock for long.
const MAX_BATCH: usize = 256;

/// Jobs that may wait before `write` itself waits for room (backpressure on the handlers).
const QUEUE: usize = 4096;

/// What the writer does after the commit: hand the job's result (or the commit's failure)
/// to the waiting handler.
type Deliver = Box<dyn FnOnce(Option<&rusqlite::Error>) + Send>;

/// A job with its result type erased: runs, then says whether it succeeded and how to answer.
type Job = Box<dyn FnOnce(&Connection) -> (bool, Deliver) + Send>;

enum Message {
    Job(Job),
    /// Commit what is queued, then stop.
    Close(oneshot::Sender<()>),
}

/// How much the writer has done: jobs run and transactions committed. Their ratio is
/// the average batch size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriterStats {
    pub jobs: u64,
    pub commits: u64,
    /// Transactions PostgreSQL refused for a conflict and that were run again (SQLite's
    /// one writer has none).
    pub retries: u64,
}

#[derive(Default)]
struct Counters {
    jobs: AtomicU64,
    commits: AtomicU64,
}

/// A handle to the writer thread.
pub struct Writer {
    queue: mpsc::Sender<Message>,
    counters: Arc<Counters>,
    closed: Mutex<bool>,
}

impl Writer {
    /// Starts the writer thread, which owns `conn` until `close` or until the handle is
    /// dropped, and the checkpointer thread, which owns `checkpointer`.
    pub fn start(conn: Connection, checkpointer: Connection) -> std::io::Result<Writer> {
        let (queue, messages) = mpsc::channel(QUEUE);
        let counters = Arc::new(Counters::default());
        let counting = counters.clone();
        let (committed, commits) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("klever-checkpoint".into())
            .spawn(move || checkpoint(checkpointer, commits))?;
        std::thread::Builder::new()
            .name("klever-writer".into())
            .spawn(move || run(conn, messages, &counting, committed))?;
        Ok(Writer {
            queue,
            counters,
            closed: Mutex::new(false),
        })
    }

    /// Runs `job` on the writer's connection, inside the writer's transaction, and answers
    /// once it is committed. Everything a job reads to decide what to write (a version, an
    /// idempotency key) must be read inside the job, where it sees the writer's state.
    /// The job must not begin or commit a transaction of its own, and should not do slow
    /// work (hashing a password) that could be done before: every other write waits for it.
    pub async fn write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> AppResult<T> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<AppResult<T>>();
        let erased: Job = Box::new(move |conn| {
            let result = job(conn);
            let ok = result.is_ok();
            let deliver: Deliver = Box::new(move |commit_failed| {
                let result = match commit_failed {
                    None => result,
                    Some(e) => Err(AppError::Internal(format!("commit failed: {e}"))),
                };
                // The handler may have gone (client hung up): the write stands anyway.
                let _ = answer.send(result);
            });
            (ok, deliver)
        });
        self.queue
            .send(Message::Job(erased))
            .await
            .map_err(|_| AppError::Internal("the writer has stopped".into()))?;
        // A dropped answer means the job never finished: it panicked, or its batch failed.
        answered
            .await
            .map_err(|_| AppError::Internal("the write was not committed".into()))?
    }

    pub fn stats(&self) -> WriterStats {
        WriterStats {
            jobs: self.counters.jobs.load(Ordering::Relaxed),
            commits: self.counters.commits.load(Ordering::Relaxed),
            retries: 0,
        }
    }

    /// Commits what is queued, refuses further writes and closes the connection.
    pub async fn close(&self) {
        {
            let Ok(mut closed) = self.closed.lock() else {
                return;
            };
            if *closed {
                return;
            }
            *closed = true;
        }
        let (done, stopped) = oneshot::channel();
        if self.queue.send(Message::Close(done)).await.is_ok() {
            let _ = stopped.await;
        }
    }
}

fn run(
    conn: Connection,
    mut messages: mpsc::Receiver<Message>,
    counters: &Counters,
    committed: std::sync::mpsc::SyncSender<()>,
) {
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    let mut closing = None;
    // Waits for one message, then takes every job already queued, up to the cap.
    while let Some(first) = messages.blocking_recv() {
        let mut next = Some(first);
        while let Some(message) = next.take() {
            match message {
                Message::Job(job) => batch.push(job),
                Message::Close(done) => {
                    // Later sends fail; what is queued still runs below.
                    messages.close();
                    closing = Some(done);
                }
            }
            if batch.len() < MAX_BATCH {
                next = messages.try_recv().ok();
            }
        }
        if !batch.is_empty() {
            counters
                .jobs
                .fetch_add(batch.len() as u64, Ordering::Relaxed);
            match commit_batch(&conn, &mut batch) {
                Ok(answers) => {
                    counters.commits.fetch_add(1, Ordering::Relaxed);
                    for deliver in answers {
                        deliver(None);
                    }
                    // Full means a nudge is already waiting.
                    let _ = committed.try_send(());
                }
                Err(e) => tracing::error!(error = %e, "a write batch failed"),
            }
            // Jobs not reached when a batch failed are dropped unanswered: their handlers
            // get an error.
            batch.clear();
        }
    }
    if let Err((_, e)) = conn.close() {
        tracing::warn!(error = %e, "closing the writer connection");
    }
    if let Some(done) = closing {
        let _ = done.send(());
    }
}

/// Copies committed pages from the WAL into the database file, on its own connection and
/// thread, so that the writer's own checkpoints (SQLite's, inside the COMMIT that takes the
/// WAL past 1,000 pages) find little left to copy and stall the writes waiting only
/// briefly. PASSIVE never blocks the writer or the readers. Ends with the writer.
fn checkpoint(conn: Connection, commits: std::sync::mpsc::Receiver<()>) {
    while commits.recv().is_ok() {
        if let Err(e) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(error = %e, "checkpoint");
        }
        // Batches commits arriving meanwhile into the next round.
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn exec(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([])?;
    Ok(())
}

/// One transaction for the whole batch. After the COMMIT, the answers to hand out; if
/// anything failed, nothing of the batch stays and its jobs get errors, not answers.
fn commit_batch(conn: &Connection, batch: &mut Vec<Job>) -> rusqlite::Result<Vec<Deliver>> {
    let result = run_batch(conn, batch);
    if result.is_err() && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    result
}

fn run_batch(conn: &Connection, batch: &mut Vec<Job>) -> rusqlite::Result<Vec<Deliver>> {
    exec(conn, "BEGIN IMMEDIATE")?;
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch.drain(..) {
        exec(conn, "SAVEPOINT job")?;
        match std::panic::catch_unwind(AssertUnwindSafe(|| job(conn))) {
            Ok((true, deliver)) => {
                exec(conn, "RELEASE job")?;
                answers.push(deliver);
            }
            Ok((false, deliver)) => {
                exec(conn, "ROLLBACK TO job")?;
                exec(conn, "RELEASE job")?;
                answers.push(deliver);
            }
            Err(_) => {
                // The panic was already reported by the hook; the handler sees its answer
                // channel dropped and answers 500.
                exec(conn, "ROLLBACK TO job")?;
                exec(conn, "RELEASE job")?;
            }
        }
    }
    if let Err(e) = exec(conn, "COMMIT") {
        for deliver in answers {
            deliver(Some(&e));
        }
        return Err(e);
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;

    async fn writer() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let db = crate::db::connect(&url).await.unwrap();
        db.write(|conn| Ok(conn.execute("CREATE TABLE t (v TEXT NOT NULL UNIQUE)", ())?))
            .await
            .unwrap();
        (dir, db)
    }

    /// The writer itself, whose jobs run on the bare SQLite connection.
    fn w(db: &Db) -> &Writer {
        db.sqlite_writer().expect("a SQLite database")
    }

    fn insert(v: &'static str, fail: bool) -> impl FnOnce(&Connection) -> AppResult<&'static str> {
        move |conn| {
            conn.execute("INSERT INTO t (v) VALUES (?1)", [v])?;
            if fail {
                return Err(AppError::VersionConflict);
            }
            Ok(v)
        }
    }

    async fn stored(db: &Db) -> Vec<String> {
        db.read(|c| {
            let mut query = c.prepare_cached("SELECT v FROM t ORDER BY v")?;
            let rows = query.query_map((), |r| r.get(0))?;
            Ok(rows.collect::<Result<Vec<String>, _>>()?)
        })
        .await
        .unwrap()
    }

    /// The writer thread is held up by a first job, so the next ones all queue meanwhile.
    async fn hold_writer(db: &Db) -> tokio::sync::oneshot::Sender<()> {
        let (release, held) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel();
        let db = db.clone();
        tokio::spawn(async move {
            w(&db)
                .write(move |_| {
                    let _ = started.send(());
                    let _ = held.recv();
                    Ok(())
                })
                .await
        });
        running.await.unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = rx.await;
            let _ = release.send(());
        });
        tx
    }

    /// Queues `count` successful inserts while the writer is held, lets it go, and gives
    /// the writer's counts from before and after.
    async fn queue_behind_held_job(db: &Db, count: usize) -> (WriterStats, WriterStats) {
        let release = hold_writer(db).await;
        let before = db.writer_stats();
        let names: Vec<&'static str> = (0..count)
            .map(|i| &*Box::leak(format!("row{i:03}").into_boxed_str()))
            .collect();
        let writes =
            futures_util::future::join_all(names.iter().map(|v| w(db).write(insert(v, false))));
        let (answers, _) = tokio::join!(writes, async {
            tokio::task::yield_now().await;
            release.send(()).unwrap();
        });
        assert!(answers.iter().all(Result::is_ok));
        (before, db.writer_stats())
    }

    #[tokio::test]
    async fn jobs_waiting_together_commit_together() {
        let (_dir, db) = writer().await;
        let (before, after) = queue_behind_held_job(&db, 50).await;
        assert_eq!(after.jobs - before.jobs, 50);
        // The held job's own commit, then one for the 50.
        assert_eq!(after.commits - before.commits, 2, "one COMMIT for the 50");
        assert_eq!(stored(&db).await.len(), 50);
    }

    #[tokio::test]
    async fn a_batch_holds_at_most_max_batch_jobs() {
        let (_dir, db) = writer().await;
        let (before, after) = queue_behind_held_job(&db, MAX_BATCH + 1).await;
        assert_eq!(after.jobs - before.jobs, MAX_BATCH as u64 + 1);
        // The held job's commit, one for a full batch, one for the job left over.
        assert_eq!(after.commits - before.commits, 3);
        assert_eq!(stored(&db).await.len(), MAX_BATCH + 1);
    }

    #[tokio::test]
    async fn a_failing_job_is_rolled_back_alone() {
        let (_dir, db) = writer().await;
        let release = hold_writer(&db).await;
        let before = db.writer_stats();
        let (a, b, c, d, _) = tokio::join!(
            w(&db).write(insert("a", false)),
            w(&db).write(insert("b", true)),
            // Breaks the UNIQUE constraint: a database error, not a refusal.
            w(&db).write(insert("a", false)),
            w(&db).write(insert("c", false)),
            async {
                tokio::task::yield_now().await;
                release.send(()).unwrap();
            },
        );
        assert_eq!(a.unwrap(), "a");
        assert!(matches!(b, Err(AppError::VersionConflict)), "{b:?}");
        assert!(matches!(c, Err(AppError::Internal(_))), "{c:?}");
        assert_eq!(d.unwrap(), "c");
        assert_eq!(stored(&db).await, ["a", "c"], "b's insert was rolled back");
        // The held job's commit, then one for the four.
        assert_eq!(db.writer_stats().commits - before.commits, 2);
    }

    /// A batch that fails after it began (here a job that breaks the writer's savepoint,
    /// as a failing COMMIT or a full disk would) is rolled back whole, and the next batch
    /// starts a transaction of its own.
    #[tokio::test]
    async fn a_batch_failing_midway_is_rolled_back_and_the_writer_goes_on() {
        let (_dir, db) = writer().await;
        let release = hold_writer(&db).await;
        let (a, broken, _) = tokio::join!(
            w(&db).write(insert("a", false)),
            w(&db).write(|conn| -> AppResult<()> {
                conn.execute_batch("RELEASE job")?;
                Ok(())
            }),
            async {
                tokio::task::yield_now().await;
                release.send(()).unwrap();
            },
        );
        assert!(a.is_err(), "{a:?}: its batch did not commit");
        assert!(broken.is_err(), "{broken:?}");
        assert_eq!(w(&db).write(insert("b", false)).await.unwrap(), "b");
        assert_eq!(
            stored(&db).await,
            ["b"],
            "nothing of the failed batch stayed"
        );
    }

    #[tokio::test]
    async fn a_panicking_job_fails_alone_and_the_writer_goes_on() {
        let (_dir, db) = writer().await;
        let release = hold_writer(&db).await;
        let (a, panicked, _) = tokio::join!(
            w(&db).write(insert("a", false)),
            w(&db).write(|conn| -> AppResult<()> {
                conn.execute("INSERT INTO t (v) VALUES ('p')", [])?;
                panic!("a bug in a handler");
            }),
            async {
                tokio::task::yield_now().await;
                release.send(()).unwrap();
            },
        );
        assert_eq!(a.unwrap(), "a");
        assert!(matches!(panicked, Err(AppError::Internal(_))));
        assert_eq!(w(&db).write(insert("b", false)).await.unwrap(), "b");
        assert_eq!(stored(&db).await, ["a", "b"]);
    }

    #[tokio::test]
    async fn the_writer_commits_durably_and_readers_cannot_write() {
        let (_dir, db) = writer().await;
        let (sync, journal): (i64, String) = db
            .write(|conn| {
                let sync = conn.query_row("PRAGMA synchronous", (), |r| r.get(0))?;
                let journal = conn.query_row("PRAGMA journal_mode", (), |r| r.get(0))?;
                Ok((sync, journal))
            })
            .await
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(journal, "wal");
        let write = db
            .read(|c| Ok(c.execute("INSERT INTO t (v) VALUES ('r')", ())?))
            .await;
        assert!(write.is_err(), "the read connections are read-only");
    }

    #[tokio::test]
    async fn close_commits_what_is_queued_then_refuses() {
        let (_dir, db) = writer().await;
        let release = hold_writer(&db).await;
        let (queued, (), _) = tokio::join!(
            w(&db).write(insert("q", false)),
            async {
                tokio::task::yield_now().await;
                db.close().await
            },
            async {
                tokio::task::yield_now().await;
                tokio::task::yield_now().await;
                release.send(()).unwrap();
            },
        );
        assert_eq!(queued.unwrap(), "q");
        assert!(w(&db).write(insert("late", false)).await.is_err());
        assert_eq!(stored(&db).await, ["q"]);
    }
}
