// After the Trunk builds: each public page's first view as HTML, made from the app's own
// components. Every page below is opened in Chromium from dist/ (no server: the requests are
// answered here, and API calls are left unanswered, so the view is the one every visitor
// sees before any answer). Its body is kept (forms read-only until the app is there), each
// top element marked `data-first-paint`, in
// dist/first-paint/<page>.html (the English in dist/en/first-paint/): the server sends that
// page for the route, the browser paints the text before the Wasm has arrived, and the app
// replaces the copy when it starts (src/first_paint.rs). Also writes the citizen's service
// worker and offline page.
//
//   node e2e/build/first-paint.mjs <dist>
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, resolve, extname } from "node:path";
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../chromium.mjs";
import { toEnglish, withoutEnglish } from "./english.mjs";

const dist = resolve(process.argv[2] ?? "dist");
const root = resolve(import.meta.dirname, "../..");

// The public routes, the app (dist folder) that has each, and its title and description in
// Dutch and English. `/` and `/over` may be indexed (the server says noindex on every other
// app route).
const pages = [
  {
    route: "/",
    app: "publiek",
    title: {
      nl: "Bondgenoot – hulp bij vastgelopen zaken over belastingen en toeslagen",
      en: "Bondgenoot – help with stuck cases about taxes and benefits",
    },
    description: {
      nl: "Helpt u iemand die vastloopt bij de Belastingdienst of Dienst Toeslagen? Leg de zaak met Bondgenoot voor aan de Belangenbehartiger, met toestemming van de burger.",
      en: "Do you help someone who is stuck with the Tax Administration or the Benefits Service? Use Bondgenoot to bring the case to the Belangenbehartiger, with the citizen's consent.",
    },
  },
  {
    route: "/over",
    app: "publiek",
    title: {
      nl: "Over Bondgenoot en de Belangenbehartiger – Bondgenoot",
      en: "About Bondgenoot and the Belangenbehartiger – Bondgenoot",
    },
    description: {
      nl: "Wat doet de Belangenbehartiger Belastingplichtigen en Toeslaggerechtigden? Hij onderzoekt vastgelopen zaken en geeft de Dienst advies. Lees hoe dat gaat.",
      en: "What does the Belangenbehartiger for taxpayers and benefit recipients do? It looks into stuck cases and advises the service. Read how that works.",
    },
  },
  // Citizens come with the code in the link's `#` part (the QR code): that view, without the
  // field for typing the code.
  {
    route: "/toestemming",
    hash: "#K7D3-FQ9M-X4TC",
    app: "burger",
    title: { nl: "Toestemming geven – Bondgenoot", en: "Give consent – Bondgenoot" },
  },
  { route: "/status", app: "burger", title: { nl: "Uw zaak volgen – Bondgenoot", en: "Follow your case – Bondgenoot" } },
  { route: "/stukken", app: "burger", title: { nl: "Stukken toevoegen – Bondgenoot", en: "Add documents – Bondgenoot" } },
  { route: "/inloggen", app: "", title: { nl: "Inloggen – Bondgenoot", en: "Sign in – Bondgenoot" } },
];
const languages = ["nl", "en"];
/** The folder of a language's build under dist/. */
const home = (lang) => (lang === "en" ? "en" : "");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

const escape = (text) =>
  text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The entry page of an app as Trunk wrote it. */
const entryOf = (app, lang = "nl") => readFileSync(join(dist, home(lang), app, "index.html"), "utf8");

async function render(browser, { route, hash, app }, lang) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const failures = [];
  page.on("pageerror", (error) => failures.push(error.message));
  await page.route("**/*", async (request) => {
    const url = new URL(request.request().url());
    if (url.pathname.startsWith("/api/")) return; // never answered: the view before any answer
    if (!extname(url.pathname)) {
      return request.fulfill({ status: 200, contentType: types[".html"], body: entryOf(app, lang) });
    }
    const file = join(dist, url.pathname);
    if (!file.startsWith(dist) || !existsSync(file)) return request.fulfill({ status: 404, body: "" });
    return request.fulfill({
      status: 200,
      contentType: types[extname(file)] ?? "application/octet-stream",
      body: readFileSync(file),
    });
  });
  await page.goto(`http://127.0.0.1:9${route}${hash ?? ""}`, { waitUntil: "load" });
  await page.waitForSelector("main#inhoud h1", { timeout: 30_000 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const markup = await page.evaluate(() => {
    // The copy's forms wait for the app: fields read-only, choices and buttons disabled (a
    // tap or a key does nothing yet, so nothing typed is lost in the swap), and no names,
    // so nothing could ever be sent in an address.
    for (const control of document.querySelectorAll("button, select, input[type=checkbox], input[type=radio]")) {
      control.setAttribute("disabled", "");
    }
    for (const field of document.querySelectorAll("input, textarea")) field.setAttribute("readonly", "");
    for (const field of document.querySelectorAll("input, textarea, select")) field.removeAttribute("name");
    return [...document.body.children]
      .filter((e) => !["SCRIPT", "NOSCRIPT", "LINK", "TEMPLATE"].includes(e.tagName))
      .map((e) => {
        e.setAttribute("data-first-paint", "");
        return e.outerHTML;
      })
      .join("");
  });
  await context.close();
  if (failures.length) throw new Error(`${route}: ${failures.join("; ")}`);
  return markup;
}

/** The app's loader, started only after the first frame: the text is on the screen by then,
 *  and on a slow connection the stylesheet no longer shares the line with the Wasm (Trunk's
 *  preloads would fetch both at once). The loader is the one Trunk wrote, its static import
 *  made dynamic; the server allows the changed inline script by its hash like any other. */
function deferLoader(html) {
  const loader = /<script type="?module"?>import init,\s*\*\s*as bindings from\s*["']([^"']+)["'];/;
  if (!loader.test(html)) throw new Error("Trunk's loader is not as expected: cannot start it after the first paint");
  return html
    .replace(/<link[^>]*rel="?modulepreload"?[^>]*>/g, "")
    .replace(/<link[^>]*rel="?preload"?[^>]*application\/wasm[^>]*>/g, "")
    .replace(
      loader,
      (_, module) =>
        `<script type=module>await new Promise(r=>requestAnimationFrame(()=>setTimeout(r)));const bindings=await import(${JSON.stringify(module)}),init=bindings.default;`,
    );
}

function firstPaintPage({ app, title, description }, lang, markup) {
  let html = deferLoader(entryOf(app, lang));
  html = html.replace(/<title>[^<]*<\/title>/, `<title>${escape(title[lang])}</title>`);
  if (description) {
    html = html.replace(/<meta[^>]*name="?description"?[^>]*>/, `<meta name="description" content="${escape(description[lang])}">`);
  }
  if (!html.includes("</body>")) throw new Error(`${app || "helpers"}: no </body> in the entry page`);
  return html.replace("</body>", `${markup}</body>`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const lang of languages) {
    mkdirSync(join(dist, home(lang), "first-paint"), { recursive: true });
    for (const spec of pages) {
      const markup = await render(browser, spec, lang);
      const name = spec.route === "/" ? "index" : spec.route.slice(1);
      writeFileSync(join(dist, home(lang), "first-paint", `${name}.html`), firstPaintPage(spec, lang, markup));
      console.log(`first paint of ${spec.route} (${lang}): ${markup.length} characters of HTML`);
    }
  }
} finally {
  await browser.close();
}

// The citizen's service worker: per language, the offline page and the status page's app
// shell (its script, Wasm and stylesheet), cached at install under a name that changes with
// them.
const template = readFileSync(join(root, "public/sw.js"), "utf8");
const offlineTemplate = readFileSync(join(root, "public/offline.html"), "utf8");
const shells = {};
const versions = createHash("sha256").update(template);
for (const lang of languages) {
  const citizen = entryOf("burger", lang);
  const prefix = lang === "en" ? "/en/burger/" : "/burger/";
  const shell = [
    ...new Set(
      [...citizen.matchAll(/(?:href|src)="?(\/[^"\s>]+\.(?:js|wasm|css))/g)]
        .map((m) => m[1])
        .filter((path) => path.startsWith(prefix)),
    ),
  ];
  const stylesheet = shell.find((path) => path.endsWith(".css"));
  if (!stylesheet || !shell.some((p) => p.endsWith(".wasm"))) {
    throw new Error(`the citizen's entry page (${lang}) names no stylesheet or no Wasm`);
  }
  const page = (lang === "en" ? toEnglish : withoutEnglish)(offlineTemplate).replace("{{stylesheet}}", stylesheet);
  const offline = `/${home(lang) ? `${home(lang)}/` : ""}offline.html`;
  writeFileSync(join(dist, offline), page);
  shells[lang] = [offline, "/favicon.svg", ...shell];
  versions.update(page).update(shells[lang].join("\n"));
}
const version = versions.digest("hex").slice(0, 12);
writeFileSync(
  join(dist, "sw.js"),
  template.replace('"{{version}}"', JSON.stringify(version)).replace('{ "{{shells}}": [] }', JSON.stringify(shells)),
);
console.log(`service worker ${version}: ${shells.nl.length} files per language cached at install`);
