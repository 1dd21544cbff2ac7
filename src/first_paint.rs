//! Text on the screen before the Wasm arrives. The public pages are served with their first
//! view already in the HTML, made at build time from these same components
//! (`e2e/build/first-paint.mjs` renders each in Chromium and keeps the markup), every top
//! element marked `data-first-paint`, its fields read-only until the app is there. When the
//! app starts it takes that copy out and mounts itself in the same task, so no frame shows
//! the page empty or twice; the control that had the focus (a field, or a link reached with
//! Tab) has it again in the app.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Mounts `app` on the body in place of the page's first-paint copy (if it has one).
pub fn mount<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let has_copy = document()
        .query_selector("[data-first-paint]")
        .ok()
        .flatten()
        .is_some();
    if has_copy {
        // Not before the copy has been on the screen for one frame: the browser counts the
        // largest text as painted only once its frame is shown (a copy swapped out before
        // that would make the app's text the first, later, largest paint).
        request_animation_frame(move || request_animation_frame(move || replace_copy(app)));
    } else {
        leptos::mount::mount_to_body(app);
    }
}

/// What can take the focus, in document order, the same in the copy as in the app (disabled
/// or not): the copy's markup is the app's, so the n-th one in each is the same control.
const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";

fn replace_copy<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let focused = take_first_paint();
    leptos::mount::mount_to_body(app);
    // After the router has settled on the route (it may build the page once more in a
    // microtask), and still before the next paint.
    request_animation_frame(move || {
        let Some(n) = focused else {
            return;
        };
        if let Some(element) = document()
            .query_selector_all(FOCUSABLE)
            .ok()
            .and_then(|all| all.item(n))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

/// Removes the first-paint copy; returns which of its focusable elements had the focus (a
/// visitor may have pressed Tab, or tapped a field, before the app was there).
fn take_first_paint() -> Option<u32> {
    let document = document();
    let active = document.active_element();
    let focused = document
        .query_selector_all(FOCUSABLE)
        .ok()
        .and_then(|all| {
            let active = active.as_ref()?;
            (0..all.length()).find(|&i| all.item(i).is_some_and(|n| n.is_same_node(Some(active))))
        })
        .filter(|_| {
            active
                .as_ref()
                .and_then(|e| e.closest("[data-first-paint]").ok().flatten())
                .is_some()
        });
    if let Ok(copy) = document.query_selector_all("[data-first-paint]") {
        for i in 0..copy.length() {
            if let Some(element) = copy
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                element.remove();
            }
        }
    }
    focused
}
