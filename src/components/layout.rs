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
        Some(Role::Hulpverlener) => Some(("/zaken", "Uw zaken")),
        Some(Role::Behandelaar) => Some(("/backoffice", "Werkvoorraad")),
        _ => None,
    };
    view! {
        <a class="nl-skip-link" href="#inhoud" on:click=skip_to_content>"Naar de inhoud"</a>
        <header class="bg-header">
            <div class="bg-container bg-header__inner">
                // `rel="external"`: served outside this app's router (another bundle or server HTML).
                <a href="/" class="bg-logo" rel="external">
                    <span class="bg-logo__name">"Bondgenoot"</span>
                    <span class="bg-logo__tag">"Hulp bij vastgelopen zaken over belastingen en toeslagen"</span>
                </a>
                <nav aria-label="Hoofdmenu" class="bg-nav">
                    <ul class="bg-nav__list">
                        {match frame {
                            Frame::Helper | Frame::Form => view! {
                                <li><a href="/" class="bg-nav__link" rel="external">"Start"</a></li>
                                {if frame == Frame::Helper {
                                    view! { <li><A href="/zaken" attr:class="bg-nav__link">"Uw zaken"</A></li> }.into_any()
                                } else {
                                    view! { <li><a href="/zaken" class="bg-nav__link" rel="external">"Uw zaken"</a></li> }.into_any()
                                }}
                                <li><a href="/signalen" class="bg-nav__link" rel="external">"Signalen"</a></li>
                                <li><a href="/hulp" class="bg-nav__link" rel="external">"Uitleg"</a></li>
                                {move || signed_in().then(|| view! { <li><a href="/account" class="bg-nav__link" rel="external">"Mijn account"</a></li> })}
                            }.into_any(),
                            Frame::Work => view! {
                                <li><a href="/" class="bg-nav__link" rel="external">"Start"</a></li>
                                // Staff work from the work list (its own bundle: a page load);
                                // helpers from their organisation's list.
                                {move || if is_staff() {
                                    view! { <li><a href="/backoffice" class="bg-nav__link" rel="external">"Werkvoorraad"</a></li> }.into_any()
                                } else {
                                    view! { <li><a href="/zaken" class="bg-nav__link" rel="external">"Uw zaken"</a></li> }.into_any()
                                }}
                                <li><a href="/signalen" class="bg-nav__link" rel="external">"Signalen"</a></li>
                                <li><a href="/cijfers" class="bg-nav__link" rel="external">"Cijfers"</a></li>
                                <li><a href="/hulp" class="bg-nav__link" rel="external">"Uitleg"</a></li>
                                {move || signed_in().then(|| view! { <li><a href="/account" class="bg-nav__link" rel="external">"Mijn account"</a></li> })}
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
                                        {link("/beheer", "Accounts", beheer)}
                                        {link("/beheer/organisaties", "Organisaties", beheer)}
                                        {link("/beheer/teams", "Teams", beheer)}
                                        {link("/beheer/logboek", "Logboek", !beheer)}
                                        {link("/beheer/meldingen", "Meldingen", !beheer)}
                                        {link("/beheer/vernietiging", "Vernietiging", !beheer)}
                                        <li><a href="/cijfers" class="bg-nav__link" rel="external">"Cijfers"</a></li>
                                    })}
                                    {move || home().map(|(href, label)| view! { <li><a href=href class="bg-nav__link" rel="external">{label}</a></li> })}
                                    {link("/account", "Mijn account", beheer)}
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
                                    {link("/", "Start", public)}
                                    {link("/status", "Uw zaak volgen", !public)}
                                    <li><a href="/hulp" class="bg-nav__link" rel="external">"Uitleg"</a></li>
                                    {link("/over", "Over Bondgenoot", public)}
                                    <li><a href="/zaken" class="bg-nav__link" rel="external">"Voor hulpverleners"</a></li>
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
                        Frame::Helper | Frame::Form | Frame::Work | Frame::Beheer | Frame::Toezicht => "Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over deze website? Vraag het aan uw eigen organisatie.",
                        Frame::Public | Frame::Citizen => "Bondgenoot is voor hulpverleners en de mensen die zij helpen. Vragen over uw zaak? Neem contact op met uw hulpverlener.",
                    }}
                </p>
            </div>
        </footer>
    }
}
