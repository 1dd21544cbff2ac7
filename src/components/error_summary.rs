//! The error-summary pattern: a list of what is wrong at the top of the page, each linking to
//! its field. It takes focus when it appears, so screen-reader users hear it first.

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

#[component]
pub fn ErrorSummary(items: Signal<Vec<SummaryItem>>) -> impl IntoView {
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !items.get().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    move || {
        let list = items.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="utrecht-alert utrecht-alert--error bg-error-summary" role="alert" tabindex="-1" node_ref=summary aria-labelledby="fouten-kop">
                    <div class="utrecht-alert__content">
                        <div class="utrecht-alert__message">
                            <h2 id="fouten-kop" class="nl-heading nl-heading--level-2">"Er is iets niet goed ingevuld"</h2>
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
