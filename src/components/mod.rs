//! Pieces the screens share. Each module is one kind of piece.

mod field;
mod header;
mod load;
mod page;
mod rows;
mod switch;

pub use field::{focus_error_summary, ErrorSummary, Field, Select, TextArea, TextInput};
pub use header::{LanguageSwitcher, Logo, OfflineBanner, SiteFooter, SiteHeader, StaffBar};
pub use load::{error_key, form_failure, load, ErrorNotice, Gate};
pub use page::{PageHeading, PageTitle};
pub use rows::{CorrectionLink, DetailRow, FieldRow, LockedMark, RequestDetails};
pub use switch::Switch;
