//! The few places the app reaches into the page directly.

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The skip link's action: focus the main region (the default jump would be taken over by
/// the router).
pub fn skip_to_main(ev: web_sys::MouseEvent) {
    ev.prevent_default();
    focus_id("main");
}
