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
        t!(
            "Laat dit bewijs zien aan wie u geld moet, aan een deurwaarder of aan de verhuurder.",
            "Show this proof to the people you owe money, to a bailiff or to the landlord."
        )
    } else {
        t!("De burger kan dit bewijs laten zien aan schuldeisers, een deurwaarder of de verhuurder.", "The citizen can show this proof to creditors, a bailiff or the landlord.")
    };
    (proof || summary).then(|| {
        view! {
            <section aria-labelledby="brieven-kop" data-testid="brieven">
                <h2 id="brieven-kop" class="nl-heading nl-heading--level-2">{t!("Brieven", "Letters")}</h2>
                {proof.then(|| view! {
                    <p class="nl-paragraph">{why}{t!(" Let op: de aanmelding stopt geen betaling, termijn of procedure.", " Note: submitting does not stop any payment, deadline or procedure.")}</p>
                    <p class="nl-paragraph">
                        <a class="nl-link" href=format!("{base}/bewijs") download="">{t!("Download het bewijs van aanmelding (PDF)", "Download the proof of submission (PDF)")}</a>
                    </p>
                })}
                {summary.then(|| view! {
                    <p class="nl-paragraph">
                        <a class="nl-link" href=format!("{base}/samenvatting") download="">{t!("Download de samenvatting van de zaak (PDF)", "Download the summary of the case (PDF)")}</a>
                    </p>
                })}
            </section>
        }
    })
}
