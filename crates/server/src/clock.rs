//! The server's one clock. Every instant it stores and every date it compares (deadlines,
//! overdue invoices, session ages) comes from here, never from the database's own clock,
//! so a test can put the whole server on a chosen day.

use std::sync::{
    atomic::{AtomicI64, Ordering},
    Arc,
};

use klever_api::IsoDate;

/// Now, as the server sees it: the system time, the system time moved to start at a
/// chosen instant, or a time a test has set.
#[derive(Clone, Debug)]
pub struct Clock {
    fixed: Option<Arc<AtomicI64>>,
    /// Seconds added to the system time (a clock started at a chosen instant).
    offset: i64,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock {
            fixed: None,
            offset: 0,
        }
    }

    /// A clock that reads `unix_secs` now and runs on in real time from there: dated data
    /// (the demo's invoices) reads the same whatever day the server is started, while
    /// sessions still age and expire as they would.
    pub fn starting_at(unix_secs: i64) -> Clock {
        Clock {
            fixed: None,
            offset: unix_secs - system_now(),
        }
    }

    /// A clock standing still at `unix_secs` until [`Clock::set`] or [`Clock::advance`].
    pub fn fixed(unix_secs: i64) -> Clock {
        Clock {
            fixed: Some(Arc::new(AtomicI64::new(unix_secs))),
            offset: 0,
        }
    }

    /// A fixed clock at an RFC 3339 instant in UTC (`2026-01-31T12:00:00Z`).
    pub fn at(instant: &str) -> Clock {
        Clock::fixed(parse_rfc3339(instant).expect("an RFC 3339 instant in UTC"))
    }

    /// Moves a fixed clock to `unix_secs`; panics on the system clock, which no test may move.
    pub fn set(&self, unix_secs: i64) {
        self.fixed
            .as_ref()
            .expect("only a fixed clock can be set")
            .store(unix_secs, Ordering::SeqCst);
    }

    /// Moves a fixed clock to an RFC 3339 instant in UTC.
    pub fn set_to(&self, instant: &str) {
        self.set(parse_rfc3339(instant).expect("an RFC 3339 instant in UTC"));
    }

    /// Moves a fixed clock on by `secs`.
    pub fn advance(&self, secs: i64) {
        self.fixed
            .as_ref()
            .expect("only a fixed clock can be advanced")
            .fetch_add(secs, Ordering::SeqCst);
    }

    /// Now as Unix seconds.
    pub fn now(&self) -> i64 {
        match &self.fixed {
            Some(at) => at.load(Ordering::SeqCst),
            None => system_now() + self.offset,
        }
    }

    /// Now in the form every stored instant takes.
    pub fn now_rfc3339(&self) -> String {
        rfc3339(self.now())
    }

    /// Today's date in Finland, where the customers and the deadlines are.
    pub fn today_in_finland(&self) -> IsoDate {
        IsoDate::in_finland(self.now())
    }
}

fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

// The instant format is part of the API contract, so it lives in `klever_api`.
pub use klever_api::{parse_rfc3339, rfc3339};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_until_moved() {
        let clock = Clock::at("2026-01-31T21:59:59Z");
        assert_eq!(clock.now_rfc3339(), "2026-01-31T21:59:59Z");
        // 23:59:59 in Helsinki (UTC+2 in winter): still the 31st there.
        assert_eq!(clock.today_in_finland().to_string(), "2026-01-31");
        clock.advance(1);
        assert_eq!(clock.today_in_finland().to_string(), "2026-02-01");
        let copy = clock.clone();
        copy.set_to("2026-03-01T00:00:00Z");
        assert_eq!(
            clock.now_rfc3339(),
            "2026-03-01T00:00:00Z",
            "clones share the time"
        );
    }

    #[test]
    fn the_system_clock_runs() {
        let now = Clock::system().now();
        // After this code was written, before the year 2100.
        assert!((1_795_000_000..4_102_444_800).contains(&now), "{now}");
    }

    #[test]
    fn a_clock_started_at_an_instant_reads_it_and_runs_on() {
        let start = parse_rfc3339("2026-11-20T09:00:00Z").unwrap();
        let clock = Clock::starting_at(start);
        let first = clock.now();
        // The second ticks over at most once between the offset's reading and this one.
        assert!((start..=start + 1).contains(&first), "{first}");
        assert_eq!(clock.today_in_finland().to_string(), "2026-11-20");
        std::thread::sleep(std::time::Duration::from_millis(1_100));
        let later = clock.now();
        assert!(
            (first + 1..=first + 2).contains(&later),
            "{first} then {later}"
        );
        assert!(
            Clock::system().now() - later > 10 * 86_400,
            "not the system time"
        );
    }
}
