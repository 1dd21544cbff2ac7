//! The frame around every page: skip link, header with the name, navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let main = NodeRef::<leptos::html::Main>::new();
    // The router would treat `#inhoud` as a route change; move focus to the content ourselves,
    // as the browser would, so the next Tab continues inside the page content.
    let skip_to_content = move |event: leptos::ev::MouseEvent| {
        if let Some(main) = main.get() {
            event.prevent_default();
            let _ = main.focus();
        }
    };
    view! {
        <a class="nl-skip-link" href="#inhoud" on:click=skip_to_content>"Naar de inhoud"</a>
        <header class="bg-header">
            <div class="bg-container bg-header__inner">
                <A href="/" attr:class="bg-logo">
                    <span class="bg-logo__name">"Bondgenoot"</span>
                    <span class="bg-logo__tag">"Hulp bij vastgelopen zaken over belastingen en toeslagen"</span>
                </A>
                <nav aria-label="Hoofdmenu" class="bg-nav">
                    <ul class="bg-nav__list">
                        <li><A href="/" attr:class="bg-nav__link" exact=true>"Start"</A></li>
                        <li><A href="/zaken" attr:class="bg-nav__link">"Uw zaken"</A></li>
                        // Served by the server as plain HTML (no Wasm): `rel="external"` keeps the router out.
                        <li><a href="/hulp" class="bg-nav__link" rel="external">"Uitleg"</a></li>
                        <li><A href="/over" attr:class="bg-nav__link">"Over Bondgenoot"</A></li>
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
                    "Bondgenoot is voor hulpverleners en de mensen die zij helpen. "
                    "Vragen over deze website? Vraag het aan uw eigen organisatie."
                </p>
            </div>
        </footer>
    }
}
