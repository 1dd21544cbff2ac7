//! The supervision app: the audit log and the monitoring's alerts, for beheerders (see `beheer`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::ToezichtApp);
}
