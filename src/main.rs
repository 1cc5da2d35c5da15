fn main() {
    console_error_panic_hook::set_once();
    // The static shell from index.html gives way to the app in the same frame.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    kleverapp::register_service_worker();
    leptos::mount::mount_to_body(kleverapp::App);
}
