// The citizen's service worker (scope /status). The build (e2e/build/first-paint.mjs) fills
// in the version and the files to keep per language: the status page's script, Wasm and
// stylesheet, and the offline page. The English page registers it as `/sw.js?taal=en`: a
// worker keeps one language's files, and a switch replaces them. Those come from the cache, so the page opens quickly on a weak
// connection. API answers hold personal data and never pass through here: the browser
// fetches them itself, and they are never stored.
const VERSION = "{{version}}";
const SHELLS = { "{{shells}}": [] };
const LANG = new URL(self.location.href).searchParams.get("taal") === "en" ? "en" : "nl";
const PRECACHE = SHELLS[LANG];
const OFFLINE = PRECACHE[0];
const CACHE = `bondgenoot-${LANG}-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    // The page itself from the server (it is small and may have changed); without a
    // connection, the offline page.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
  }
});
