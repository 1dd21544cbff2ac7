import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { HELPER, signIn, STAFF } from "./helpers";

test("staff read the figures with small counts hidden, and a helper sees their own beside the totals", async ({ page, browser }, testInfo) => {
  await signIn(page, "/cijfers", STAFF);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cijfers");
  await expect(page.getByRole("status").filter({ hasText: "Periode" })).toContainText("Aantallen onder 10");
  const states = page.locator("section").filter({ has: page.getByRole("heading", { name: "Zaken per stand" }) });
  await expect(states.getByRole("table")).toBeVisible();
  // The demo's few cases are all below 10: shown as "< 10", never as their number.
  await expect(page.getByRole("table").first()).toContainText("< 10");
  await expect(page.getByTestId("doorlooptijden")).toContainText("minder dan 10 zaken");
  await keepScreenshot(page, testInfo, "figures-staff");
  await expectNoAxeViolations(page, testInfo);
  // A period the wrong way round names its field.
  await page.getByLabel("Van", { exact: true }).fill("31-12-2026");
  await page.getByLabel("Tot en met").fill("01-01-2026");
  await page.getByRole("button", { name: "Cijfers tonen" }).click();
  await expect(page.getByLabel("Tot en met")).toHaveAttribute("aria-invalid", "true");

  const helper = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(helper, "/cijfers", HELPER);
  await expect(helper.getByRole("heading", { level: 2, name: "Uw organisatie", exact: true })).toBeVisible();
  await expect(helper.getByRole("heading", { level: 2, name: "Uw organisatie: Zaken per stand" })).toBeVisible();
  await expectNoAxeViolations(helper, testInfo);
});
