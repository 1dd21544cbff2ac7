//! The staff's case page: a case's steps, notes and feedback for the Belangenbehartiger, in
//! its own bundle (see `work`).

fn main() {
    bondgenoot_web::mount(bondgenoot_web::StaffCaseApp);
}
