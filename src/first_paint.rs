//! Text on the screen before the Wasm arrives. The public pages are served with their first
//! view already in the HTML, made at build time from these same components
//! (`e2e/build/first-paint.mjs` renders each in Chromium and keeps the markup), every top
//! element marked `data-first-paint`. When the app starts it takes that copy out and mounts
//! itself in the same task, so no frame shows the page empty or twice; what the visitor
//! typed meanwhile and where the focus was go over to the app's own fields.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventInit, HtmlElement, HtmlInputElement};

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

fn replace_copy<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let typed = take_first_paint();
    leptos::mount::mount_to_body(app);
    // After the router has settled on the route (it may build the page once more in a
    // microtask), and still before the next paint.
    request_animation_frame(move || typed.restore());
}

/// What the visitor did with the first-paint copy before the app was there.
struct Typed {
    /// Text fields by id, with what was typed in them.
    fields: Vec<(String, String)>,
    focused: Option<String>,
}

/// Removes the first-paint copy and returns what was typed into it.
fn take_first_paint() -> Typed {
    let document = document();
    let mut typed = Typed {
        fields: Vec::new(),
        focused: None,
    };
    let Ok(copy) = document.query_selector_all("[data-first-paint]") else {
        return typed;
    };
    if copy.length() == 0 {
        return typed;
    }
    typed.focused = document
        .active_element()
        .filter(|e| e.closest("[data-first-paint]").ok().flatten().is_some())
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    if let Ok(inputs) = document.query_selector_all("[data-first-paint] input[id]") {
        for i in 0..inputs.length() {
            let Some(input) = inputs
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            let value = input.value();
            let text = !matches!(
                input.type_().as_str(),
                "checkbox" | "radio" | "file" | "hidden" | "submit"
            );
            if text && !value.is_empty() {
                typed.fields.push((input.id(), value));
            }
        }
    }
    for i in 0..copy.length() {
        if let Some(element) = copy
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            element.remove();
        }
    }
    typed
}

impl Typed {
    /// Puts the typed text into the app's fields of the same id, as if typed there (an
    /// `input` event, so the app's state has it too), and the focus back where it was.
    fn restore(self) {
        let document = document();
        for (id, value) in self.fields {
            let Some(input) = document
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            input.set_value(&value);
            let init = EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&event);
            }
        }
        if let Some(element) = self
            .focused
            .and_then(|id| document.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    }
}
