import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { BIRTH_DATE, consentLink, consentThroughApi, HELPER, helperStatus, phone, signIn, STAFF, submittedCase, takeStep } from "./helpers";
import { linkInMail } from "./mail";

// Journeys across two devices get an explicit budget: on a 2-core machine each takes about
// 10-20 s (axe scans in two browser contexts); 60 s leaves room to spare. Each is a part of
// the citizen's path that can fail on its own, so the long path is split in two.
const JOURNEY_BUDGET_MS = 60_000;

test("the citizen consents on their own phone and the helper sees the case arrive", async ({ page, browser }, testInfo) => {
  test.setTimeout(JOURNEY_BUDGET_MS);
  const reference = await submittedCase(page);
  const link = await consentLink(page, reference);
  await keepScreenshot(page, testInfo, "helper-handover");
  await expectNoAxeViolations(page, testInfo);

  const citizen = await phone(browser);
  await citizen.goto(link);
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Toestemming geven voor uw zaak");
  await expect(citizen).toHaveURL(/\/toestemming$/); // the code left the address bar
  await expectNoAxeViolations(citizen, testInfo);

  await citizen.getByLabel("Uw geboortedatum").fill("13-05-1980");
  await citizen.getByRole("button", { name: "Verder" }).click();
  await expect(citizen.getByRole("alert")).toContainText("horen niet bij elkaar");
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Verder" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Geeft u toestemming?");
  await expect(citizen.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(citizen.getByText(/vraagt uw toestemming/)).toContainText("Demo – Sociaal raadslieden Voorbeeldstad");
  await expect(citizen.getByRole("heading", { name: "Termijnen lopen door" })).toBeVisible();
  await keepScreenshot(citizen, testInfo, "citizen-consent-text");
  await expectNoAxeViolations(citizen, testInfo);
  expect(await helperStatus(page, reference)).toBe("wacht_op_toestemming");

  await citizen.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Bedankt. U heeft toestemming gegeven.");
  const access = (await citizen.getByTestId("toegangscode").textContent()) ?? "";
  expect(access).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(citizen.getByTestId("zaaknummer")).toHaveText(reference);
  await keepScreenshot(citizen, testInfo, "citizen-access-code");
  await expectNoAxeViolations(citizen, testInfo);
  expect(await helperStatus(page, reference)).toBe("aangemeld");
  await page.goto("/zaken");
  await expect(page.getByText(`${reference} · Aangemeld`)).toBeVisible();
  // "Naar uw zaak" opens the case itself: the citizen stays signed in after consenting.
  await citizen.getByRole("link", { name: "Naar uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  await expect(citizen.getByLabel("Persoonlijke code")).toHaveCount(0);

  // The link was used once; opening it again does not ask again.
  const again = await phone(browser);
  await again.goto(link);
  await again.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await again.getByRole("button", { name: "Verder" }).click();
  await expect(again.getByRole("alert")).toContainText("U heeft al geantwoord met deze link");
});

test("the citizen follows the case on a phone and withdraws consent", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; the helper's side of this runs at a desk");
  test.setTimeout(JOURNEY_BUDGET_MS);
  const reference = await submittedCase(page);
  const access = await consentThroughApi(page, await consentLink(page, reference));

  const citizen = await phone(browser);
  await citizen.goto("/status");
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Uw zaak volgen");
  await expectNoAxeViolations(citizen, testInfo);
  // Typed as people do: lower case, spaces instead of dashes.
  await citizen.getByLabel("Zaaknummer").fill(reference.toLowerCase());
  await citizen.getByLabel("Persoonlijke code").fill(access.replaceAll("-", " "));
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  await expect(citizen.getByTestId("tijdlijn")).toContainText("U heeft toestemming gegeven. Uw zaak is aangemeld bij de Belangenbehartiger.");
  await expect(citizen.getByText("Neem contact op met uw hulpverlener bij Demo – Sociaal raadslieden Voorbeeldstad.")).toBeVisible();
  await keepScreenshot(citizen, testInfo, "citizen-status");
  await expectNoAxeViolations(citizen, testInfo);

  // A reload keeps the citizen signed in (session cookie), without the code in the address.
  await citizen.reload();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();

  await citizen.getByRole("button", { name: "Toestemming intrekken" }).click();
  await expect(citizen.getByRole("heading", { name: "Weet u het zeker?" })).toBeVisible();
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.getByRole("button", { name: "Ja, trek mijn toestemming in" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Toestemming ingetrokken" })).toBeVisible();
  await expect(citizen.getByRole("button", { name: "Toestemming intrekken" })).toHaveCount(0);
  expect(await helperStatus(page, reference)).toBe("ingetrokken");

  // Staff keep a tombstone: the steps and their dates, nothing about the citizen, nothing to do.
  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, `/backoffice/zaken/${reference}`, STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await expect(staff.getByTestId("grafsteen")).toContainText("De burger heeft de toestemming ingetrokken.");
  await expect(staff.getByTestId("tijdlijn")).toContainText("Toestemming ingetrokken");
  await expect(staff.locator("main")).not.toContainText("Fatima");
  await expect(staff.locator("main")).not.toContainText("huurtoeslag is teruggevorderd");
  await expect(staff.getByRole("button", { name: /Stap opslaan|Bericht versturen|Notitie opslaan|Kies bestanden/ })).toHaveCount(0);
  await keepScreenshot(staff, testInfo, "staff-tombstone");
  await expectNoAxeViolations(staff, testInfo);
});

test("a citizen who refuses ends the case, and the helper reads why", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; the helper's side of this runs at a desk");
  const reference = await submittedCase(page);
  const link = await consentLink(page, reference);
  const citizen = await phone(browser);
  await citizen.goto(link);
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Verder" }).click();
  await citizen.getByRole("button", { name: "Ik geef geen toestemming" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("U heeft geen toestemming gegeven");
  await expectNoAxeViolations(citizen, testInfo);
  expect(await helperStatus(page, reference)).toBe("vervallen");
  await page.goto("/zaken");
  await expect(page.getByText(`${reference} · Vervallen`)).toBeVisible();
});

test("a code typed by hand works, and too many wrong access codes lock the status page", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; the helper's side of this runs at a desk");
  const reference = await submittedCase(page);
  const link = await consentLink(page, reference);
  const code = link.split("#")[1];
  const citizen = await phone(browser);
  await citizen.goto("/toestemming");
  await citizen.getByLabel("Code").fill(code.toLowerCase());
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Verder" }).click();
  await citizen.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(citizen.getByTestId("toegangscode")).toBeVisible();

  // Signed in after consenting; signed out, the status page asks for the code.
  await citizen.goto("/status");
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  await citizen.getByRole("button", { name: "Uitloggen" }).click();
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("link", { name: /Vul het zaaknummer in/ })).toBeVisible();
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.getByLabel("Zaaknummer").fill(reference);
  for (let i = 0; i < 5; i++) {
    await citizen.getByLabel("Persoonlijke code").fill("KKKK-KKKK-KKKK");
    await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
    await expect(citizen.getByRole("alert")).toContainText("klopt niet");
  }
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("alert")).toContainText("Wacht even");
  await keepScreenshot(citizen, testInfo, "citizen-locked");
});

test("without a phone, the citizen signs the printed form and the helper records it", async ({ page, browser, isMobile }, testInfo) => {
  test.setTimeout(JOURNEY_BUDGET_MS);
  test.skip(isMobile, "the citizen is on a phone in every project; the helper's side of this runs at a desk");
  const reference = await submittedCase(page);
  await page.goto(`/zaken/${reference}`);
  await expect(page.getByRole("heading", { level: 2, name: "Toestemming op papier" })).toBeVisible();
  await page.getByRole("link", { name: "Druk het toestemmingsformulier af" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toestemming voor uw zaak");
  await expect(page.getByText(/Versie van deze tekst/)).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await page.goBack();
  await page.getByLabel("Kies bestanden").setInputFiles([
    { name: "formulier.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3000, 0x20)]) },
  ]);
  await page.getByLabel("Wat is formulier.pdf?").selectOption("toestemmingsformulier");
  await page.getByLabel("Korte omschrijving van formulier.pdf").fill("Getekend formulier");
  await page.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(page.getByText("formulier.pdf is verstuurd.")).toBeVisible();
  await page.getByRole("button", { name: "Toestemming vastleggen met het getekende formulier" }).click();
  const handover = page.getByTestId("papieren-toestemming");
  await expect(handover).toContainText(reference);
  await expect(handover.locator(".bg-reference").nth(1)).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectNoAxeViolations(page, testInfo);
  // Four-eyes: a staff member checks the form before the case is aangemeld.
  expect(await helperStatus(page, reference)).toBe("toestemming_controleren");
  await page.goto(`/zaken/${reference}`);
  await expect(page.getByRole("heading", { level: 2, name: "Nu: Formulier wordt gecontroleerd" })).toBeVisible();
  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, `/backoffice/zaken/${reference}`, STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await keepScreenshot(staff, testInfo, "staff-checks-paper-form");
  await takeStep(staff, /^Toestemming gecontroleerd: klopt$/, "Het formulier is getekend en klopt.", "Uw formulier klopt.");
  await expectNoAxeViolations(staff, testInfo);
  expect(await helperStatus(page, reference)).toBe("aangemeld");
});

test("consent given for someone else is refused, and a citizen who did not give it stops the work from the mail", async ({ page, browser }, testInfo) => {
  test.setTimeout(JOURNEY_BUDGET_MS);
  const email = `niet-ik-${Date.now()}-${testInfo.project.name}@example.org`;
  const reference = await submittedCase(page, HELPER, email);
  const link = await consentLink(page, reference);
  // The helper's own browser cannot answer for the citizen.
  await page.goto(link);
  await page.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await page.getByRole("button", { name: "Verder" }).click();
  await expect(page.getByRole("alert")).toContainText("hulpverlener of medewerker ingelogd");
  expect(await helperStatus(page, reference)).toBe("wacht_op_toestemming");

  // Someone answers on another device; the confirmation mail goes to the citizen's address.
  await consentThroughApi(page, link);
  const dispute = await linkInMail(email, reference);
  expect(dispute).toMatch(/^\/toestemming\/niet-ik#/);
  const citizen = await phone(browser);
  await citizen.goto(dispute);
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Gaf u geen toestemming?");
  await expect(citizen).toHaveURL(/\/toestemming\/niet-ik$/); // the code left the address bar
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.getByRole("button", { name: "Ik gaf geen toestemming" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Bedankt. Wij hebben uw melding.");
  await keepScreenshot(citizen, testInfo, "citizen-dispute");
  await expectNoAxeViolations(citizen, testInfo);
  expect(await helperStatus(page, reference)).toBe("toestemming_controleren");
  await page.goto(`/zaken/${reference}`);
  await expect(page.getByRole("heading", { level: 2, name: "Nu: Toestemming wordt uitgezocht" })).toBeVisible();
});

test("a citizen who lost the code makes a new one with a link from the helper; the old code stops", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; once is enough");
  test.setTimeout(JOURNEY_BUDGET_MS);
  const reference = await submittedCase(page);
  const oldCode = await consentThroughApi(page, await consentLink(page, reference));

  await page.goto(`/zaken/${reference}`);
  await page.getByRole("button", { name: "Maak een link voor een nieuwe code" }).click();
  const handover = page.getByTestId("nieuwe-code-link");
  const link = (await handover.locator(".bg-handover__link").textContent()) ?? "";
  expect(link).toMatch(/\/status\/nieuwe-code#[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectNoAxeViolations(page, testInfo);

  const citizen = await phone(browser);
  await citizen.goto(link);
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Een nieuwe persoonlijke code");
  await expect(citizen).toHaveURL(/\/status\/nieuwe-code$/); // the code left the address bar
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Maak mijn nieuwe code" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Uw nieuwe code is klaar");
  const newCode = (await citizen.getByTestId("toegangscode").textContent()) ?? "";
  expect(newCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(newCode).not.toBe(oldCode);
  await keepScreenshot(citizen, testInfo, "citizen-new-code");
  await expectNoAxeViolations(citizen, testInfo);
  await citizen.getByRole("link", { name: "Naar uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();

  // The old code no longer opens the case.
  const other = await phone(browser);
  await other.goto("/status");
  await other.getByLabel("Zaaknummer").fill(reference);
  await other.getByLabel("Persoonlijke code").fill(oldCode);
  await other.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(other.getByRole("alert")).toContainText("klopt niet");
});
