import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";

test("the start page says what Bondgenoot is for and that the service works", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Bondgenoot/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hulp bij een vastgelopen zaak");
  await expect(page.getByRole("heading", { name: "Let op: termijnen lopen door" })).toBeVisible();
  // The health line comes from GET /api/health, fetched by the Wasm app with gloo-net.
  await expect(page.getByTestId("health")).toHaveText(/^Ja, alles werkt\. Versie \d+\.\d+\.\d+\.$/);
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "startpagina");
});

test("a deep link reloads into the app and the menu marks the current page", async ({ page }, testInfo) => {
  await page.goto("/over");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over Bondgenoot");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over Bondgenoot");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Over Bondgenoot" }))
    .toHaveAttribute("aria-current", "page");
  await expectNoAxeViolations(page, testInfo);
});

test("client-side navigation moves between pages without a reload", async ({ page }) => {
  await page.goto("/");
  // The app runs once it has asked the server: the page's first paint (HTML, before the Wasm)
  // says "We kijken of alles werkt." — a click then would be an ordinary page load.
  await expect(page.getByTestId("health")).toContainText("Ja, alles werkt.");
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Over Bondgenoot" }).click();
  await expect(page).toHaveURL(/\/over$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over Bondgenoot");
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
});

test("an unknown address shows a Dutch 404 page", async ({ page }, testInfo) => {
  await page.goto("/deze/pagina/bestaat/niet");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze pagina bestaat niet");
  await page.getByRole("link", { name: "Ga naar de startpagina" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hulp bij een vastgelopen zaak");
  await expectNoAxeViolations(page, testInfo);
  await page.goto("/deze/pagina/bestaat/niet");
  await keepScreenshot(page, testInfo, "niet-gevonden");
});

test("keyboard users can skip straight to the content", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("health")).toContainText("Ja, alles werkt.");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#inhoud")).toBeFocused();
});
