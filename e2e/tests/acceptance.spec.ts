import { expect, test, type Browser, type Page } from "@playwright/test";
import { FIRST_BEHEERDER } from "../playwright.config";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { appCode } from "./app-code";
import { BIRTH_DATE, bothSee, consentLink, openFromWorkList, phone, submittedCase, takeStep } from "./helpers";
import { choosePassword, linkInMail } from "./mail";

// A real installation's first day, on a server without demo data (project "zonder-demo"):
// every account here is made through the product itself, starting from the one
// `create-beheerder` made.

type Person = { email: string; password: string };

async function typePassword(page: Page, who: Person) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.getByLabel("Wachtwoord").fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
}

/** Opens the mailed link, chooses the password and signs in; for staff, sets up the app
 * with a code computed from the shown secret. Returns the secret (empty for a helper). */
async function firstSignIn(page: Page, who: Person, withApp: boolean): Promise<string> {
  await page.goto(await linkInMail(who.email, "Kies uw wachtwoord"));
  await choosePassword(page, who.password);
  await expect(page.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  await typePassword(page, who);
  if (!withApp) return "";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen met een app instellen");
  const secret = (await page.getByTestId("geheim").textContent()) ?? "";
  await page.getByLabel("Code", { exact: true }).fill(appCode(secret));
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByTestId("herstelcodes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "Ik heb de codes bewaard. Verder" }).click();
  return secret;
}

test("from the first beheerder to a handled case, with accounts made only through the product", async ({ page, browser }, testInfo) => {
  // Five browser contexts and three mails; on a 2-core machine about a minute.
  test.setTimeout(150_000);
  const admin = { email: FIRST_BEHEERDER, password: "rode tram naar het Zuid" };
  const helper = { email: "jamal.bakker@e2e.test", password: "groene fiets bij de Maas" };
  const staff = { email: "ahmed.yilmaz@e2e.test", password: "blauwe kano op het IJ" };
  const organisation = "Sociaal Raadslieden Zuidwijk";
  const contactLine = "Bel 010 765 43 21 op werkdagen van 9 tot 12 uur.";
  const team = "Casusbehandeling Toeslagen";

  // The beheerder from the CLI: the mailed link, a password, the app — and then beheer.
  await firstSignIn(page, admin, true);
  await expect(page).toHaveURL(/\/beheer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accounts");
  await expect(page.getByTestId("accounts")).toContainText(FIRST_BEHEERDER);
  await expectNoAxeViolations(page, testInfo);

  // Each beheer page at 1280 px gets its axe scan here; beheer.spec.ts scans them at 360 px.
  await page.getByRole("link", { name: "Organisaties" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisaties");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Naam van de organisatie").fill(organisation);
  await page.getByLabel("Soort organisatie").selectOption({ label: "Sociaal raadslieden" });
  await page.getByLabel("Contact voor de burger").fill(contactLine);
  await page.getByRole("button", { name: "Organisatie maken" }).click();
  await expect(page.getByTestId("organisaties")).toContainText(organisation);
  await page.getByRole("link", { name: "Teams" }).click();
  await page.getByLabel("Naam van het team").fill(team);
  // The one team of this installation triages the new cases (need-to-know).
  await page.getByLabel(/Dit team doet de triage/).check();
  await page.getByRole("button", { name: "Team maken" }).click();
  await expect(page.getByTestId("teams")).toContainText(team);
  await expect(page.getByTestId("teams")).toContainText("Doet de triage.");
  await expectNoAxeViolations(page, testInfo);

  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("link", { name: "Iemand uitnodigen" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Jamal Bakker");
  await page.getByLabel("E-mailadres").fill(helper.email);
  await page.getByLabel("Hulpverlener bij een partnerorganisatie").check();
  await page.getByLabel("Organisatie", { exact: true }).selectOption({ label: organisation });
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De uitnodiging is verstuurd naar ${helper.email}.`);
  await page.getByRole("link", { name: "Iemand uitnodigen" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Ahmed Yilmaz");
  await page.getByLabel("E-mailadres").fill(staff.email);
  await page.getByLabel("Behandelaar bij de Belangenbehartiger").check();
  await page.getByLabel(team).check();
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De uitnodiging is verstuurd naar ${staff.email}.`);

  // Each opens their own mail on a device of their own.
  const helperPage = await newPage(browser);
  await firstSignIn(helperPage, helper, false);
  await expect(helperPage.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
  await expect(helperPage.getByText(organisation)).toBeVisible();
  const staffPage = await newPage(browser);
  await firstSignIn(staffPage, staff, true);
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");

  // The case journey with these accounts: the helper sends a case, the citizen consents on
  // a phone, the behandelaar takes it on, and helper and citizen see every step.
  const reference = await submittedCase(helperPage, helper);
  const link = await consentLink(helperPage, reference);
  const citizen = await phone(browser);
  await citizen.goto(link);
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Verder" }).click();
  await expect(citizen.getByText(/vraagt uw toestemming/)).toContainText(organisation);
  await citizen.getByRole("button", { name: "Ik geef toestemming" }).click();
  const access = (await citizen.getByTestId("toegangscode").textContent()) ?? "";
  expect(access).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  // The phone that consented is signed in: "Naar uw zaak" opens the case itself.
  await citizen.getByRole("link", { name: "Naar uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  // The contact line the beheerder entered is what the citizen reads.
  await expect(citizen.getByTestId("contact")).toContainText(contactLine);
  await expectNoAxeViolations(citizen, testInfo);

  await staffPage.reload();
  await (await openFromWorkList(staffPage, reference)).click();
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await takeStep(staffPage, /Triage beginnen/, "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  await takeStep(staffPage, /In behandeling nemen/, "Ik ben uw vaste contact.", "Wij gaan u helpen.");
  await bothSee(helperPage, citizen, reference, "In behandeling", "Ik ben uw vaste contact.", "Wij gaan u helpen.");
  await expect(helperPage.getByTestId("casemanager")).toHaveText("Ahmed Yilmaz");
  await helperPage.getByLabel("Nieuw bericht").fill("De burger is bereikbaar na 17 uur.");
  await helperPage.getByRole("button", { name: "Bericht versturen" }).click();
  await staffPage.reload();
  await expect(staffPage.getByTestId("berichten")).toContainText("na 17 uur");
  await keepScreenshot(staffPage, testInfo, "behandelaar-zaak");
  await expectNoAxeViolations(staffPage, testInfo);

  // The beheerder switches the helper off: the helper's open session is refused at once;
  // the case and its history stay.
  await page.getByRole("link", { name: "Jamal Bakker" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Jamal Bakker");
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Account uitzetten" }).click();
  await expect(page.getByTestId("melding")).toContainText("Jamal Bakker kan niet meer inloggen.");
  expect((await helperPage.request.get("/api/zaken")).status()).toBe(401);
  await helperPage.reload();
  await expect(helperPage.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await staffPage.reload();
  await expect(staffPage.getByTestId("tijdlijn")).toContainText("Ik ben uw vaste contact.");
  // And at the end of the day, the behandelaar signs out from the queue.
  await staffPage.getByRole("link", { name: "Naar de werkvoorraad" }).click();
  await staffPage.getByRole("button", { name: "Uitloggen" }).click();
  await expect(staffPage).toHaveURL(/\/$/);
  expect((await staffPage.request.get("/api/zaken")).status()).toBe(401);
});
