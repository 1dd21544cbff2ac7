//! Sent (`/zaken/:ref/verstuurd`): the reference, and what happens now.

use leptos::prelude::*;
use model::lifecycle::{Audience, CaseStatus};

use super::use_wizard;

#[component]
pub fn Confirmation() -> impl IntoView {
    let wizard = use_wizard();
    let text = CaseStatus::WachtOpToestemming.explain(Audience::Hulpverlener);
    view! {
        <div class="bg-panel" role="status">
            <h1 class="nl-heading nl-heading--level-1">"De zaak is verstuurd"</h1>
            <p class="nl-paragraph">"Het zaaknummer is"</p>
            <p class="bg-reference" data-testid="zaaknummer">{wizard.reference.get_value()}</p>
        </div>
        <h2 class="nl-heading nl-heading--level-2">"Wat gebeurt er nu?"</h2>
        <p class="nl-paragraph">{text.meaning}</p>
        <p class="nl-paragraph">{text.next}</p>
        <p class="nl-paragraph">"De termijn voor bezwaar of beroep loopt door. Ook nu de zaak is verstuurd."</p>
        <p class="nl-paragraph"><a class="nl-link" href="/zaken">"Naar uw zaken"</a></p>
    }
}
