import { expect, test, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mailDirOf } from "../playwright.config";

/** The maildir of the server this test's project talks to. */
function maildir(): string {
  return mailDirOf(Number(new URL(String(test.info().project.use.baseURL)).port));
}

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
export async function linkInMail(address: string, marker: string): Promise<string> {
  const body = await mailBody(address, marker);
  const link = body.match(/https?:\/\/[^/\s]+(\/[a-z/-]+#[A-Za-z0-9_-]+)/)?.[1] ?? "";
  expect(link, `a link in the mail to ${address}`).not.toBe("");
  return link;
}

/** The body of the newest mail to `address` that holds `marker`, once it has arrived. */
export async function mailBody(address: string, marker: string): Promise<string> {
  let body = "";
  const dir = maildir();
  await expect
    .poll(
      () => {
        let names: string[] = [];
        try {
          names = readdirSync(join(dir, "new"));
        } catch {
          return "";
        }
        body =
          names
            .map((n) => readFileSync(join(dir, "new", n), "utf8"))
            .filter((m) => m.toLowerCase().includes(`to: ${address}`))
            .map(bodyOf)
            .filter((b) => b.includes(marker))
            .at(-1) ?? "";
        return body;
      },
      { timeout: 30_000, message: `a mail to ${address} about ${marker}` },
    )
    .not.toBe("");
  return body;
}

/** The bodies of every mail so far to `address` whose body holds `marker`. */
export function mailsTo(address: string, marker: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(maildir(), "new"));
  } catch {
    return [];
  }
  return names
    .map((n) => readFileSync(join(maildir(), "new", n), "utf8"))
    .filter((m) => m.toLowerCase().includes(`to: ${address}`))
    .map(bodyOf)
    .filter((b) => b.includes(marker));
}

/** On the page of a mailed link: the new password, twice. */
export async function choosePassword(page: Page, password: string) {
  await page.getByLabel("Nieuw wachtwoord").fill(password);
  await page.getByLabel("Typ het wachtwoord nog een keer").fill(password);
  await page.getByRole("button", { name: "Wachtwoord opslaan" }).click();
}
