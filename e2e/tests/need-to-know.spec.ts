import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { HELPER, signIn, STAFF } from "./helpers";

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
