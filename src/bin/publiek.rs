//! The public app: the start page, "about" and choosing a password, in their own small
//! bundle (see `public_app`). Helpers' pages are in `main.rs`'s bundle, the citizen's in
//! `burger.rs`'s.

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::PublicApp);
}
