fn main() {
    // No panic hook: release builds abort on panic without formatting a message
    // (`-Cpanic=immediate-abort`, see scripts/lib.sh), so a hook would never run.
    bondgenoot_web::mount(bondgenoot_web::App);
}
