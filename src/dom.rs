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

/// This browser's `localStorage`, unless it is blocked.
pub fn local_storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Resolves once the static shell's heading and lead are on the screen and each face of the
/// text font has been decided (index.html's `kleverStart.painted`). The app takes the shell's
/// place only then, so the page's own words show as soon as they have arrived instead of blank
/// text while the font loads, and nothing the app lays out changes font afterwards.
pub async fn shell_painted() {
    let painted = js_sys::Reflect::get(&js_sys::global(), &"kleverStart".into())
        .and_then(|start| js_sys::Reflect::get(&start, &"painted".into()))
        .ok()
        .and_then(|painted| painted.dyn_into::<js_sys::Promise>().ok());
    if let Some(painted) = painted {
        let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
    }
}

/// Resolves in a task of its own (a zero-delay timer), letting the browser paint and handle
/// input in between. The app's start is cut at such points so that no one task holds a phone's
/// main thread for long (Lighthouse's blocking time counts each task's time over 50 ms).
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// What a person sees when the app stops (a part of it failed to load, most often because
/// the network dropped): a notice at the top of the page and a way to start again. It runs
/// from the panic hook, so it uses the page directly and its words are chosen by `<html lang>`.
pub fn show_fatal_error() {
    let doc = document();
    if doc.get_element_by_id("fatal").is_some() {
        return;
    }
    let lang = doc
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .unwrap_or_default();
    let (message, again) = match lang.as_str() {
        "fi" => (
            "Sovellus pysähtyi. Tarkista verkkoyhteys ja lataa sivu uudelleen.",
            "Lataa uudelleen",
        ),
        "sv" => (
            "Appen stannade. Kontrollera nätverksanslutningen och ladda om sidan.",
            "Ladda om",
        ),
        _ => (
            "The app stopped. Check your connection and reload the page.",
            "Reload",
        ),
    };
    let Ok(notice) = doc.create_element("div") else {
        return;
    };
    notice.set_id("fatal");
    notice.set_class_name("fatal-error");
    let _ = notice.set_attribute("role", "alert");
    let Ok(text) = doc.create_element("p") else {
        return;
    };
    text.set_text_content(Some(message));
    let Ok(link) = doc.create_element("a") else {
        return;
    };
    link.set_text_content(Some(again));
    // The address the person is on: reloading it starts the app again where they were.
    // `external`, or the app's router would take the click as a move within the app.
    let _ = link.set_attribute("rel", "external");
    let _ = link.set_attribute(
        "href",
        &leptos::prelude::window()
            .location()
            .href()
            .unwrap_or_default(),
    );
    let _ = notice.append_child(&text);
    let _ = notice.append_child(&link);
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&notice);
    }
}
