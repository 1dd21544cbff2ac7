import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { ADMIN, BIRTH_DATE, HELPER, signIn } from "./helpers";

// Retention: the beheerder shortens the term for refused cases to 0 days, a citizen refuses,
// "Nu controleren" (what the daily job does) puts the case on the destruction list, and the
// beheerder approves it — and takes the approval back once within the waiting period.
test("the beheerder approves a destruction list", async ({ page, playwright }, testInfo) => {
  await signIn(page, "/beheer/vernietiging", ADMIN);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bewaren en vernietigen");

  // Longer than the consent text promises is refused, with the field named.
  const terms = page.getByTestId("bewaartermijnen");
  const refused = terms.getByLabel("Geen toestemming of geen antwoord (vervallen)");
  await refused.fill("45");
  await terms.getByRole("button", { name: "Termijnen bewaren" }).click();
  await expect(terms.getByText(/van 0 tot en met 30\. Langer dan 30 dagen kan niet/)).toBeVisible();
  await expect(refused).toHaveAttribute("aria-invalid", "true");
  // Both projects share one server: each sets the same 0, and neither sets it back (the other
  // may be between its change and its refusal).
  await refused.fill("0");
  await terms.getByRole("button", { name: "Termijnen bewaren" }).click();
  await expect(page.getByTestId("melding")).toContainText("De bewaartermijnen zijn bewaard.");

  // A helper sends a case; the citizen says no.
  const helper = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  expect((await helper.post("/api/sessies", { data: { email: HELPER.email, wachtwoord: HELPER.password } })).status()).toBe(201);
  const headers = { "x-csrf-token": (await (await helper.get("/api/sessies/huidig")).json()).csrf_token };
  const created = await helper.post("/api/zaken", {
    headers,
    data: {
      burger_naam: "Joke Vernietigd",
      burger_geboortedatum: BIRTH_DATE,
      burger_telefoon: "06 12345678",
      dienst: "belastingdienst",
      onderwerpen: [{ onderwerp: "invordering" }],
      wat_ging_mis: "Een dwangbevel na een betalingsregeling.",
      gewenste_uitkomst: "Een regeling die past.",
    },
  });
  expect(created.status()).toBe(201);
  const reference = (await created.json()).referentie as string;
  expect((await helper.post(`/api/zaken/${reference}/indienen`, { headers })).status()).toBe(200);
  const { code } = await (await helper.post(`/api/zaken/${reference}/toestemming`, { headers })).json();
  await helper.dispose();
  // The citizen answers on their own device (the helper's session would be refused there).
  const citizen = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const asked = await (await citizen.post("/api/toestemming/controleren", { data: { code, geboortedatum: BIRTH_DATE } })).json();
  const answer = await citizen.post("/api/toestemming/besluit", {
    data: { code, geboortedatum: BIRTH_DATE, versie: asked.versie, besluit: "geweigerd" },
  });
  expect(answer.status()).toBe(200);
  await citizen.dispose();

  await page.getByRole("button", { name: "Nu controleren" }).click();
  await expect(page.getByTestId("melding")).toContainText("De bewaartermijnen zijn nagelopen.");
  const line = page.getByTestId("vernietigingslijst").getByRole("listitem").filter({ hasText: `Zaak ${reference}` });
  await expect(line).toContainText("Geen toestemming of geen antwoord (vervallen) op");
  await expect(line).toContainText("Belastingdienst");
  await expect(line).toContainText("Wacht op uw besluit.");
  // The list names no person.
  await expect(page.getByTestId("vernietigingslijst")).not.toContainText("Joke");

  // Keeping needs a reason.
  await line.getByRole("button", { name: "Langer bewaren" }).click();
  await expect(line.getByText("Vul waarom de zaak bewaard blijft in.")).toBeVisible();

  await line.getByRole("button", { name: "Vernietiging goedkeuren" }).click();
  await expect(page.getByTestId("melding")).toContainText(`Zaak ${reference} is goedgekeurd voor vernietiging.`);
  await expect(line).toContainText("Goedgekeurd door");
  await expect(line).toContainText("De gegevens worden verwijderd vanaf");
  await keepScreenshot(page, testInfo, "beheer-vernietiging");
  await expectNoAxeViolations(page, testInfo);

  // Within the waiting period the approval can be taken back, and given again.
  await line.getByRole("button", { name: "Goedkeuring intrekken" }).click();
  await expect(page.getByTestId("melding")).toContainText(`De goedkeuring voor zaak ${reference} is ingetrokken.`);
  await expect(line).toContainText("Wacht op uw besluit.");
  await line.getByRole("button", { name: "Vernietiging goedkeuren" }).click();
  await expect(line).toContainText("Goedgekeurd door");

  // The report and the counts are on the page too.
  await expect(page.getByRole("heading", { level: 2, name: "Verslag van vernietiging" })).toBeVisible();
  await expect(page.getByTestId("cijfers")).toContainText("Gesloten");
});
