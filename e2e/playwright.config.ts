import { defineConfig, devices } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

// The real server binary, on a fresh database for every run (see start-server.mjs).
const port = Number(process.env.E2E_PORT ?? 18080);
export const baseURL = `http://127.0.0.1:${port}`;
// Where the SMTP sink that start-server.mjs runs writes the mails (a maildir), for the tests to read.
export const mailDirOf = (serverPort: number) => join(tmpdir(), `bondgenoot-e2e-mail-${serverPort}`);
export const maildir = mailDirOf(port);
// A second server on a database without demo data, as a real installation starts: only the
// first beheerder, made with `create-beheerder`, whose link arrives by mail. The acceptance
// journey (tests/acceptance.spec.ts) runs there.
const barePort = port + 10;
export const bareURL = `http://127.0.0.1:${barePort}`;
export const FIRST_BEHEERDER = "eerste.beheerder@e2e.test";

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    locale: "nl-NL",
    // The users are in the Netherlands: the browser's day is Amsterdam's, as the server's is.
    timezoneId: "Europe/Amsterdam",
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [
    { name: "desktop", testIgnore: /acceptance\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", testIgnore: /acceptance\.spec\.ts/, use: { ...devices["Pixel 5"], viewport: { width: 360, height: 740 } } },
    { name: "zonder-demo", testMatch: /acceptance\.spec\.ts/, use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: bareURL } },
  ],
  webServer: [
    {
      command: `node start-server.mjs ${port} ${maildir}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node start-server.mjs ${barePort} ${mailDirOf(barePort)} ${FIRST_BEHEERDER}`,
      url: `${bareURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
