mod edit_profile;
mod marketing;
mod not_found;
mod profile;
mod sign_in;

pub use edit_profile::{Draft, EditForm, EditProfilePage};
pub use marketing::{MarketingPage, MarketingSwitches};
pub use not_found::NotFoundPage;
pub use profile::ProfilePage;
pub use sign_in::SignInPage;
