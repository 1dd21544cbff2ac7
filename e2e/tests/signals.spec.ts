import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { HELPER, invitedHelper, signIn, STAFF, todayDutch } from "./helpers";
import { choosePassword, linkInMail, mailBody } from "./mail";

const COLLEAGUE = { email: "collega@demo.bondgenoot.test", password: STAFF.password };
// Three people in three browsers, two axe scans each: about 25 s on 2 cores.
const JOURNEY_BUDGET_MS = 60_000;

/** Staff take a step on the open signal page and wait for its new state. */
async function signalStep(staff: Page, label: string | RegExp, state: string, fields: { text?: string; date?: string } = {}) {
  await staff.getByRole("radio", { name: label }).check();
  if (fields.text) await staff.getByLabel("Tekst", { exact: true }).fill(fields.text);
  if (fields.date) await staff.getByLabel("Datum van doorzetten").fill(fields.date);
  await staff.getByRole("button", { name: "Stap opslaan" }).click();
  await expect(staff.getByRole("heading", { level: 2, name: `Nu: ${state}` })).toBeVisible();
}

test("a helper's signal is warned about a BSN, checked by two staff members, forwarded, and answered", async ({ page, browser }, testInfo) => {
  test.setTimeout(JOURNEY_BUDGET_MS);
  const theme = `Terugvordering na verhuizing (${testInfo.project.name} ${Date.now()})`;
  await signIn(page, "/signalen/nieuw", HELPER);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuw signaal");
  await expect(page.getByRole("note")).toContainText("zonder persoonsgegevens");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Over welke Dienst gaat het?").selectOption("dienst_toeslagen");
  await page.getByLabel("Waar gaat het over?").fill(theme);
  await page.getByLabel("Wat gaat er mis in het systeem?").fill("Na een verhuizing vordert de Dienst terug voordat het nieuwe adres verwerkt is.");
  await page.getByLabel("Een voorbeeld, zonder persoonsgegevens").fill("Een moeder met BSN 111222333 verhuisde en kreeg een terugvordering.");
  await page.getByLabel("Wat zou helpen?").fill("Wacht met terugvorderen tot het adres verwerkt is.");
  await page.getByRole("button", { name: "Signaal versturen" }).click();
  // Warned, with the field named; the text is kept.
  await expect(page.locator(".utrecht-alert, [role=alert]").filter({ hasText: "BSN" }).first()).toBeVisible();
  await expect(page.getByLabel("Een voorbeeld, zonder persoonsgegevens")).toHaveAttribute("aria-invalid", "true");
  await keepScreenshot(page, testInfo, "signal-warned");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Een voorbeeld, zonder persoonsgegevens").fill("Een moeder van twee kinderen verhuisde en kreeg twee weken later een terugvordering.");
  await page.getByRole("button", { name: "Signaal versturen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bedankt. Uw signaal is verstuurd.");
  const reference = (await page.getByRole("status").filter({ hasText: "SG-" }).textContent())?.match(/SG-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0] ?? "";
  expect(reference).not.toBe("");

  // The writer offers the text for the KSMS; they cannot approve it themselves.
  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, `/signalen/${reference}`, STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(theme);
  await signalStep(staff, "Oppakken", "In behandeling");
  const ksms = "Na een verhuizing vordert Dienst Toeslagen terug voordat het nieuwe adres verwerkt is.";
  await signalStep(staff, "Tekst voor het KSMS laten controleren", "Tekst wordt gecontroleerd", { text: ksms });
  await expect(staff.getByRole("radio", { name: "Tekst is anoniem: goedkeuren" })).toHaveCount(0);
  await expectNoAxeViolations(staff, testInfo);

  // A second staff member approves it.
  const colleague = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(colleague, `/signalen/${reference}`, COLLEAGUE);
  await expect(colleague.getByTestId("tekst-ksms")).toHaveText(ksms);
  await signalStep(colleague, "Tekst is anoniem: goedkeuren", "Klaar om door te zetten");

  await staff.reload();
  await signalStep(staff, "Doorgezet naar het KSMS", "Doorgezet naar het KSMS", { date: todayDutch() });
  const answer = "Dienst Toeslagen verwerkt voortaan eerst het nieuwe adres.";
  await signalStep(staff, "Terugkoppeling vastleggen", "Terugkoppeling ontvangen", { text: answer });
  await keepScreenshot(staff, testInfo, "signal-staff");

  // The helper reads the terugkoppeling (not the internal text) and got a mail.
  await page.goto(`/signalen/${reference}`);
  await expect(page.getByRole("heading", { level: 2, name: "Nu: Terugkoppeling ontvangen" })).toBeVisible();
  await expect(page.getByTestId("signaal-stappen")).toContainText(answer);
  await expect(page.locator("main")).not.toContainText(ksms);
  await keepScreenshot(page, testInfo, "signal-partner");
  await expectNoAxeViolations(page, testInfo);
  await page.goto("/signalen");
  await expect(page.getByTestId("signalen")).toContainText(theme);
  expect(await mailBody(HELPER.email, reference)).toContain(`/signalen/${reference}`);

  // A helper of another organisation sees nothing of it: not in the list, not by its number.
  const outsider = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  const email = await invitedHelper(outsider.request);
  await outsider.goto(await linkInMail(email, "Kies uw wachtwoord"));
  await choosePassword(outsider, "andere organisatie fietspomp");
  await expect(outsider.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  await signIn(outsider, "/signalen", { email, password: "andere organisatie fietspomp" });
  await expect(outsider.getByRole("heading", { level: 1 })).toHaveText("Signalen");
  await expect(outsider.locator("main")).not.toContainText(reference);
  await expect(outsider.locator("main")).not.toContainText(theme);
  await outsider.goto(`/signalen/${reference}`);
  await expect(outsider.getByRole("alert")).toBeVisible();
  await expect(outsider.locator("main")).not.toContainText(theme);
  await expect(outsider.locator("main")).not.toContainText(answer);
  await expectNoAxeViolations(outsider, testInfo);
});
