//! The public app: the start page, "about" and choosing a password, in their own small
//! bundle (see `public_app`). Helpers' pages are in `main.rs`'s bundle, the citizen's in
//! `burger.rs`'s.

fn main() {
    bondgenoot_web::mount(bondgenoot_web::PublicApp);
}
