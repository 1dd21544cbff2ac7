import { devices, expect, request, type APIRequestContext, type Browser, type Page } from "@playwright/test";

export const HELPER = { email: "hulpverlener@demo.bondgenoot.test", password: "demo-wachtwoord-bondgenoot" };
export const ADMIN = { email: "beheerder@demo.bondgenoot.test", password: "demo-wachtwoord-bondgenoot" };

export async function signIn(page: Page, back = "/zaken", who = HELPER) {
  await page.goto(`/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel("E-mailadres").fill(who.email);
  await page.getByLabel("Wachtwoord").fill(who.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

/** Starts a new case past the route check and returns the question page's URL. */
export async function startCase(page: Page) {
  await signIn(page, "/zaken/nieuw");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is de Belangenbehartiger de juiste route?");
  await page.getByRole("button", { name: /aanmelden/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over de burger");
  return page.url();
}

export async function expectSaved(page: Page) {
  await expect(page.getByTestId("opslaan-status")).toHaveText("Uw antwoorden zijn opgeslagen.");
}

export const BIRTH_DATE = "12-05-1980";

/** A helper signs in, and a complete case is created and sent through the API. */
export async function submittedCase(page: Page, who = HELPER, citizenEmail?: string): Promise<string> {
  await signIn(page, "/zaken", who);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
  const me = await (await page.request.get("/api/sessies/huidig")).json();
  const headers = { "x-csrf-token": me.csrf_token };
  const created = await page.request.post("/api/zaken", {
    headers,
    data: {
      burger_naam: "Fatima el Amrani",
      burger_geboortedatum: BIRTH_DATE,
      burger_telefoon: "06 12345678",
      ...(citizenEmail ? { burger_email: citizenEmail } : {}),
      dienst: "dienst_toeslagen",
      onderwerpen: [{ onderwerp: "toeslag", soort: "huurtoeslag" }],
      wat_ging_mis: "De huurtoeslag is teruggevorderd.",
      gewenste_uitkomst: "Een betalingsregeling die past.",
      routecheck: [{ vraag: "contact", ja: true }, { vraag: "bezwaar", ja: true }],
    },
  });
  expect(created.status()).toBe(201);
  const reference = (await created.json()).referentie as string;
  expect((await page.request.post(`/api/zaken/${reference}/indienen`, { headers })).status()).toBe(200);
  return reference;
}

/** On the confirmation page, the helper makes the consent link and reads it off the screen. */
export async function consentLink(page: Page, reference: string): Promise<string> {
  await page.goto(`/zaken/${reference}/verstuurd`);
  await page.getByRole("button", { name: "Maak de link voor de burger" }).click();
  const handover = page.getByTestId("toestemmingslink");
  await expect(handover.getByRole("img", { name: /QR-code/ })).toBeVisible();
  const link = (await handover.locator(".bg-handover__link").textContent()) ?? "";
  expect(link).toMatch(/\/toestemming#[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return link;
}

/** The citizen's own phone: a separate browser context in a phone profile. */
export async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ ...devices["Pixel 5"], viewport: { width: 360, height: 740 }, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  return context.newPage();
}

export async function helperStatus(page: Page, reference: string): Promise<string> {
  const detail = await (await page.request.get(`/api/zaken/${reference}`)).json();
  return detail.status.status;
}


export const STAFF = { email: "behandelaar@demo.bondgenoot.test", password: "demo-wachtwoord-bondgenoot" };

/** The citizen consents through the link, as the consent page does; returns the access code. */
export async function consentThroughApi(page: Page, link: string): Promise<string> {
  const code = link.split("#")[1];
  // The citizen's own phone: no helper signed in there (the server refuses a stand-in's answer).
  const citizen = await request.newContext({ baseURL: new URL(link, page.url()).origin });
  const asked = await (await citizen.post("/api/toestemming/controleren", { data: { code, geboortedatum: BIRTH_DATE } })).json();
  const answer = await citizen.post("/api/toestemming/besluit", {
    data: { code, geboortedatum: BIRTH_DATE, versie: asked.versie, besluit: "gegeven" },
  });
  expect(answer.status()).toBe(200);
  const access = (await answer.json()).toegangscode;
  await citizen.dispose();
  return access;
}

/** Staff take the step labelled `label` on the open case page, with their own messages
 * (and the date or the reasons the step must carry). */
export async function takeStep(staff: Page, label: string | RegExp, helperText: string, citizenText: string, extra: { date?: string; reasons?: [string, string] } = {}) {
  await staff.getByRole("radio", { name: label }).check();
  if (extra.date) await staff.getByLabel("Datum").fill(extra.date);
  if (extra.reasons) await staff.getByLabel(extra.reasons[0], { exact: true }).fill(extra.reasons[1]);
  // Prefilled from the plain-language text of the next state; staff write their own here.
  await expect(staff.getByLabel("Bericht voor de hulpverlener")).not.toHaveValue("");
  await staff.getByLabel("Bericht voor de hulpverlener").fill(helperText);
  await staff.getByLabel("Bericht voor de burger").fill(citizenText);
  await staff.getByRole("button", { name: "Stap opslaan" }).click();
  await expect(staff.getByTestId("tijdlijn")).toContainText(helperText);
}

/** What the helper and the citizen see after a step. */
export async function bothSee(helper: Page, citizen: Page, reference: string, state: string, helperText: string, citizenText: string) {
  await helper.goto(`/zaken/${reference}`);
  await expect(helper.getByRole("heading", { level: 2, name: `Nu: ${state}` })).toBeVisible();
  await expect(helper.getByTestId("tijdlijn")).toContainText(helperText);
  await expect(helper.getByTestId("tijdlijn")).not.toContainText(citizenText);
  await citizen.reload();
  await expect(citizen.getByRole("heading", { level: 2, name: `Nu: ${state}` })).toBeVisible();
  await expect(citizen.getByTestId("tijdlijn")).toContainText(citizenText);
  await expect(citizen.getByTestId("tijdlijn")).not.toContainText(helperText);
}

/** Finds `reference` in the staff's work list (filter "Wacht op triage" unless another is
 * named), paging on while it is not on the page: other journeys add cases to the same
 * database at the same time. Returns the line's link. */
export async function openFromWorkList(staff: Page, reference: string, filter = "Wacht op triage") {
  await staff.getByLabel("Welke zaken?").selectOption({ label: filter });
  await expect(staff.getByRole("status").filter({ hasText: /zaken · pagina/ })).toContainText("pagina 1 van");
  for (;;) {
    const line = staff.getByTestId("wachtrij").getByRole("link", { name: reference });
    if ((await line.count()) > 0) return line;
    const next = staff.getByRole("button", { name: "Volgende pagina" });
    await expect(next, `${reference} is in the work list`).toBeVisible();
    const shown = await staff.getByRole("status").filter({ hasText: /zaken · pagina/ }).textContent();
    await next.click();
    await expect(staff.getByRole("status").filter({ hasText: /zaken · pagina/ })).not.toHaveText(shown ?? "");
  }
}

/** The demo beheerder, through the API: an organisation and an invited helper. */
export async function invitedHelper(request: APIRequestContext): Promise<string> {
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

/** Today in the Netherlands as dd-mm-jjjj, the form's date format. */
export function todayDutch(): string {
  const parts = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", day: "2-digit", month: "2-digit", year: "numeric" }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}-${part("month")}-${part("year")}`;
}
