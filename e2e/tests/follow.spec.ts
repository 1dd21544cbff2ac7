import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { maildir } from "../playwright.config";
import { bothSee, consentLink, consentThroughApi, openFromWorkList, phone, signIn, STAFF, submittedCase, takeStep, todayDutch } from "./helpers";

/** Mails the SMTP sink received about `reference`. */
function mailsAbout(reference: string): string[] {
  const dir = join(maildir, "new");
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.map((n) => readFileSync(join(dir, n), "utf8")).filter((m) => m.includes(reference));
}


async function citizenSignedIn(browser: import("@playwright/test").Browser, reference: string, access: string) {
  const citizen = await phone(browser);
  await citizen.goto("/status");
  await citizen.getByLabel("Zaaknummer").fill(reference);
  await citizen.getByLabel("Persoonlijke code").fill(access);
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Nu: Aangemeld" })).toBeVisible();
  return citizen;
}

/** Clicks the letter's link and checks that a PDF of that name arrives. */
async function downloadsPdf(page: Page, link: string, fileName: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
}

test("a case goes through triage, zienswijze, refusal, escalation and closing; helper and citizen follow every step", async ({ page, browser, isMobile }, testInfo) => {
  // The citizen here is always on a phone and the staff member at a desk; only the helper's
  // device would change, and the helper's case page at 360 px is covered by the referral test
  // and the documents test. Once is enough for this long journey.
  test.skip(isMobile, "the journey's phone half runs in every project");
  test.setTimeout(120_000);
  const helper = page;
  const reference = await submittedCase(helper);
  const access = await consentThroughApi(helper, await consentLink(helper, reference));
  const citizen = await citizenSignedIn(browser, reference, access);

  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, "/backoffice", STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Werkvoorraad");
  const line = await openFromWorkList(staff, reference);
  await expect(staff.getByTestId("wachtrij")).not.toContainText("Fatima", { ignoreCase: true });
  await expect(staff.getByTestId("wachtrij").getByRole("listitem").filter({ hasText: reference })).toContainText("voor uw triage");
  await keepScreenshot(staff, testInfo, "staff-queue");
  await expectNoAxeViolations(staff, testInfo);
  await line.click();
  await expect(staff).toHaveURL(new RegExp(`/backoffice/zaken/${reference}$`));
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  // What the route check learned is there, a running term first.
  await expect(staff.getByTestId("routecheck").getByRole("listitem").first()).toHaveText("Bezwaar maken kan nog: die termijn loopt");
  await expect(staff.getByTestId("routecheck")).toContainText("Al contact gehad met de BelastingTelefoon of de Dienst");
  // Staff who may see the case can reach both people.
  await expect(staff.getByTestId("contactgegevens")).toContainText("0612345678");
  await expect(staff.getByTestId("contactgegevens").getByRole("link", { name: "0612345678" })).toHaveAttribute("href", "tel:0612345678");
  await expectNoAxeViolations(staff, testInfo);

  await takeStep(staff, /Triage beginnen/, "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  await bothSee(helper, citizen, reference, "Wordt bekeken", "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  // The helper gets an e-mail about the step (the outbox is sent every 10 seconds).
  await expect
    .poll(() => mailsAbout(reference).filter((m) => m.includes("Wordt bekeken")).length, { timeout: 30_000 })
    .toBeGreaterThan(0);
  expect(mailsAbout(reference).join("\n")).toContain(`/zaken/${reference}`);

  await takeStep(staff, /In behandeling nemen/, "Wij nemen de zaak op. Ik ben uw vaste contact.", "Wij gaan u helpen.");
  await bothSee(helper, citizen, reference, "In behandeling", "Ik ben uw vaste contact.", "Wij gaan u helpen.");
  await expect(helper.getByTestId("casemanager")).toHaveText("Demo Behandelaar");
  // The citizen downloads the proof of being helped (a PDF the server makes) on the phone.
  await downloadsPdf(citizen, "Download het bewijs van aanmelding (PDF)", `bewijs-van-aanmelding-${reference}.pdf`);
  await expect(helper.getByTestId("brieven").getByRole("link", { name: "Download het bewijs van aanmelding (PDF)" })).toBeVisible();

  // A dated step without a date is refused with a message at the field.
  await staff.getByRole("radio", { name: /Zienswijze is naar de Dienst gestuurd/ }).check();
  await staff.getByRole("button", { name: "Stap opslaan" }).click();
  await expect(staff.getByRole("link", { name: /datum waarop de zienswijze is verstuurd/ })).toBeVisible();
  await expectNoAxeViolations(staff, testInfo);
  await takeStep(staff, /Zienswijze is naar de Dienst gestuurd/, "Wij vroegen de Dienst om de terugvordering te verlagen.", "Wij hebben de Dienst om een oplossing gevraagd.", { date: todayDutch() });
  await bothSee(helper, citizen, reference, "Advies gestuurd naar de Dienst", "terugvordering te verlagen", "om een oplossing gevraagd");

  // The Dienst's written reasons are required with this step, and both readers see them.
  await staff.getByRole("radio", { name: /niet over \(met de redenen\)/ }).check();
  await staff.getByRole("button", { name: "Stap opslaan" }).click();
  await expect(staff.getByRole("link", { name: "Vul de redenen van de Dienst in." })).toBeVisible();
  await expect(staff.getByLabel("De redenen van de Dienst", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(staff, testInfo);
  const reasons = "Het inkomen in 2024 was hoger dan opgegeven. Daarom blijft de terugvordering staan.";
  await takeStep(staff, /niet over \(met de redenen\)/, "De Dienst houdt de terugvordering aan: het inkomen was hoger dan opgegeven.", "De Dienst gaat niet mee. De reden: uw inkomen was hoger.", { reasons: ["De redenen van de Dienst", reasons] });
  await bothSee(helper, citizen, reference, "Dienst neemt advies niet over", "het inkomen was hoger dan opgegeven", "uw inkomen was hoger");
  await expect(helper.getByTestId("tijdlijn")).toContainText(reasons);
  await expect(citizen.getByTestId("tijdlijn")).toContainText(reasons);
  await keepScreenshot(citizen, testInfo, "citizen-reasons");

  await takeStep(staff, /directeur-generaal/, "Wij leggen de zaak voor aan de directeur-generaal.", "Wij vragen de hoogste baas van de Dienst om te kijken.");
  await bothSee(helper, citizen, reference, "Hoger in de Dienst voorgelegd", "directeur-generaal", "hoogste baas");

  await takeStep(staff, /opgelost na escalatie/, "Opgelost: de terugvordering is verlaagd.", "Goed nieuws: u hoeft minder terug te betalen.");
  await bothSee(helper, citizen, reference, "Afgerond", "de terugvordering is verlaagd", "minder terug te betalen");

  await takeStep(staff, /Eindgesprek plannen/, "Wij bellen u voor een eindgesprek.", "Wij bellen u nog één keer.", { date: "15-12-2027" });
  // At the end, helper and citizen say what they thought; staff read it.
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByRole("heading", { level: 2, name: "Wat vond u van de hulp?" })).toBeVisible();
  await helper.getByLabel("Goed: duim omhoog").check();
  await helper.getByLabel("Wilt u iets uitleggen? (niet verplicht)").fill("Duidelijk en snel.");
  await helper.getByRole("button", { name: "Reactie versturen" }).click();
  await expect(helper.getByText("Dank u wel. De Belangenbehartiger leest uw reactie.")).toBeVisible();
  await citizen.reload();
  // The outcome first, and the day of the eindgesprek.
  await expect(citizen.getByTestId("uitkomst")).toHaveText("Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd. Het eindgesprek is op 15 december 2027.");
  await citizen.getByLabel("Goed: duim omhoog").check();
  await citizen.getByLabel("Wilt u iets uitleggen? (niet verplicht)").fill("Fijn dat er iemand naar luisterde.");
  await citizen.getByRole("button", { name: "Reactie versturen" }).click();
  await expect(citizen.getByText("Dank u wel. De Belangenbehartiger leest uw reactie.")).toBeVisible();
  await staff.reload();
  // Staff record how the eindgesprek went.
  const talk = staff.getByTestId("eindgesprek");
  await talk.getByRole("button", { name: "Eindgesprek vastleggen" }).click();
  await expect(talk.getByText("Kies met wie het eindgesprek was.")).toBeVisible();
  await talk.getByLabel("De burger en de hulpverlener").check();
  await talk.getByRole("group", { name: "Was de burger tevreden?" }).getByLabel("Ja").check();
  await talk.getByLabel("Korte notitie (niet verplicht)").fill("Blij dat het is opgelost.");
  await talk.getByRole("button", { name: "Eindgesprek vastleggen" }).click();
  await expect(talk).toContainText("De burger was tevreden.");
  await expect(staff.getByTestId("reacties")).toContainText("Duidelijk en snel.");
  await expect(staff.getByTestId("reacties")).toContainText("Fijn dat er iemand naar luisterde.");
  await takeStep(staff, /Zaak sluiten/, "De zaak is gesloten. Dank voor uw hulp.", "Uw zaak is klaar.");
  await bothSee(helper, citizen, reference, "Gesloten", "De zaak is gesloten.", "Uw zaak is klaar.");
  await expect(citizen.getByTestId("uitkomst")).toHaveText("Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd.");
  await expect(helper.getByTestId("uitkomst")).toHaveText("Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd.");
  await expect(staff.getByText("Bij deze zaak is geen stap meer mogelijk.")).toBeVisible();
  // Ended means ended: nothing more is offered to add, to helper or staff.
  await expect(helper.getByText("Deze zaak is afgesloten. U kunt geen berichten meer sturen.")).toBeVisible();
  await expect(helper.getByRole("button", { name: "Bericht versturen" })).toHaveCount(0);
  await expect(helper.getByText("Deze zaak is afgesloten. U kunt geen documenten meer toevoegen.")).toBeVisible();
  await expect(staff.getByRole("button", { name: "Notitie opslaan" })).toHaveCount(0);
  // How long it is kept (the day itself: tests/api/retention.rs).
  await expect(helper.getByTestId("bewaren-tot")).toHaveText(/^Tot \d+ \p{L}+ \d{4}\. Daarna verwijderen we de gegevens van deze zaak\.$/u);
  await keepScreenshot(helper, testInfo, "helper-case-closed");
  await expectNoAxeViolations(helper, testInfo);
  // At the end: the written summary, and no proof any more (the case no longer runs).
  await downloadsPdf(citizen, "Download de samenvatting van de zaak (PDF)", `samenvatting-${reference}.pdf`);
  await expect(citizen.getByRole("link", { name: "Download het bewijs van aanmelding (PDF)" })).toHaveCount(0);
  await keepScreenshot(citizen, testInfo, "citizen-case-closed");
  await expectNoAxeViolations(citizen, testInfo);
});

test("a referral shows its route and reason; messages go both ways and notes stay internal", async ({ page, browser }, testInfo) => {
  // Three browser contexts (helper, staff, citizen): an explicit budget, as for every journey.
  test.setTimeout(60_000);
  const helper = page;
  const reference = await submittedCase(helper);
  const access = await consentThroughApi(helper, await consentLink(helper, reference));
  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, `/zaken/${reference}`, STAFF);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);

  await staff.getByLabel("Nieuwe notitie").fill("Intern: eerst bellen met Toeslagen.");
  await staff.getByRole("button", { name: "Notitie opslaan" }).click();
  await expect(staff.getByTestId("notities")).toContainText("eerst bellen met Toeslagen");
  await staff.getByLabel("Nieuw bericht").fill("Wij zoeken het uit. U hoort snel van ons.");
  await staff.getByLabel("De burger mag dit bericht ook lezen").check();
  await staff.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(staff.getByTestId("berichten")).toContainText("nog niet gelezen");

  await helper.goto("/zaken");
  await expect(helper.getByText("1 nieuw bericht(en)")).toBeVisible();
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByTestId("berichten")).toContainText("Wij zoeken het uit.");
  await expect(helper.locator("body")).not.toContainText("eerst bellen met Toeslagen");
  await helper.getByLabel("Nieuw bericht").fill("Dank u. De burger is bereikbaar na 17 uur.");
  await helper.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(helper.getByTestId("berichten")).toContainText("na 17 uur");
  await expectNoAxeViolations(helper, testInfo);
  await staff.reload();
  await expect(staff.getByTestId("berichten")).toContainText("na 17 uur");
  await expect(staff.getByTestId("berichten")).toContainText("gelezen");

  await takeStep(staff, /Triage beginnen/, "We bekijken de zaak.", "We kijken naar uw zaak.");
  await takeStep(staff, /Doorverwijzen naar het Stella-team/, "Dit past beter bij het Stella-team: de burger is ondernemer met schulden bij meerdere onderdelen.", "Het Stella-team kan u beter helpen. Zij helpen ondernemers met schulden.", { reasons: ["De reden van de doorverwijzing", "Het Stella-team helpt ondernemers met schulden bij meer dan één Dienst."] });
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByRole("heading", { level: 2, name: "Nu: Doorverwezen" })).toBeVisible();
  await expect(helper.getByTestId("tijdlijn")).toContainText("Dit past beter bij het Stella-team");

  const citizen = await phone(browser);
  await citizen.goto("/status");
  await citizen.getByLabel("Zaaknummer").fill(reference);
  await citizen.getByLabel("Persoonlijke code").fill(access);
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByTestId("tijdlijn")).toContainText("Het Stella-team kan u beter helpen.");
  await expect(citizen.getByTestId("tijdlijn")).toContainText("Het Stella-team helpt ondernemers met schulden bij meer dan één Dienst.");
  await expect(citizen.getByTestId("berichten")).toContainText("Wij zoeken het uit.");
  await expect(citizen.locator("body")).not.toContainText("na 17 uur");
  await expect(citizen.locator("body")).not.toContainText("eerst bellen");
  await expectNoAxeViolations(citizen, testInfo);
});
