import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./a11y";
import { BIRTH_DATE, HELPER, STAFF, consentLink, phone, submittedCase } from "./helpers";

// Journeys by keyboard alone (WCAG 2.1.1, 2.4.3, 2.4.7): Tab, Shift+Tab, Enter, Space and the
// arrow keys; no mouse and no click(). Every stop of the focus must be visible, a refused
// form puts the focus on its error summary, a new page on its heading.

/** Whether `target` has the focus. */
const focused = (target: Locator) => target.evaluate((e) => e === document.activeElement);

/** The focused element shows a focus ring (an outline or a box shadow). */
async function expectVisibleFocus(page: Page) {
  const ring = await page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return "none needed";
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== "none" ? "shown" : `no focus ring on ${e.tagName.toLowerCase()}#${e.id} “${(e.textContent ?? "").trim().slice(0, 30)}”`;
  });
  expect(["shown", "none needed"]).toContain(ring);
}

/** Presses Tab (or Shift+Tab) until the focus is on `target`, or inside it. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page);
    if (await target.evaluate((e) => e === document.activeElement || e.contains(document.activeElement))) return;
  }
  throw new Error(`the focus never reached ${target} in ${max} presses of Tab`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/** A radio button by the arrow keys, as in any radio group: Tab into the group, then arrows. */
async function choose(page: Page, group: Locator, label: string) {
  await tabTo(page, group);
  const option = group.getByRole("radio", { name: label, exact: true });
  for (let i = 0; i < 12 && !(await focused(option)); i++) await page.keyboard.press("ArrowDown");
  await expect(option).toBeFocused();
  if (!(await option.isChecked())) await page.keyboard.press("Space");
  await expect(option).toBeChecked();
}

async function press(page: Page, button: Locator, key = "Enter") {
  await tabTo(page, button);
  await page.keyboard.press(key);
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

/** The page from the HTML has been replaced by the app (its forms are read-only till then). */
const appStarted = (page: Page) => expect(page.locator("[data-first-paint]")).toHaveCount(0);

/** After a page change the focus is on the new page's heading. */
async function expectNewPage(page: Page, title: string) {
  await expect(heading(page)).toHaveText(title);
  await expect(heading(page)).toBeFocused();
}

test.describe("by keyboard only", () => {
  test.skip(({ isMobile }) => isMobile, "a keyboard goes with the desk; the phone projects tap");

  test("the helper's whole form, from the route check to the confirmation", async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto("/inloggen?terug=%2Fzaken%2Fnieuw");
    await appStarted(page);
    await typeInto(page, page.getByLabel("Wachtwoord"), HELPER.password);
    await tabTo(page, page.getByLabel("E-mailadres"), { back: true });
    await page.keyboard.type(HELPER.email);
    await page.keyboard.press("Enter");

    // The route check: one answer by Space, then on to the form.
    await expect(heading(page)).toHaveText("Is de Belangenbehartiger de juiste route?");
    const contact = page.getByRole("group", { name: /al contact gehad met de BelastingTelefoon/ });
    await choose(page, contact, "Ja");
    await press(page, page.getByRole("button", { name: /aanmelden/ }));
    await expectNewPage(page, "Over de burger");

    // A refused page: the focus goes to the summary; its link (Enter) to the field.
    const next = page.getByRole("button", { name: "Opslaan en verder" });
    await press(page, next);
    const summary = page.getByRole("alert").filter({ hasText: "Er is iets niet goed ingevuld" });
    await expect(summary).toBeFocused();
    await expectNoAxeViolations(page, testInfo);
    await press(page, summary.getByRole("link", { name: "Vul de naam van de burger in." }));
    await expect(page.getByRole("textbox", { name: "Naam" })).toBeFocused();
    await page.keyboard.type("Fatima el Amrani");
    await typeInto(page, page.getByRole("textbox", { name: "Geboortedatum" }), BIRTH_DATE);
    await typeInto(page, page.getByRole("textbox", { name: "Mobiel nummer" }), "06 12345678");
    await press(page, next);

    await expectNewPage(page, "Dienst en onderwerp");
    await choose(page, page.getByRole("group", { name: /Bij welke Dienst/ }), "Dienst Toeslagen");
    await press(page, page.getByRole("checkbox", { name: "Huurtoeslag" }), "Space");
    await expect(page.getByRole("checkbox", { name: "Huurtoeslag" })).toBeChecked();
    await press(page, next);

    await expectNewPage(page, "Wat is er gebeurd?");
    await typeInto(page, page.getByLabel("Wat ging er mis?"), "De huurtoeslag over 2024 wordt teruggevorderd.");
    await typeInto(page, page.getByLabel("Welke uitkomst wil de burger?"), "Een betalingsregeling die past.");
    await press(page, next);

    await expectNewPage(page, "Bezwaar of beroep");
    await choose(page, page.getByRole("group", { name: /Loopt er een bezwaar of beroep/ }), "Nee");
    await press(page, next);

    await expectNewPage(page, "Is het dringend?");
    await press(page, next);

    await expectNewPage(page, "Uw contactgegevens");
    await press(page, next);

    await expectNewPage(page, "Controleer de zaak");
    await expect(page.getByText("Fatima el Amrani")).toBeVisible();
    await press(page, page.getByRole("button", { name: "Zaak versturen" }));
    await expectNewPage(page, "De zaak is verstuurd");
    await press(page, page.getByRole("button", { name: "Maak de link voor de burger" }));
    await expect(page.getByTestId("toestemmingslink").getByRole("img", { name: /QR-code/ })).toBeVisible();
    await expectNoAxeViolations(page, testInfo);
  });

  test("the citizen consents and opens the status page; staff take a step", async ({ page, browser }, testInfo) => {
    test.setTimeout(90_000);
    const reference = await submittedCase(page);
    const link = await consentLink(page, reference);

    const citizen = await phone(browser);
    await citizen.goto(link);
    await appStarted(citizen);
    await expect(heading(citizen)).toHaveText("Toestemming geven voor uw zaak");
    await typeInto(citizen, citizen.getByLabel("Uw geboortedatum"), BIRTH_DATE);
    await citizen.keyboard.press("Enter");
    await expectNewPage(citizen, "Geeft u toestemming?");
    await press(citizen, citizen.getByRole("button", { name: "Ik geef toestemming" }));
    await expectNewPage(citizen, "Bedankt. U heeft toestemming gegeven.");
    const access = (await citizen.getByTestId("toegangscode").textContent())?.trim() ?? "";
    expect(access).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const status = await phone(browser);
    await status.goto("/status");
    await appStarted(status);
    // Refused: the summary has the focus.
    await press(status, status.getByRole("button", { name: "Bekijk uw zaak" }));
    await expect(status.getByRole("alert").filter({ hasText: "Er is iets niet goed ingevuld" })).toBeFocused();
    await typeInto(status, status.getByLabel("Zaaknummer"), reference);
    await typeInto(status, status.getByLabel("Persoonlijke code"), access);
    await status.keyboard.press("Enter");
    await expectNewPage(status, "Uw zaak");
    await expect(status.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
    await expectNoAxeViolations(status, testInfo);

    // Staff: the case from the work list, a step chosen with the arrow keys.
    const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
    await staff.goto(`/inloggen?terug=${encodeURIComponent(`/backoffice/zaken/${reference}`)}`);
    await appStarted(staff);
    await typeInto(staff, staff.getByLabel("E-mailadres"), STAFF.email);
    await typeInto(staff, staff.getByLabel("Wachtwoord"), STAFF.password);
    await staff.keyboard.press("Enter");
    await expect(heading(staff)).toHaveText(`Zaak ${reference}`);
    const steps = staff.getByRole("group", { name: "Welke stap zet u?" });
    await tabTo(staff, steps);
    await staff.keyboard.press("Space");
    const chosen = steps.getByRole("radio", { checked: true });
    await expect(chosen).toHaveCount(1);
    // The message is prefilled: to its end, then typed on.
    await tabTo(staff, staff.getByLabel("Bericht voor de hulpverlener"));
    await staff.keyboard.press("Control+End");
    await staff.keyboard.type(" Met vriendelijke groet.");
    await press(staff, staff.getByRole("button", { name: "Stap opslaan" }));
    await expect(staff.getByTestId("tijdlijn")).toContainText("Met vriendelijke groet.");
    await expectNoAxeViolations(staff, testInfo);
    await citizen.context().close();
    await status.context().close();
    await staff.context().close();
  });
});
