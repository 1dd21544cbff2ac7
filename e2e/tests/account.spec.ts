import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { maildir } from "../playwright.config";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { signIn } from "./helpers";

const ADMIN = { email: "beheerder@demo.bondgenoot.test", password: "demo-wachtwoord-bondgenoot" };

/** A mail's text body, whatever transfer encoding the server chose. */
function bodyOf(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/Content-Transfer-Encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
    const joined = body.replace(/=\r?\n/g, "");
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  }
  return body;
}

/** The link (path and `#token`) in the newest mail to `address` whose body holds `marker`. */
async function linkInMail(address: string, marker: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        let names: string[] = [];
        try {
          names = readdirSync(join(maildir, "new"));
        } catch {
          return "";
        }
        const found = names
          .map((n) => readFileSync(join(maildir, "new", n), "utf8"))
          .filter((m) => m.toLowerCase().includes(`to: ${address}`))
          .map(bodyOf)
          .filter((b) => b.includes(marker));
        const match = found.at(-1)?.match(/https?:\/\/[^/\s]+(\/account\/[a-z-]+#[A-Za-z0-9_-]+)/);
        link = match?.[1] ?? "";
        return link;
      },
      { timeout: 30_000, message: `a mail to ${address}` },
    )
    .not.toBe("");
  return link;
}

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

async function choosePassword(page: Page, password: string) {
  await page.getByLabel("Nieuw wachtwoord").fill(password);
  await page.getByLabel("Typ het wachtwoord nog een keer").fill(password);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
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
