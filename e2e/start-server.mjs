// Starts the server binary for the browser tests, on a brand-new data directory, serving the
// app that `trunk build --release` wrote to ../dist. The release build unless
// BONDGENOOT_SERVER_BIN names another (scripts/test uses the one `cargo test` just built).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join, resolve } from "node:path";

const port = process.argv[2] ?? "18080";
const maildir = process.argv[3];
const root = resolve(import.meta.dirname, "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/bondgenoot/target");
const dataDir = mkdtempSync(join(tmpdir(), "bondgenoot-e2e-"));

const binary = process.env.BONDGENOOT_SERVER_BIN ?? join(targetDir, "release/bondgenoot-server");
// Demo organisation and accounts, so the tests can sign in as a helper.
const demo = spawnSync(binary, ["demo", "--data-dir", dataDir], { stdio: "inherit" });
if (demo.status !== 0) process.exit(demo.status ?? 1);

// An SMTP sink (aiosmtpd, installed by scripts/setup) that keeps every mail in a maildir.
let sink;
const smtpArgs = [];
const python = process.env.BONDGENOOT_TEST_SMTPD_PYTHON;
if (maildir && python && existsSync(python)) {
  rmSync(maildir, { recursive: true, force: true });
  const smtpPort = String(Number(port) + 1);
  sink = spawn(python, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${smtpPort}`, "-c", "aiosmtpd.handlers.Mailbox", maildir], {
    stdio: "inherit",
  });
  smtpArgs.push("--smtp", `127.0.0.1:${smtpPort}`);
}

const server = spawn(
  binary,
  ["serve", "--addr", `127.0.0.1:${port}`, "--data-dir", dataDir, "--dist", join(root, "dist"), "--content", join(root, "content"), ...smtpArgs],
  { stdio: "inherit" },
);
const stop = () => {
  server.kill("SIGTERM");
  sink?.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
