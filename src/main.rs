fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        kleverapp::dom::show_fatal_error();
    }));
    // The static shell from index.html gives way to the app in the same frame.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    kleverapp::register_service_worker();
    leptos::mount::mount_to_body(kleverapp::App);
}
