//! The backoffice app: the Belangenbehartiger's queue and case pages (see `work`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::BackofficeApp);
}
