// What index.html paints for a path before the app has loaded (included by build.rs): the
// page's frame class, heading and lead, and where a card's text is larger than the lead, that
// card's heading and text, exactly as the page renders them. That is the largest text on the
// screen, so a phone shows it as soon as the page's HTML is in, not after the app has
// downloaded; the e2e test `shell.spec.ts` compares them. index.html shows `/` as the
// profile, where the app sends it.
struct ShellPage {
    path: &'static str,
    /// The class of the page's outermost element, which sets its width.
    frame: &'static str,
    heading: Key,
    lead: Key,
    /// The first card's heading and text.
    card: Option<(Key, Key)>,
}

const SHELL_PAGES: &[ShellPage] = &[
    ShellPage {
        path: "/profile",
        frame: "page",
        heading: Key::ProfileTitle,
        lead: Key::ProfileIntro,
        card: None,
    },
    ShellPage {
        path: "/profile/edit",
        frame: "page form-page",
        heading: Key::EditTitle,
        lead: Key::EditIntro,
        card: None,
    },
    ShellPage {
        path: "/profile/marketing",
        frame: "page form-page",
        heading: Key::MarketingChoices,
        lead: Key::MarketingIntro,
        card: None,
    },
    ShellPage {
        path: "/profile/devices",
        frame: "page form-page",
        heading: Key::DevicesTitle,
        lead: Key::DevicesIntro,
        card: None,
    },
    ShellPage {
        path: "/profile/password",
        frame: "page narrow",
        heading: Key::PasswordTitle,
        lead: Key::PasswordIntro,
        card: None,
    },
    ShellPage {
        path: "/requests",
        frame: "page",
        heading: Key::RequestsTitle,
        lead: Key::RequestsIntro,
        card: Some((Key::InspectionTitle, Key::InspectionText)),
    },
    ShellPage {
        path: "/requests/correction",
        frame: "page form-page",
        heading: Key::CorrectionFormTitle,
        lead: Key::CorrectionFormIntro,
        card: None,
    },
    ShellPage {
        path: "/requests/data",
        frame: "page printable",
        heading: Key::MyDataTitle,
        lead: Key::MyDataIntro,
        card: None,
    },
    ShellPage {
        path: "/signin",
        frame: "page narrow",
        heading: Key::SignInTitle,
        lead: Key::SignInIntro,
        card: None,
    },
    ShellPage {
        path: "/account/forgot",
        frame: "page narrow",
        heading: Key::ForgotTitle,
        lead: Key::ForgotIntro,
        card: None,
    },
];
