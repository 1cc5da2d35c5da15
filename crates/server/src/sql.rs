//! One way to run SQL on either database, so the data layer (`store`) has one text per
//! query and one mapping per row, whichever database the server was started on.
//!
//! It is the small part of rusqlite's interface the store uses (`prepare_cached`,
//! `execute`, `query_row`, `query_map`, `Row::get`, `params!`, `optional`), run either by
//! rusqlite or by the blocking `postgres` client. Queries are written once, with SQLite's
//! numbered placeholders (`?1`), which become PostgreSQL's (`$1`) the first time a
//! statement is prepared there; what else differs is avoided in the SQL itself (`COALESCE`
//! rather than `IFNULL`, `TRUE`/`FALSE` for yes/no columns, `RETURNING` for new ids).

use std::{cell::RefCell, collections::HashMap, error::Error as StdError, fmt};

use postgres::types::{to_sql_checked, IsNull, ToSql as PgToSql, Type};

/// A failed statement on either database.
#[derive(Debug)]
pub enum Error {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// `query_row` found no row.
    NoRows,
    /// A column could not be read as the type asked for.
    Conversion(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => write!(f, "{e}"),
            Error::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}: {}", db.code().code(), db.message()),
                None => write!(f, "{e}"),
            },
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Conversion(e) => write!(f, "column conversion: {e}"),
        }
    }
}

impl StdError for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

impl Error {
    /// Whether a unique constraint refused the statement, and which (PostgreSQL's
    /// constraint name, SQLite's `table.column` list).
    pub fn unique_violation(&self) -> Option<String> {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, Some(message)))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
            {
                Some(message.clone())
            }
            Error::Postgres(e) => e.as_db_error().and_then(|db| {
                (db.code() == &postgres::error::SqlState::UNIQUE_VIOLATION)
                    .then(|| db.constraint().unwrap_or_default().to_owned())
            }),
            _ => None,
        }
    }

    /// Whether PostgreSQL gave up the transaction because a concurrent one conflicted
    /// with it (serialization failure or deadlock): run again, it will see the other's
    /// outcome.
    pub fn is_contention(&self) -> bool {
        use postgres::error::SqlState;
        match self {
            Error::Postgres(e) => matches!(
                e.code(),
                Some(c) if c == &SqlState::T_R_SERIALIZATION_FAILURE || c == &SqlState::T_R_DEADLOCK_DETECTED
            ),
            _ => false,
        }
    }
}

/// `query_row`'s "no row" as `None`, as rusqlite's trait of the same name.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A parameter's value, borrowed from the caller.
#[derive(Clone, Copy, Debug)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Bool(bool),
    Text(&'a str),
}

/// What can be bound to a placeholder.
pub trait ToParam {
    fn value(&self) -> Value<'_>;
}

impl ToParam for i64 {
    fn value(&self) -> Value<'_> {
        Value::Int(*self)
    }
}
impl ToParam for i32 {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToParam for u32 {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}
impl ToParam for bool {
    fn value(&self) -> Value<'_> {
        Value::Bool(*self)
    }
}
impl ToParam for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl ToParam for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}
impl<T: ToParam> ToParam for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, ToParam::value)
    }
}
impl ToParam for Value<'_> {
    fn value(&self) -> Value<'_> {
        *self
    }
}
impl<T: ToParam + ?Sized> ToParam for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

/// A statement's parameters: `params![a, b]`, an array of one type, or `()` for none.
pub trait Params {
    fn values(&self) -> Vec<Value<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<Value<'_>> {
        Vec::new()
    }
}
impl<T: ToParam, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(ToParam::value).collect()
    }
}
impl<T: ToParam> Params for &[T] {
    fn values(&self) -> Vec<Value<'_>> {
        self.iter().map(ToParam::value).collect()
    }
}

/// Parameters of different types, as rusqlite's macro of the same name.
#[macro_export]
macro_rules! params {
    () => { &[] as &[&dyn $crate::sql::ToParam] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::sql::ToParam),+] as &[&dyn $crate::sql::ToParam] };
}
pub use params;

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput::Borrowed, ValueRef};
        Ok(Borrowed(match *self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Bool(b) => ValueRef::Integer(i64::from(b)),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

/// Binds by the type PostgreSQL inferred for the placeholder, as SQLite would take any:
/// an integer into any integer column (or a yes/no one), text into text.
impl PgToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match *self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT4 => i32::try_from(i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(i)?.to_sql(ty, out),
                Type::BOOL => (i != 0).to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Value::Bool(b) => match *ty {
                Type::INT8 => i64::from(b).to_sql(ty, out),
                Type::INT4 => i32::from(b).to_sql(ty, out),
                _ => b.to_sql(ty, out),
            },
            Value::Text(s) => s.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        // Checked per value in `to_sql`, which errs on a type it cannot fill.
        true
    }

    to_sql_checked!();
}

/// A column value read into a Rust type, from either database.
pub trait FromSql: rusqlite::types::FromSql + Sized {
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self>;
}

fn pg_type(row: &postgres::Row, idx: usize) -> Result<&Type> {
    row.columns()
        .get(idx)
        .map(|c| c.type_())
        .ok_or_else(|| Error::Conversion(format!("no column {idx}")))
}

impl FromSql for i64 {
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(match *pg_type(row, idx)? {
            Type::INT4 => i64::from(row.try_get::<_, i32>(idx)?),
            Type::INT2 => i64::from(row.try_get::<_, i16>(idx)?),
            Type::BOOL => i64::from(row.try_get::<_, bool>(idx)?),
            _ => row.try_get(idx)?,
        })
    }
}

impl FromSql for bool {
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(match *pg_type(row, idx)? {
            Type::BOOL => row.try_get(idx)?,
            _ => i64::from_pg(row, idx)? != 0,
        })
    }
}

impl FromSql for String {
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        Ok(row.try_get(idx)?)
    }
}

impl<T: FromSql> FromSql for Option<T> {
    fn from_pg(row: &postgres::Row, idx: usize) -> Result<Self> {
        if row.try_get::<_, Present>(idx)?.0 {
            T::from_pg(row, idx).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// Whether a column is not NULL, whatever its type.
struct Present(bool);

impl<'a> postgres::types::FromSql<'a> for Present {
    fn from_sql(
        _: &Type,
        _: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Present(true))
    }
    fn from_sql_null(_: &Type) -> std::result::Result<Self, Box<dyn StdError + Sync + Send>> {
        Ok(Present(false))
    }
    fn accepts(_: &Type) -> bool {
        true
    }
}

/// One row of a result, from either database.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// Column `idx` (from 0) as `T`.
    pub fn get<T: FromSql>(&self, idx: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => Ok(r.get(idx)?),
            Row::Postgres(r) => T::from_pg(r, idx),
        }
    }
}

/// Prepared statements of one PostgreSQL connection, by their SQL as written for SQLite.
pub type StatementCache = HashMap<String, postgres::Statement>;

/// A PostgreSQL transaction with its connection's statement cache.
pub struct PgTx<'a> {
    tx: RefCell<postgres::Transaction<'a>>,
    cache: RefCell<&'a mut StatementCache>,
}

impl<'a> PgTx<'a> {
    pub fn new(tx: postgres::Transaction<'a>, cache: &'a mut StatementCache) -> PgTx<'a> {
        PgTx {
            tx: RefCell::new(tx),
            cache: RefCell::new(cache),
        }
    }

    pub fn commit(self) -> Result<()> {
        Ok(self.tx.into_inner().commit()?)
    }

    fn statement(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(statement) = self.cache.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.tx.borrow_mut().prepare(&postgres_placeholders(sql))?;
        self.cache
            .borrow_mut()
            .insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }
}

/// A connection (SQLite) or a transaction (PostgreSQL) that the store's functions run on.
pub enum Conn<'a> {
    Sqlite(&'a rusqlite::Connection),
    Postgres(PgTx<'a>),
}

impl<'a> Conn<'a> {
    /// A statement, prepared once per connection and kept.
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        Ok(match self {
            Conn::Sqlite(c) => Stmt::Sqlite(c.prepare_cached(sql)?),
            Conn::Postgres(tx) => Stmt::Postgres(tx, tx.statement(sql)?),
        })
    }

    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// A prepared statement.
pub enum Stmt<'c> {
    Sqlite(rusqlite::CachedStatement<'c>),
    Postgres(&'c dyn PgRun, postgres::Statement),
}

/// What a statement needs of a PostgreSQL transaction (its lifetime erased).
pub trait PgRun {
    fn run_query(&self, s: &postgres::Statement, values: &[Value]) -> Result<Vec<postgres::Row>>;
    fn run_execute(&self, s: &postgres::Statement, values: &[Value]) -> Result<usize>;
}

impl PgRun for PgTx<'_> {
    fn run_query(&self, s: &postgres::Statement, values: &[Value]) -> Result<Vec<postgres::Row>> {
        Ok(self.tx.borrow_mut().query(s, &pg_params(values))?)
    }
    fn run_execute(&self, s: &postgres::Statement, values: &[Value]) -> Result<usize> {
        Ok(self.tx.borrow_mut().execute(s, &pg_params(values))? as usize)
    }
}

/// The values as the `postgres` client takes them.
fn pg_params<'v>(values: &'v [Value]) -> Vec<&'v (dyn PgToSql + Sync)> {
    values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

impl Stmt<'_> {
    /// Runs it; the number of rows changed.
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        let values = params.values();
        match self {
            Stmt::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(values.iter()))?),
            Stmt::Postgres(tx, s) => tx.run_execute(s, &values),
        }
    }

    /// The first row, through `f`; `Error::NoRows` when there is none.
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        let values = params.values();
        match self {
            Stmt::Sqlite(s) => {
                let mut rows = s.query(rusqlite::params_from_iter(values.iter()))?;
                match rows.next()? {
                    Some(r) => f(&Row::Sqlite(r)),
                    None => Err(Error::NoRows),
                }
            }
            Stmt::Postgres(tx, s) => match tx.run_query(s, &values)?.first() {
                Some(r) => f(&Row::Postgres(r)),
                None => Err(Error::NoRows),
            },
        }
    }

    /// Every row, through `f`.
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let values = params.values();
        let mapped: Vec<Result<T>> = match self {
            Stmt::Sqlite(s) => {
                let mut rows = s.query(rusqlite::params_from_iter(values.iter()))?;
                let mut mapped = Vec::new();
                while let Some(r) = rows.next()? {
                    mapped.push(f(&Row::Sqlite(r)));
                }
                mapped
            }
            Stmt::Postgres(tx, s) => tx
                .run_query(s, &values)?
                .iter()
                .map(|r| f(&Row::Postgres(r)))
                .collect(),
        };
        Ok(mapped.into_iter())
    }
}

/// SQLite's `?N` (and bare `?`) placeholders as PostgreSQL's `$N`, outside quoted text.
pub fn postgres_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 1;
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c != '?' || quoted {
            out.push(c);
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(*d);
            chars.next();
        }
        if digits.is_empty() {
            digits = next.to_string();
            next += 1;
        }
        out.push('$');
        out.push_str(&digits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_postgres_ones_outside_quoted_text() {
        assert_eq!(
            postgres_placeholders("SELECT a FROM t WHERE b = ?1 AND c = ?12 AND d = '?3'"),
            "SELECT a FROM t WHERE b = $1 AND c = $12 AND d = '?3'"
        );
        assert_eq!(
            postgres_placeholders("VALUES (?, ?, 'it''s ?')"),
            "VALUES ($1, $2, 'it''s ?')"
        );
    }

    #[test]
    fn no_row_is_none_and_other_errors_stay() {
        assert_eq!(Err::<i64, _>(Error::NoRows).optional().unwrap(), None);
        assert_eq!(Ok::<_, Error>(3).optional().unwrap(), Some(3));
        assert!(Err::<i64, _>(Error::Conversion("x".into()))
            .optional()
            .is_err());
    }

    #[test]
    fn sqlite_runs_the_same_calls() {
        let db = rusqlite::Connection::open_in_memory().unwrap();
        let conn = Conn::Sqlite(&db);
        conn.execute("CREATE TABLE t (a INTEGER, b TEXT, c BOOLEAN)", ())
            .unwrap();
        let n = conn
            .execute(
                "INSERT INTO t VALUES (?1, ?2, ?3), (?4, NULL, FALSE)",
                params![7_i64, "x", true, 8_i64],
            )
            .unwrap();
        assert_eq!(n, 2);
        let rows: Vec<(i64, Option<String>, bool)> = conn
            .prepare_cached("SELECT a, b, c FROM t ORDER BY a")
            .unwrap()
            .query_map((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(rows, [(7, Some("x".into()), true), (8, None, false)]);
        let none = conn
            .query_row("SELECT a FROM t WHERE a = ?1", [9_i64], |r| r.get::<i64>(0))
            .optional()
            .unwrap();
        assert_eq!(none, None);
    }
}
