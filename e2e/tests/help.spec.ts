import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { startCase } from "./helpers";

test("the explanations are reachable from the app, searchable and accessible", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Uitleg" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uitleg in gewone taal");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "uitleg");

  await page.getByRole("searchbox", { name: "Zoek in de uitleg" }).fill("termijnen");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByRole("status")).toContainText("gevonden voor ‘termijnen’");
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: "Uw termijn voor bezwaar of beroep loopt door" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw termijn voor bezwaar of beroep loopt door");
  await expect(page.getByText("Reisverslag Belangenbehartiger (2025), regel 586")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "uitleg-termijnen");
});

test("a wizard page links to its explanation, and the explanation leads back into the wizard", async ({ page, isMobile }, testInfo) => {
  test.skip(isMobile, "behaviour, not layout: the explanation pages run at 360 px in the first help test");
  await startCase(page);
  const help = page.getByRole("navigation", { name: "Meer uitleg" });
  await expect(help.getByRole("link", { name: "Toestemming en privacy: wat delen we?" })).toBeVisible();
  await help.getByRole("link", { name: "Toestemming en privacy: wat delen we?" }).click();
  await expect(page).toHaveURL(/\/hulp\/toestemming-en-privacy$/);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: "Een zaak aanmelden" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is de Belangenbehartiger de juiste route?");
});

test("a helper's own words find the explanation, and a search without results still shows the way", async ({ page, isMobile }, testInfo) => {
  test.skip(isMobile, "behaviour, not layout: the explanation pages run at 360 px in the first help test");
  const search = async (words: string) => {
    await page.goto("/hulp");
    await page.getByRole("searchbox", { name: "Zoek in de uitleg" }).fill(words);
    await page.getByRole("button", { name: "Zoeken" }).click();
  };
  await search("huurtoeslag");
  await expect(page.getByRole("status")).toContainText("gevonden voor ‘huurtoeslag’");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "zoeken-huurtoeslag");
  await page.getByRole("link", { name: "Toeslagenaffaire: hulp bij herstel" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toeslagenaffaire: hulp bij herstel");

  await search("deurwaarder");
  await expect(page.getByRole("status")).toContainText("gevonden voor ‘deurwaarder’");
  await page.getByRole("link", { name: "Later betalen of in delen betalen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Later betalen of in delen betalen");

  await search("qqqxyz");
  await expect(page.getByRole("status")).toHaveText("Niets gevonden voor ‘qqqxyz’.");
  await expect(page.getByRole("heading", { level: 2, name: "Wat kunt u nu doen?" })).toBeVisible();
  await expect(page.getByRole("link", { name: "routecheck" })).toHaveAttribute("href", "/zaken/nieuw");
  await expect(page.getByRole("heading", { level: 2, name: "Veel gelezen" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "zoeken-niets-gevonden");
});
