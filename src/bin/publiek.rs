//! The public app: the start page, "about", and the citizen's consent and status pages, in
//! their own small bundle (see `public_app`). Helpers' pages are in `main.rs`'s bundle.

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::PublicApp);
}
