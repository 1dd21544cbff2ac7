//! Links to the case's letters as PDF (made by the server; nothing of them is in the Wasm):
//! the proof of being helped while the case runs, the summary at the end.

use leptos::prelude::*;
use model::letter::{has_proof, has_summary};
use model::lifecycle::CaseStatus;

/// `base`: the letters' address (`/api/burger/brieven`, `/api/zaken/{ref}/brieven`);
/// `for_citizen`: the texts speak to the citizen, or to the helper about the citizen.
#[component]
pub fn Letters(base: String, status: CaseStatus, for_citizen: bool) -> impl IntoView {
    let proof = has_proof(status);
    let summary = has_summary(status);
    let why = if for_citizen {
        "Laat dit bewijs zien aan wie u geld moet, aan een deurwaarder of aan de verhuurder."
    } else {
        "De burger kan dit bewijs laten zien aan schuldeisers, een deurwaarder of de verhuurder."
    };
    (proof || summary).then(|| {
        view! {
            <section aria-labelledby="brieven-kop" data-testid="brieven">
                <h2 id="brieven-kop" class="nl-heading nl-heading--level-2">"Brieven"</h2>
                {proof.then(|| view! {
                    <p class="nl-paragraph">{why}" Let op: de aanmelding stopt geen betaling, termijn of procedure."</p>
                    <p class="nl-paragraph">
                        <a class="nl-link" href=format!("{base}/bewijs") download="">"Download het bewijs van aanmelding (PDF)"</a>
                    </p>
                })}
                {summary.then(|| view! {
                    <p class="nl-paragraph">
                        <a class="nl-link" href=format!("{base}/samenvatting") download="">"Download de samenvatting van de zaak (PDF)"</a>
                    </p>
                })}
            </section>
        }
    })
}
