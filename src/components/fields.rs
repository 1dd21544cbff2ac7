//! Form controls shared by every page: label, hint, error beside the field, and the ARIA
//! attributes that tie them together. One component per kind of control keeps the Wasm small.

use leptos::prelude::*;

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-fout"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A one-line or multi-line text field.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    /// `text` unless given (`password`, `email`).
    #[prop(optional)]
    input_type: &'static str,
    value: Signal<String>,
    error: Signal<Option<String>>,
    on_input: Callback<String>,
    #[prop(optional)] on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let aria_invalid = move || error.get().is_some().to_string();
    let aria_described = move || described_by(id, !hint.is_empty(), error.get().is_some());
    let input = move |ev| on_input.run(event_target_value(&ev));
    let blur = move |event: leptos::ev::FocusEvent| {
        // Not when the focus goes to the form's send button: sending checks every field anyway,
        // and an error message that came or went now would move the button away under the
        // pointer between press and release, and the click would be lost.
        use wasm_bindgen::JsCast;
        let to_send_button = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| {
                e.tag_name().eq_ignore_ascii_case("button")
                    && e.get_attribute("type").as_deref() != Some("button")
            });
        if let (Some(callback), false) = (on_blur, to_send_button) {
            callback.run(());
        }
    };
    let control = if multiline {
        view! {
            <textarea class="bg-input bg-input--area" id=id name=id rows="6"
                aria-invalid=aria_invalid aria-describedby=aria_described
                prop:value=value on:input=input on:blur=blur></textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="bg-input" id=id name=id type=if input_type.is_empty() { "text" } else { input_type } autocomplete=if autocomplete.is_empty() { "off" } else { autocomplete }
                inputmode=(!inputmode.is_empty()).then_some(inputmode) spellcheck="false"
                aria-invalid=aria_invalid aria-describedby=aria_described
                prop:value=value on:input=input on:blur=blur />
        }
        .into_any()
    };
    view! {
        <div class="bg-field" class:bg-field--invalid=move || error.get().is_some()>
            <label class="bg-label" for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="bg-hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || error.get().map(|message| view! { <p class="bg-field__error" id=format!("{id}-fout")><span class="bg-visually-hidden">{t!("Fout: ", "Error: ")}</span>{message}</p> })}
            {control}
        </div>
    }
}

/// Radio buttons or checkboxes in a fieldset with a legend.
#[component]
pub fn ChoiceGroup(
    id: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: &'static str,
    /// Checkboxes (several answers) instead of radio buttons (one answer).
    #[prop(optional)]
    multiple: bool,
    options: Vec<String>,
    /// Whether option `i` is chosen.
    checked: Callback<usize, bool>,
    /// Option `i` was clicked.
    on_toggle: Callback<usize>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let kind = if multiple { "checkbox" } else { "radio" };
    view! {
        <div class="bg-field" class:bg-field--invalid=move || error.get().is_some()>
            <fieldset class="bg-fieldset" id=id aria-describedby=move || described_by(id, !hint.is_empty(), error.get().is_some())>
                <legend class="bg-legend">{legend}</legend>
                {(!hint.is_empty()).then(|| view! { <p class="bg-hint" id=format!("{id}-hint")>{hint}</p> })}
                {move || error.get().map(|message| view! { <p class="bg-field__error" id=format!("{id}-fout")><span class="bg-visually-hidden">{t!("Fout: ", "Error: ")}</span>{message}</p> })}
                {options.into_iter().enumerate().map(|(i, label)| {
                    let option_id = format!("{id}-{i}");
                    view! {
                        <div class="bg-choice">
                            <input class="bg-choice__input" type=kind id=option_id.clone() name=id
                                prop:checked=move || checked.run(i) on:change=move |_| on_toggle.run(i) />
                            <label class="bg-choice__label" for=option_id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}

/// A drop-down list: for a choice among many (an organisation) or of data from the server.
/// Options are `(value, label)`; an empty value is the "choose" line.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: &'static str,
    options: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    error: Signal<Option<String>>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="bg-field" class:bg-field--invalid=move || error.get().is_some()>
            <label class="bg-label" for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="bg-hint" id=format!("{id}-hint")>{hint}</p> })}
            {move || error.get().map(|message| view! { <p class="bg-field__error" id=format!("{id}-fout")><span class="bg-visually-hidden">{t!("Fout: ", "Error: ")}</span>{message}</p> })}
            <select class="bg-input" id=id name=id
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=move || described_by(id, !hint.is_empty(), error.get().is_some())
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || options.get().into_iter().map(|(option, text)| {
                    let selected = value.get() == option;
                    view! { <option value=option selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
