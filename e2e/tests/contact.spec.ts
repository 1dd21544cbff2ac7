import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { mailsTo } from "./mail";
import { consentLink, consentThroughApi, HELPER, openFromWorkList, phone, signIn, STAFF, submittedCase, takeStep, todayDutch } from "./helpers";

test("the citizen writes to the casemanager from a phone, the casemanager answers; mails name the case, never the text", async ({ page, browser, isMobile }, testInfo) => {
  test.skip(isMobile, "the citizen is on a phone in every project; once is enough");
  // Three browser contexts and the mail job (every 3 s here): an explicit budget.
  test.setTimeout(90_000);
  const helper = page;
  const placeholder = `burger-${Date.now()}@example.org`;
  const reference = await submittedCase(helper, HELPER, placeholder);
  const access = await consentThroughApi(helper, await consentLink(helper, reference));

  const staff = await (await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" })).newPage();
  await signIn(staff, "/backoffice", STAFF);
  await (await openFromWorkList(staff, reference)).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText(`Zaak ${reference}`);
  await takeStep(staff, /Triage beginnen/, "We bekijken uw aanmelding.", "We kijken naar uw zaak.");
  await takeStep(staff, /In behandeling nemen/, "Ik ben uw vaste contact.", "Wij gaan u helpen.");

  const citizen = await phone(browser);
  await citizen.goto("/status");
  await citizen.getByLabel("Zaaknummer").fill(reference);
  await citizen.getByLabel("Persoonlijke code").fill(access);
  await citizen.getByRole("button", { name: "Bekijk uw zaak" }).click();
  await expect(citizen.getByRole("heading", { level: 2, name: "Berichten" })).toBeVisible();
  await expect(citizen.getByText("Uw bericht gaat naar Demo Behandelaar, uw casemanager bij de Belangenbehartiger.")).toBeVisible();

  // An empty message is refused at the field; nothing is lost or sent.
  await citizen.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(citizen.getByText(/uw bericht/i).first()).toBeVisible();
  const question = "Ik kreeg vandaag een brief van de deurwaarder. Wat moet ik doen?";
  await citizen.getByLabel("Uw bericht").fill(question);
  await citizen.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(citizen.getByRole("status").filter({ hasText: "Uw bericht is verstuurd." })).toBeVisible();
  await expect(citizen.getByTestId("berichten")).toContainText(question);
  await expect(citizen.getByTestId("berichten")).toContainText("nog niet gelezen");
  await expect(citizen.getByLabel("Uw bericht")).toHaveValue("");
  const privateText = "Dit wil ik alleen aan de casemanager vertellen.";
  await citizen.getByLabel("Uw bericht").fill(privateText);
  await citizen.getByLabel(/Alleen voor de casemanager/).check();
  await citizen.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(citizen.getByTestId("berichten")).toContainText("alleen voor de casemanager");
  await keepScreenshot(citizen, testInfo, "citizen-messages-360");
  await expectNoAxeViolations(citizen, testInfo);

  // The casemanager reads both (the private one marked), and answers for the citizen too.
  await staff.reload();
  const conversation = staff.getByTestId("berichten");
  await expect(conversation).toContainText(question);
  await expect(conversation.getByRole("listitem").filter({ hasText: privateText })).toContainText("alleen voor de casemanager");
  const answer = "Stuur de brief mee als document. Ik bel de Dienst morgen.";
  await staff.getByLabel("Nieuw bericht").fill(answer);
  await staff.getByLabel("De burger mag dit bericht ook lezen").check();
  await staff.getByRole("button", { name: "Bericht versturen" }).click();
  await expect(conversation).toContainText(answer);
  await expectNoAxeViolations(staff, testInfo);

  // The helper reads the citizen's first message and the answer, not the private one.
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByTestId("berichten")).toContainText(question);
  await expect(helper.getByTestId("berichten")).toContainText(answer);
  await expect(helper.locator("body")).not.toContainText(privateText);

  // The citizen sees the answer, and that the casemanager read their messages.
  await citizen.reload();
  await expect(citizen.getByTestId("berichten")).toContainText(answer);
  await expect(citizen.getByTestId("berichten").getByRole("listitem").filter({ hasText: question })).toContainText("· gelezen");

  // Mail: the casemanager heard of the citizen's messages, the citizen of the answer, the
  // helper of both; each mail names the case and holds none of the texts.
  const messageMails = (to: string) => mailsTo(to, reference).filter((m) => m.includes("nieuw bericht voor u"));
  await expect.poll(() => messageMails(placeholder).length, { timeout: 30_000 }).toBe(1);
  // The citizen's two messages: one mail when they fall in one digest window (3 s here), two
  // when a busy machine puts them further apart; never one per message more than that.
  await expect.poll(() => messageMails(STAFF.email).length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(messageMails(STAFF.email).length).toBeLessThanOrEqual(2);
  await expect.poll(() => messageMails(HELPER.email).length, { timeout: 30_000 }).toBeGreaterThan(0);
  for (const to of [placeholder, STAFF.email, HELPER.email]) {
    for (const body of mailsTo(to, reference)) {
      for (const text of [question, privateText, answer, "deurwaarder"]) expect(body, `mail to ${to}`).not.toContain(text);
    }
  }
  expect(messageMails(placeholder)[0]).toContain("/status");

  // After the zienswijze the citizen is asked what they think: a thumbs down asking for
  // contact puts "Contact gevraagd" on the case in the work list, until staff record it.
  await takeStep(staff, /Zienswijze is naar de Dienst gestuurd/, "De zienswijze is verstuurd.", "Wij hebben de Dienst om een oplossing gevraagd.", { date: todayDutch() });
  await citizen.reload();
  await expect(citizen.getByRole("heading", { level: 2, name: "Wat vindt u van de hulp tot nu toe?" })).toBeVisible();
  await citizen.getByRole("button", { name: "Reactie versturen" }).click();
  await expect(citizen.getByText("Kies duim omhoog of duim omlaag.")).toBeVisible();
  await citizen.getByLabel("Niet goed: duim omlaag").check();
  await citizen.getByLabel("Wilt u iets uitleggen? (niet verplicht)").fill("Ik snap niet wat er nu gebeurt.");
  await citizen.getByLabel(/contact met mij opneemt/).check();
  await citizen.getByRole("button", { name: "Reactie versturen" }).click();
  await expect(citizen.getByRole("status").filter({ hasText: "neemt contact met u op" })).toBeVisible();
  await expectNoAxeViolations(citizen, testInfo);

  await staff.goto("/backoffice");
  await openFromWorkList(staff, reference, "Mijn zaken");
  const line = staff.getByTestId("wachtrij").getByRole("listitem").filter({ hasText: reference });
  await expect(line).toContainText("Contact gevraagd");
  await expectNoAxeViolations(staff, testInfo);
  await line.getByRole("link", { name: reference }).click();
  await expect(staff.getByTestId("reacties")).toContainText("Vraagt om contact");
  await expect(staff.getByTestId("reacties")).toContainText("Ik snap niet wat er nu gebeurt.");
  await staff.getByLabel("Contact vastleggen").fill("Gebeld met de burger. Uitgelegd dat de Dienst nu aan zet is.");
  await staff.getByRole("button", { name: "Contact vastleggen" }).click();
  await expect(staff.getByTestId("reacties")).toContainText("contact vastgelegd op");
  await expectNoAxeViolations(staff, testInfo);
  await staff.goto("/backoffice");
  await openFromWorkList(staff, reference, "Mijn zaken");
  await expect(staff.getByTestId("wachtrij").getByRole("listitem").filter({ hasText: reference })).not.toContainText("Contact gevraagd");
});

