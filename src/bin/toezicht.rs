//! The supervision app: the audit log and the monitoring's alerts, for beheerders (see `beheer`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::ToezichtApp);
}
