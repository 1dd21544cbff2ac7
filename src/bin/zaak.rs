//! The case app: following a sent case, for helpers and the Belangenbehartiger (see `work`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::WorkApp);
}
