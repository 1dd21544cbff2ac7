import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { consentLink, consentThroughApi, phone, submittedCase } from "./helpers";

// The citizen's status page is installable (public/burger/manifest.webmanifest) and has a
// service worker (public/sw.js): the app shell and the stylesheet come from its cache, an
// offline page says what to do, and no API answer is ever kept.

test("the status page keeps its app shell, never the citizen's case, and says when there is no connection", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; the helper's side of this runs at a desk");
  test.setTimeout(60_000);
  const reference = await submittedCase(page);
  const access = await consentThroughApi(page, await consentLink(page, reference));

  const citizen = await phone(browser);
  await citizen.goto("/status");
  const manifest = await citizen.locator('link[rel="manifest"]').getAttribute("href");
  const installable = await (await citizen.request.get(manifest!)).json();
  expect(installable).toMatchObject({ start_url: "/status", display: "standalone", lang: "nl" });
  await citizen.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await citizen.getByLabel("Zaaknummer").fill(reference);
  await citizen.getByLabel("Persoonlijke code").fill(access);
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Uw zaak");
  // Opened again, now through the service worker: the case is shown, fetched anew.
  await citizen.reload();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Uw zaak");
  expect(await citizen.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const kept = await citizen.evaluate(async () => {
    const out: { path: string; body: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        out.push({ path: new URL(request.url).pathname, body: (await response?.text()) ?? "" });
      }
    }
    return out;
  });
  const paths = kept.map((k) => k.path);
  expect(paths).toContain("/offline.html");
  expect(paths.some((p) => p.endsWith("_bg.wasm")), paths.join(", ")).toBe(true);
  expect(paths.some((p) => p.endsWith(".css")), paths.join(", ")).toBe(true);
  expect(paths.filter((p) => p.startsWith("/api/"))).toEqual([]);
  for (const { path, body } of kept) {
    expect(body, path).not.toContain(reference);
    expect(body, path).not.toContain("Fatima");
  }

  await citizen.context().setOffline(true);
  await citizen.goto("/status");
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Geen verbinding");
  await expect(citizen.getByText("Kijk of wifi of mobiele data aan staat.")).toBeVisible();
  await keepScreenshot(citizen, testInfo, "offline");
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.context().setOffline(false);
  await citizen.getByRole("link", { name: "Probeer het opnieuw" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Uw zaak");
  await citizen.context().close();
});

test("in English the worker keeps the English shell and says so in English when there is no connection", async ({ browser, baseURL, isMobile }, testInfo) => {
  test.skip(isMobile, "sets up its own phone");
  const citizen = await phone(browser);
  await citizen.context().addCookies([{ name: "bg_taal", value: "en", url: baseURL! }]);
  await citizen.goto("/status");
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Follow your case");
  const manifest = await citizen.locator('link[rel="manifest"]').getAttribute("href");
  expect(await (await citizen.request.get(manifest!)).json()).toMatchObject({ start_url: "/status", lang: "en" });
  await citizen.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await citizen.reload();
  expect(await citizen.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js\?taal=en$/);
  const paths = await citizen.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) out.push(new URL(request.url).pathname);
    }
    return out;
  });
  expect(paths).toContain("/en/offline.html");
  expect(paths.some((p) => p.startsWith("/en/burger/") && p.endsWith("_bg.wasm")), paths.join(", ")).toBe(true);
  expect(paths.filter((p) => p.startsWith("/burger/")), "no Dutch shell beside it").toEqual([]);

  await citizen.context().setOffline(true);
  await citizen.goto("/status");
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("No connection");
  await expect(citizen.locator("html")).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.context().close();
});
