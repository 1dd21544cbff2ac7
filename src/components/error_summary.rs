//! The error-summary pattern: a list of what is wrong at the top of the page, each linking to
//! its field. It takes focus when it appears, so screen-reader users hear it first.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Once;

use leptos::prelude::*;

/// The message for one field from a form's list of errors, as the field component takes it.
pub fn error_of(
    errors: RwSignal<Vec<model::FieldError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|list| {
            list.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    })
}

/// The summary's lines for a form's errors, each linking to its field (`#field`).
pub fn summary_of(errors: RwSignal<Vec<model::FieldError>>) -> Signal<Vec<SummaryItem>> {
    Signal::derive(move || {
        errors
            .get()
            .into_iter()
            .map(|e| SummaryItem {
                href: format!("#{}", e.field),
                message: e.message,
            })
            .collect()
    })
}

/// One line of the summary: the message and where the field is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    pub href: String,
    pub message: String,
}

/// A link to `#field` on this page moves focus to that field (for a group: its first choice).
/// The router would otherwise treat the fragment as navigation and leave focus where it was.
fn focus_field(event: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let Some(anchor) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(id) = anchor
        .get_attribute("href")
        .and_then(|h| h.strip_prefix('#').map(str::to_owned))
    else {
        return; // A link to another page: let the router follow it.
    };
    let document = web_sys::window().and_then(|w| w.document());
    let target = document
        .and_then(|d| d.get_element_by_id(&id))
        .and_then(|element| {
            if element.tag_name().eq_ignore_ascii_case("fieldset") {
                element.query_selector("input").ok().flatten()
            } else {
                Some(element)
            }
        });
    if let Some(field) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        event.prevent_default();
        let _ = field.focus();
    }
}

/// How many forms were sent on this page so far (counted by one listener in the capture
/// phase, before any form's own handler runs).
static SUBMITS: AtomicU32 = AtomicU32::new(0);

fn count_submits() {
    static LISTENING: Once = Once::new();
    LISTENING.call_once(|| {
        use wasm_bindgen::JsCast;
        let count = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            SUBMITS.fetch_add(1, Ordering::Relaxed);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.add_event_listener_with_callback_and_bool(
                "submit",
                count.as_ref().unchecked_ref(),
                true,
            );
        }
        // For the life of the page.
        count.forget();
    });
}

#[component]
pub fn ErrorSummary(items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    count_submits();
    let seen = StoredValue::new(SUBMITS.load(Ordering::Relaxed));
    // What the summary lists: the errors as of the last sending of the form. A field put right
    // loses its own error message at once, but keeps its line here until the form is sent
    // again: a summary that shrank as someone left the last field would move the button
    // away under their pointer, and would pull the focus while they type (WCAG 3.2.2).
    let listed = RwSignal::new(Vec::<SummaryItem>::new());
    let focus_when_drawn = StoredValue::new(false);
    Effect::new(move |_| {
        let now = items.get();
        let submits = SUBMITS.load(Ordering::Relaxed);
        if submits == seen.get_value() {
            return;
        }
        // Sent: the errors it found (the server's may come a moment later).
        let refused = !now.is_empty();
        listed.set(now);
        if refused {
            seen.set_value(submits);
            focus_when_drawn.set_value(true);
        }
    });
    // The focus goes to the summary once it is drawn, after each refused sending.
    Effect::new(move |_| {
        if let Some(element) = summary.get() {
            if focus_when_drawn.get_value() {
                focus_when_drawn.set_value(false);
                let _ = element.focus();
            }
        }
    });
    move || {
        let list = listed.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="utrecht-alert utrecht-alert--error bg-error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="fouten-kop">
                    <div class="utrecht-alert__content">
                        <div class="utrecht-alert__message">
                            <h2 id="fouten-kop" class="nl-heading nl-heading--level-2">{t!("Er is iets niet goed ingevuld", "Something is not filled in correctly")}</h2>
                            <ul class="bg-error-summary__list">
                                {list.into_iter().map(|item| view! {
                                    <li><a class="nl-link" href=item.href on:click=focus_field>{item.message}</a></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
