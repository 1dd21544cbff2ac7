import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { keepScreenshot } from "./a11y";
import { ADMIN, STAFF, consentLink, consentThroughApi, signIn, startCase, submittedCase } from "./helpers";

// WCAG 1.4.10 (reflow) and 1.4.4 (resize text): every page at 320 CSS px wide, and at
// 1280 px with the text at 200 %, has no horizontal scrolling and nothing cut off. A wide
// data table may scroll inside its own box (1.4.10 allows it); the page never does.

/** What sticks out: the page wider than the window, elements past its edge, clipped text. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth} px`);
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.trim().split(/\s+/).join(".")}` : ""} “${(e.textContent ?? "").trim().slice(0, 40)}”`;
    const inScroller = (e: Element) => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const e of document.querySelectorAll("header *, main *, footer *")) {
      const style = getComputedStyle(e);
      const box = e.getBoundingClientRect();
      // Hidden, or only for screen readers (clipped to a pixel on purpose).
      if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden" || style.clip !== "auto" || style.clipPath !== "none") continue;
      if ((box.right > root.clientWidth + 1 || box.left < -1) && !inScroller(e)) problems.push(`past the edge: ${name(e)}`);
      if (["hidden", "clip"].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) problems.push(`cut off: ${name(e)}`);
    }
    return [...new Set(problems)].slice(0, 8);
  });
}

/** Opens each page at 320 px, then the same page at 1280 px with the text at 200 %. */
async function checkPages(page: Page, testInfo: TestInfo, paths: string[]) {
  for (const path of paths) {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    await page.waitForLoadState("networkidle");
    const name = path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "start";
    await keepScreenshot(page, testInfo, `320-${name}`);
    expect(await overflow(page), `${path} at 320 px`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    // Text at 200 %, as the browser's text size setting does: every rem doubles.
    await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
    await keepScreenshot(page, testInfo, `text-200-${name}`);
    expect(await overflow(page), `${path} at 200 % text`).toEqual([]);
  }
}

test.describe("reflow", () => {
  // One viewport of its own per check: once is enough.
  test.skip(({ isMobile }) => isMobile, "sets its own window sizes");
  test.setTimeout(90_000);

  test("public pages and the citizen's", async ({ page, browser }, testInfo) => {
    await checkPages(page, testInfo, [
      "/",
      "/over",
      "/status",
      "/toestemming",
      "/stukken",
      "/inloggen",
      "/account/wachtwoord-vergeten",
      "/hulp",
      "/hulp/stella-team",
      "/hulp/zoeken?q=termijn",
      "/toestemmingsformulier",
    ]);
    const helper = await browser.newPage();
    const reference = await submittedCase(helper);
    const access = await consentThroughApi(helper, await consentLink(helper, reference));
    await page.goto("/status");
    await page.getByLabel("Zaaknummer").fill(reference);
    await page.getByLabel("Persoonlijke code").fill(access);
    await page.getByRole("button", { name: "Bekijk uw zaak" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw zaak");
    await checkPages(page, testInfo, ["/status"]);
    await helper.close();
  });

  test("the helper's pages, the case form among them", async ({ page }, testInfo) => {
    const question = new URL(await startCase(page)).pathname;
    const draft = question.replace(/\/vraag\/.*$/, "");
    const reference = await submittedCase(page);
    await checkPages(page, testInfo, [
      "/zaken",
      "/zaken/nieuw",
      ...["burger", "dienst", "verhaal", "eerdere-stappen", "spoed", "contact"].map((step) => `${draft}/vraag/${step}`),
      `${draft}/controleren`,
      `/zaken/${reference}/verstuurd`,
      `/zaken/${reference}`,
      "/signalen",
      "/account",
    ]);
  });

  test("the staff's and the beheerder's pages", async ({ page, browser }, testInfo) => {
    const helper = await browser.newPage();
    const reference = await submittedCase(helper);
    await helper.close();
    await signIn(page, "/backoffice", STAFF);
    await expect(page).toHaveURL(/\/backoffice$/);
    await checkPages(page, testInfo, ["/backoffice", `/backoffice/zaken/${reference}`, "/cijfers"]);
    const admin = await browser.newPage();
    await signIn(admin, "/beheer", ADMIN);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Accounts");
    await checkPages(admin, testInfo, [
      "/beheer",
      "/beheer/organisaties",
      "/beheer/teams",
      "/beheer/logboek",
      "/beheer/meldingen",
      "/beheer/vernietiging",
    ]);
    await admin.close();
  });
});
