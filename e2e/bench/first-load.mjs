// First load of a page on a cold cache, as Chromium really fetches it: the sum of the bytes
// transferred (as served: brotli, plus headers), per kind of resource.
import { chromium } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../chromium.mjs";


function kindOf(url, mime) {
  if (url.endsWith(".wasm") || mime === "application/wasm") return "wasm";
  if (mime.includes("css")) return "css";
  if (mime.includes("javascript")) return "js";
  if (mime.includes("html")) return "html";
  if (mime.includes("font")) return "font";
  if (url.includes("/api/")) return "api";
  return "other";
}

/** Loads each path in a fresh browser context and returns the transferred bytes by kind. */
export async function measureFirstLoad(baseURL, paths, lang = "nl") {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const results = [];
  try {
    for (const path of paths) {
      // Service workers blocked: the status page's worker caches the app at install, and when
      // it took over the page before the page asked for its Wasm, that Wasm came from the
      // worker and was not counted (one run showed the English status page at 22.7 KB).
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, serviceWorkers: "block" });
      // The English bundles come to a browser that chose English (the header's link).
      if (lang === "en") await context.addCookies([{ name: "bg_taal", value: "en", url: baseURL }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const responses = new Map();
      const bytes = {};
      cdp.on("Network.responseReceived", (e) =>
        responses.set(e.requestId, { url: e.response.url, mime: e.response.mimeType }),
      );
      cdp.on("Network.loadingFinished", (e) => {
        const r = responses.get(e.requestId);
        if (!r) return;
        const kind = kindOf(r.url, r.mime);
        bytes[kind] = (bytes[kind] ?? 0) + e.encodedDataLength;
      });
      await page.goto(baseURL + path, { waitUntil: "networkidle" });
      await page.locator("main h1").waitFor();
      await context.close();
      const total = Object.values(bytes).reduce((a, b) => a + b, 0);
      results.push({ path, total, bytes });
    }
  } finally {
    await browser.close();
  }
  return results;
}
