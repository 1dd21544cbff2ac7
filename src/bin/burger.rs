//! The citizen's app: consent, the status page and the intermediair's page, in their own
//! small bundle (see `citizen_app`), so a citizen's phone loads only what those pages need.

fn main() {
    bondgenoot_web::mount(bondgenoot_web::CitizenApp);
}
