import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { HELPER } from "./helpers";

// The public pages come with their first view in the HTML (e2e/build/first-paint.mjs), so
// the text is there before the Wasm; the app takes the copy's place when it starts
// (src/first_paint.rs).

const pages: [string, string][] = [
  ["/", "Hulp bij een vastgelopen zaak"],
  ["/over", "Over Bondgenoot"],
  ["/status", "Uw zaak volgen"],
  ["/toestemming#K7D3-FQ9M-X4TC", "Toestemming geven"],
  ["/stukken", "Stukken toevoegen"],
  ["/inloggen", "Inloggen"],
];

/** The layout shift so far (CLS without input), as the browser reports it. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
            if (!entry.hadRecentInput) sum += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => done(sum), 200);
      }),
  );
}

test.describe("without the Wasm", () => {
  test.use({ javaScriptEnabled: false });

  test("every public page shows its heading and text from the HTML alone", async ({ page }, testInfo) => {
    for (const [path, heading] of pages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 }), path).toContainText(heading);
      await expect(page.getByRole("navigation", { name: "Hoofdmenu" }), path).toBeVisible();
      await expect(page.locator("main p").first(), path).not.toBeEmpty();
    }
    await page.goto("/");
    await expect(page.getByText("Dan kunt u de zaak met Bondgenoot voorleggen aan de Belangenbehartiger.")).toBeVisible();
    await keepScreenshot(page, testInfo, "start-without-wasm");
    await page.goto("/status");
    await expect(page.getByText("Met uw zaaknummer en uw persoonlijke code ziet u hier hoe het gaat met uw zaak.")).toBeVisible();
    await keepScreenshot(page, testInfo, "status-without-wasm");
    // A form in the copy cannot be used yet, nor sent (nothing typed may end up in an address).
    await page.goto("/inloggen");
    await expect(page.getByRole("button", { name: "Inloggen" })).toBeDisabled();
    await expect(page.getByLabel("E-mailadres")).not.toBeEditable();
    await expect(page.locator("input[name], textarea[name], select[name]")).toHaveCount(0);
  });
});

test("the app takes the place of the first view without a second copy or a shift", async ({ page }, testInfo) => {
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.locator("[data-first-paint]"), path).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 }), path).toContainText(heading);
    await expect(page.locator("main"), path).toHaveCount(1);
    await expect(page.locator("header"), path).toHaveCount(1);
    if (path === "/") await expect(page.getByTestId("health")).toContainText("Ja, alles werkt.");
    if (path === "/status") await expect(page.getByLabel("Zaaknummer")).toBeVisible();
    expect(await layoutShift(page), `layout shift on ${path}`).toBe(0);
  }
  await expectNoAxeViolations(page, testInfo);
});

test("a form waits read-only for the app, which takes over the focus and what is typed then", async ({ page }) => {
  // The Wasm waits until the e-mail field of the page from the HTML has the focus.
  let release!: () => void;
  const focused = new Promise<void>((done) => (release = done));
  await page.route(/_bg\.wasm$/, async (route) => {
    await focused;
    await route.continue();
  });
  await page.goto("/inloggen", { waitUntil: "domcontentloaded" });
  await expect(page.locator("[data-first-paint]").first()).toBeAttached();
  const email = page.getByLabel("E-mailadres");
  await expect(email).not.toBeEditable();
  await expect(page.getByRole("button", { name: "Inloggen" })).toBeDisabled();
  await email.focus();
  release();
  await expect(page.locator("[data-first-paint]")).toHaveCount(0);
  await expect(email).toBeFocused();
  await expect(email).toBeEditable();
  // Typed into the app's own field: signing in works.
  await page.keyboard.type(HELPER.email);
  await page.getByLabel("Wachtwoord").fill(HELPER.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
});

test("search engines may index the start page and about, with a description each, and nothing personal", async ({ request }) => {
  for (const path of ["/", "/over", "/hulp", "/hulp/stella-team"]) {
    const response = await request.get(path);
    expect(response.headers()["x-robots-tag"], path).toBeUndefined();
    expect(await response.text(), path).toMatch(/<meta (content="[^"]{50,}" name="?description"?|name="?description"? content="[^"]{50,}")/);
  }
  for (const path of ["/status", "/toestemming", "/stukken", "/inloggen", "/zaken", "/account/uitnodiging"]) {
    expect((await request.get(path)).headers()["x-robots-tag"], path).toBe("noindex");
  }
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Allow: /hulp");
  expect(robots).toContain("Disallow: /\n");
});
