// Starts the release server binary for the browser tests, on a brand-new data directory,
// serving the app that `trunk build --release` wrote to ../dist.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join, resolve } from "node:path";

const port = process.argv[2] ?? "18080";
const root = resolve(import.meta.dirname, "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/bondgenoot/target");
const dataDir = mkdtempSync(join(tmpdir(), "bondgenoot-e2e-"));

const server = spawn(
  join(targetDir, "release/bondgenoot-server"),
  ["serve", "--addr", `127.0.0.1:${port}`, "--data-dir", dataDir, "--dist", join(root, "dist")],
  { stdio: "inherit" },
);
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
