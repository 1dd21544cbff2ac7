import { expect, test, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { ADMIN, STAFF, consentLink, consentThroughApi, signIn, submittedCase } from "./helpers";

// English beside Dutch: the header's link switches, the choice stays (a cookie; on the account
// too), every page comes as the English bundle with `lang="en"`, and no Dutch is left on it
// but names and what people typed. Both projects run this: axe at 360 px and at 1280 px.

/** Words that are only Dutch (as in src/i18n.rs): one of them on an English page means a
 *  text was not translated. Names (Belangenbehartiger, Stella-team) are not among them. */
const DUTCH_WORDS = new Set([
  "de", "het", "een", "niet", "uw", "wordt", "naar", "heeft", "deze", "wij", "kunt", "bij",
  "voor", "van", "en", "je", "zaak", "zaken", "geen", "klik",
]);

/** The Dutch words in the page's visible text, leaving out what is marked as Dutch (a title
 *  not yet translated, the other language's link) and what `skip` names (typed case data). */
async function dutchLeft(page: Page, skip: string[] = []): Promise<string[]> {
  const text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    // Marked as Dutch; and what people typed in lists of cases and signals (names, a signal's
    // subject: data, not the app's words).
    for (const marked of copy.querySelectorAll('[lang="nl"], script, style, noscript, .bg-case__title, a[href^="/signalen/SG-"]')) marked.remove();
    return copy.innerText;
  });
  const cleaned = skip.reduce((t, s) => t.replaceAll(s, " "), text);
  // Each Dutch word found, with the line it stands in (to see which text was missed).
  return [
    ...new Set(
      cleaned
        .split("\n")
        .flatMap((line) => line.split(/[^\p{L}\p{N}'-]+/u).filter((w) => DUTCH_WORDS.has(w)).map((w) => `${w}: ${line.trim()}`)),
    ),
  ];
}

/** Chooses English for this browser the way the header's link does (without an account). */
async function inEnglish(context: BrowserContext, baseURL: string) {
  await context.addCookies([{ name: "bg_taal", value: "en", url: baseURL }]);
}

async function checkEnglish(page: Page, testInfo: TestInfo, path: string, heading: string | RegExp, skip: string[] = []) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(heading);
  await expect(page.locator("html"), path).toHaveAttribute("lang", "en");
  await page.waitForLoadState("networkidle");
  expect(await dutchLeft(page, skip), `Dutch words left on ${path}`).toEqual([]);
  await expectNoAxeViolations(page, testInfo);
}

test("a visitor switches to English with the header's link, and back", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hulp bij een vastgelopen zaak");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  const english = page.getByRole("link", { name: "English" });
  await expect(english).toHaveAttribute("lang", "en");
  await english.click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Help with a stuck case");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Nederlands" })).toHaveAttribute("lang", "nl");
  await expectNoAxeViolations(page, testInfo);
  // The choice stays: after a reload, and on the next page, and in the HTML before the Wasm.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Help with a stuck case");
  const html = await (await page.request.get("/status")).text();
  expect(html).toMatch(/<html lang="?en"?>/);
  expect(html).toContain("Follow your case");
  await page.getByRole("link", { name: "Follow your case" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Follow your case");
  // The server's help pages follow the same choice.
  await page.goto("/hulp/stella-team");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What does a Stella team do?");

  await page.goto("/");
  await page.getByRole("link", { name: "Nederlands" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hulp bij een vastgelopen zaak");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
});

test("a citizen switches to English on the consent page and keeps the code of the link", async ({ page, browser }) => {
  const helper = await browser.newPage();
  const reference = await submittedCase(helper);
  const link = await consentLink(helper, reference);
  await helper.close();
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toestemming geven voor uw zaak");
  // The code is taken out of the address bar as soon as it is read.
  await expect(page).toHaveURL(/\/toestemming$/);
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give consent for your case");
  // The page still has the link's code: only the date of birth is asked, and it works.
  await expect(page.getByLabel("Code", { exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/\/toestemming$/);
  await page.getByLabel("Your date of birth").fill("12-05-1980");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Do you give consent?");
});

test("the public and the citizen's pages in English: no Dutch left, no axe violations", async ({ page, context, browser, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  // A case to follow, made by a helper in Dutch.
  const helper = await browser.newPage();
  const reference = await submittedCase(helper);
  const link = await consentLink(helper, reference);
  await helper.close();

  await inEnglish(context, baseURL!);
  await checkEnglish(page, testInfo, "/", "Help with a stuck case");
  await checkEnglish(page, testInfo, "/over", "About Bondgenoot");
  await checkEnglish(page, testInfo, "/status", "Follow your case");
  await checkEnglish(page, testInfo, "/stukken", "Add documents");
  await checkEnglish(page, testInfo, "/inloggen", "Sign in");
  await checkEnglish(page, testInfo, "/account/wachtwoord-vergeten", "Forgot your password");
  await checkEnglish(page, testInfo, "/hulp", "Explanations in plain language");
  await checkEnglish(page, testInfo, "/hulp/termijnen-lopen-door", "Your deadline for an objection or appeal keeps running");
  await checkEnglish(page, testInfo, "/hulp/ibtd", "Not in English yet");
  await checkEnglish(page, testInfo, "/toestemmingsformulier", "Consent for your case");

  // The consent page, the English text, and the citizen's codes.
  await page.goto(new URL(link).pathname + new URL(link).hash);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give consent for your case");
  await page.getByLabel("Your date of birth").fill("12-05-1980");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Do you give consent?");
  await expect(page.getByText(/^Version of this text: .*-en$/)).toBeVisible();
  expect(await dutchLeft(page)).toEqual([]);
  await expectNoAxeViolations(page, testInfo);
  await page.getByRole("button", { name: "I give consent" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you. You gave consent.");
  await page.getByRole("link", { name: "Go to your case" }).click();

  // The status page: states, explanations and Bondgenoot's own timeline texts in English;
  // what the helper typed about the case is shown as it was written.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your case");
  await expect(page.getByRole("heading", { level: 2, name: "Now: Submitted" })).toBeVisible();
  await expect(page.getByTestId("tijdlijn")).toContainText("You gave consent. Your case has been submitted to the Belangenbehartiger.");
  await page.waitForLoadState("networkidle");
  expect(await dutchLeft(page)).toEqual([]);
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "en-status-signed-in");
});

test("the helper's pages in English", async ({ page, context, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const reference = await submittedCase(page);
  // Consented: the staff see the case.
  await consentThroughApi(page, await consentLink(page, reference));
  // Signing in brings the account's language (Dutch for the demo accounts); this browser
  // then chooses English for itself, and the account is left as it is.
  await inEnglish(context, baseURL!);
  // What the helper typed about the case (Dutch test data) is not the app's to translate.
  const typed = ["Fatima el Amrani", "De huurtoeslag is teruggevorderd.", "Een betalingsregeling die past."];
  await checkEnglish(page, testInfo, "/zaken", "Your cases", typed);
  await checkEnglish(page, testInfo, "/zaken/nieuw", "Is the Belangenbehartiger the right route?");
  await checkEnglish(page, testInfo, `/zaken/${reference}`, `Case ${reference}`, typed);
  await checkEnglish(page, testInfo, "/signalen", "Signals");
  await checkEnglish(page, testInfo, "/account", "My account");
  await keepScreenshot(page, testInfo, "en-account");
});

test("the staff's and the beheerder's pages in English", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const reference = await submittedCase(page);
  await consentThroughApi(page, await consentLink(page, reference));
  const typed = ["Fatima el Amrani", "De huurtoeslag is teruggevorderd.", "Een betalingsregeling die past."];
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "/backoffice", STAFF);
  await expect(staff).toHaveURL(/\/backoffice$/);
  await inEnglish(staffContext, baseURL!);
  await checkEnglish(staff, testInfo, "/backoffice", "Work list");
  await checkEnglish(staff, testInfo, `/backoffice/zaken/${reference}`, `Case ${reference}`, typed);
  await checkEnglish(staff, testInfo, "/cijfers", "Figures");
  await staffContext.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "/beheer", ADMIN);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Accounts");
  await inEnglish(adminContext, baseURL!);
  for (const [path, heading] of [
    ["/beheer", "Accounts"],
    ["/beheer/organisaties", "Organisations"],
    ["/beheer/teams", "Teams"],
    ["/beheer/logboek", "Log"],
    ["/beheer/meldingen", "Alerts"],
    ["/beheer/vernietiging", "Keeping and destroying"],
  ]) {
    // Names of demo organisations, teams and people, and the log's rows, are data.
    await admin.goto(path);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(admin.locator("html")).toHaveAttribute("lang", "en");
    await admin.waitForLoadState("networkidle");
    await expectNoAxeViolations(admin, testInfo);
  }
  await adminContext.close();
});
