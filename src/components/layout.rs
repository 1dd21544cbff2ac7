//! The frame around every page: skip link, header with the name, navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;
use model::lifecycle::Role;

use crate::session::Session;

/// Which app the frame is in: the helpers' app or the public one. They are separate
/// bundles, so a link into the other app is a full page load (`rel="external"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Sign-in and the helper's list of cases.
    Helper,
    /// The case form (the same menu as the helper's, its list a page load away).
    Form,
    /// The public app: start page, about, choosing a password.
    Public,
    /// The citizen's app: consent and status (the same menu as the public app's).
    Citizen,
    /// The case app: helpers and staff following a sent case.
    Work,
    /// The beheer app.
    Beheer,
    /// The supervision app (audit log, alerts): the beheerder's too, another bundle.
    Toezicht,
}

#[component]
pub fn Layout(frame: Frame, children: Children) -> impl IntoView {
    let main = NodeRef::<leptos::html::Main>::new();
    // The router would treat `#inhoud` as a route change; move focus to the content ourselves,
    // as the browser would, so the next Tab continues inside the page content.
    let skip_to_content = move |event: leptos::ev::MouseEvent| {
        if let Some(main) = main.get() {
            event.prevent_default();
            let _ = main.focus();
        }
    };
    // A new page within the app (another path, not only another query) puts the focus on its
    // heading, as a page load would put the reader at the top (WCAG 2.4.3).
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move |before: Option<String>| {
        let now = path.get();
        if before.is_some_and(|before| before != now) {
            crate::components::notice::focus_new_page();
        }
        now
    });
    let session = use_context::<Session>();
    let role = move || session.and_then(|s| s.me.get().flatten()).map(|me| me.rol);
    let signed_in = move || role().is_some();
    let is_staff = move || role() == Some(Role::Behandelaar);
    let is_beheerder = move || role() == Some(Role::Beheerder);
    // The own account page is in the beheer app: the way back to one's own work from there.
    let home = move || match role() {
        Some(Role::Hulpverlener) => Some(("/zaken", t!("Uw zaken", "Your cases"))),
        Some(Role::Behandelaar) => Some(("/backoffice", t!("Werkvoorraad", "Work list"))),
        _ => None,
    };
    view! {
        <a class="nl-skip-link" href="#inhoud" on:click=skip_to_content>{t!("Naar de inhoud", "Go to the content")}</a>
        <header class="bg-header">
            <div class="bg-container bg-header__inner">
                // `rel="external"`: served outside this app's router (another bundle or server HTML).
                <a href="/" class="bg-logo" rel="external">
                    <span class="bg-logo__name">"Bondgenoot"</span>
                    <span class="bg-logo__tag">{t!("Hulp bij vastgelopen zaken over belastingen en toeslagen", "Help with stuck cases about taxes and benefits")}</span>
                </a>
                <LanguageLink signed_in=Signal::derive(signed_in) />
                <nav aria-label=t!("Hoofdmenu", "Main menu") class="bg-nav">
                    <ul class="bg-nav__list">
                        {match frame {
                            Frame::Helper | Frame::Form => view! {
                                <li><a href="/" class="bg-nav__link" rel="external">{t!("Start", "Start")}</a></li>
                                {if frame == Frame::Helper {
                                    view! { <li><A href="/zaken" attr:class="bg-nav__link">{t!("Uw zaken", "Your cases")}</A></li> }.into_any()
                                } else {
                                    view! { <li><a href="/zaken" class="bg-nav__link" rel="external">{t!("Uw zaken", "Your cases")}</a></li> }.into_any()
                                }}
                                <li><a href="/signalen" class="bg-nav__link" rel="external">{t!("Signalen", "Signals")}</a></li>
                                <li><a href="/hulp" class="bg-nav__link" rel="external">{t!("Uitleg", "Explanations")}</a></li>
                                {move || signed_in().then(|| view! { <li><a href="/account" class="bg-nav__link" rel="external">{t!("Mijn account", "My account")}</a></li> })}
                            }.into_any(),
                            Frame::Work => view! {
                                <li><a href="/" class="bg-nav__link" rel="external">{t!("Start", "Start")}</a></li>
                                // Staff work from the work list (its own bundle: a page load);
                                // helpers from their organisation's list.
                                {move || if is_staff() {
                                    view! { <li><a href="/backoffice" class="bg-nav__link" rel="external">{t!("Werkvoorraad", "Work list")}</a></li> }.into_any()
                                } else {
                                    view! { <li><a href="/zaken" class="bg-nav__link" rel="external">{t!("Uw zaken", "Your cases")}</a></li> }.into_any()
                                }}
                                <li><a href="/signalen" class="bg-nav__link" rel="external">{t!("Signalen", "Signals")}</a></li>
                                <li><a href="/cijfers" class="bg-nav__link" rel="external">{t!("Cijfers", "Figures")}</a></li>
                                <li><a href="/hulp" class="bg-nav__link" rel="external">{t!("Uitleg", "Explanations")}</a></li>
                                {move || signed_in().then(|| view! { <li><a href="/account" class="bg-nav__link" rel="external">{t!("Mijn account", "My account")}</a></li> })}
                            }.into_any(),
                            Frame::Beheer | Frame::Toezicht => {
                                // A link within this bundle routes in the page; into the other
                                // of the two beheer bundles it is a page load.
                                let link = move |href: &'static str, label: &'static str, here: bool| {
                                    if here {
                                        view! { <li><A href=href attr:class="bg-nav__link" exact={href == "/beheer"}>{label}</A></li> }.into_any()
                                    } else {
                                        view! { <li><a href=href class="bg-nav__link" rel="external">{label}</a></li> }.into_any()
                                    }
                                };
                                let beheer = frame == Frame::Beheer;
                                view! {
                                    {move || is_beheerder().then(|| view! {
                                        {link("/beheer", t!("Accounts", "Accounts"), beheer)}
                                        {link("/beheer/organisaties", t!("Organisaties", "Organisations"), beheer)}
                                        {link("/beheer/teams", t!("Teams", "Teams"), beheer)}
                                        {link("/beheer/logboek", t!("Logboek", "Log"), !beheer)}
                                        {link("/beheer/meldingen", t!("Meldingen", "Alerts"), !beheer)}
                                        {link("/beheer/vernietiging", t!("Vernietiging", "Destruction"), !beheer)}
                                        <li><a href="/cijfers" class="bg-nav__link" rel="external">{t!("Cijfers", "Figures")}</a></li>
                                    })}
                                    {move || home().map(|(href, label)| view! { <li><a href=href class="bg-nav__link" rel="external">{label}</a></li> })}
                                    {link("/account", t!("Mijn account", "My account"), beheer)}
                                }.into_any()
                            }
                            Frame::Public | Frame::Citizen => {
                                // Routed in the page within this bundle, a page load into the other.
                                let public = frame == Frame::Public;
                                let link = move |href: &'static str, label: &'static str, here: bool| {
                                    if here {
                                        view! { <li><A href=href attr:class="bg-nav__link" exact=true>{label}</A></li> }.into_any()
                                    } else {
                                        view! { <li><a href=href class="bg-nav__link" rel="external">{label}</a></li> }.into_any()
                                    }
                                };
                                view! {
                                    {link("/", t!("Start", "Start"), public)}
                                    {link("/status", t!("Uw zaak volgen", "Follow your case"), !public)}
                                    <li><a href="/hulp" class="bg-nav__link" rel="external">{t!("Uitleg", "Explanations")}</a></li>
                                    {link("/over", t!("Over Bondgenoot", "About Bondgenoot"), public)}
                                    <li><a href="/zaken" class="bg-nav__link" rel="external">{t!("Voor hulpverleners", "For social workers")}</a></li>
                                }.into_any()
                            }
                        }}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="bg-container bg-main" tabindex="-1" node_ref=main>
            {children()}
        </main>
        <footer class="bg-footer">
            <div class="bg-container">
                <p class="nl-paragraph">
                    {match frame {
                        Frame::Helper | Frame::Form | Frame::Work | Frame::Beheer | Frame::Toezicht => t!("Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over deze website? Vraag het aan uw eigen organisatie.", "Bondgenoot is for social workers and the people they help. Questions about this website? Ask your own organisation."),
                        Frame::Public | Frame::Citizen => t!("Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over uw zaak? Neem contact op met uw hulpverlener.", "Bondgenoot is for social workers and the people they help. Questions about your case? Contact your social worker."),
                    }}
                </p>
            </div>
        </footer>
    }
}

/// The header's link to the other language, in that language's own words (and marked as
/// such for screen readers). Without the app (the first-paint copy) it is a plain link the
/// server answers; in the app it keeps the choice (on the account too) and reloads in place.
#[component]
fn LanguageLink(signed_in: Signal<bool>) -> impl IntoView {
    let other = crate::i18n::LANG.other();
    let path = leptos_router::hooks::use_location().pathname;
    let href = move || format!("/taal/{}?terug={}", other.code(), path.get());
    let switch = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        let save = signed_in.get_untracked();
        leptos::task::spawn_local(crate::i18n::switch_to(other, save));
    };
    view! {
        <a class="bg-language" href=href rel="external" lang=other.code() hreflang=other.code() on:click=switch>
            {other.own_name()}
        </a>
    }
}
