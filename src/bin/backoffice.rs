//! The backoffice app: the Belangenbehartiger's queue and case pages (see `work`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::BackofficeApp);
}
