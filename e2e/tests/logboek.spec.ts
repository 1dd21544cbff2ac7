import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { ADMIN, signIn, submittedCase } from "./helpers";

test("the beheerder reads who did what with a case in the audit log, and downloads it", async ({ page, browser }, testInfo) => {
  const helper = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  const reference = await submittedCase(helper);

  await signIn(page, "/beheer/logboek", ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logboek");
  await page.getByLabel("Zaaknummer", { exact: true }).fill(reference.toLowerCase());
  await page.getByRole("button", { name: "Zoeken" }).click();
  const log = page.getByTestId("logboek");
  await expect(log).toContainText("Zaak ingediend");
  await expect(log).toContainText("Demo Hulpverlener");
  await keepScreenshot(page, testInfo, "beheer-logboek");
  await expectNoAxeViolations(page, testInfo);

  // A day that does not exist is named at its field; nothing else is lost.
  await page.getByLabel("Vanaf (dag)").fill("31-02-2026");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByText("Vul een geldige waarde in voor de eerste dag.").first()).toBeVisible();
  await expect(page.getByLabel("Zaaknummer", { exact: true })).toHaveValue(reference.toLowerCase());
  await page.getByLabel("Vanaf (dag)").fill("");

  // The same rows as CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download als CSV" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.split("\n")[0]).toBe("tijd,rol,persoon,actie,zaak,over,sessie,reden");
  expect(csv).toContain(`zaak_ingediend,${reference}`);

  // Inzage (AVG art. 15): everything stored about the citizen of the case, on a page to print.
  await page.getByLabel("Zaaknummer voor de inzage").fill(reference);
  const [inzage] = await Promise.all([page.waitForEvent("popup"), page.getByRole("link", { name: /Inzage maken/ }).click()]);
  await expect(inzage.getByRole("heading", { level: 1 })).toHaveText(`Inzage zaak ${reference}`);
  await expect(inzage.getByRole("region", { name: "Gegevens" })).toContainText("Naam");
  await expect(inzage.getByRole("region", { name: "Wie de zaak bekeek of veranderde" })).toContainText("Zaak ingediend");
  await keepScreenshot(inzage, testInfo, "beheer-inzage");
  await expectNoAxeViolations(inzage, testInfo);
});
