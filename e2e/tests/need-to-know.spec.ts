import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { consentLink, consentThroughApi, HELPER, signIn, STAFF, submittedCase, takeStep } from "./helpers";

// Need-to-know among the Belangenbehartiger's staff. The demo data has a case that the demo
// behandelaar's colleague took on ("Demo Burger E"): the demo behandelaar sees its queue line,
// and — their team allows it — opens it only with a reason, to read.
test("a behandelaar opens a colleague's case only with a reason, and then only reads it", async ({ page, isMobile }, testInfo) => {
  test.skip(isMobile, "the form is one text field; the 360 px check of the case page is in the other staff journeys");
  const sent = await page.request.post("/api/sessies", { data: { email: HELPER.email, wachtwoord: HELPER.password } });
  expect(sent.status()).toBe(201);
  const cases: { referentie: string; burger_naam: string | null }[] = await (await page.request.get("/api/zaken")).json();
  const reference = cases.find((c) => c.burger_naam === "Demo Burger E")!.referentie;
  await page.request.delete("/api/sessies/huidig", { headers: { "x-csrf-token": (await sent.json()).csrf_token } });

  await signIn(page, `/backoffice/zaken/${reference}`, STAFF);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await expect(page.getByTestId("niet-uw-zaak")).toContainText("Deze zaak hoort niet bij u of uw team.");
  await expect(page.locator("main")).not.toContainText("Demo Burger E");
  await expectNoAxeViolations(page, testInfo);

  // A reason that says nothing is refused at the field, with what to do.
  await page.getByLabel("Waarom opent u deze zaak?").fill("even");
  await page.getByRole("button", { name: "Zaak openen om in te zien" }).click();
  await expect(page.getByText("De reden is te kort. Gebruik minstens 10 tekens.")).toBeVisible();
  await page.getByLabel("Waarom opent u deze zaak?").fill("De burger belt en de casemanager is vandaag ziek.");
  await page.getByRole("button", { name: "Zaak openen om in te zien" }).click();

  await expect(page.getByTestId("alleen-inzien")).toContainText("U heeft deze zaak geopend om in te zien.");
  await expect(page.locator("main")).toContainText("Demo Burger E");
  await expect(page.getByRole("button", { name: /Stap opslaan|Bericht versturen|Notitie opslaan/ })).toHaveCount(0);
  await keepScreenshot(page, testInfo, "staff-break-glass");
  await expectNoAxeViolations(page, testInfo);
});

test("a casemanager hands a case to a colleague with a reason; the helper reads who it is now", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "a desk journey; the helper's case page at 360 px is in the other journeys");
  const reference = await submittedCase(page);
  await consentThroughApi(page, await consentLink(page, reference));

  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, `/backoffice/zaken/${reference}`, STAFF);
  await takeStep(staff, /Triage beginnen/, "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  await takeStep(staff, /In behandeling nemen/, "Ik ben uw vaste contact.", "Wij gaan u helpen.");
  await expect(staff.getByRole("heading", { level: 2, name: "Toewijzen aan een andere casemanager" })).toBeVisible();
  await expectNoAxeViolations(staff, testInfo);

  // Without a choice and a reason the form says what is missing.
  await staff.getByRole("button", { name: "Zaak toewijzen" }).click();
  await expect(staff.getByText("Kies een van de mogelijkheden voor de nieuwe casemanager.").first()).toBeVisible();
  await staff.getByLabel("Nieuwe casemanager").selectOption({ label: "Demo Collega (Demo – Casusbehandeling Toeslagen)" });
  await staff.getByLabel("Waarom geeft u de zaak door?").fill("Ik ben drie weken met verlof.");
  await staff.getByRole("button", { name: "Zaak toewijzen" }).click();
  // Now the colleague's: the demo behandelaar sees it only with a reason.
  await expect(staff.getByTestId("niet-uw-zaak")).toContainText("Deze zaak hoort niet bij u of uw team.");

  await page.goto(`/zaken/${reference}`);
  await expect(page.getByTestId("tijdlijn")).toContainText("Demo Collega is nu de casemanager van deze zaak.");
  await expect(page.locator("main")).not.toContainText("verlof");
});
