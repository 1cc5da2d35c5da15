//! Settings, all from the environment so one binary serves development and production.

use std::{
    net::{IpAddr, SocketAddr},
    path::PathBuf,
    time::Duration,
};

use crate::mail::{MailConfig, SmtpTls};

#[derive(Clone, Debug)]
pub struct Config {
    /// `KLEVER_BIND`, default `127.0.0.1:8080`.
    pub bind: SocketAddr,
    /// `DATABASE_URL`, default `sqlite://data/klever.db` (created if missing).
    pub database_url: String,
    /// `KLEVER_STATIC_DIR`: the built app (Trunk's `dist`), default `dist`.
    pub static_dir: PathBuf,
    /// `KLEVER_COOKIE_SECURE`: set to `false` only for plain-HTTP localhost. Default `true`.
    pub cookie_secure: bool,
    /// `KLEVER_SESSION_IDLE_MINUTES`: a session unused this long is gone. Default 30.
    pub session_idle: Duration,
    /// `KLEVER_SESSION_LIFETIME_HOURS`: a session this old is gone, however much it is used
    /// (ASVS 3.3.2). Default 12.
    pub session_lifetime: Duration,
    /// `KLEVER_REAUTH_MINUTES`: how recently the password must have been entered for an
    /// email or phone change. Default 5.
    pub reauth_window: Duration,
    /// `KLEVER_DEMO_DATA`: seed demo customers into an empty database. Default `false`,
    /// so a real deployment never gets accounts with published passwords.
    pub demo_data: bool,
    /// `KLEVER_CLOCK_START`: an RFC 3339 instant in UTC (`2026-11-20T09:00:00Z`) at which the
    /// server's clock starts, running on in real time; only with `KLEVER_DEMO_DATA`, whose
    /// dated invoices then read the same on any day (the end-to-end tests). Unset: the
    /// system clock.
    pub clock_start: Option<i64>,
    /// `KLEVER_PUBLIC_ORIGIN`: where customers reach the app (`https://app.klever.fi`), for
    /// browsers that send `Origin` but not `Sec-Fetch-Site`. Unset: only `Sec-Fetch-Site`
    /// counts.
    pub public_origin: Option<String>,
    /// `KLEVER_TRUSTED_PROXIES`: addresses of the proxies (load balancers) in front, comma
    /// separated. Only from these is `X-Forwarded-For` believed as to who the client is;
    /// unset, the client is whoever opened the connection.
    pub trusted_proxies: Vec<IpAddr>,
    /// `KLEVER_SMTP_*` and `KLEVER_MAIL_*`: where the outbox's messages are delivered.
    /// Unset (no `KLEVER_SMTP_HOST`): they stay in the outbox, each noted in the log.
    pub mail: Option<MailConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://data/klever.db".into(),
            static_dir: PathBuf::from("dist"),
            cookie_secure: true,
            session_idle: Duration::from_secs(30 * 60),
            session_lifetime: Duration::from_secs(12 * 3600),
            reauth_window: Duration::from_secs(5 * 60),
            demo_data: false,
            clock_start: None,
            public_origin: None,
            trusted_proxies: Vec::new(),
            mail: None,
        }
    }
}

impl Config {
    /// Which sessions are live at `now`: neither idle too long nor too old.
    pub fn live_sessions(&self, now: i64) -> crate::store::sessions::Live {
        crate::store::sessions::Live {
            seen_after: now - self.session_idle.as_secs() as i64,
            started_after: now - self.session_lifetime.as_secs() as i64,
        }
    }

    pub fn from_env() -> Result<Self, String> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let mut config = Config::default();
        if let Some(v) = lookup("KLEVER_BIND") {
            config.bind = v.parse().map_err(|e| format!("KLEVER_BIND={v:?}: {e}"))?;
        }
        if let Some(v) = lookup("DATABASE_URL") {
            database(&v)?;
            config.database_url = v;
        }
        if let Some(v) = lookup("KLEVER_STATIC_DIR") {
            config.static_dir = PathBuf::from(v);
        }
        if let Some(v) = lookup("KLEVER_COOKIE_SECURE") {
            config.cookie_secure = parse_bool("KLEVER_COOKIE_SECURE", &v)?;
        }
        if let Some(v) = lookup("KLEVER_SESSION_IDLE_MINUTES") {
            config.session_idle = parse_minutes("KLEVER_SESSION_IDLE_MINUTES", &v)?;
        }
        if let Some(v) = lookup("KLEVER_SESSION_LIFETIME_HOURS") {
            // Hours read as minutes, times 60: the same positive-number check.
            config.session_lifetime = parse_minutes("KLEVER_SESSION_LIFETIME_HOURS", &v)? * 60;
        }
        if let Some(v) = lookup("KLEVER_REAUTH_MINUTES") {
            config.reauth_window = parse_minutes("KLEVER_REAUTH_MINUTES", &v)?;
        }
        if let Some(v) = lookup("KLEVER_DEMO_DATA") {
            config.demo_data = parse_bool("KLEVER_DEMO_DATA", &v)?;
        }
        if let Some(v) = lookup("KLEVER_CLOCK_START") {
            let start = crate::clock::parse_rfc3339(v.trim()).ok_or_else(|| {
                format!(
                    "KLEVER_CLOCK_START={v:?}: expected an instant in UTC, as 2026-11-20T09:00:00Z"
                )
            })?;
            // A real deployment on a moved clock would misdate every record it writes.
            if !config.demo_data {
                return Err(
                    "KLEVER_CLOCK_START is only for the demo data: set KLEVER_DEMO_DATA=true, or unset KLEVER_CLOCK_START".into(),
                );
            }
            config.clock_start = Some(start);
        }
        if let Some(v) = lookup("KLEVER_PUBLIC_ORIGIN") {
            config.public_origin = Some(parse_origin(&v)?);
        }
        if let Some(v) = lookup("KLEVER_TRUSTED_PROXIES") {
            config.trusted_proxies = parse_addresses("KLEVER_TRUSTED_PROXIES", &v)?;
        }
        config.mail = mail_settings(&lookup)?;
        Ok(config)
    }
}

/// The mail settings, if `KLEVER_SMTP_HOST` is set; every other one is then checked too,
/// so a typo stops the server at start rather than losing mail later.
fn mail_settings(lookup: &impl Fn(&str) -> Option<String>) -> Result<Option<MailConfig>, String> {
    let Some(host) = lookup("KLEVER_SMTP_HOST").filter(|h| !h.trim().is_empty()) else {
        return Ok(None);
    };
    let tls = match lookup("KLEVER_SMTP_TLS") {
        Some(v) => SmtpTls::parse(&v)?,
        None => SmtpTls::StartTls,
    };
    let port = match lookup("KLEVER_SMTP_PORT") {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| format!("KLEVER_SMTP_PORT={v:?}: expected a port number, as 587"))?,
        None => tls.default_port(),
    };
    let password = match (
        lookup("KLEVER_SMTP_PASSWORD"),
        lookup("KLEVER_SMTP_PASSWORD_FILE"),
    ) {
        (Some(_), Some(_)) => {
            return Err("set KLEVER_SMTP_PASSWORD or KLEVER_SMTP_PASSWORD_FILE, not both".into())
        }
        (Some(p), None) => Some(p),
        // A secret mounted as a file (Docker, Kubernetes); its last line break is not part
        // of the password.
        (None, Some(file)) => Some(
            std::fs::read_to_string(&file)
                .map_err(|e| format!("KLEVER_SMTP_PASSWORD_FILE={file:?}: cannot read it: {e}"))?
                .trim_end_matches(['\r', '\n'])
                .to_owned(),
        ),
        (None, None) => None,
    };
    let credentials = match (lookup("KLEVER_SMTP_USER"), password) {
        (Some(user), Some(password)) => Some((user, password)),
        (None, None) => None,
        (Some(_), None) => {
            return Err("KLEVER_SMTP_USER is set without KLEVER_SMTP_PASSWORD(_FILE)".into())
        }
        (None, Some(_)) => {
            return Err("KLEVER_SMTP_PASSWORD(_FILE) is set without KLEVER_SMTP_USER".into())
        }
    };
    let from = lookup("KLEVER_MAIL_FROM").ok_or(
        "KLEVER_SMTP_HOST is set but KLEVER_MAIL_FROM is not: the sender, as \
         \"Kleverapp <no-reply@klever.fi>\"",
    )?;
    let from = from.parse().map_err(|e| {
        format!("KLEVER_MAIL_FROM={from:?}: {e}; expected an address, as \"Kleverapp <no-reply@klever.fi>\"")
    })?;
    let mut mail = MailConfig {
        host: host.trim().to_owned(),
        port,
        tls,
        credentials,
        from,
        ..MailConfig::plain("localhost", 25, "a@b.c")
    };
    if let Some(v) = lookup("KLEVER_MAIL_MAX_TRIES") {
        mail.max_tries = v.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("KLEVER_MAIL_MAX_TRIES={v:?}: expected a whole number above 0")
        })?;
    }
    if let Some(v) = lookup("KLEVER_MAIL_RETRY_SECONDS") {
        let secs: u64 = v.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("KLEVER_MAIL_RETRY_SECONDS={v:?}: expected a whole number above 0")
        })?;
        mail.retry_after = Duration::from_secs(secs);
    }
    Ok(Some(mail))
}

/// Which database a `DATABASE_URL` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Database {
    /// The embedded database in this file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by its URL (which may hold a password: never logged).
    Postgres(String),
}

const DATABASE_FIX: &str =
    "DATABASE_URL must be sqlite://PATH, a database file (created if missing), \
     or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE";

/// Reads a `DATABASE_URL`. Anything it cannot use is refused with what to write instead,
/// rather than taken for a file name: a `postgres://` URL once made a folder named
/// `postgres:` and a SQLite database inside it.
pub fn database(url: &str) -> Result<Database, String> {
    let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
    match scheme {
        "postgres" | "postgresql" => {
            // Only what is wrong, not the URL: it may hold a password.
            let parsed: postgres::Config = url.parse().map_err(|e| {
                format!(
                    "DATABASE_URL is a PostgreSQL URL that cannot be read ({e}). {DATABASE_FIX}"
                )
            })?;
            if parsed.get_dbname().is_none() {
                return Err(format!(
                    "DATABASE_URL is a PostgreSQL URL without a database name. {DATABASE_FIX}"
                ));
            }
            Ok(Database::Postgres(url.to_owned()))
        }
        _ => sqlite_path(url).map(Database::Sqlite),
    }
}

/// The file of a `sqlite://PATH` (or `sqlite:PATH`) database URL.
pub fn sqlite_path(url: &str) -> Result<PathBuf, String> {
    let fix = DATABASE_FIX;
    let Some(rest) = url.strip_prefix("sqlite:") else {
        let scheme = url.split_once("://").map_or("", |(scheme, _)| scheme);
        return Err(match scheme {
            "" => format!("DATABASE_URL={url:?} is no URL. {fix}"),
            // Only the scheme: the rest may hold a password.
            other => {
                format!("DATABASE_URL is a {other}:// URL, which this server cannot use. {fix}")
            }
        });
    };
    let path = rest.strip_prefix("//").unwrap_or(rest);
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    if path.is_empty() {
        return Err(format!("DATABASE_URL={url:?} names no file. {fix}"));
    }
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(format!(
            "DATABASE_URL={url:?} is an in-memory database, which the server's connections cannot share. {fix}"
        ));
    }
    Ok(PathBuf::from(path))
}

/// `scheme://host[:port]`, as browsers send it in `Origin`: no path, no trailing slash.
fn parse_origin(value: &str) -> Result<String, String> {
    let origin = value.trim();
    let ok = ["https://", "http://"].iter().any(|scheme| {
        origin.strip_prefix(scheme).is_some_and(|host| {
            !host.is_empty()
                && host.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
                })
        })
    });
    if ok {
        Ok(origin.to_ascii_lowercase())
    } else {
        Err(format!(
            "KLEVER_PUBLIC_ORIGIN={value:?}: expected scheme://host[:port], as https://app.klever.fi"
        ))
    }
}

/// A comma-separated list of IP addresses (not names, not ranges).
fn parse_addresses(key: &str, value: &str) -> Result<Vec<IpAddr>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse::<IpAddr>().map_err(|_| {
                format!("{key}: {a:?} is no IP address; expected addresses separated by commas, as 10.0.0.5,10.0.0.6")
            })
        })
        .collect()
}

fn parse_minutes(key: &str, value: &str) -> Result<Duration, String> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|m| *m > 0)
        .map(|m| Duration::from_secs(m * 60))
        .ok_or_else(|| format!("{key}={value:?}: a positive number of minutes"))
}

fn parse_bool(key: &str, value: &str) -> Result<bool, String> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("{key}={value:?}: expected true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let config = Config::from_lookup(|key| {
            Some(
                match key {
                    "KLEVER_BIND" => "0.0.0.0:9000",
                    "DATABASE_URL" => "sqlite:///var/lib/klever/klever.db",
                    "KLEVER_STATIC_DIR" => "/srv/app",
                    "KLEVER_COOKIE_SECURE" => "false",
                    "KLEVER_SESSION_IDLE_MINUTES" => "5",
                    "KLEVER_SESSION_LIFETIME_HOURS" => "8",
                    "KLEVER_DEMO_DATA" => "yes",
                    "KLEVER_REAUTH_MINUTES" => "2",
                    "KLEVER_PUBLIC_ORIGIN" => "https://App.Klever.fi",
                    "KLEVER_TRUSTED_PROXIES" => " 10.0.0.5, fd00::1 ",
                    "KLEVER_CLOCK_START" => "2026-11-20T09:00:00Z",
                    _ => return None,
                }
                .to_owned(),
            )
        })
        .unwrap();
        assert_eq!(config.bind.port(), 9000);
        assert_eq!(config.database_url, "sqlite:///var/lib/klever/klever.db");
        assert_eq!(config.static_dir, PathBuf::from("/srv/app"));
        assert!(!config.cookie_secure);
        assert_eq!(config.session_idle, Duration::from_secs(300));
        assert_eq!(config.session_lifetime, Duration::from_secs(8 * 3600));
        assert!(config.demo_data);
        assert_eq!(config.clock_start, Some(1_795_165_200));
        assert_eq!(config.reauth_window, Duration::from_secs(120));
        assert_eq!(
            config.public_origin.as_deref(),
            Some("https://app.klever.fi")
        );
        assert_eq!(
            config.trusted_proxies,
            [
                "10.0.0.5".parse::<IpAddr>().unwrap(),
                "fd00::1".parse().unwrap()
            ]
        );
    }

    #[test]
    fn defaults_are_safe_for_production() {
        let config = Config::from_lookup(|_| None).unwrap();
        assert!(config.cookie_secure);
        assert!(!config.demo_data);
        assert_eq!(config.clock_start, None, "the system clock");
    }

    #[test]
    fn a_clock_start_is_an_instant_in_utc_and_only_for_the_demo_data() {
        let read = |demo: &str, start: &str| {
            let (demo, start) = (demo.to_owned(), start.to_owned());
            Config::from_lookup(move |k| match k {
                "KLEVER_DEMO_DATA" => Some(demo.clone()),
                "KLEVER_CLOCK_START" => Some(start.clone()),
                _ => None,
            })
        };
        for bad in ["2026-11-20", "2026-11-20T09:00:00+02:00", "tomorrow", ""] {
            let error = read("true", bad).unwrap_err();
            assert!(
                error.starts_with("KLEVER_CLOCK_START=") && error.contains("2026-11-20T09:00:00Z"),
                "{bad}: {error}"
            );
        }
        let error = read("false", "2026-11-20T09:00:00Z").unwrap_err();
        assert!(error.contains("set KLEVER_DEMO_DATA=true"), "{error}");
        assert_eq!(
            read("true", " 2026-11-20T09:00:00Z ").unwrap().clock_start,
            Some(1_795_165_200)
        );
    }

    #[test]
    fn a_database_url_is_a_sqlite_file_a_postgres_server_or_refused_with_what_to_write() {
        for (url, path) in [
            ("sqlite://data/klever.db", "data/klever.db"),
            ("sqlite:data/klever.db", "data/klever.db"),
            ("sqlite:///var/lib/klever.db", "/var/lib/klever.db"),
            ("sqlite://data/klever.db?mode=rwc", "data/klever.db"),
        ] {
            assert_eq!(
                database(url),
                Ok(Database::Sqlite(PathBuf::from(path))),
                "{url}"
            );
        }
        for url in [
            "postgres://klever:s3cret@db.internal:5432/klever",
            "postgresql://db.internal/klever",
            "postgres://klever@127.0.0.1:5433/klever?connect_timeout=5",
        ] {
            assert_eq!(
                database(url),
                Ok(Database::Postgres(url.to_owned())),
                "{url}"
            );
        }
        for (url, says) in [
            (
                "postgres://klever:s3cret@db.internal:5432",
                "without a database name",
            ),
            (
                "postgres://klever:s3cret@db.internal:notaport/klever",
                "cannot be read",
            ),
            ("mysql://root:s3cret@localhost/klever", "a mysql:// URL"),
            ("data/klever.db", "is no URL"),
            ("sqlite://", "names no file"),
            ("sqlite::memory:", "in-memory"),
            ("sqlite://file.db?mode=memory", "in-memory"),
        ] {
            let error = database(url).unwrap_err();
            assert!(error.contains(says), "{url}: {error}");
            assert!(
                error.contains("DATABASE_URL must be sqlite://PATH")
                    && error.contains("or postgres://USER"),
                "{error}"
            );
            assert!(
                !error.contains("s3cret"),
                "the password is not repeated: {error}"
            );
            let config = Config::from_lookup(|k| (k == "DATABASE_URL").then(|| url.to_owned()));
            assert_eq!(config.unwrap_err(), error, "{url}");
        }
    }

    #[test]
    fn refuses_bad_values() {
        for (key, value) in [
            ("KLEVER_BIND", "localhost"),
            ("KLEVER_COOKIE_SECURE", "maybe"),
            ("KLEVER_SESSION_IDLE_MINUTES", "0"),
            ("KLEVER_DEMO_DATA", ""),
            ("KLEVER_REAUTH_MINUTES", "-1"),
            ("KLEVER_SESSION_LIFETIME_HOURS", "0"),
            ("KLEVER_PUBLIC_ORIGIN", "app.klever.fi"),
            ("KLEVER_PUBLIC_ORIGIN", "https://app.klever.fi/"),
            ("KLEVER_PUBLIC_ORIGIN", "https://"),
            ("KLEVER_PUBLIC_ORIGIN", "ftp://app.klever.fi"),
            ("KLEVER_TRUSTED_PROXIES", "lb.internal"),
            ("KLEVER_TRUSTED_PROXIES", "10.0.0.0/8"),
        ] {
            let result = Config::from_lookup(|k| (k == key).then(|| value.to_owned()));
            assert!(result.is_err(), "{key}={value:?} should be refused");
        }
    }

    fn mail(vars: &[(&str, &str)]) -> Result<Option<MailConfig>, String> {
        Config::from_lookup(|k| {
            vars.iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| (*v).to_owned())
        })
        .map(|c| c.mail)
    }

    #[test]
    fn mail_settings_are_read_whole_or_refused_with_what_to_fix() {
        assert!(mail(&[]).unwrap().is_none(), "no host: no delivery");
        let base = [
            ("KLEVER_SMTP_HOST", "smtp.example.fi"),
            ("KLEVER_MAIL_FROM", "Kleverapp <no-reply@klever.fi>"),
        ];
        let m = mail(&base).unwrap().unwrap();
        assert_eq!(
            (m.host.as_str(), m.port, m.tls),
            ("smtp.example.fi", 587, SmtpTls::StartTls)
        );
        assert_eq!(m.from.to_string(), "Kleverapp <no-reply@klever.fi>");
        assert_eq!(
            (m.max_tries, m.retry_after.as_secs(), m.credentials),
            (8, 60, None)
        );

        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("smtp-password");
        std::fs::write(&secret, "s3cret word\n").unwrap();
        let secret = secret.display().to_string();
        let mut vars = base.to_vec();
        vars.extend([
            ("KLEVER_SMTP_TLS", "tls"),
            ("KLEVER_SMTP_USER", "klever"),
            ("KLEVER_SMTP_PASSWORD_FILE", secret.as_str()),
            ("KLEVER_MAIL_MAX_TRIES", "3"),
            ("KLEVER_MAIL_RETRY_SECONDS", "30"),
        ]);
        let m = mail(&vars).unwrap().unwrap();
        assert_eq!((m.port, m.tls), (465, SmtpTls::Tls));
        assert_eq!(m.credentials, Some(("klever".into(), "s3cret word".into())));
        assert_eq!((m.max_tries, m.retry_after.as_secs()), (3, 30));

        let missing = dir.path().join("nothing-here").display().to_string();
        let refused: [(&[(&str, &str)], &str); 7] = [
            (
                &[("KLEVER_SMTP_HOST", "smtp.example.fi")],
                "KLEVER_MAIL_FROM",
            ),
            (
                &[base[0], ("KLEVER_MAIL_FROM", "not an address")],
                "KLEVER_MAIL_FROM",
            ),
            (
                &[base[0], base[1], ("KLEVER_SMTP_TLS", "ssl")],
                "KLEVER_SMTP_TLS",
            ),
            (
                &[base[0], base[1], ("KLEVER_SMTP_PORT", "smtp")],
                "KLEVER_SMTP_PORT",
            ),
            (
                &[base[0], base[1], ("KLEVER_SMTP_USER", "klever")],
                "KLEVER_SMTP_PASSWORD",
            ),
            (
                &[
                    base[0],
                    base[1],
                    ("KLEVER_SMTP_USER", "k"),
                    ("KLEVER_SMTP_PASSWORD_FILE", missing.as_str()),
                ],
                "cannot read",
            ),
            (
                &[base[0], base[1], ("KLEVER_MAIL_MAX_TRIES", "0")],
                "KLEVER_MAIL_MAX_TRIES",
            ),
        ];
        for (vars, says) in refused {
            let error = mail(vars).unwrap_err();
            assert!(error.contains(says), "{vars:?}: {error}");
        }
    }
}
