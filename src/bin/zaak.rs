//! The case app: the helper following a sent case (see `work`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::WorkApp);
}
