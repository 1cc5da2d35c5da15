mod edit_profile;
mod legal;
mod marketing;
mod my_data;
mod not_found;
mod profile;
mod requests;
mod sign_in;
mod staff;

pub use edit_profile::{Draft, EditForm, EditProfilePage};
pub use legal::{AccessibilityPage, PrivacyPage};
pub use marketing::{MarketingPage, MarketingSwitches};
pub use my_data::MyDataPage;
pub use not_found::NotFoundPage;
pub use profile::ProfilePage;
pub use requests::{CorrectionForm, CorrectionPage, RequestsPage};
pub use sign_in::{SignInPage, StaffSignInPage};
pub use staff::{StaffHomePage, StaffRequestPage};
