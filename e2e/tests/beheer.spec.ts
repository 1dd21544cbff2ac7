import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { appCode } from "./app-code";
import { ADMIN, signIn } from "./helpers";
import { choosePassword, linkInMail } from "./mail";


async function typePassword(page: Page, who: { email: string; password: string }) {
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.getByLabel("Wachtwoord").fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

// Names and addresses are made unique per run.
test("a beheerder sets up an organisation and a team, invites two people, and switching one off ends that session", async ({ page, browser, isMobile }, testInfo) => {
  // At 1280 px the same pages and steps run in the acceptance journey (project zonder-demo),
  // from a beheerder with the app; here at 360 px, with every form's errors.
  test.skip(!isMobile, "the desktop half is tests/acceptance.spec.ts");
  test.setTimeout(150_000);
  const unique = `${testInfo.project.name}-${Date.now()}`;
  const organisation = `Wijkteam ${unique}`;
  const team = `Triage ${unique}`;
  const helper = { email: `helper-${unique}@e2e.test`, password: "groene fiets bij de Maas" };
  // Both projects share the database: names differ per project.
  const helperName = `Sanne de Vries ${testInfo.project.name}`;
  const staff = { email: `behandelaar-${unique}@e2e.test`, password: "blauwe kano op het IJ" };

  // Sign-in brings the beheerder to the beheer app (demo accounts sign in without the app).
  await typePassword(page, ADMIN);
  await expect(page).toHaveURL(/\/beheer$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accounts");
  await expect(page.getByTestId("accounts")).toContainText(ADMIN.email);
  await expectNoAxeViolations(page, testInfo);

  // An organisation: the empty form names both fields, then it is made.
  await page.getByRole("link", { name: "Organisaties" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisaties");
  await page.getByRole("button", { name: "Organisatie maken" }).click();
  await expect(page.locator("#naam-fout")).toContainText("naam van de organisatie");
  await expect(page.locator("#soort-fout")).toContainText("Kies het soort organisatie");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "organisatie-fouten");
  await page.getByLabel("Naam van de organisatie").fill(organisation);
  await page.getByLabel("Soort organisatie").selectOption({ label: "Gemeente of wijkteam" });
  await page.getByLabel("Contact voor de burger").fill("Bel 030 123 45 67 op werkdagen van 9 tot 12 uur.");
  await page.getByRole("button", { name: "Organisatie maken" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De organisatie ${organisation} is opgeslagen.`);
  await expect(page.getByTestId("organisaties")).toContainText(organisation);
  // The same name twice is refused at the field; nothing is made.
  await page.getByLabel("Naam van de organisatie").fill(organisation);
  await page.getByLabel("Soort organisatie").selectOption({ label: "Anders" });
  await page.getByRole("button", { name: "Organisatie maken" }).click();
  await expect(page.locator("#naam-fout")).toContainText("Er is al een organisatie met deze naam");

  // A team of the Belangenbehartiger.
  await page.getByRole("link", { name: "Teams" }).click();
  await page.getByLabel("Naam van het team").fill(team);
  await page.getByLabel(/Dit team doet de triage/).check();
  await page.getByRole("button", { name: "Team maken" }).click();
  await expect(page.getByTestId("melding")).toContainText(`Het team ${team} is gemaakt.`);
  await expect(page.getByTestId("teams")).toContainText(team);
  // What a team may is set here too: this one may also open others' cases with a reason.
  await page.getByRole("button", { name: `Openen met reden aanzetten voor ${team}` }).click();
  await expect(page.getByTestId("melding")).toContainText(`Het team ${team} is gewijzigd.`);
  await expect(page.getByTestId("teams").getByRole("listitem").filter({ hasText: team })).toContainText("Mag zaken van anderen openen met een reden.");
  await expectNoAxeViolations(page, testInfo);

  // Invite a helper of the new organisation; the form first says what is missing.
  await page.getByRole("link", { name: "Accounts" }).click();
  await page.getByRole("link", { name: "Iemand uitnodigen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iemand uitnodigen");
  await page.getByLabel("Hulpverlener bij een partnerorganisatie").check();
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.locator("#naam-fout")).toBeVisible();
  await expect(page.locator("#email-fout")).toBeVisible();
  await expect(page.locator("#organisatie_id-fout")).toContainText("Kies de organisatie");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Naam", { exact: true }).fill(helperName);
  await page.getByLabel("E-mailadres").fill(helper.email);
  await page.getByLabel("Organisatie", { exact: true }).selectOption({ label: organisation });
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De uitnodiging is verstuurd naar ${helper.email}.`);
  await expect(page.getByTestId("accounts")).toContainText(helperName);

  // And a behandelaar in the new team.
  await page.getByRole("link", { name: "Iemand uitnodigen" }).click();
  await page.getByLabel("Naam", { exact: true }).fill("Ahmed Yilmaz");
  await page.getByLabel("E-mailadres").fill(staff.email);
  await page.getByLabel("Behandelaar bij de Belangenbehartiger").check();
  await page.getByLabel(team).check();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "uitnodigen");
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De uitnodiging is verstuurd naar ${staff.email}.`);

  // Each opens the mailed link in a browser of their own and chooses a password.
  const helperPage = await (await browser.newContext()).newPage();
  await helperPage.goto(await linkInMail(helper.email, "Kies uw wachtwoord"));
  await choosePassword(helperPage, helper.password);
  await expect(helperPage.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  await signIn(helperPage, "/zaken", helper);
  await expect(helperPage.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
  await expect(helperPage.getByText(organisation)).toBeVisible();

  const staffPage = await (await browser.newContext()).newPage();
  await staffPage.goto(await linkInMail(staff.email, "Kies uw wachtwoord"));
  await choosePassword(staffPage, staff.password);
  await expect(staffPage.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  // A behandelaar sets up the authenticator app at the first sign-in.
  await typePassword(staffPage, staff);
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Inloggen met een app instellen");
  await expect(staffPage.getByRole("img", { name: /QR-code/ })).toBeVisible();
  await expectNoAxeViolations(staffPage, testInfo);
  await keepScreenshot(staffPage, testInfo, "app-instellen");
  const secret = (await staffPage.getByTestId("geheim").textContent()) ?? "";
  await staffPage.getByLabel("Code", { exact: true }).fill(appCode(secret, 300));
  await staffPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(staffPage.locator("#code-fout")).toContainText("Deze code klopt niet");
  await staffPage.getByLabel("Code", { exact: true }).fill(appCode(secret));
  await staffPage.getByRole("button", { name: "Inloggen" }).click();
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Bewaar uw herstelcodes");
  await expect(staffPage.getByTestId("herstelcodes").getByRole("listitem")).toHaveCount(10);
  await expectNoAxeViolations(staffPage, testInfo);
  await staffPage.getByRole("button", { name: "Ik heb de codes bewaard. Verder" }).click();
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");
  // The next sign-in asks for the app's code (the next one: each code counts once).
  const again = await (await browser.newContext()).newPage();
  await typePassword(again, staff);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Code uit de app");
  await expectNoAxeViolations(again, testInfo);
  await again.getByLabel("Code", { exact: true }).fill(appCode(secret, 30));
  await again.getByRole("button", { name: "Inloggen" }).click();
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");

  // The beheerder switches the helper off: the helper's open session is refused at once.
  await page.getByRole("link", { name: helperName }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(helperName);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "Account uitzetten" }).click();
  await expect(page.getByTestId("melding")).toContainText(`${helperName} kan niet meer inloggen.`);
  await expect(page.getByTestId("accounts")).toContainText("Uitgezet");
  expect((await helperPage.request.get("/api/zaken")).status()).toBe(401);
  await helperPage.reload();
  await expect(helperPage.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  // The behandelaar works on.
  expect((await staffPage.request.get("/api/zaken")).status()).toBe(200);
});

test("a helper who opens the beheer app is told it is for beheerders", async ({ page }, testInfo) => {
  await signIn(page, "/beheer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alleen voor beheerders");
  await expectNoAxeViolations(page, testInfo);
});
