// The citizen's service worker (scope /status). The build (e2e/build/first-paint.mjs) fills
// in the version and the files to keep: the status page's script, Wasm and stylesheet, and
// the offline page. Those come from the cache, so the page opens quickly on a weak
// connection. API answers hold personal data and never pass through here: the browser
// fetches them itself, and they are never stored.
const VERSION = "{{version}}";
const PRECACHE = ["{{precache}}"];
const CACHE = `bondgenoot-${VERSION}`;

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
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
  }
});
