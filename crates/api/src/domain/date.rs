//! Calendar dates without a date library: what deadlines and Finnish "today" need.

use std::fmt;

use super::ValidationError;

/// A calendar date (proleptic Gregorian), shown and stored as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

impl IsoDate {
    pub fn new(year: i32, month: u32, day: u32) -> Option<IsoDate> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(IsoDate { year, month, day })
    }

    pub fn parse(raw: &str) -> Result<IsoDate, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::Required);
        }
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ValidationError::InvalidFormat);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(ValidationError::InvalidFormat);
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(ValidationError::InvalidFormat);
        };
        IsoDate::new(y, m, d).ok_or(ValidationError::InvalidFormat)
    }

    /// The same day `n` months later; where that month is shorter, its last day
    /// (31 January + 1 month = 28 or 29 February). This is how a "one month" deadline runs.
    pub fn add_months(self, n: u32) -> IsoDate {
        let months = self.year * 12 + (self.month as i32 - 1) + n as i32;
        let year = months.div_euclid(12);
        let month = months.rem_euclid(12) as u32 + 1;
        IsoDate {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> IsoDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        IsoDate { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    fn last_sunday(year: i32, month: u32) -> IsoDate {
        let last = IsoDate::new(year, month, days_in_month(year, month)).expect("valid");
        IsoDate::from_days_since_epoch(
            last.days_since_epoch() - i64::from((last.weekday() + 1) % 7),
        )
    }

    /// The date in Finland at a Unix time.
    pub fn in_finland(unix_secs: i64) -> IsoDate {
        IsoDate::from_days_since_epoch(
            (unix_secs + finland_offset_secs(unix_secs)).div_euclid(86_400),
        )
    }
}

/// Finland's offset from UTC at a Unix time, in seconds: UTC+2, or UTC+3 in summer time
/// (from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October,
/// the EU rule in force since 1996; every instant the app stores is later than that).
pub fn finland_offset_secs(unix_secs: i64) -> i64 {
    let year = IsoDate::from_days_since_epoch(unix_secs.div_euclid(86_400)).year;
    let starts = IsoDate::last_sunday(year, 3).days_since_epoch() * 86_400 + 3_600;
    let ends = IsoDate::last_sunday(year, 10).days_since_epoch() * 86_400 + 3_600;
    if (starts..ends).contains(&unix_secs) {
        3 * 3_600
    } else {
        2 * 3_600
    }
}

/// A Unix time as RFC 3339 in UTC, whole seconds: the form every instant in the API takes.
pub fn rfc3339(unix_secs: i64) -> String {
    let date = IsoDate::from_days_since_epoch(unix_secs.div_euclid(86_400));
    let secs = unix_secs.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Reads back what [`rfc3339`] writes (UTC, whole seconds); `None` for anything else.
pub fn parse_rfc3339(instant: &str) -> Option<i64> {
    let (date, time) = instant.strip_suffix('Z')?.split_once('T')?;
    let date = IsoDate::parse(date).ok()?;
    let mut parts = time.split(':').map(|p| {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    });
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + s)
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    #[test]
    fn rfc3339_formats_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn rfc3339_reads_back_what_it_writes() {
        for t in [0, 1, 59, 3_599, 86_399, 951_782_400, 1_795_000_000] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t), "{t}");
        }
        for bad in [
            "2026-11-18T11:06:40",
            "2026-11-18 11:06:40Z",
            "2026-11-18T24:00:00Z",
            "2026-11-18T11:60:00Z",
            "2026-11-18T11:06:4Z",
            "2026-11-18T11:06:40:00Z",
            "2026-02-30T00:00:00Z",
            "2026-11-18T11:06:40.5Z",
            "2026-11-18T11:06:40+02:00",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn finnish_time_changes_at_one_utc_on_the_last_sundays() {
        let at = |s: &str| parse_rfc3339(s).unwrap();
        let cases = [
            ("2026-01-15T12:00:00Z", 2, "winter"),
            ("2026-07-15T12:00:00Z", 3, "summer"),
            // 2026: summer time from Sunday 29 March to Sunday 25 October.
            ("2026-03-29T00:59:59Z", 2, "a second before it starts"),
            ("2026-03-29T01:00:00Z", 3, "as it starts"),
            ("2026-10-25T00:59:59Z", 3, "a second before it ends"),
            ("2026-10-25T01:00:00Z", 2, "as it ends"),
            // 2021: from 28 March to 31 October, the last Sundays.
            ("2021-03-28T01:00:00Z", 3, "2021 start"),
            ("2021-03-27T01:00:00Z", 2, "the Saturday before"),
            ("2021-10-31T00:30:00Z", 3, "2021 end, not yet"),
        ];
        for (instant, hours, why) in cases {
            assert_eq!(
                finland_offset_secs(at(instant)),
                hours * 3600,
                "{why}: {instant}"
            );
        }
        assert_eq!(
            IsoDate::in_finland(at("2026-12-31T22:00:00Z")).to_string(),
            "2027-01-01",
            "midnight in Helsinki is 22:00 UTC in winter"
        );
        assert_eq!(
            IsoDate::in_finland(at("2026-06-30T21:00:00Z")).to_string(),
            "2026-07-01",
            "and 21:00 UTC in summer"
        );
        assert_eq!(
            IsoDate::in_finland(at("2026-06-30T20:59:59Z")).to_string(),
            "2026-06-30"
        );
    }

    #[test]
    fn one_month_deadlines() {
        let cases = [
            ("2026-11-25", 1, "2026-12-25", "ordinary"),
            ("2026-12-15", 1, "2027-01-15", "over the year end"),
            ("2026-01-31", 1, "2026-02-28", "31 January, common year"),
            ("2028-01-31", 1, "2028-02-29", "31 January, leap year"),
            ("2026-03-31", 1, "2026-04-30", "into a 30-day month"),
            ("2028-02-29", 1, "2028-03-29", "from a leap day"),
            ("2028-02-29", 12, "2029-02-28", "leap day a year later"),
            ("2026-11-30", 3, "2027-02-28", "extended by two more months"),
            ("2100-01-31", 1, "2100-02-28", "2100 is not a leap year"),
            ("2000-01-31", 1, "2000-02-29", "2000 is"),
        ];
        for (from, months, expected, why) in cases {
            assert_eq!(d(from).add_months(months).to_string(), expected, "{why}");
        }
    }

    #[test]
    fn parse_table() {
        use ValidationError::*;
        let bad = [
            ("", Required, "empty"),
            ("2026-13-01", InvalidFormat, "no 13th month"),
            ("2026-02-29", InvalidFormat, "2026 is not a leap year"),
            ("2026-2-1", InvalidFormat, "month and day without zeros"),
            ("2026-01-1", InvalidFormat, "day without its zero"),
            ("2026-1-01", InvalidFormat, "month without its zero"),
            ("26-01-01", InvalidFormat, "two-digit year"),
            ("2026/01/01", InvalidFormat, "slashes"),
            ("2026-01-01-01", InvalidFormat, "a fourth part"),
        ];
        for (input, expected, why) in bad {
            assert_eq!(IsoDate::parse(input), Err(expected), "{why}: {input:?}");
        }
        assert_eq!(
            d("2024-02-29"),
            IsoDate {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        for s in [
            "1970-01-01",
            "1969-12-31",
            "2000-02-29",
            "2026-11-25",
            "2400-12-31",
        ] {
            assert_eq!(
                IsoDate::from_days_since_epoch(d(s).days_since_epoch()),
                d(s),
                "{s}"
            );
        }
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2026-11-25").weekday(), 2, "a Wednesday");
    }

    #[test]
    fn days_since_epoch_read_back_as_calendar_dates() {
        // Known day numbers: 2000-01-01 is Unix time 946 684 800 = 10 957 days; the rest
        // counted from it on the calendar (31 days of January, 29 of February 2000 …).
        let cases = [
            (0, "1970-01-01", "the epoch"),
            (-1, "1969-12-31", "the day before"),
            (10_957, "2000-01-01", "new year 2000"),
            (11_016, "2000-02-29", "leap day 2000"),
            (
                11_017,
                "2000-03-01",
                "the day after it, first day of a 400-year cycle",
            ),
            (-25_509, "1900-02-28", "1900 has no leap day"),
            (-25_508, "1900-03-01", "so March follows 28 February"),
            (47_540, "2100-02-28", "nor has 2100"),
            (47_541, "2100-03-01", "March 2100"),
        ];
        for (days, expected, why) in cases {
            assert_eq!(
                IsoDate::from_days_since_epoch(days).to_string(),
                expected,
                "{why}"
            );
        }
    }

    #[test]
    fn every_day_from_1600_to_2400_follows_the_one_before() {
        // Walks day numbers one at a time: each must be the calendar day after the previous
        // one (across month ends, leap days and century years) and read back as its number.
        let first = d("1600-01-01");
        let mut expected = first;
        for days in first.days_since_epoch()..=d("2400-12-31").days_since_epoch() {
            let date = IsoDate::from_days_since_epoch(days);
            assert_eq!(date, expected, "day {days}");
            assert_eq!(date.days_since_epoch(), days, "{date}");
            expected = if expected.day < days_in_month(expected.year, expected.month) {
                IsoDate {
                    day: expected.day + 1,
                    ..expected
                }
            } else if expected.month < 12 {
                IsoDate {
                    month: expected.month + 1,
                    day: 1,
                    ..expected
                }
            } else {
                IsoDate {
                    year: expected.year + 1,
                    month: 1,
                    day: 1,
                }
            };
        }
    }

    #[test]
    fn finnish_date_follows_summer_time() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let at =
            |utc: &str, h: i64, m: i64| d(utc).days_since_epoch() * 86_400 + h * 3_600 + m * 60;
        let cases = [
            (
                at("2026-11-24", 21, 59),
                "2026-11-24",
                "winter, 23:59 in Finland",
            ),
            (
                at("2026-11-24", 22, 0),
                "2026-11-25",
                "winter, midnight in Finland",
            ),
            (
                at("2026-07-01", 20, 59),
                "2026-07-01",
                "summer, 23:59 in Finland",
            ),
            (
                at("2026-07-01", 21, 0),
                "2026-07-02",
                "summer, midnight in Finland",
            ),
            (
                at("2026-03-28", 21, 30),
                "2026-03-28",
                "the night before the change: still UTC+2",
            ),
            (
                at("2026-10-24", 21, 30),
                "2026-10-25",
                "the night before it ends: still UTC+3",
            ),
            (
                at("2026-12-31", 22, 0),
                "2027-01-01",
                "new year arrives earlier in Finland",
            ),
            // Only between 21:00 and 22:00 UTC does the offset decide the Finnish date, so
            // each change is checked on the evening before it and the evening after it.
            (
                at("2026-03-29", 21, 30),
                "2026-03-30",
                "the evening after summer time began (Sunday 29 March): UTC+3",
            ),
            (
                at("2026-10-25", 21, 30),
                "2026-10-25",
                "the evening after it ended (Sunday 25 October): UTC+2 again",
            ),
            // 2027: summer time from Sunday 28 March to Sunday 31 October, the last day of
            // the month itself.
            (
                at("2027-03-27", 21, 30),
                "2027-03-27",
                "2027, the evening before summer time: UTC+2",
            ),
            (
                at("2027-03-28", 21, 30),
                "2027-03-29",
                "2027, the evening after summer time began: UTC+3",
            ),
            (
                at("2027-10-30", 21, 30),
                "2027-10-31",
                "2027, Saturday 30 October: still UTC+3",
            ),
            (
                at("2027-10-31", 21, 30),
                "2027-10-31",
                "2027, the evening of 31 October, after summer time ended: UTC+2",
            ),
        ];
        for (unix, expected, why) in cases {
            assert_eq!(IsoDate::in_finland(unix).to_string(), expected, "{why}");
        }
    }
}
