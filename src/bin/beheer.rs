//! The beheer app: accounts, organisations and teams (see `beheer`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::BeheerApp);
}
