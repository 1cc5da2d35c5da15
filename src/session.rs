//! Who is signed in, for each realm (customers, staff), and where sign-in sends people back.

use klever_api::{SessionInfo, StaffInfo};
use leptos::prelude::*;

/// What this tab knows about one realm's sign-in.
#[derive(Clone, Debug, PartialEq)]
pub enum Auth<T> {
    /// Not known yet: the first answer is on its way.
    Unknown,
    SignedIn(T),
    /// Not signed in: never here, or the session had already ended before this tab used it.
    Anonymous,
    /// Signed out on purpose; the sign-out button takes them on.
    SignedOut,
    /// The server ended a session this tab was using (idle too long, or signed out elsewhere).
    Expired,
}

impl<T> Auth<T> {
    pub fn info(&self) -> Option<&T> {
        match self {
            Auth::SignedIn(info) => Some(info),
            _ => None,
        }
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self, Auth::SignedIn(_))
    }
}

/// One realm's sign-in state, shared through context.
pub struct Signed<T: Send + Sync + 'static>(pub RwSignal<Auth<T>>);

impl<T: Send + Sync + 'static> Clone for Signed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Signed<T> {}

impl<T: Clone + Send + Sync + 'static> Signed<T> {
    pub fn new() -> Self {
        Signed(RwSignal::new(Auth::Unknown))
    }

    /// The server answered "not signed in": a session this tab had has expired; without
    /// one, the visitor is anonymous. The area's guard sends them to sign in.
    pub fn lost(&self) {
        self.0.update(|auth| {
            *auth = match auth {
                Auth::SignedIn(_) => Auth::Expired,
                Auth::SignedOut => Auth::SignedOut,
                _ => Auth::Anonymous,
            }
        });
    }
}

impl<T: Clone + Send + Sync + 'static> Default for Signed<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The customer signed in on this tab.
pub type Session = Signed<SessionInfo>;
/// The employee signed in on the staff screens: a separate cookie and a separate realm.
pub type StaffSession = Signed<StaffInfo>;

pub fn use_session() -> Session {
    expect_context::<Session>()
}

pub fn use_staff() -> StaffSession {
    expect_context::<StaffSession>()
}

/// Where this browser notes that it may hold a customer session. The session cookie is
/// HttpOnly, so the app cannot see it; without this note every visitor would be asked about a
/// session at start, and a browser logs the 401 of one who never signed in as an error. Not
/// a secret and never an authority: the server decides, and a stale note costs one question.
const HINT_KEY: &str = "klever.signedIn";

/// False only when this browser has surely not signed in since it last signed out (storage
/// that cannot be read says nothing, so the app asks).
pub fn may_be_signed_in() -> bool {
    crate::dom::local_storage().is_none_or(|storage| {
        storage
            .get_item(HINT_KEY)
            .map_or(true, |note| note.is_some())
    })
}

/// Keeps the note in step with what this tab learns of the customer's session.
pub fn keep_signed_in_note(session: Session) {
    Effect::new(move |_| {
        let signed_in = session.0.with(|auth| match auth {
            Auth::Unknown => None,
            Auth::SignedIn(_) => Some(true),
            _ => Some(false),
        });
        let Some(storage) = crate::dom::local_storage() else {
            return;
        };
        let _ = match signed_in {
            Some(true) => storage.set_item(HINT_KEY, "1"),
            Some(false) => storage.remove_item(HINT_KEY),
            None => Ok(()),
        };
    });
}

/// Whether the app asked for the customer's session when it started (see `App`); the
/// customer area asks itself when it did not.
#[derive(Clone, Copy, Debug)]
pub struct AskedAtStart(pub bool);

/// Whose screens these are: a lost session sends each to their own sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Realm {
    Customer,
    Staff,
}

impl Realm {
    /// The realm of the area around the caller (customer screens unless a staff area says so).
    pub fn current() -> Realm {
        use_context::<Realm>().unwrap_or(Realm::Customer)
    }

    /// Marks this realm's session lost, which its area guard turns into a sign-in. Taken
    /// while rendering (it reads the context), run later when an answer says so.
    pub fn lost_handle(self) -> Callback<()> {
        match self {
            Realm::Customer => {
                let session = use_session();
                Callback::new(move |_| session.lost())
            }
            Realm::Staff => {
                let staff = use_staff();
                Callback::new(move |_| staff.lost())
            }
        }
    }
}

/// The sign-in page, told where to come back to: the page the customer is on now.
pub fn sign_in_path(expired: bool) -> String {
    let location = window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let next = String::from(js_sys::encode_uri_component(&here));
    let expired = if expired { "expired=1&" } else { "" };
    format!("/signin?{expired}next={next}")
}

/// A `next` target from the query string, if it is a path of this app (never another site).
/// Only visible ASCII is accepted: browsers drop tabs and line breaks from URLs and read
/// `\` as `/`, so `/<tab>/evil.example` would otherwise leave the site.
pub fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| {
        n.starts_with('/')
            && !n.starts_with("//")
            && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
    })
}
