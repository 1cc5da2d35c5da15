//! The screens a customer rarely opens first, each in its own chunk of the wasm: a phone
//! downloads the sign-in page and the profile up front and the rest when it is needed
//! (or, for the customer's screens, in the background once the first page is ready), and a
//! customer never downloads the staff screens at all. The chunks are cut by `wasm-split`
//! after the build (`scripts/post-build`).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages;

/// A route whose page comes from a chunk of its own. One line per page, so that
/// every split point has the same shape.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_page!(EditRoute => pages::EditProfilePage);
lazy_page!(MarketingRoute => pages::MarketingPage);
lazy_page!(DevicesRoute => pages::DevicesPage);
lazy_page!(PasswordRoute => pages::PasswordPage);
lazy_page!(ForgotRoute => pages::ForgotPasswordPage);
lazy_page!(ResetRoute => pages::ResetPasswordPage);
lazy_page!(ActivateRoute => pages::ActivatePage);
lazy_page!(RequestsRoute => pages::RequestsPage);
lazy_page!(CorrectionRoute => pages::CorrectionPage);
lazy_page!(MyDataRoute => pages::MyDataPage);
lazy_page!(PrivacyRoute => pages::PrivacyPage);
lazy_page!(AccessibilityRoute => pages::AccessibilityPage);
lazy_page!(StaffSignInRoute => pages::StaffSignInPage);
lazy_page!(StaffHomeRoute => pages::StaffHomePage);
lazy_page!(StaffRequestRoute => pages::StaffRequestPage);
lazy_page!(StaffCustomersRoute => pages::StaffCustomersPage);
lazy_page!(StaffCustomerRoute => pages::StaffCustomerPage);

/// Fetches the customer's other screens while the phone is idle after the first page, so
/// moving between them is instant and keeps working if the network drops afterwards.
/// Staff screens are never fetched here.
pub fn preload_customer_screens() {
    leptos::task::spawn_local(async {
        EditRoute::preload().await;
        MarketingRoute::preload().await;
        DevicesRoute::preload().await;
        PasswordRoute::preload().await;
        RequestsRoute::preload().await;
        CorrectionRoute::preload().await;
        MyDataRoute::preload().await;
        PrivacyRoute::preload().await;
        AccessibilityRoute::preload().await;
    });
}
