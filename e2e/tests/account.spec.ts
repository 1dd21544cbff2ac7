import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { appCode } from "./app-code";
import { invitedHelper, signIn } from "./helpers";
import { choosePassword, linkInMail } from "./mail";

test("an invited helper opens the mailed link, chooses a password and signs in", async ({ page, request }, testInfo) => {
  test.setTimeout(90_000);
  const email = await invitedHelper(request);
  const link = await linkInMail(email, "Kies uw wachtwoord");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wachtwoord kiezen");
  await expect(page.getByText("Welkom, Noor Jansen.")).toBeVisible();
  // The token does not stay in the address bar (or the history).
  expect(page.url()).not.toContain("#");
  await expectNoAxeViolations(page, testInfo);

  await choosePassword(page, "Wachtwoord123!");
  await expect(page.locator("#wachtwoord-fout")).toContainText("makkelijk te raden");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "wachtwoord-te-zwak-360");

  await page.setViewportSize({ width: 1280, height: 800 });
  await choosePassword(page, "paars fietspomp boven Zwolle");
  await expect(page.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("link", { name: "Nu inloggen" }).click();
  await signIn(page, "/zaken", { email, password: "paars fietspomp boven Zwolle" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("Deze link werkt niet");
});

test("a helper who forgot the password asks for a link and chooses a new one", async ({ page, request, isMobile }, testInfo) => {
  test.skip(isMobile, "the phone project chooses a password at 360 px in the invitation test");
  test.setTimeout(90_000);
  const email = await invitedHelper(request);
  await page.goto(await linkInMail(email, "Kies uw wachtwoord"));
  await choosePassword(page, "eerste wachtwoord van Noor");
  await expect(page.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();

  await page.goto("/inloggen");
  await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wachtwoord vergeten");
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await expect(page.locator("#email-fout")).toContainText("e-mailadres");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur mij een link" }).click();
  await expect(page.getByText("Als dit e-mailadres bij ons een account heeft")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);

  await page.goto(await linkInMail(email, "nieuw wachtwoord"));
  await expect(page.getByText(/kies een nieuw wachtwoord/)).toBeVisible();
  await choosePassword(page, "tweede wachtwoord van Noor");
  await expect(page.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  await signIn(page, "/zaken", { email, password: "tweede wachtwoord van Noor" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
});

test("on the own account page a helper changes the password, adds the app and signs out elsewhere", async ({ page, request, browser }, testInfo) => {
  test.setTimeout(90_000);
  const email = await invitedHelper(request);
  await page.goto(await linkInMail(email, "Kies uw wachtwoord"));
  await choosePassword(page, "eerste wachtwoord van Noor");
  await expect(page.getByText("Uw wachtwoord is opgeslagen")).toBeVisible();
  // A second device, signed in too: the page lists it, and a new password signs it out.
  const other = await browser.newContext({ userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0" });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, "/zaken", { email, password: "eerste wachtwoord van Noor" });
  await expect(elsewhere.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
  await signIn(page, "/zaken", { email, password: "eerste wachtwoord van Noor" });

  await page.getByRole("link", { name: "Mijn account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn account");
  await expect(page.getByText(email)).toBeVisible();
  const sessions = page.getByTestId("sessies");
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions).toContainText("Firefox op Windows");
  await expect(sessions).toContainText("(dit apparaat)");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "mijn-account");

  // Mails on new messages: on by default; switched off, the page says so and keeps it.
  const mails = page.getByLabel("Stuur mij een e-mail bij nieuwe berichten");
  await expect(mails).toBeChecked();
  await mails.uncheck();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await expect(page.getByTestId("melding")).toContainText("U krijgt geen e-mail meer bij nieuwe berichten.");
  await page.reload();
  await expect(page.getByLabel("Stuur mij een e-mail bij nieuwe berichten")).not.toBeChecked();

  // A wrong current password is named at its field; the right one changes it.
  await page.getByLabel("Huidig wachtwoord").fill("niet het goede");
  await page.getByLabel("Nieuw wachtwoord").fill("tweede wachtwoord van Noor");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.locator("#huidig-fout")).toContainText("klopt niet");
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Huidig wachtwoord").fill("eerste wachtwoord van Noor");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.getByTestId("melding")).toContainText("Uw wachtwoord is gewijzigd");
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  await elsewhere.reload();
  await expect(elsewhere.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await other.close();

  // The app for sign-in codes, with the code computed from the shown key.
  await expect(page.getByTestId("tweede-factor")).toContainText("alleen uw wachtwoord");
  await page.getByRole("button", { name: "App instellen" }).click();
  await page.getByLabel("Uw wachtwoord", { exact: true }).fill("tweede wachtwoord van Noor");
  await page.getByRole("button", { name: "Verder" }).click();
  const secret = (await page.getByTestId("geheim").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectNoAxeViolations(page, testInfo);
  await page.getByLabel("Code uit de app").fill(appCode(secret));
  await page.getByRole("button", { name: "App instellen" }).click();
  await expect(page.getByTestId("herstelcodes").getByRole("listitem")).toHaveCount(10);
  await expect(page.getByTestId("tweede-factor")).toContainText("nog 10 herstelcodes");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "mijn-account-app-ingesteld");

  // From now on sign-in asks for the app's code.
  await page.getByRole("button", { name: "Hier uitloggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill("tweede wachtwoord van Noor");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Code uit de app");
  await page.getByLabel("Code").fill(appCode(secret, 30));
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
});
