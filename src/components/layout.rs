//! The frame around every page: skip link, header with the name, navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="nl-skip-link" href="#inhoud">"Naar de inhoud"</a>
        <header class="bg-header">
            <div class="bg-container bg-header__inner">
                <A href="/" attr:class="bg-logo">
                    <span class="bg-logo__name">"Bondgenoot"</span>
                    <span class="bg-logo__tag">"Hulp bij vastgelopen zaken over belastingen en toeslagen"</span>
                </A>
                <nav aria-label="Hoofdmenu" class="bg-nav">
                    <ul class="bg-nav__list">
                        <li><A href="/" attr:class="bg-nav__link" exact=true>"Start"</A></li>
                        <li><A href="/over" attr:class="bg-nav__link">"Over Bondgenoot"</A></li>
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhoud" class="bg-container bg-main" tabindex="-1">
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
