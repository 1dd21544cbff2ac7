import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

// The journey through nginx in front of several instances. scripts/cluster starts the
// cluster and runs this with CLUSTER_URL (nginx) and CLUSTER_INSTANCES (each instance).
export default defineConfig({
  testDir: "cluster",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results/cluster",
  use: {
    baseURL: process.env.CLUSTER_URL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
  projects: [{ name: "cluster", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
