import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { consentLink, consentThroughApi, phone, submittedCase } from "./helpers";

function pdf(size: number): Buffer {
  const head = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

function jpeg(size: number): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0)]);
}

/** Fills in kind and description for a chosen file. */
async function describe(page: Page, name: string, kind: string, description: string) {
  await page.getByLabel(`Wat is ${name}?`).selectOption(kind);
  await page.getByLabel(`Korte omschrijving van ${name}`).fill(description);
}

test("helper, citizen and intermediair add documents, and each sees exactly what they may", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const helper = page;
  const reference = await submittedCase(helper);
  const access = await consentThroughApi(helper, await consentLink(helper, reference));

  // The helper adds two files at once, on a slow upload so the progress shows.
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByRole("heading", { level: 2, name: "Documenten" })).toBeVisible();
  const cdp = await helper.context().newCDPSession(helper);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await helper.getByLabel("Kies bestanden").setInputFiles([
    { name: "besluit.pdf", mimeType: "application/pdf", buffer: pdf(400_000) },
    { name: "brief.pdf", mimeType: "application/pdf", buffer: pdf(300_000) },
  ]);
  await describe(helper, "besluit.pdf", "besluit", "Besluit over de huurtoeslag");
  await describe(helper, "brief.pdf", "brief_van_de_dienst", "Brief met de terugvordering");
  await helper.getByLabel("De burger mag brief.pdf ook zien").check();
  await expectNoAxeViolations(helper, testInfo);
  await helper.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(helper.getByRole("progressbar", { name: "Voortgang van besluit.pdf" })).toBeVisible();
  await keepScreenshot(helper, testInfo, "helper-upload-progress");
  await expect(helper.getByText("besluit.pdf is verstuurd.")).toBeVisible({ timeout: 20_000 });
  await expect(helper.getByText("brief.pdf is verstuurd.")).toBeVisible({ timeout: 20_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(helper.getByTestId("documenten")).toContainText("Besluit over de huurtoeslag");
  await expect(helper.getByTestId("documenten")).toContainText("gedeeld met de burger");

  // A refused file says why, per file, and can be tried again.
  await helper.getByLabel("Kies bestanden").setInputFiles([{ name: "programma.pdf", mimeType: "application/pdf", buffer: Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(5000)]) }]);
  await describe(helper, "programma.pdf", "overig", "Geen echte PDF");
  await helper.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(helper.getByRole("alert").filter({ hasText: "programma.pdf" })).toContainText("Stuur een PDF");
  await expect(helper.getByRole("button", { name: "Opnieuw proberen" })).toBeVisible();

  // An invitation for the bewindvoerder.
  await helper.getByLabel("Wie nodigt u uit?").fill("Bewindvoerder J. Jansen");
  await helper.getByRole("button", { name: "Uitnodiging maken" }).click();
  const link = (await helper.getByTestId("uitnodigingslink").locator(".bg-handover__link").textContent()) ?? "";
  expect(link).toContain("/stukken#");
  await keepScreenshot(helper, testInfo, "helper-documents");

  const intermediary = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await intermediary.goto(link);
  await expect(intermediary.getByRole("heading", { level: 1 })).toHaveText("Stukken toevoegen");
  await expect(intermediary.getByText(/uitgenodigd als Bewindvoerder J. Jansen/)).toBeVisible();
  await expect(intermediary).toHaveURL(/\/stukken$/);
  await expect(intermediary.getByText("Er zijn nog geen documenten.")).toBeVisible();
  await expectNoAxeViolations(intermediary, testInfo);
  await intermediary.getByLabel("Kies bestanden").setInputFiles([{ name: "afschrift.pdf", mimeType: "application/pdf", buffer: pdf(20_000) }]);
  await describe(intermediary, "afschrift.pdf", "bankafschrift", "Bankafschrift maart");
  await intermediary.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(intermediary.getByText("afschrift.pdf is verstuurd.")).toBeVisible();
  await expect(intermediary.getByTestId("documenten")).toContainText("Bankafschrift maart");
  await expect(intermediary.getByTestId("documenten")).not.toContainText("Besluit over de huurtoeslag");
  await intermediary.reload();
  await expect(intermediary.getByTestId("documenten")).toContainText("Bankafschrift maart");
  // Done: signing out ends the session; a reload no longer opens anything.
  await intermediary.getByRole("button", { name: "Uitloggen" }).click();
  await expect(intermediary.getByRole("status").filter({ hasText: "U bent uitgelogd." })).toBeVisible();
  await intermediary.reload();
  await expect(intermediary.getByText(/niet \(meer\) toegelaten/)).toBeVisible();

  // The citizen on a phone: sees what is shared, adds a photo with the camera input.
  const citizen = await phone(browser);
  await citizen.goto("/status");
  await citizen.getByLabel("Zaaknummer").fill(reference);
  await citizen.getByLabel("Persoonlijke code").fill(access);
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByTestId("documenten")).toContainText("Brief met de terugvordering");
  await expect(citizen.getByTestId("documenten")).not.toContainText("Besluit over de huurtoeslag");
  await expect(citizen.getByTestId("documenten")).not.toContainText("Bankafschrift maart");
  await citizen.getByLabel("Maak een foto").setInputFiles([{ name: "foto.jpg", mimeType: "image/jpeg", buffer: jpeg(50_000) }]);
  await describe(citizen, "foto.jpg", "brief_van_de_dienst", "Foto van de brief");
  await citizen.getByRole("button", { name: "Documenten versturen" }).click();
  await expect(citizen.getByText("foto.jpg is verstuurd.")).toBeVisible();
  await expect(citizen.getByTestId("documenten")).toContainText("Foto van de brief");
  await keepScreenshot(citizen, testInfo, "citizen-documents");
  await expectNoAxeViolations(citizen, testInfo);

  await helper.reload();
  const all = helper.getByTestId("documenten");
  for (const text of ["Besluit over de huurtoeslag", "Brief met de terugvordering", "Bankafschrift maart", "Foto van de brief"]) {
    await expect(all).toContainText(text);
  }
  await expect(all).toContainText("Intermediair: Bewindvoerder J. Jansen");
});
