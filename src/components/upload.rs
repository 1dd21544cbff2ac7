//! Adding documents: several files at once, each with its kind and a short description, sent
//! one request per file through `XMLHttpRequest` (fetch reports no upload progress), with a
//! progress bar, cancel, a Dutch message for each refusal, and retry.

use leptos::prelude::*;
use model::api::Problem;
use model::document::DocumentSoort;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

use crate::api;

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Chosen; kind and description to fill in.
    Ready,
    /// Sending; the share is done.
    Sending(f64),
    Done,
    Failed(String),
    Cancelled,
}

/// One chosen file. All handles, so it is `Copy` and lives in a signal's list.
#[derive(Clone, Copy)]
struct Item {
    key: usize,
    file: StoredValue<File, LocalStorage>,
    kind: RwSignal<Option<DocumentSoort>>,
    description: RwSignal<String>,
    shared: RwSignal<bool>,
    stage: RwSignal<Stage>,
    /// The running request and its event handlers (dropped with the next try).
    request: StoredValue<Option<Request>, LocalStorage>,
}

struct Request {
    xhr: XmlHttpRequest,
    _handlers: Vec<Closure<dyn FnMut(ProgressEvent)>>,
}

fn size_text(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes / 1024.0).ceil())
    }
}

/// The upload area. `endpoint`: where files go; `kinds`: what the reader may choose;
/// `may_share`: whether to offer "the citizen may see it"; `camera`: offer the phone camera.
#[component]
pub fn Uploader(
    endpoint: String,
    kinds: Vec<DocumentSoort>,
    #[prop(optional)] may_share: bool,
    #[prop(optional)] camera: bool,
    on_uploaded: Callback<()>,
) -> impl IntoView {
    let items = RwSignal::new(Vec::<Item>::new());
    let next_key = StoredValue::new(0usize);
    let kinds = StoredValue::new(kinds);
    let endpoint = StoredValue::new(endpoint);

    let add_files = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        for index in 0..list.length() {
            if let Some(file) = list.get(index) {
                let key = next_key.get_value();
                next_key.set_value(key + 1);
                items.update(|items| {
                    items.push(Item {
                        key,
                        file: StoredValue::new_local(file),
                        kind: RwSignal::new(None),
                        description: RwSignal::new(String::new()),
                        shared: RwSignal::new(false),
                        stage: RwSignal::new(Stage::Ready),
                        request: StoredValue::new_local(None),
                    })
                });
            }
        }
        // The same file may be chosen again later.
        input.set_value("");
    };

    let send = move |item: Item| {
        let Some(kind) = item.kind.get_untracked() else {
            item.stage.set(Stage::Failed(
                t!(
                    "Kies wat voor document dit is.",
                    "Choose what kind of document this is."
                )
                .into(),
            ));
            return;
        };
        if item.description.get_untracked().trim().is_empty() {
            item.stage.set(Stage::Failed(
                t!(
                    "Vul een korte omschrijving in.",
                    "Fill in a short description."
                )
                .into(),
            ));
            return;
        }
        if let Err(message) = start_upload(&endpoint.get_value(), item, kind, on_uploaded) {
            item.stage.set(Stage::Failed(message));
        }
    };
    let send_all = move |_| {
        for item in items.get_untracked() {
            if matches!(
                item.stage.get_untracked(),
                Stage::Ready | Stage::Failed(_) | Stage::Cancelled
            ) {
                send(item);
            }
        }
    };

    view! {
        <div class="bg-upload">
            <div class="bg-actions">
                <label class="utrecht-button utrecht-button--secondary-action bg-file-button">
                    {t!("Kies bestanden", "Choose files")}
                    <input class="bg-visually-hidden" type="file" multiple accept="application/pdf,image/jpeg,image/png,image/heic,image/heif" on:change=add_files />
                </label>
                {camera.then(|| view! {
                    <label class="utrecht-button utrecht-button--secondary-action bg-file-button">
                        {t!("Maak een foto", "Take a photo")}
                        <input class="bg-visually-hidden" type="file" accept="image/*" capture="environment" on:change=add_files />
                    </label>
                })}
            </div>
            <p class="bg-hint">{t!("PDF of foto (JPEG, PNG of HEIC). Per bestand: kies wat het is en schrijf er kort bij waar het over gaat.", "PDF or photo (JPEG, PNG or HEIC). For each file: choose what it is and write briefly what it is about.")}</p>
            <ul class="bg-upload__list" aria-live="polite">
                <For each=move || items.get() key=|item| item.key let:item>
                    <UploadRow item kinds=kinds may_share on_send=Callback::new(send)
                        on_remove=Callback::new(move |key| items.update(|list| list.retain(|i| i.key != key))) />
                </For>
            </ul>
            {move || items.with(|list| list.iter().any(|i| !matches!(i.stage.get(), Stage::Done | Stage::Sending(_)))).then(|| view! {
                <button class="utrecht-button utrecht-button--primary-action" type="button" on:click=send_all>{t!("Documenten versturen", "Send documents")}</button>
            })}
        </div>
    }
}

#[component]
fn UploadRow(
    item: Item,
    kinds: StoredValue<Vec<DocumentSoort>>,
    may_share: bool,
    on_send: Callback<Item>,
    on_remove: Callback<usize>,
) -> impl IntoView {
    let name = item.file.with_value(|f| f.name());
    let size = item.file.with_value(|f| f.size());
    let id = |part: &str| format!("bestand-{}-{part}", item.key);
    let editable = move || {
        matches!(
            item.stage.get(),
            Stage::Ready | Stage::Failed(_) | Stage::Cancelled
        )
    };
    view! {
        <li class="bg-upload__item">
            <p class="bg-upload__name">{name.clone()}" · "{size_text(size)}</p>
            <div class="bg-field">
                <label class="bg-label" for=id("soort")>{tf!("Wat is {name}?", "What is {name}?")}</label>
                <select class="bg-input" id=id("soort") disabled=move || !editable()
                    on:change=move |ev| item.kind.set(DocumentSoort::parse(&event_target_value(&ev)))>
                    <option value="">"Kies…"</option>
                    {kinds.with_value(|kinds| kinds.iter().map(|k| view! { <option value=k.as_str()>{k.label()}</option> }).collect_view())}
                </select>
            </div>
            <div class="bg-field">
                <label class="bg-label" for=id("omschrijving")>{tf!("Korte omschrijving van {name}", "Short description of {name}")}</label>
                <input class="bg-input" type="text" id=id("omschrijving") maxlength="200" disabled=move || !editable()
                    prop:value=item.description on:input=move |ev| item.description.set(event_target_value(&ev)) />
            </div>
            {may_share.then(|| view! {
                <div class="bg-choice">
                    <input class="bg-choice__input" type="checkbox" id=id("gedeeld") disabled=move || !editable()
                        prop:checked=item.shared on:change=move |_| item.shared.update(|v| *v = !*v) />
                    <label class="bg-choice__label" for=id("gedeeld")>{tf!("De burger mag {name} ook zien", "The citizen may see {name} too")}</label>
                </div>
            })}
            {move || match item.stage.get() {
                Stage::Ready => view! {
                    <button class="utrecht-button utrecht-button--subtle" type="button" on:click=move |_| on_remove.run(item.key)>{tf!("{name} niet versturen", "Do not send {name}")}</button>
                }.into_any(),
                Stage::Sending(share) => view! {
                    <div class="bg-upload__progress">
                        <progress max="100" value=format!("{:.0}", share * 100.0) aria-label=tf!("Voortgang van {name}", "Progress of {name}")></progress>
                        <span>{tf!("{:.0}% verstuurd", "{:.0}% sent", share * 100.0)}</span>
                        <button class="utrecht-button utrecht-button--subtle" type="button"
                            on:click=move |_| item.request.with_value(|r| { if let Some(r) = r { let _ = r.xhr.abort(); } })>{t!("Annuleren", "Cancel")}</button>
                    </div>
                }.into_any(),
                Stage::Done => view! { <p class="bg-upload__done" role="status">{tf!("{name} is verstuurd.", "{name} has been sent.")}</p> }.into_any(),
                Stage::Failed(message) => view! {
                    <p class="bg-field__error" role="alert">{format!("{name}: {message}")}</p>
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| on_send.run(item)>{t!("Opnieuw proberen", "Try again")}</button>
                }.into_any(),
                Stage::Cancelled => view! {
                    <p class="nl-paragraph" role="status">{tf!("{name} is niet verstuurd: u heeft het geannuleerd.", "{name} was not sent: you cancelled it.")}</p>
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| on_send.run(item)>{t!("Opnieuw proberen", "Try again")}</button>
                }.into_any(),
            }}
        </li>
    }
}

/// Starts sending `item`; the stage follows the request's events.
fn start_upload(
    endpoint: &str,
    item: Item,
    kind: DocumentSoort,
    on_uploaded: Callback<()>,
) -> Result<(), String> {
    const BROKEN: &str = t!(
        "Het versturen lukte niet. Probeer het opnieuw.",
        "Sending did not work. Try again."
    );
    let form = FormData::new().map_err(|_| BROKEN.to_owned())?;
    let shared = if item.shared.get_untracked() {
        "true"
    } else {
        "false"
    };
    form.append_with_str("soort", kind.as_str())
        .map_err(|_| BROKEN.to_owned())?;
    form.append_with_str("omschrijving", item.description.get_untracked().trim())
        .map_err(|_| BROKEN.to_owned())?;
    form.append_with_str("gedeeld_met_burger", shared)
        .map_err(|_| BROKEN.to_owned())?;
    item.file
        .with_value(|file| form.append_with_blob_and_filename("bestand", file, &file.name()))
        .map_err(|_| BROKEN.to_owned())?;

    let xhr = XmlHttpRequest::new().map_err(|_| BROKEN.to_owned())?;
    xhr.open("POST", endpoint).map_err(|_| BROKEN.to_owned())?;
    if let Some(token) = api::csrf_token() {
        xhr.set_request_header("x-csrf-token", &token)
            .map_err(|_| BROKEN.to_owned())?;
    }
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            item.stage
                .set(Stage::Sending(event.loaded() / event.total()));
        }
    });
    let done_xhr = xhr.clone();
    let load = Closure::<dyn FnMut(ProgressEvent)>::new(move |_: ProgressEvent| {
        let status = done_xhr.status().unwrap_or(0);
        if (200..300).contains(&status) {
            item.stage.set(Stage::Done);
            on_uploaded.run(());
        } else {
            let text = done_xhr.response_text().ok().flatten().unwrap_or_default();
            let message = api::from_json::<Problem>(&text).map_or_else(
                || {
                    t!(
                        "De server nam het bestand niet aan. Probeer het opnieuw.",
                        "The server did not accept the file. Try again."
                    )
                    .to_owned()
                },
                |p| p.detail,
            );
            item.stage.set(Stage::Failed(message));
        }
    });
    let error = Closure::<dyn FnMut(ProgressEvent)>::new(move |_: ProgressEvent| {
        item.stage.set(Stage::Failed(
            t!(
                "De verbinding viel weg. Controleer uw internet en probeer het opnieuw.",
                "The connection dropped. Check your internet and try again."
            )
            .into(),
        ));
    });
    let abort = Closure::<dyn FnMut(ProgressEvent)>::new(move |_: ProgressEvent| {
        item.stage.set(Stage::Cancelled);
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    xhr.set_onload(Some(load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
    xhr.set_onabort(Some(abort.as_ref().unchecked_ref()));
    item.stage.set(Stage::Sending(0.0));
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|_| BROKEN.to_owned())?;
    item.request.set_value(Some(Request {
        xhr,
        _handlers: vec![progress, load, error, abort],
    }));
    Ok(())
}

/// Documents as a list with download links (the server sends them as attachments).
#[component]
pub fn DocumentList(
    documents: Signal<Vec<model::document::DocumentInfo>>,
    /// Download address without the id, e.g. `/api/documenten/`.
    download_base: &'static str,
) -> impl IntoView {
    view! {
        {move || documents.with(Vec::is_empty).then(|| view! { <p class="nl-paragraph">{t!("Er zijn nog geen documenten.", "There are no documents yet.")}</p> })}
        <ul class="bg-documents" data-testid="documenten">
            {move || documents.get().into_iter().map(|d| view! {
                <li class="bg-document">
                    // `rel="external"`: a file from the server, not a page of this app.
                    <a class="nl-link" rel="external" download=d.bestandsnaam.clone() href=format!("{download_base}{}", d.id)>{d.omschrijving.clone()}</a>
                    <p class="bg-message__meta">
                        {format!("{} · {} · {} · {} · {}", d.soort.label(), d.bestandsnaam, size_text(d.grootte as f64), d.door, crate::today::date_in_words(d.tijd))}
                        {d.gedeeld_met_burger.then_some(t!(" · gedeeld met de burger", " · shared with the citizen"))}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}
