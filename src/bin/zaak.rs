//! The case app: the helper following a sent case (see `work`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::WorkApp);
}
