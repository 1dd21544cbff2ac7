import { expect, type Page } from "@playwright/test";

export const HELPER = { email: "hulpverlener@demo.bondgenoot.test", password: "demo-wachtwoord-bondgenoot" };

export async function signIn(page: Page, back = "/zaken") {
  await page.goto(`/inloggen?terug=${encodeURIComponent(back)}`);
  await page.getByLabel("E-mailadres").fill(HELPER.email);
  await page.getByLabel("Wachtwoord").fill(HELPER.password);
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
