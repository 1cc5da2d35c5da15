//! The one connection that writes, behind a queue, committing the writes that wait together.
//!
//! With `synchronous=FULL` every COMMIT waits for the disk (about 3,600 a second here), so
//! committing each request's transaction alone caps saving at that rate, and many writers
//! contending for SQLite's lock wait in its busy handler, which sleeps. Instead every write is
//! a job sent to one task that owns the only writing connection. The task takes the first
//! job and then every job already waiting, runs them in one `BEGIN IMMEDIATE` transaction,
//! each inside its own savepoint (a failing job is rolled back alone and gets its own error),
//! and commits once. Only after that COMMIT has returned, and so is on disk, does any job get
//! its answer: an answered write survives a power cut.

use std::{
    future::Future,
    panic::AssertUnwindSafe,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex,
    },
};

use futures_util::FutureExt;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{mpsc, oneshot};

use crate::error::{AppError, AppResult};

/// The most jobs committed together. Enough to cover the jobs that arrive during one
/// commit at thousands a second; small enough that one batch never holds the lock for long.
const MAX_BATCH: usize = 256;

/// Jobs that may wait before `write` itself waits for room (backpressure on the handlers).
const QUEUE: usize = 4096;

/// The future of a job, borrowing the writer's connection.
pub type JobFuture<'c, T> = Pin<Box<dyn Future<Output = AppResult<T>> + Send + 'c>>;

/// What the writer does after the commit: hand the job's result (or the commit's failure)
/// to the waiting handler.
type Deliver = Box<dyn FnOnce(Option<&sqlx::Error>) + Send>;

/// A job with its result type erased: runs, then says whether it succeeded and how to answer.
type Job = Box<
    dyn for<'c> FnOnce(
            &'c mut SqliteConnection,
        ) -> Pin<Box<dyn Future<Output = (bool, Deliver)> + Send + 'c>>
        + Send,
>;

/// How much the writer has done: jobs run and transactions committed. Their ratio is
/// the average batch size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriterStats {
    pub jobs: u64,
    pub commits: u64,
}

#[derive(Default)]
struct Counters {
    jobs: AtomicU64,
    commits: AtomicU64,
}

/// A handle to the writer task; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<Job>,
    counters: Arc<Counters>,
    /// Asks the task to stop (after the jobs already queued), and hears that it has.
    shutdown: Arc<Mutex<Option<Shutdown>>>,
}

/// The request to stop, and the signal that the task has stopped.
type Shutdown = (oneshot::Sender<()>, oneshot::Receiver<()>);

impl Writer {
    /// Starts the writer task, which owns `conn` until `close` or until every handle is dropped.
    pub fn start(conn: SqliteConnection) -> Writer {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let (close, closing) = oneshot::channel();
        let (done, stopped) = oneshot::channel();
        let counters = Arc::new(Counters::default());
        let counting = counters.clone();
        tokio::spawn(async move {
            run(conn, jobs, closing, &counting).await;
            let _ = done.send(());
        });
        Writer {
            queue,
            counters,
            shutdown: Arc::new(Mutex::new(Some((close, stopped)))),
        }
    }

    pub fn stats(&self) -> WriterStats {
        WriterStats {
            jobs: self.counters.jobs.load(Ordering::Relaxed),
            commits: self.counters.commits.load(Ordering::Relaxed),
        }
    }

    /// Commits what is queued, refuses further writes and closes the connection.
    pub async fn close(&self) {
        let shutdown = self.shutdown.lock().ok().and_then(|mut s| s.take());
        if let Some((close, stopped)) = shutdown {
            let _ = close.send(());
            let _ = stopped.await;
        }
    }

    /// Runs `job` on the writer's connection, inside the writer's transaction, and answers
    /// once it is committed. Everything a job reads to decide what to write (a version, an
    /// idempotency key) must be read inside the job, where it sees the writer's state.
    /// The job must not begin or commit a transaction of its own (a nested
    /// `Connection::begin` is fine: it becomes a savepoint).
    pub async fn write<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> JobFuture<'c, T> + Send + 'static,
    {
        let (answer, answered) = oneshot::channel::<AppResult<T>>();
        let erased: Job = Box::new(move |conn| {
            Box::pin(async move {
                let result = job(conn).await;
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
            })
        });
        self.queue
            .send(erased)
            .await
            .map_err(|_| AppError::Internal("the writer has stopped".into()))?;
        // A dropped answer means the job never finished: it panicked, or its batch failed.
        answered
            .await
            .map_err(|_| AppError::Internal("the write was not committed".into()))?
    }
}

async fn run(
    mut conn: SqliteConnection,
    mut jobs: mpsc::Receiver<Job>,
    mut closing: oneshot::Receiver<()>,
    counters: &Counters,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut open = true;
    loop {
        tokio::select! {
            // Waits for one job, then takes every job already queued, up to the cap.
            taken = jobs.recv_many(&mut batch, MAX_BATCH) => {
                if taken == 0 {
                    break;
                }
                counters.jobs.fetch_add(taken as u64, Ordering::Relaxed);
                match commit_batch(&mut conn, &mut batch).await {
                    Ok(()) => {
                        counters.commits.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(e) => tracing::error!(error = %e, "a write batch failed"),
                }
                // Jobs not reached when a batch failed are dropped unanswered: their
                // handlers get an error.
                batch.clear();
            }
            // Queued jobs still run; `recv_many` then answers 0 and the loop ends.
            _ = &mut closing, if open => {
                open = false;
                jobs.close();
            }
        }
    }
    if let Err(e) = conn.close().await {
        tracing::warn!(error = %e, "closing the writer connection");
    }
}

/// One transaction for the whole batch. Answers every job that ran, after the COMMIT.
async fn commit_batch(conn: &mut SqliteConnection, batch: &mut Vec<Job>) -> sqlx::Result<()> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch.drain(..) {
        let mut savepoint = Connection::begin(&mut *tx).await?;
        let outcome = AssertUnwindSafe(job(&mut savepoint)).catch_unwind().await;
        match outcome {
            Ok((true, deliver)) => {
                savepoint.commit().await?;
                answers.push(deliver);
            }
            Ok((false, deliver)) => {
                savepoint.rollback().await?;
                answers.push(deliver);
            }
            Err(_) => {
                // The panic was already reported by the hook; the handler sees its answer
                // channel dropped and answers 500.
                savepoint.rollback().await?;
            }
        }
    }
    let committed = tx.commit().await;
    let failure = committed.as_ref().err();
    for deliver in answers {
        deliver(failure);
    }
    committed
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn writer() -> (tempfile::TempDir, crate::db::Db) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let db = crate::db::connect(&url).await.unwrap();
        db.write(|conn| {
            Box::pin(async move {
                sqlx::query("CREATE TABLE t (v TEXT NOT NULL UNIQUE)")
                    .execute(conn)
                    .await?;
                Ok(())
            })
        })
        .await
        .unwrap();
        (dir, db)
    }

    fn insert(
        v: &'static str,
        fail: bool,
    ) -> impl for<'c> FnOnce(&'c mut SqliteConnection) -> JobFuture<'c, &'static str> {
        move |conn| {
            Box::pin(async move {
                sqlx::query("INSERT INTO t (v) VALUES (?1)")
                    .bind(v)
                    .execute(&mut *conn)
                    .await?;
                if fail {
                    return Err(AppError::VersionConflict);
                }
                Ok(v)
            })
        }
    }

    async fn stored(db: &crate::db::Db) -> Vec<String> {
        sqlx::query_scalar("SELECT v FROM t ORDER BY v")
            .fetch_all(db.read())
            .await
            .unwrap()
    }

    /// On this single-threaded runtime every `write` below queues its job before the
    /// writer task first runs, so they all land in one batch.
    #[tokio::test]
    async fn jobs_waiting_together_commit_together() {
        let (_dir, db) = writer().await;
        let before = db.writer_stats();
        let names: Vec<&'static str> = (0..50)
            .map(|i| &*Box::leak(format!("row{i:02}").into_boxed_str()))
            .collect();
        let answers =
            futures_util::future::join_all(names.iter().map(|v| db.write(insert(v, false)))).await;
        assert!(answers.iter().all(Result::is_ok));
        let after = db.writer_stats();
        assert_eq!(after.jobs - before.jobs, 50);
        assert_eq!(
            after.commits - before.commits,
            1,
            "one COMMIT for the batch"
        );
        assert_eq!(stored(&db).await.len(), 50);
    }

    #[tokio::test]
    async fn a_failing_job_is_rolled_back_alone() {
        let (_dir, db) = writer().await;
        let before = db.writer_stats();
        let (a, b, c, d) = tokio::join!(
            db.write(insert("a", false)),
            db.write(insert("b", true)),
            // Breaks the UNIQUE constraint: a database error, not a refusal.
            db.write(insert("a", false)),
            db.write(insert("c", false)),
        );
        assert_eq!(a.unwrap(), "a");
        assert!(matches!(b, Err(AppError::VersionConflict)), "{b:?}");
        assert!(matches!(c, Err(AppError::Internal(_))), "{c:?}");
        assert_eq!(d.unwrap(), "c");
        assert_eq!(stored(&db).await, ["a", "c"], "b's insert was rolled back");
        assert_eq!(db.writer_stats().commits - before.commits, 1);
    }

    #[tokio::test]
    async fn a_panicking_job_fails_alone_and_the_writer_goes_on() {
        let (_dir, db) = writer().await;
        let (a, panicked) = tokio::join!(
            db.write(insert("a", false)),
            db.write(|conn| {
                Box::pin(async move {
                    sqlx::query("INSERT INTO t (v) VALUES ('p')")
                        .execute(&mut *conn)
                        .await?;
                    panic!("a bug in a handler");
                    #[allow(unreachable_code)]
                    Ok(())
                })
            }),
        );
        assert_eq!(a.unwrap(), "a");
        assert!(matches!(panicked, Err(AppError::Internal(_))));
        assert_eq!(db.write(insert("b", false)).await.unwrap(), "b");
        assert_eq!(stored(&db).await, ["a", "b"]);
    }

    #[tokio::test]
    async fn the_writer_commits_durably_and_readers_cannot_write() {
        let (_dir, db) = writer().await;
        let (sync, journal): (i64, String) = db
            .write(|conn| {
                Box::pin(async move {
                    let sync = sqlx::query_scalar("PRAGMA synchronous")
                        .fetch_one(&mut *conn)
                        .await?;
                    let journal = sqlx::query_scalar("PRAGMA journal_mode")
                        .fetch_one(&mut *conn)
                        .await?;
                    Ok((sync, journal))
                })
            })
            .await
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        assert_eq!(journal, "wal");
        let write = sqlx::query("INSERT INTO t (v) VALUES ('r')")
            .execute(db.read())
            .await;
        assert!(write.is_err(), "the read pool is read-only");
    }

    #[tokio::test]
    async fn close_commits_what_is_queued_then_refuses() {
        let (_dir, db) = writer().await;
        let queued = db.write(insert("q", false));
        let ((), answer) = tokio::join!(
            async {
                tokio::task::yield_now().await;
                db.close().await
            },
            queued
        );
        assert_eq!(answer.unwrap(), "q");
        assert!(db.write(insert("late", false)).await.is_err());
    }
}
