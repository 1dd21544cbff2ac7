//! The beheer app: accounts, organisations and teams (see `beheer`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::BeheerApp);
}
