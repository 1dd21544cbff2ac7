//! The figures page (`/cijfers`, in the backoffice bundle): anonymised counts and lead times of
//! a period, for staff and beheerders, and for a helper their organisation's own beside the
//! totals. Each table has a bar chart made here as SVG (no chart library: the budget) that
//! screen readers skip, since the table beside it holds the same numbers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::figures::{Cell, FigureTable, Figures};
use model::FieldError;

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::session::RequireSignIn;

#[component]
pub fn FiguresPage() -> impl IntoView {
    view! { <RequireSignIn><FiguresView /></RequireSignIn> }
}

#[component]
fn FiguresView() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let figures = RwSignal::new(None::<Result<Figures, ApiFailure>>);
    let load = move || {
        let (van, tot) = (from.get_untracked(), to.get_untracked());
        spawn_local(async move {
            match api::figures(&van, &tot).await {
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                other => {
                    errors.set(Vec::new());
                    figures.set(Some(other));
                }
            }
        });
    };
    load();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        load();
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Cijfers", "Figures")}</h1>
        <p class="nl-paragraph">{t!("Hoeveel zaken en signalen er waren, hoe ze afliepen en hoe lang ze duurden. Zonder namen. Kleine aantallen tonen we niet: daaraan zou iemand te herkennen zijn.", "How many cases and signals there were, how they ended and how long they took. Without names. We do not show small numbers: someone could be recognised from them.")}</p>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="van" label=t!("Van", "From") hint=t!("Dag, maand en jaar. Leeg: het begin van dit halfjaar.", "Day, month and year. Empty: the start of this half year.") inputmode="numeric"
                value=from.into() error=error_of(errors, "van") on_input=Callback::new(move |v| from.set(v)) />
            <TextField id="tot" label=t!("Tot en met", "Up to and including") hint=t!("Leeg: het einde van dit halfjaar.", "Empty: the end of this half year.") inputmode="numeric"
                value=to.into() error=error_of(errors, "tot") on_input=Callback::new(move |v| to.set(v)) />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Cijfers tonen", "Show figures")}</button>
        </form>
        {move || match figures.get() {
            None => view! { <p class="nl-paragraph">{t!("De cijfers worden geladen.", "The figures are loading.")}</p> }.into_any(),
            Some(Err(failure)) => view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any(),
            Some(Ok(figures)) => {
                let k = figures.k;
                let csv = format!("/api/cijfers.csv?van={}&tot={}", figures.van, figures.tot);
                view! {
                    <p class="nl-paragraph" role="status">{tf!("Periode: {} tot en met {}. Aantallen onder {k} staan er als '< {k}'; soms is een tweede aantal verborgen, zodat het kleine niet uit het totaal terug te rekenen is.", "Period: {} up to and including {}. Numbers under {k} are shown as '< {k}'; sometimes a second number is hidden, so the small one cannot be worked out from the total.", figures.van.in_words(), figures.tot.in_words())}</p>
                    <p class="nl-paragraph"><a class="nl-link" href=csv rel="external" download>{t!("Download deze tabellen (CSV)", "Download these tables (CSV)")}</a></p>
                    {figures.tabellen.into_iter().map(|table| view! { <FigureSection table k part="" /> }).collect_view()}
                    <h2 class="nl-heading nl-heading--level-2">{t!("Doorlooptijden", "Lead times")}</h2>
                    // Four columns do not fit 320 px: the table scrolls in its own region, never the page.
                    <div class="bg-scroll" role="region" aria-label=t!("Doorlooptijden in dagen", "Lead times in days") tabindex="0">
                    <table class="bg-table" data-testid="doorlooptijden">
                        <caption class="bg-visually-hidden">{t!("Doorlooptijden in dagen", "Lead times in days")}</caption>
                        <thead><tr><th scope="col">{t!("Stap", "Step")}</th><th scope="col">{t!("Zaken", "Cases")}</th><th scope="col">{t!("Meestal (mediaan)", "Usually (median)")}</th><th scope="col">{t!("9 van de 10 binnen", "9 out of 10 within")}</th></tr></thead>
                        <tbody>
                            {figures.doorlooptijden.into_iter().map(|time| {
                                let days = move |d: Option<i64>| d.map_or_else(|| tf!("minder dan {k} zaken", "fewer than {k} cases"), |d| tf!("{d} dagen", "{d} days"));
                                view! {
                                    <tr><th scope="row">{time.stap}</th><td>{time.aantal.text(k)}</td><td>{days(time.mediaan_dagen)}</td><td>{days(time.p90_dagen)}</td></tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                    {figures.eigen.map(|own| view! {
                        <h2 class="nl-heading nl-heading--level-2">{t!("Uw organisatie", "Your organisation")}</h2>
                        <p class="nl-paragraph">{t!("Dezelfde tabellen, alleen voor de zaken en signalen van uw organisatie.", "The same tables, only for the cases and signals of your organisation.")}</p>
                        {own.into_iter().map(|table| view! { <FigureSection table k part=t!("Uw organisatie: ", "Your organisation: ") /> }).collect_view()}
                    })}
                }
                .into_any()
            }
        }}
    }
}

/// One table with its bar chart.
#[component]
fn FigureSection(table: FigureTable, k: i64, part: &'static str) -> impl IntoView {
    let max = table
        .rijen
        .iter()
        .filter_map(|row| match row.waarde {
            Cell::Aantal(n) => Some(n),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let height = table.rijen.len() * 22;
    view! {
        <section class="bg-figure">
            <h2 class="nl-heading nl-heading--level-2">{format!("{part}{}", table.titel)}</h2>
            <svg class="bg-chart" viewBox=format!("0 0 320 {height}") width="100%" aria-hidden="true" focusable="false">
                {table.rijen.iter().enumerate().map(|(i, row)| {
                    let y = i * 22;
                    let (width, text) = match row.waarde {
                        // Room after the longest bar for a number of four digits, inside the 320 wide view box.
                        Cell::Aantal(n) => ((n * 150 / max) as usize, n.to_string()),
                        other => (0, other.text(k)),
                    };
                    view! {
                        <g>
                            <text x="0" y=y + 15 font-size="11">{row.label.chars().take(22).collect::<String>()}</text>
                            <rect x="130" y=y + 4 width=width height="14" class="bg-chart__bar"></rect>
                            <text x=135 + width y=y + 15 font-size="11">{text}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <div class="bg-scroll" role="region" aria-label=format!("{part}{}", table.titel) tabindex="0">
            <table class="bg-table">
                <caption class="bg-visually-hidden">{table.titel.clone()}</caption>
                <thead><tr><th scope="col">{t!("Wat", "What")}</th><th scope="col">{t!("Aantal", "Number")}</th></tr></thead>
                <tbody>
                    {table.rijen.into_iter().map(|row| view! { <tr><th scope="row">{row.label}</th><td>{row.waarde.text(k)}</td></tr> }).collect_view()}
                    <tr><th scope="row">{t!("Totaal", "Total")}</th><td>{table.totaal.text(k)}</td></tr>
                </tbody>
            </table>
            </div>
        </section>
    }
}
