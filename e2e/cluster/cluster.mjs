// Several Bondgenoot instances on one machine, as DESIGN.md §5 runs them: one PostgreSQL
// database, documents in an S3 API server (moto), an SMTP sink, N server instances on ports
// of their own and nginx in front with deploy/nginx.conf. Started by scripts/cluster, which
// prepares PostgreSQL and the builds first.
//
//   node cluster.mjs [--instances N]   start, print the addresses, run until Ctrl-C
//   node cluster.mjs --test            the acceptance checks of issue 21, then stop
//   node cluster.mjs --bench           status lookups through nginx with one and two
//                                      instances, a 200 MB upload into the object store
import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const execFileAsync = promisify(execFile);
const args = process.argv.slice(2);
const mode = args.includes("--test") ? "test" : args.includes("--bench") ? "bench" : "run";
const count = Math.max(2, Number(args[args.indexOf("--instances") + 1]) || 2);
const root = resolve(import.meta.dirname, "../..");
const binary = process.env.BONDGENOOT_SERVER_BIN;
const admin = process.env.BONDGENOOT_TEST_POSTGRES;
const python = process.env.BONDGENOOT_TEST_SMTPD_PYTHON;
const moto = process.env.BONDGENOOT_TEST_MOTO_SERVER;
for (const [name, value] of Object.entries({ BONDGENOOT_SERVER_BIN: binary, BONDGENOOT_TEST_POSTGRES: admin, BONDGENOOT_TEST_SMTPD_PYTHON: python, BONDGENOOT_TEST_MOTO_SERVER: moto })) {
  if (!value || (name !== "BONDGENOOT_TEST_POSTGRES" && !existsSync(value))) throw new Error(`${name} is not set or not there: run scripts/cluster`);
}

// Ports of their own, away from the app's 8080 and the browser tests' 18080–18091.
const base = Number(process.env.BONDGENOOT_CLUSTER_PORT ?? 18200);
const publicURL = `http://127.0.0.1:${base}`;
const smtpPort = base + 1;
const s3Port = base + 2;
const instancePort = (i) => base + 10 + i;
const metricsPort = (i) => base + 30 + i;
const instanceURL = (i) => `http://127.0.0.1:${instancePort(i)}`;

const run = mkdtempSync(join(tmpdir(), "bondgenoot-cluster-"));
// nginx's workers run as another user: they must reach their temporary files.
chmodSync(run, 0o755);
const children = new Set();
const database = `bg_test_cluster_${process.pid}`;
const owner = admin.replace(/\/[^/]*$/, `/${database}`);
const server = owner.replace("bondgenoot_test:bondgenoot_test@", "bondgenoot_app_test:bondgenoot_app_test@");
const bucket = "bondgenoot-cluster";
const maildir = join(run, "mail");

function log(line) {
  console.log(`[cluster] ${line}`);
}

function psql(url, sql) {
  return execFileSync("psql", [url, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql], { encoding: "utf8" }).trim();
}

function started(command, argv, options = {}) {
  const child = spawn(command, argv, { stdio: ["ignore", "inherit", "inherit"], ...options });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

async function until(what, check, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const answers = (url) => fetch(url).then((r) => r.ok);

// ---------------------------------------------------------------------------------------
// The parts

function environment(i) {
  return {
    ...process.env,
    BONDGENOOT_ADDR: `127.0.0.1:${instancePort(i)}`,
    BONDGENOOT_DATA_DIR: join(run, `instance-${i}`),
    BONDGENOOT_SECRET_KEY_FILE: join(run, "sleutel"),
    BONDGENOOT_DATABASE_URL: server,
    BONDGENOOT_MIGRATION_DATABASE_URL: owner,
    BONDGENOOT_DOCUMENTS: `s3://${bucket}/documenten`,
    AWS_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    AWS_ALLOW_HTTP: "true",
    AWS_ACCESS_KEY_ID: "cluster",
    AWS_SECRET_ACCESS_KEY: "cluster",
    AWS_REGION: "us-east-1",
    BONDGENOOT_PUBLIC_URL: publicURL,
    BONDGENOOT_TRUSTED_PROXIES: "127.0.0.1",
    BONDGENOOT_SMTP: `127.0.0.1:${smtpPort}`,
    BONDGENOOT_DIST: join(root, "dist"),
    BONDGENOOT_CONTENT: join(root, "content"),
    BONDGENOOT_LOG_FORMAT: "json",
    // The request lines (tower_http at debug) show which instance served what; the bench
    // measures without them.
    BONDGENOOT_LOG: mode === "bench" ? "info" : "info,tower_http=debug",
    BONDGENOOT_METRICS_ADDR: `127.0.0.1:${metricsPort(i)}`,
    BONDGENOOT_MESSAGE_DIGEST_SECONDS: "3",
    // The bench's 200 MB upload goes straight to an instance (nginx allows 21 MB).
    BONDGENOOT_MAX_FILE_MB: mode === "bench" ? "256" : "20",
    BONDGENOOT_MAX_CASE_MB: mode === "bench" ? "512" : "200",
    BONDGENOOT_DRAIN_SECONDS: "20",
  };
}

const instances = new Map();
let nginx;
const logOf = (i) => join(run, `instance-${i}.log`);

async function startInstance(i) {
  mkdirSync(join(run, `instance-${i}`), { recursive: true });
  const out = openSync(logOf(i), "a");
  const child = started(binary, ["serve"], { env: environment(i), stdio: ["ignore", out, out] });
  instances.set(i, child);
  await until(`instance ${i}`, () => answers(`${instanceURL(i)}/api/health`), 60_000);
  return child;
}

/** SIGTERM, as systemd stops a unit; resolves with the exit code once it is gone. */
async function stopInstance(i) {
  const child = instances.get(i);
  instances.delete(i);
  const exited = new Promise((done) => child.once("exit", (code, signal) => done(code ?? signal)));
  child.kill("SIGTERM");
  return exited;
}

function nginxConfig(ports) {
  const template = readFileSync(join(root, "deploy/nginx.conf"), "utf8");
  const lines = template.split("\n");
  const begin = lines.findIndex((l) => l.includes("# instances: begin"));
  const end = lines.findIndex((l) => l.includes("# instances: end"));
  const upstreams = ports.map((p) => `        server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`);
  const out = [...lines.slice(0, begin + 1), ...upstreams, ...lines.slice(end)]
    .join("\n")
    .replace(/listen [^;]+; # public address/, `listen 127.0.0.1:${base}; # public address`)
    .replace("worker_processes auto;", "worker_processes 1;");
  writeFileSync(join(run, "nginx/nginx.conf"), out);
}

const nginxArgs = () => [
  "-p", join(run, "nginx"), "-c", join(run, "nginx/nginx.conf"),
  "-g", `daemon off; pid ${join(run, "nginx/nginx.pid")}; error_log ${join(run, "nginx/logs/error.log")};`,
];

async function startAll() {
  // PostgreSQL: a database of its own (scripts/postgres removes bg_test_* ones left behind).
  psql(admin, `CREATE DATABASE ${database}`);
  // The S3 API server, with its bucket.
  started(moto, ["-H", "127.0.0.1", "-p", String(s3Port)], { stdio: ["ignore", "ignore", "ignore"] });
  await until("the S3 server", async () => (await fetch(`http://127.0.0.1:${s3Port}/${bucket}`, { method: "PUT" })).ok);
  started(python, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${smtpPort}`, "-c", "aiosmtpd.handlers.Mailbox", maildir]);
  // Demo data (and the schema: the migrations run as the owner), and the shared server key.
  const demo = spawnSync(binary, ["demo"], { env: environment(0), stdio: "inherit" });
  if (demo.status !== 0) throw new Error("demo data did not load");
  // The instances start together: the migration lock lets one migrate, the others wait.
  await Promise.all(Array.from({ length: count }, (_, i) => startInstance(i + 1)));
  for (const dir of ["logs", "tmp"]) mkdirSync(join(run, "nginx", dir), { recursive: true });
  chmodSync(join(run, "nginx/tmp"), 0o777);
  nginxConfig(Array.from({ length: count }, (_, i) => instancePort(i + 1)));
  execFileSync("nginx", ["-t", "-q", ...nginxArgs()], { stdio: "inherit" });
  nginx = started("nginx", nginxArgs());
  await until("nginx", () => answers(`${publicURL}/api/health/live`));
  log(`${count} instances behind nginx at ${publicURL} (instances ${Array.from({ length: count }, (_, i) => instancePort(i + 1)).join(", ")}; metrics on ${metricsPort(1)}…; S3 on ${s3Port}; mail to ${maildir}; logs in ${run})`);
}

async function stopAll() {
  for (const child of children) child.kill("SIGTERM");
  await sleep(500);
  for (const child of children) child.kill("SIGKILL");
  try {
    psql(admin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } catch (err) {
    log(`database not dropped: ${err.message}`);
  }
  if (mode !== "run" || !process.env.BONDGENOOT_CLUSTER_KEEP) rmSync(run, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------
// API sessions, as the apps hold them

async function signIn(url, email) {
  const r = await fetch(`${url}/api/sessies`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, wachtwoord: "demo-wachtwoord-bondgenoot" }),
  });
  if (r.status !== 201) throw new Error(`sign-in ${email}: ${r.status}`);
  return { cookie: r.headers.get("set-cookie").split(";")[0], csrf: (await r.json()).csrf_token };
}

function asUser(user, url = publicURL) {
  return async (method, path, body) => {
    const r = await fetch(url + path, {
      method,
      headers: { "content-type": "application/json", cookie: user.cookie, "x-csrf-token": user.csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
}

const BIRTH = "12-05-1980";
const draft = (text) => ({
  burger_naam: "Cluster Burger",
  burger_geboortedatum: BIRTH,
  burger_email: "burger@example.org",
  dienst: "dienst_toeslagen",
  onderwerpen: [{ onderwerp: "toeslag", soort: "huurtoeslag" }],
  wat_ging_mis: text,
  gewenste_uitkomst: "Een betalingsregeling die past.",
});

async function submittedCase(helper) {
  const { referentie } = await helper("POST", "/api/zaken", draft("De huurtoeslag is teruggevorderd."));
  await helper("POST", `/api/zaken/${referentie}/indienen`);
  return referentie;
}

async function citizenOf(helper, referentie) {
  const { code } = await helper("POST", `/api/zaken/${referentie}/toestemming`);
  const post = (path, body) => fetch(publicURL + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const { versie } = await (await post("/api/toestemming/controleren", { code, geboortedatum: BIRTH })).json();
  const { toegangscode } = await (await post("/api/toestemming/besluit", { code, geboortedatum: BIRTH, versie, besluit: "gegeven" })).json();
  const session = await post("/api/burger/sessie", { referentie, toegangscode });
  if (!session.ok) throw new Error(`citizen session: ${session.status}`);
  return session.headers.get("set-cookie").split(";")[0];
}

// ---------------------------------------------------------------------------------------
// The checks

/** Request lines each instance logged (JSON, with the route pattern). */
function servedBy(i) {
  if (!existsSync(logOf(i))) return 0;
  return readFileSync(logOf(i), "utf8").split("\n").filter((l) => l.includes('"message":"finished processing request"')).length;
}

function mailsSent() {
  const dir = join(maildir, "new");
  return existsSync(dir) ? readdirSync(dir).map((n) => readFileSync(join(dir, n), "utf8")) : [];
}

async function browserJourney() {
  const before = Array.from({ length: count }, (_, i) => servedBy(i + 1));
  const result = spawnSync("npx", ["playwright", "test", "-c", "playwright.cluster.config.ts", "--reporter=list"], {
    cwd: join(root, "e2e"),
    stdio: "inherit",
    env: { ...process.env, CLUSTER_URL: publicURL, CLUSTER_INSTANCES: Array.from({ length: count }, (_, i) => instanceURL(i + 1)).join(",") },
  });
  if (result.status !== 0) throw new Error("the browser journey through nginx failed");
  const served = Array.from({ length: count }, (_, i) => servedBy(i + 1) - before[i]);
  log(`requests served during the journey, per instance: ${served.join(", ")}`);
  if (served.some((n) => n === 0)) throw new Error("not every instance served the journey");
}

/** Three instances run the consent-lapse, retention and mail jobs on the same due rows. */
async function jobsOnce() {
  if (count < 3) await startInstance(3);
  const three = [1, 2, 3];
  const helper = asUser(await signIn(publicURL, "hulpverlener@demo.bondgenoot.test"));
  const lapsing = [await submittedCase(helper), await submittedCase(helper), await submittedCase(helper)];
  const abandoned = [];
  for (let n = 0; n < 3; n++) abandoned.push((await helper("POST", "/api/zaken", draft("Een concept dat blijft liggen."))).referentie);
  const quoted = (refs) => refs.map((r) => `'${r}'`).join(",");
  // Made due: sent long ago without an answer, drafts untouched for years.
  psql(owner, `UPDATE cases SET submitted_at = 1 WHERE reference IN (${quoted(lapsing)})`);
  psql(owner, `UPDATE cases SET updated_at = 1 WHERE reference IN (${quoted(abandoned)})`);
  // All three start at once, and each runs its jobs at start.
  await Promise.all(three.map((i) => stopInstance(i)));
  await Promise.all(three.map((i) => startInstance(i)));
  await until("the lapses", () => Number(psql(owner, `SELECT count(*) FROM cases WHERE reference IN (${quoted(lapsing)}) AND status_key = 'vervallen'`)) === 3);
  await until("the drafts' deletion", () => Number(psql(owner, `SELECT count(*) FROM cases WHERE reference IN (${quoted(abandoned)})`)) === 0);
  await until("every mail sent", () => Number(psql(owner, "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND attempts < 8")) === 0);
  // The sink may take a moment to write the last one.
  await until("the sink", () => mailsSent().length >= Number(psql(owner, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL")));
  const lapses = Number(psql(owner, `SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.reference IN (${quoted(lapsing)}) AND e.event LIKE '%toestemming_verlopen%'`));
  const deletions = Number(psql(owner, `SELECT count(*) FROM audit_log WHERE action = 'concept_verwijderd' AND case_ref IN (${quoted(abandoned)})`));
  const sent = Number(psql(owner, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"));
  const received = mailsSent();
  const lapseMails = Number(psql(owner, `SELECT count(*) FROM outbox WHERE case_ref IN (${quoted(lapsing)}) AND sent_at IS NOT NULL`));
  const lapseReceived = received.filter((m) => lapsing.some((r) => m.includes(r))).length;
  const ran = three.map((i) => readFileSync(logOf(i), "utf8").split("\n").filter((l) => l.includes("cases lapsed without consent")).length);
  log(`jobs on three instances: ${lapses} lapses of 3 cases, ${deletions} deletions of 3 drafts, ${received.length} mails received for ${sent} sent (${lapseReceived} about the lapses, ${lapseMails} queued); lapse runs that found work, per instance: ${ran.join(", ")}`);
  if (lapses !== 3 || deletions !== 3) throw new Error("a lapse or a deletion happened more than once (or not at all)");
  if (received.length !== sent || lapseReceived !== lapseMails || lapseMails === 0) throw new Error("a mail was sent more than once (or not at all)");
  if (count < 3) await stopInstance(3);
}

/** Status lookups (16 at a time) and draft saves (one after another) through nginx, until
 *  `stop` is set; counts every request that did not get a 2xx. */
function load(citizenCookie, helper, reference) {
  const state = { stop: false, ok: 0, failed: [], lastSaved: 0 };
  const lookups = Array.from({ length: 16 }, async () => {
    while (!state.stop) {
      try {
        const r = await fetch(`${publicURL}/api/burger/zaak`, { headers: { cookie: citizenCookie } });
        await r.arrayBuffer();
        if (r.ok) state.ok += 1;
        else state.failed.push({ at: Date.now(), what: `status ${r.status}` });
      } catch (err) {
        state.failed.push({ at: Date.now(), what: `status lookup: ${err.cause?.code ?? err.message}` });
      }
    }
  });
  const saves = (async () => {
    for (let n = 1; !state.stop; n++) {
      try {
        await helper("PUT", `/api/zaken/${reference}/concept`, draft(`Opgeslagen versie ${n}.`));
        state.lastSaved = n;
        state.ok += 1;
      } catch (err) {
        state.failed.push({ at: Date.now(), what: `draft save ${n}: ${err.cause?.code ?? err.message}` });
      }
    }
  })();
  state.done = Promise.all([...lookups, saves]);
  return state;
}

async function rollingRestart() {
  const helperUser = await signIn(publicURL, "hulpverlener@demo.bondgenoot.test");
  const helper = asUser(helperUser);
  const citizen = await citizenOf(helper, await submittedCase(helper));
  const { referentie: reference } = await helper("POST", "/api/zaken", draft("Eerste versie."));
  const running = load(citizen, helper, reference);
  await sleep(1000);
  const steps = [];
  for (let i = 1; i <= count; i++) {
    steps.push({ what: `instance ${i} stopped`, at: Date.now() });
    const code = await stopInstance(i);
    if (code !== 0) throw new Error(`instance ${i} did not stop cleanly on SIGTERM: ${code}`);
    await startInstance(i);
    steps.push({ what: `instance ${i} healthy`, at: Date.now() });
    // nginx took the stopped instance out for fail_timeout (2 s here) and tries it again only
    // after that, with one request; a start that took longer than a try puts it out again.
    // So the next one stops only once nginx sends this one the load's requests again, as a
    // rolling restart waits until the balancer has the instance back (a fixed 2.5 s was not
    // always enough on a busy machine: both were out at once, 502s).
    const served = servedBy(i);
    await until(`nginx sending requests to instance ${i} again`, () => servedBy(i) >= served + 10, 20_000);
    steps.push({ what: `instance ${i} back in nginx`, at: Date.now() });
  }
  await sleep(1000);
  running.stop = true;
  await running.done;
  const stored = await helper("GET", `/api/zaken/${reference}`);
  const text = JSON.stringify(stored);
  log(`rolling restart of ${count} instances under load: ${running.ok} requests answered, ${running.failed.length} failed; last acknowledged draft save ${running.lastSaved}`);
  if (running.failed.length > 0) {
    // When, against the restart's steps: what an operator would need to see why.
    const start = steps[0].at;
    for (const step of steps) log(`  +${step.at - start} ms ${step.what}`);
    log(`  failures from +${running.failed[0].at - start} ms to +${running.failed.at(-1).at - start} ms`);
    const errors = join(run, "nginx/logs/error.log");
    if (existsSync(errors)) log(`  nginx error log (last lines):\n${readFileSync(errors, "utf8").split("\n").slice(-8).join("\n")}`);
    throw new Error(`failed during the rolling restart: ${running.failed.slice(0, 5).map((f) => f.what).join("; ")}`);
  }
  if (!text.includes(`Opgeslagen versie ${running.lastSaved}.`)) throw new Error("the last acknowledged draft save is not what is stored");

  // kill -9: only requests in flight on that instance may fail, and only until nginx takes
  // it out (fail_timeout 2 s here).
  const again = load(citizen, helper, reference);
  await sleep(1000);
  const killedAt = Date.now();
  instances.get(1).kill("SIGKILL");
  instances.delete(1);
  await sleep(5000);
  again.stop = true;
  await again.done;
  const late = again.failed.filter((f) => f.at - killedAt > 2500);
  log(`kill -9 of instance 1 under load: ${again.ok} answered, ${again.failed.length} failed (in flight at the kill), ${late.length} later than 2.5 s after it`);
  if (again.failed.length > 17) throw new Error(`more failures than requests in flight: ${again.failed.length}`);
  if (late.length > 0) throw new Error(`nginx kept sending to the killed instance: ${late[0].what}`);
  await startInstance(1);
}

/** A document uploaded through one instance is downloaded through the other (the object
 *  store, not a local directory). */
async function documentAcrossInstances() {
  const user = await signIn(instanceURL(1), "hulpverlener@demo.bondgenoot.test");
  const { referentie } = await asUser(user, instanceURL(1))("POST", "/api/zaken", draft("Met een bijlage."));
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"), Buffer.alloc(3 * 1024 * 1024, 0x41)]);
  const form = new FormData();
  form.set("soort", "besluit");
  form.set("omschrijving", "Besluit");
  form.set("bestand", new Blob([bytes], { type: "application/pdf" }), "besluit.pdf");
  const up = await fetch(`${instanceURL(1)}/api/zaken/${referentie}/documenten`, { method: "POST", headers: { cookie: user.cookie, "x-csrf-token": user.csrf }, body: form });
  if (up.status !== 201) throw new Error(`upload through instance 1: ${up.status}`);
  const id = (await up.json())[0].id;
  const down = await fetch(`${instanceURL(2)}/api/documenten/${id}`, { headers: { cookie: user.cookie } });
  const back = Buffer.from(await down.arrayBuffer());
  log(`document uploaded through instance 1, downloaded through instance 2: ${down.status}, ${back.length} bytes, ${back.equals(bytes) ? "the same" : "DIFFERENT"}`);
  if (down.status !== 200 || !back.equals(bytes)) throw new Error("the document did not come back whole through the other instance");
}

/** Guessing counters live in the database: wrong passwords sent to the instances in turn are
 *  counted together (5 free per account and address), so a block comes although neither
 *  instance alone saw more than half of them. */
async function guessesCountedTogether() {
  const answers = [];
  for (let n = 0; n < 8 && !answers.includes(429); n++) {
    const r = await fetch(`${instanceURL(1 + (n % 2))}/api/sessies`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "niemand@cluster.example", wachtwoord: `fout-${n}` }),
    });
    answers.push(r.status);
  }
  log(`wrong passwords to the two instances in turn: ${answers.join(" ")}`);
  if (answers.at(-1) !== 429 || answers.length > 7) throw new Error("the instances did not count the guesses together");
}

function systemdUnit() {
  const verify = spawnSync("systemd-analyze", ["--version"]);
  if (verify.status !== 0) {
    log("systemd-analyze is not here: the unit is not checked");
    return;
  }
  const dir = join(run, "systemd");
  mkdirSync(dir);
  // The unit as installed, with the binary where this machine has it.
  writeFileSync(join(dir, "bondgenoot@.service"), readFileSync(join(root, "deploy/bondgenoot@.service"), "utf8").replaceAll("/opt/bondgenoot/bin/bondgenoot-server", binary));
  const result = spawnSync("systemd-analyze", ["verify", join(dir, "bondgenoot@8081.service")], { encoding: "utf8" });
  const problems = `${result.stdout}${result.stderr}`.split("\n").filter((l) => l.trim() && !/Failed to resolve user|Failed to resolve group|bondgenoot.*user/i.test(l));
  log(`systemd-analyze verify deploy/bondgenoot@.service: ${problems.length === 0 ? "no findings" : problems.join(" | ")}`);
  if (problems.length > 0) throw new Error("the systemd unit has findings");
}

// ---------------------------------------------------------------------------------------
// The bench rows

function wrk(url, cookie, seconds = 8) {
  const out = execFileSync("wrk", ["-t2", "-c32", `-d${seconds}s`, "--timeout", "2s", "--latency", "-H", `Cookie: ${cookie}`, url], { encoding: "utf8" });
  const ms = (p) => {
    const m = out.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  return { rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]), p99: ms(99), errors: /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? "0" };
}

async function bench() {
  const rows = [];
  const helper = asUser(await signIn(publicURL, "hulpverlener@demo.bondgenoot.test"));
  const citizen = await citizenOf(helper, await submittedCase(helper));
  // 200 MB straight into one instance, the object store behind it.
  const user = await signIn(instanceURL(1), "hulpverlener@demo.bondgenoot.test");
  const { referentie } = await asUser(user, instanceURL(1))("POST", "/api/zaken", draft("Met een groot bestand."));
  const pid = instances.get(1).pid;
  const rss = () => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/)[1]);
  const before = rss();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 20);
  const file = join(run, "groot.pdf");
  const size = 200 * 1024 * 1024;
  execFileSync("sh", ["-c", `printf '%%PDF-1.7\\n' > ${file} && head -c ${size - 9} /dev/zero >> ${file}`]);
  const began = Date.now();
  // Asynchronously: the sampler above must keep running while curl sends.
  const { stdout: status } = await execFileAsync("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", `Cookie: ${user.cookie}`, "-H", `x-csrf-token: ${user.csrf}`, "-F", "soort=besluit", "-F", "omschrijving=Groot", "-F", `bestand=@${file};type=application/pdf`, `${instanceURL(1)}/api/zaken/${referentie}/documenten`], { encoding: "utf8" });
  rmSync(file);
  const seconds = (Date.now() - began) / 1000;
  clearInterval(sampler);
  const growth = peak - before;
  rows.push(`| upload of one 200 MB document into the object store (S3 API, moto; HTTP ${status}, ${(200 / seconds).toFixed(0)} MB/s): memory growth | ${growth} KB | ≤ 32 MB | ${growth <= 32 * 1024 && status === "201" ? "yes" : "**NO**"} |`);

  // A short run first, so both instances and nginx are warm.
  wrk(`${publicURL}/api/burger/zaak`, citizen, 3);
  const two = wrk(`${publicURL}/api/burger/zaak`, citizen);
  nginxConfig([instancePort(1)]);
  // SIGHUP: nginx rereads its configuration, new workers take the one upstream.
  execFileSync("nginx", ["-t", "-q", ...nginxArgs()]);
  nginx.kill("SIGHUP");
  await sleep(1000);
  const one = wrk(`${publicURL}/api/burger/zaak`, citizen);
  const direct = wrk(`${instanceURL(1)}/api/burger/zaak`, citizen);
  rows.push(`| GET /api/burger/zaak straight to one instance (no nginx; PostgreSQL), 32 connections | ${direct.rps.toFixed(0)} req/s, p99 ${direct.p99.toFixed(2)} ms, non-2xx ${direct.errors} | (shown) |`);
  rows.push(`| GET /api/burger/zaak through nginx, 32 connections, one instance | ${one.rps.toFixed(0)} req/s, p99 ${one.p99.toFixed(2)} ms, non-2xx ${one.errors} | (shown) |`);
  rows.push(`| GET /api/burger/zaak through nginx, 32 connections, two instances | ${two.rps.toFixed(0)} req/s, p99 ${two.p99.toFixed(2)} ms, non-2xx ${two.errors}; ${(two.rps / one.rps).toFixed(2)} × one instance | (shown) |`);
  const commit = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md"], { encoding: "utf8" }).trim();
  const when = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const table = [
    `## ${when} — commit ${commit}${dirty ? " (with uncommitted changes)" : ""} — cluster (scripts/cluster --bench)`,
    "",
    `Machine: ${cpus().length} cores (${cpus()[0].model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; release build; PostgreSQL 15, nginx, moto and wrk on the same cores.`,
    "",
    "| what | figure | budget | met |",
    "|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
  console.log("\n" + table);
  const record = join(root, "docs/benchmarks.md");
  const header = "# Benchmarks\n\nWritten by `./scripts/bench` (budgets from DESIGN.md §7). Newest run first.\n\n";
  const earlier = readFileSync(record, "utf8").replace(header, "");
  writeFileSync(record, header + table + "\n" + earlier);
  log("recorded in docs/benchmarks.md");
}

// ---------------------------------------------------------------------------------------

let failed = false;
const stopSignal = new Promise((done) => {
  process.on("SIGINT", done);
  process.on("SIGTERM", done);
});
try {
  await startAll();
  if (mode === "test") {
    const began = Date.now();
    systemdUnit();
    await browserJourney();
    await documentAcrossInstances();
    await guessesCountedTogether();
    await jobsOnce();
    await rollingRestart();
    log(`all cluster checks passed in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  } else if (mode === "bench") {
    await bench();
  } else {
    log("Ctrl-C stops everything");
    await stopSignal;
  }
} catch (err) {
  failed = true;
  console.error(`[cluster] ${err.stack ?? err}`);
  for (let i = 1; i <= 3; i++) {
    if (existsSync(logOf(i))) console.error(`[cluster] last lines of instance ${i}:\n${readFileSync(logOf(i), "utf8").split("\n").slice(-15).join("\n")}`);
  }
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
