import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { ADMIN, signIn } from "./helpers";
import { choosePassword, linkInMail } from "./mail";

/** The demo beheerder, through the API: an organisation and an invited helper. */
async function invitedHelper(request: APIRequestContext): Promise<string> {
  const session = await request.post("/api/sessies", { data: { email: ADMIN.email, wachtwoord: ADMIN.password } });
  expect(session.status()).toBe(201);
  const headers = { "x-csrf-token": (await session.json()).csrf_token };
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const org = await request.post("/api/beheer/organisaties", { headers, data: { naam: `Schuldhulp ${unique}`, soort: "schuldhulpverlening" } });
  expect(org.status()).toBe(201);
  const id = (await org.json()).find((o: { naam: string }) => o.naam === `Schuldhulp ${unique}`).id;
  const email = `nieuw-${unique}@e2e.test`;
  const invite = await request.post("/api/beheer/accounts", { headers, data: { naam: "Noor Jansen", email, rol: "hulpverlener", organisatie_id: id } });
  expect(invite.status()).toBe(201);
  return email;
}

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

test("a helper who forgot the password asks for a link and chooses a new one", async ({ page, request }, testInfo) => {
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
