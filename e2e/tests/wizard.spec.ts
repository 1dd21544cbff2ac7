import { expect, test } from "@playwright/test";
import { expectNoAxeViolations, keepScreenshot } from "./a11y";
import { expectSaved, signIn, startCase } from "./helpers";

test("a wrong password shows the error summary, and the right one opens the dashboard", async ({ page, isMobile }, testInfo) => {
  test.skip(isMobile, "behaviour, not layout: the whole form runs at 360 px in the phone project");
  await page.goto("/inloggen");
  await page.getByLabel("E-mailadres").fill("hulpverlener@demo.bondgenoot.test");
  await page.getByLabel("Wachtwoord").fill("fout");
  await page.getByRole("button", { name: "Inloggen" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Er is iets niet goed ingevuld" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Het e-mailadres of het wachtwoord klopt niet.");
  await expect(page.getByLabel("Wachtwoord")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "inloggen-fout");

  await page.getByLabel("Wachtwoord").fill("demo-wachtwoord-bondgenoot");
  await page.getByRole("button", { name: "Inloggen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaken");
  await expect(page.getByText("Demo – Sociaal raadslieden Voorbeeldstad")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Demo Burger A" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "uw-zaken");
});

test("the route check advises the Stella-team for an entrepreneur with combined problems", async ({ page }, testInfo) => {
  await signIn(page, "/zaken/nieuw");
  const question = (name: string) => page.getByRole("group", { name });
  await question("Heeft de burger over dit probleem al contact gehad met de BelastingTelefoon of met de Dienst zelf?").getByLabel("Ja").check();
  await question("Is de burger ondernemer of zzp'er, met problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering tegelijk?").getByLabel("Ja").check();
  await question("Is de zaak al bij een Stella-team geweest?").getByLabel("Nee").check();
  await expect(page.getByRole("heading", { name: "Het Stella-team past misschien beter" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Probeer eerst het Stella-team" })).toBeVisible();
  // Sources as a reader knows them: title and date, never an internal file name.
  await expect(page.getByText("Bron: Stand-van-zakenbrief Belastingdienst, 13 november 2025.").first()).toBeVisible();
  await expect(page.locator("main")).not.toContainText("seed");
  await expect(page.getByRole("button", { name: "Toch aanmelden bij de Belangenbehartiger" })).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "route-check-stella");
});

test("an eviction close by and a refused bezwaar: the route check says what to do now, and its answers go with the draft", async ({ page }, testInfo) => {
  await signIn(page, "/zaken/nieuw");
  const question = (name: string | RegExp) => page.getByRole("group", { name });
  await question(/Dreigt er binnenkort iets ergs/).getByLabel("Ja").check();
  await question(/kan de burger daartegen nog bezwaar maken/).getByLabel("Nee").check();
  await question(/al afgewezen, en kan de burger nog in beroep gaan/).getByLabel("Ja").check();
  await expect(page.getByRole("heading", { name: "Dit is dringend: wacht niet" })).toBeVisible();
  await expect(page.getByText(/zet niets stil/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "De termijn voor beroep loopt door" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "De Belangenbehartiger lijkt de juiste route" })).toHaveCount(0);
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "route-check-urgent");
  await page.getByRole("button", { name: "Toch aanmelden bij de Belangenbehartiger" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over de burger");
  const reference = page.url().match(/\/zaken\/(BG-[^/]+)\//)?.[1] ?? "";
  const draft = await (await page.request.get(`/api/zaken/${reference}`)).json();
  expect(draft.concept.routecheck).toEqual([
    { vraag: "spoed", ja: true },
    { vraag: "bezwaar", ja: false },
    { vraag: "beroep", ja: true },
  ]);
  await page.goto(`/zaken/${reference}/controleren`);
  await expect(page.getByTestId("routecheck")).toContainText("Bezwaar afgewezen, beroep kan nog: die termijn loopt");
});

test("the whole form, from sign-in to confirmation, with each page's errors", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await startCase(page);

  // Page 1: errors first, then answers.
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Er is iets niet goed ingevuld" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Vul de naam van de burger in.");
  await expect(summary).toContainText("Vul een mobiel nummer of een e-mailadres van de burger in.");
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "1-burger-fouten");
  await summary.getByRole("link", { name: "Vul de naam van de burger in." }).click();
  await expect(page.getByRole("textbox", { name: "Naam" })).toBeFocused();
  await page.getByRole("textbox", { name: "Naam" }).fill("Fatima el Amrani");
  await page.getByRole("textbox", { name: "Geboortedatum" }).fill("12-5-1980");
  await page.getByRole("textbox", { name: "BSN (niet verplicht)" }).fill("123");
  await page.getByRole("textbox", { name: "Mobiel nummer" }).fill("06 12345678");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await expect(summary).toContainText("Een BSN heeft 9 cijfers");
  await page.getByRole("textbox", { name: "BSN (niet verplicht)" }).fill("111222333");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 2: Dienst and topics.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dienst en onderwerp");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await expect(summary).toContainText("Kies een van de mogelijkheden voor de Dienst.");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "2-dienst-fouten");
  await page.getByLabel("Dienst Toeslagen").check();
  await page.getByLabel("Huurtoeslag").check();
  await page.getByLabel("Invordering (betalen, schulden, beslag)").check();
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 3: the story.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wat is er gebeurd?");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await expect(summary).toContainText("Vul wat er mis ging in.");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "3-verhaal-fouten");
  await page.getByLabel("Wat ging er mis?").fill("De huurtoeslag over 2024 wordt teruggevorderd.\nDe brief kwam op 3 maart.");
  await page.getByLabel("Welke uitkomst wil de burger?").fill("Een betalingsregeling die past bij het inkomen.");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 4: bezwaar or beroep, with the warning that the term keeps running.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bezwaar of beroep");
  await page.getByRole("group", { name: /Loopt er een bezwaar of beroep/ }).getByLabel("Ja").check();
  await page.getByRole("textbox", { name: /Tot wanneer loopt de termijn/ }).fill("31-12-2099");
  await expect(page.getByText("Let op: de termijn loopt door tot 31 december 2099.")).toBeVisible();
  await page.getByRole("textbox", { name: /Datum van het besluit/ }).fill("1-1-2099");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await expect(summary).toContainText("De datum van het besluit ligt in de toekomst.");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "4-bezwaar-fouten");
  await page.getByRole("textbox", { name: /Datum van het besluit/ }).fill("3-3-2025");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 5: urgency.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is het dringend?");
  await page.getByLabel("De burger heeft geen geld om van te leven").check();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "5-spoed");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 6 applies: there is a running procedure.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wens: procedures even stilzetten");
  await expect(page.getByText("De pauzeknop bestaat nog niet.")).toBeVisible();
  await page.getByLabel("Ja, geef de wens door").check();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "6-pauzeknop");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Page 7: the helper's own phone number, checked like every other field.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw contactgegevens");
  await page.getByRole("textbox", { name: "Uw telefoonnummer (niet verplicht)" }).fill("12345");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();
  await expect(summary).toContainText("Een telefoonnummer heeft 10 cijfers");
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "7-contact-fouten");
  await page.getByRole("textbox", { name: "Uw telefoonnummer (niet verplicht)" }).fill("020 1234567");
  await page.getByRole("button", { name: "Opslaan en verder" }).click();

  // Check answers, change one, come back.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Controleer de zaak");
  await expect(page.getByText("Fatima el Amrani")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "8-controleren");
  await page.getByRole("link", { name: "Wijzigen naam" }).click();
  await page.getByRole("textbox", { name: "Naam" }).fill("Fatima el Amrani-Jansen");
  await page.getByRole("button", { name: "Opslaan en terug naar het overzicht" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Controleer de zaak");
  await expect(page.getByText("Fatima el Amrani-Jansen")).toBeVisible();

  await page.getByRole("button", { name: "Zaak versturen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("De zaak is verstuurd");
  await expect(page.getByTestId("zaaknummer")).toHaveText(/^BG-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}$/);
  await expect(page.getByText("De burger moet nog toestemming geven.")).toBeVisible();
  await expectNoAxeViolations(page, testInfo);
  await keepScreenshot(page, testInfo, "9-verstuurd");
});

test("a reload in the middle of the form keeps every answer", async ({ page, isMobile }) => {
  test.skip(isMobile, "behaviour, not layout: the whole form runs at 360 px in the phone project");
  await startCase(page);
  await page.getByRole("textbox", { name: "Naam" }).fill("Piet Pietersen");
  await page.getByRole("textbox", { name: "Geboortedatum" }).fill("1-2-1970");
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue("Piet Pietersen");
  await expect(page.getByRole("textbox", { name: "Geboortedatum" })).toHaveValue("1-2-1970");
});

test("a failed save says so, keeps the text and succeeds on retry", async ({ page, isMobile }) => {
  test.skip(isMobile, "behaviour, not layout: the whole form runs at 360 px in the phone project");
  const url = await startCase(page);
  await page.route("**/api/zaken/*/concept", (route) => route.abort());
  await page.getByRole("textbox", { name: "Naam" }).fill("Tekst die niet verloren mag gaan");
  await expect(page.getByTestId("opslaan-status")).toContainText("Niet opgeslagen.");
  await expect(page.getByTestId("opslaan-status")).toContainText("Uw tekst blijft staan.");
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue("Tekst die niet verloren mag gaan");

  await page.unroute("**/api/zaken/*/concept");
  await page.getByRole("button", { name: "Nu opnieuw proberen" }).click();
  await expectSaved(page);
  await page.goto(url);
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue("Tekst die niet verloren mag gaan");
});

test("an expired session keeps the answers and brings the helper back to the same page", async ({ page, context, isMobile }) => {
  test.skip(isMobile, "behaviour, not layout: the whole form runs at 360 px in the phone project");
  const url = await startCase(page);
  await page.getByRole("textbox", { name: "Naam" }).fill("Eerst bewaard");
  await expectSaved(page);
  await context.clearCookies();

  await page.getByRole("textbox", { name: "Naam" }).fill("Getypt na het verlopen van de sessie");
  const status = page.getByTestId("opslaan-status");
  await expect(status).toContainText("U bent niet meer ingelogd. Uw antwoorden staan nog op dit apparaat.");
  await status.getByRole("link", { name: "Log opnieuw in" }).click();
  await page.getByLabel("E-mailadres").fill("hulpverlener@demo.bondgenoot.test");
  await page.getByLabel("Wachtwoord").fill("demo-wachtwoord-bondgenoot");
  await page.getByRole("button", { name: "Inloggen" }).click();

  await expect(page).toHaveURL(url);
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue("Getypt na het verlopen van de sessie");
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue("Getypt na het verlopen van de sessie");
});

test("a draft waits on the dashboard: the helper continues it, or deletes it after saying yes", async ({ page, isMobile }, testInfo) => {
  test.skip(isMobile, "behaviour, not layout: the whole form runs at 360 px in the phone project");
  await startCase(page);
  // A name no other test uses: the demo organisation's list is shared by the tests running at once.
  const name = `Concept ${testInfo.project.name} ${Date.now()}`;
  await page.getByRole("textbox", { name: "Naam" }).fill(name);
  await expectSaved(page);

  await page.goto("/zaken");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(card).toContainText("Concept");
  // An untouched draft is deleted after the draft term (30 days by default): the card says when.
  await expect(card).toContainText(/Verandert er niets\? Dan verwijderen we dit concept op \d+ \p{L}+ \d{4}\./u);
  await expectNoAxeViolations(page, testInfo);
  await card.getByRole("link", { name: /^Verder invullen/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over de burger");
  await expect(page.getByRole("textbox", { name: "Naam" })).toHaveValue(name);

  await page.goto("/zaken");
  page.once("dialog", (dialog) => dialog.dismiss());
  await card.getByRole("button", { name: /^Verwijderen/ }).click();
  await expect(card).toBeVisible();
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toBe("Wilt u dit concept verwijderen? Dit kan niet ongedaan worden.");
    return dialog.accept();
  });
  await card.getByRole("button", { name: /^Verwijderen/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Het concept BG-.+ is verwijderd\.$/ })).toBeVisible();
  await expect(card).toHaveCount(0);
  await page.reload();
  // Once the list has loaded (the demo cases are in it), the deleted draft is not.
  await expect(page.getByRole("heading", { name: "Demo Burger A" })).toBeVisible();
  await expect(page.getByRole("heading", { name })).toHaveCount(0);
});
