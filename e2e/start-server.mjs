// Starts the server binary for the browser tests, on a brand-new data directory, serving the
// app that `trunk build --release` wrote to ../dist. The release build unless
// BONDGENOOT_SERVER_BIN names another (scripts/test uses the one `cargo test` just built).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join, resolve } from "node:path";

const port = process.argv[2] ?? "18080";
const maildir = process.argv[3];
// With an address: no demo data, only a first beheerder (as a real installation starts).
const firstBeheerder = process.argv[4];
const root = resolve(import.meta.dirname, "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), ".cache/bondgenoot/target");
const dataDir = mkdtempSync(join(tmpdir(), "bondgenoot-e2e-"));

const binary = process.env.BONDGENOOT_SERVER_BIN ?? join(targetDir, "release/bondgenoot-server");
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

const setUp = firstBeheerder
  ? // The invitation is queued in the outbox; the server below mails it to the sink.
    ["create-beheerder", "--data-dir", dataDir, "--email", firstBeheerder, "--naam", "Eerste Beheerder", "--public-url", `http://127.0.0.1:${port}`, ...smtpArgs]
  : // Demo organisation and accounts, so the tests can sign in as a helper.
    ["demo", "--data-dir", dataDir];
const made = spawnSync(binary, setUp, { stdio: "inherit" });
if (made.status !== 0) {
  sink?.kill("SIGTERM");
  process.exit(made.status ?? 1);
}

// Message mails as digests of 3 s instead of 15 minutes, so a journey sees its mails at once.
// Refused guesses answered at once: journeys type wrong codes on purpose, and the 1 s floor
// is held by server/tests/api/guessing.rs.
const server = spawn(
  binary,
  ["serve", "--addr", `127.0.0.1:${port}`, "--data-dir", dataDir, "--dist", join(root, "dist"), "--content", join(root, "content"), ...smtpArgs],
  { stdio: "inherit", env: { ...process.env, BONDGENOOT_MESSAGE_DIGEST_SECONDS: "3", BONDGENOOT_REFUSAL_DELAY_MS: "0" } },
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
