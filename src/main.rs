fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        kleverapp::dom::show_fatal_error();
    }));
    wasm_bindgen_futures::spawn_local(async {
        // The app speaks only once its language's texts are here; without them (offline on
        // a first visit) the start-up notice says so in that language.
        let Ok(lang) = kleverapp::i18n::start().await else {
            kleverapp::dom::show_fatal_error();
            return;
        };
        kleverapp::dom::shell_painted().await;
        // The wasm's instantiation and the first render in separate tasks.
        kleverapp::dom::next_task().await;
        // The static shell from index.html gives way to the app in the same frame.
        if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
            shell.remove();
        }
        kleverapp::register_service_worker();
        leptos::mount::mount_to_body(
            move || leptos::prelude::view! { <kleverapp::App lang=lang /> },
        );
    });
}
