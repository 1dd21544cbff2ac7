//! The helper's case form: route check, questions, check answers and the consent handover,
//! in their own bundle (see `form_app`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::FormApp);
}
