//! The staff's case page: a case's steps, notes and feedback for the Belangenbehartiger, in
//! its own bundle (see `work`).

fn main() {
    leptos::mount::mount_to_body(bondgenoot_web::StaffCaseApp);
}
