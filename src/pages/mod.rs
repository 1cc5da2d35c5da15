mod not_found;
mod profile;
mod sign_in;

pub use not_found::NotFoundPage;
pub use profile::ProfilePage;
pub use sign_in::SignInPage;
