import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../tests/a11y";
import { BIRTH_DATE, consentLink, openFromWorkList, phone, signIn, STAFF, submittedCase, takeStep } from "../tests/helpers";

function pdf(size: number): Buffer {
  const head = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

// Every request goes through nginx, which spreads them over the instances (scripts/cluster
// checks in the instances' logs that each served some): sessions, CSRF tokens and documents
// must hold whichever instance answers.
test("through nginx: the helper sends a case, the citizen consents on the phone, staff take a step, a document goes up and comes back", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const helper = page;
  const reference = await submittedCase(helper);
  const link = await consentLink(helper, reference);

  const citizen = await phone(browser);
  await citizen.goto(link);
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Toestemming geven voor uw zaak");
  await citizen.getByLabel("Uw geboortedatum").fill(BIRTH_DATE);
  await citizen.getByRole("button", { name: "Verder" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Geeft u toestemming?");
  await citizen.getByRole("button", { name: "Ik geef toestemming" }).click();
  await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Bedankt. U heeft toestemming gegeven.");
  await citizen.getByRole("link", { name: "Naar uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  await expectNoAxeViolations(citizen, testInfo);

  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, "/backoffice", STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");
  await (await openFromWorkList(staff, reference)).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await takeStep(staff, /Triage beginnen/, "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  await citizen.reload();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Wordt bekeken" })).toBeVisible();

  // A document through nginx (streamed to an instance, into the object store), and back.
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByRole("heading", { level: 2, name: "Documenten" })).toBeVisible();
  await helper.getByLabel("Kies bestanden").setInputFiles([{ name: "besluit.pdf", mimeType: "application/pdf", buffer: pdf(2_000_000) }]);
  await helper.getByLabel("Wat is besluit.pdf?").selectOption("besluit");
  await helper.getByLabel("Korte omschrijving van besluit.pdf").fill("Besluit over de huurtoeslag");
  await helper.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(helper.getByText("besluit.pdf is verstuurd.")).toBeVisible({ timeout: 20_000 });
  const [download] = await Promise.all([
    helper.waitForEvent("download"),
    helper.getByTestId("documenten").getByRole("link", { name: "Besluit over de huurtoeslag" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("besluit.pdf");
  const { readFileSync } = await import("node:fs");
  const back = readFileSync((await download.path())!);
  expect(back.length).toBe(2_000_000);
  expect(back.subarray(0, 8).toString()).toBe("%PDF-1.7");
});
