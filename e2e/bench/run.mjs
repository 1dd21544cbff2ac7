// Bondgenoot's benchmark: prints every budget of DESIGN.md §7 beside the measured figure and
// appends the table to docs/benchmarks.md. Called by scripts/bench, which builds and starts
// the server first. Loopback only; every load run is bounded in time.
//
//   node run.mjs <baseURL> <serverPid> [--quick | --api | --lookup | --attack] [--profile] [--check]
//   --quick  memory and first-load sizes only; --api  memory and the load rows only (for
//   working on the server's speed); --lookup  only the four rows measured against the liveness
//   rate; --attack  those and the status lookup under attack. None of them writes
//   docs/benchmarks.md.
//   --profile  after those rows, the status lookup once more under `perf record`: where the
//   server's time goes, printed by symbol (needs perf, Debian package linux-perf).
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { resolve } from "node:path";
import { chromiumArgs } from "../chromium.mjs";
import { measureFirstLoad } from "./first-load.mjs";
import { signInFlood, startAttack } from "./attack.mjs";

const [baseURL, pidArg, ...flags] = process.argv.slice(2);
const pid = Number(pidArg);
const quick = flags.includes("--quick");
const check = flags.includes("--check");
const attackToo = flags.includes("--attack");
const lookupOnly = flags.includes("--lookup") || attackToo;
const apiOnly = flags.includes("--api") || lookupOnly;
const profile = flags.includes("--profile");
const debugBuild = flags.includes("--debug-build");
const root = resolve(import.meta.dirname, "../..");
const rows = [];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function row(what, figure, budget, met) {
  rows.push({ what, figure, budget, met });
}

/** wrk's figures from its `--latency` output: requests/s, p50 and p99 in ms, non-2xx count. */
function wrkFigures(text) {
  const ms = (p) => {
    const m = text.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  return {
    rps: Number(text.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50: ms(50),
    p99: ms(99),
    errors: /Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? "0",
    requests: Number(text.match(/(\d+) requests in/)?.[1] ?? NaN),
  };
}

/** A short wrk run (2 threads, 4 connections, 5 s): the time one request takes. */
function wrkAt4(path, cookie) {
  const headers = ["-H", "Accept-Encoding: br", ...(cookie ? ["-H", `Cookie: ${cookie}`] : [])];
  return wrkFigures(
    execFileSync("wrk", ["-t2", "-c4", "-d5s", "--timeout", "2s", "--latency", ...headers, baseURL + path], { encoding: "utf8" }),
  );
}

/** The status lookup at 32 connections for 10 s while `perf` samples the server (999 Hz);
 * prints the symbols with the largest share of the server's own samples. */
function profileLookup(cookie) {
  if (spawnSync("perf", ["--version"]).status !== 0) {
    console.error("--profile: perf is not installed (Debian: linux-perf)");
    return;
  }
  const data = resolve(tmpdir(), "bondgenoot-lookup.perf");
  // perf samples the server for as long as wrk runs. BONDGENOOT_PERF_CALL_GRAPH=dwarf records
  // call graphs too, for reading the kept file with `perf report -i` by hand.
  const graph = process.env.BONDGENOOT_PERF_CALL_GRAPH;
  execFileSync("perf", ["record", "-q", "-F", "999", ...(graph ? ["--call-graph", graph] : []), "-p", String(pid), "-o", data, "--",
    "wrk", "-t2", "-c32", "-d10s", "--timeout", "2s", "-H", "Accept-Encoding: br", "-H", `Cookie: ${cookie}`, baseURL + "/api/burger/zaak"], { stdio: "ignore" });
  const report = (sort, limit) =>
    execFileSync("perf", ["report", "-i", data, "--stdio", "--no-children", "--sort", sort, "--percent-limit", limit, "-g", "none"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    })
      .split("\n")
      .filter((line) => /^\s+[\d.]+%/.test(line))
      .map((line) => line.trimEnd().slice(0, 160))
      .join("\n");
  console.log(`\nStatus lookup profile (perf data kept in ${data}), by shared object:\n` + report("dso", "1"));
  console.log("\nStatus lookup profile, by symbol (≥ 0.7 %):\n" + report("symbol", "0.7"));
}

/** The CPU time the server has used so far (all its threads, user and system), in µs. */
function serverCpuMicros() {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name (which may hold spaces).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const perSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  return (ticks / perSecond) * 1e6;
}

/** The machine's idle share (%) since `before` (a reading from an earlier call), or a reading. */
function machineIdle(before) {
  // The first line of /proc/stat: jiffies in user, nice, system, idle, iowait, irq, softirq, steal.
  const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const reading = { idle: ticks[3] + ticks[4], all: ticks.reduce((a, b) => a + b, 0) };
  if (!before) return reading;
  return (100 * (reading.idle - before.idle)) / Math.max(1, reading.all - before.all);
}

function rssKb(field) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(status.match(new RegExp(`${field}:\\s+(\\d+) kB`))[1]);
}

// Entry pages: the public app (start, about, the citizen's status page) and the helpers' app.
const entryPages = [
  ["start page", "/"],
  ["about page (deep link)", "/over"],
  ["helper sign-in", "/inloggen"],
  ["citizen status page", "/status"],
];
// DESIGN.md §7 budgets Lighthouse on these two (issue 22: performance 100, LCP ≤ 1.5 s, CLS 0);
// search engines may index the start page and the articles (SEO 100).
const lighthousePages = [
  ...entryPages.filter(([, p]) => p === "/" || p === "/status"),
  ["article", "/hulp/stella-team"],
  // The English first paint and bundles, for a browser that chose English.
  ["start page, English", "/", "en"],
  ["citizen status page, English", "/status", "en"],
];
const indexable = new Set(["/", "/hulp/stella-team"]);

/** A fresh consented case, made through the API as the app does: the demo helper submits a
 *  case, the citizen consents through the link and signs in. Returns both sessions. */
/** Requests the seeding repeated after the server closed an idle keep-alive connection just
 *  as the client reused it (the request never reached a handler); shown in the seeded rows. */
let seedRetries = 0;
async function fetchOnce(url, init) {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (err?.cause?.code !== "UND_ERR_SOCKET") throw err;
    seedRetries += 1;
    return fetch(url, init);
  }
}

async function consentedCase(helper) {
  const birth = "12-05-1980";
  const json = (r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.url}: ${r.status}`)));
  const asHelper = (path, body) =>
    fetchOnce(baseURL + path, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: helper.cookie, "x-csrf-token": helper.csrf },
      body: JSON.stringify(body ?? {}),
    }).then(json);
  const post = (path, body) =>
    fetchOnce(baseURL + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const { referentie } = await asHelper("/api/zaken", {
    burger_naam: "Benchmark Burger",
    burger_geboortedatum: birth,
    dienst: "belastingdienst",
    onderwerpen: [{ onderwerp: "inkomstenbelasting" }],
    wat_ging_mis: "Een aanslag die niet klopt.",
    gewenste_uitkomst: "Een nieuwe aanslag.",
    burger_email: "burger@example.org",
  });
  await asHelper(`/api/zaken/${referentie}/indienen`);
  const { code } = await asHelper(`/api/zaken/${referentie}/toestemming`);
  const { versie } = await json(await post("/api/toestemming/controleren", { code, geboortedatum: birth }));
  const { toegangscode } = await json(
    await post("/api/toestemming/besluit", { code, geboortedatum: birth, versie, besluit: "gegeven" }),
  );
  const citizen = await post("/api/burger/sessie", { referentie, toegangscode });
  await json(citizen);
  return { helper, referentie, citizenCookie: citizen.headers.get("set-cookie").split(";")[0] };
}

/** Signs in a demo account; its cookie and CSRF token. */
async function signIn(email) {
  const response = await fetch(baseURL + "/api/sessies", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, wachtwoord: "demo-wachtwoord-bondgenoot" }),
  });
  if (!response.ok) throw new Error(`sign-in ${email}: ${response.status}`);
  return { cookie: response.headers.get("set-cookie").split(";")[0], csrf: (await response.json()).csrf_token };
}

/**
 * Seeds `count` cases the way helpers and citizens make them (draft, send, consent on the
 * citizen's own device), `parallel` at a time, so the load rows run on a database of a
 * realistic size. Returns the seconds it took.
 */
async function seedCases(helperSession, count, parallel) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await consentedCase(helperSession);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return (performance.now() - started) / 1000;
}

/** Streams one 200 MB PDF to the upload endpoint; returns seconds taken and the HTTP status. */
async function uploadLargeFile({ helper, referentie }) {
  const size = 200 * 1024 * 1024;
  const boundary = "benchmarkgrens";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="soort"\r\n\r\nbesluit\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="omschrijving"\r\n\r\nGroot bestand\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="groot.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let sent = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (sent === 0) controller.enqueue(head);
      if (sent >= size) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      const piece = sent === 0 ? Buffer.concat([Buffer.from("%PDF-1.7\n"), chunk.subarray(9)]) : chunk;
      sent += piece.length;
      controller.enqueue(piece);
    },
  });
  const started = performance.now();
  const response = await fetch(`${baseURL}/api/zaken/${referentie}/documenten`, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(head.length + size + tail.length),
      cookie: helper.cookie,
      "x-csrf-token": helper.csrf,
    },
    body,
    duplex: "half",
  });
  await response.arrayBuffer();
  return { seconds: (performance.now() - started) / 1000, status: response.status };
}

// --- Memory when idle -------------------------------------------------------------------
const idleRss = rssKb("VmRSS");
if (debugBuild) {
  row("server RSS, idle after start (unoptimised test build)", kb(idleRss * 1024), "(shown; ≤ 40 MB holds for the release build, full bench)", null);
} else {
  row("server RSS, idle after start", kb(idleRss * 1024), "≤ 40 MB", idleRss <= 40 * 1024);
}

// --- First load -------------------------------------------------------------------------
// Each bundle is built in Dutch and in English (src/i18n.rs): a row per language.
const languages = [["nl", "Dutch"], ["en", "English"]];
for (const [lang, language] of languages) {
  for (const r of apiOnly ? [] : await measureFirstLoad(baseURL, entryPages.map(([, p]) => p), lang)) {
    const name = entryPages.find(([, p]) => p === r.path)[0];
    const parts = Object.entries(r.bytes)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${kb(v)}`)
      .join(", ");
    row(`first load, ${name}, ${language} (${parts})`, kb(r.total), "≤ 200 KB", r.total <= 200 * 1024);
  }
}

// --- The apps behind sign-in: their whole download, from the built files ---------------
// (a cold visit to them would first show the sign-in page, so they are not loaded above).
const signedInApps = [["case form", "formulier"], ["case page, helper's", "zaak"], ["case page, staff's", "behandeling"], ["staff work list", "backoffice-app"], ["beheer", "beheer-app"], ["supervision: audit log and alerts", "toezicht-app"]];
for (const [name, dir, lang, language] of apiOnly ? [] : languages.flatMap(([lang, language]) => signedInApps.map(([name, dir]) => [name, dir, lang, language]))) {
  const folder = resolve(root, "dist", lang === "en" ? "en" : "", dir);
  const html = readFileSync(resolve(folder, "index.html"), "utf8");
  const assets = [...html.matchAll(/(?:href|src)="?\/[^"\s>]*?\/([^"\/\s>]+\.(?:js|wasm|css))/g)].map((m) => m[1]);
  const files = ["index.html", ...new Set(assets)];
  const total = files.reduce((sum, file) => sum + statSync(resolve(folder, `${file}.br`)).size, 0);
  const where = `dist/${lang === "en" ? "en/" : ""}${dir}`;
  row(`first load, ${name}, ${language} (${where}): ${files.length} files as built, brotli`, kb(total), "≤ 200 KB", total <= 200 * 1024);
}

load: if (!quick) {
  // --- Lighthouse (mobile preset, the default) -------------------------------------------
  for (const [name, path, lang] of apiOnly ? [] : lighthousePages) {
    const lighthouse = () =>
      spawnSync(
        resolve(import.meta.dirname, "../node_modules/.bin/lighthouse"),
        [
          baseURL + path,
          ...(lang ? [`--extra-headers=${JSON.stringify({ Cookie: `bg_taal=${lang}` })}`] : []),
          "--quiet",
          "--output=json",
          "--only-categories=performance,accessibility,best-practices,seo",
          `--chrome-flags=${chromiumArgs.join(" ")}`,
        ],
        { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, maxBuffer: 64 << 20, encoding: "utf8" },
      );
    // Lighthouse itself sometimes loses its trace ("NO_NAVSTART", "run Lighthouse again"):
    // once more before a row says it did not run.
    let out = lighthouse();
    if (out.status !== 0) out = lighthouse();
    if (out.status !== 0) {
      row(`Lighthouse, ${name}`, "did not run", "", false);
      console.error(out.stderr);
    } else {
      const report = JSON.parse(out.stdout);
      const score = (c) => Math.round(report.categories[c].score * 100);
      const lcp = report.audits["largest-contentful-paint"].numericValue;
      const tbt = report.audits["total-blocking-time"].numericValue;
      const cls = report.audits["cumulative-layout-shift"].numericValue;
      row(`Lighthouse performance, ${name}`, String(score("performance")), "= 100", score("performance") === 100);
      row(`Lighthouse accessibility, ${name}`, String(score("accessibility")), "= 100", score("accessibility") === 100);
      row(`Lighthouse best practices, ${name}`, String(score("best-practices")), "= 100", score("best-practices") === 100);
      row(`Lighthouse LCP, ${name} (TBT ${Math.round(tbt)} ms)`, `${Math.round(lcp)} ms`, "≤ 1500 ms", lcp <= 1500);
      row(`Lighthouse CLS, ${name}`, cls.toFixed(3), "= 0", cls === 0);
      if (indexable.has(path) && !lang) {
        row(`Lighthouse SEO, ${name}`, String(score("seo")), "= 100", score("seo") === 100);
      }
    }
  }

  // --- API and static files under load (wrk, loopback, 10 s each) -------------------------
  const html = await (await fetch(baseURL + "/")).text();
  const css = html.match(/href="?(\/[^"\s>]+\.css)/)?.[1];
  const helperSession = await signIn("hulpverlener@demo.bondgenoot.test");
  const setup = await consentedCase(helperSession);
  const cookie = setup.citizenCookie;
  // DESIGN.md §7 / issue 15: the load rows run with 1,000 cases in the database.
  const seeded = 1000;
  const seedSeconds = await seedCases(helperSession, seeded - 1, 8);
  const staff = await signIn("behandelaar@demo.bondgenoot.test");
  const helperList = helperSession;
  // Every page of the case list, following its `Link: rel="next"`.
  const listed = async (who) => {
    let total = 0;
    for (let page = 1; ; page += 1) {
      const response = await fetch(`${baseURL}/api/zaken?pagina=${page}`, { headers: { cookie: who.cookie } });
      total += (await response.json()).length;
      if (!(response.headers.get("link") ?? "").includes('rel="next"')) return total;
    }
  };
  row(
    `seeded ${seeded} cases through the API (draft, send, consent), 8 at a time`,
    `${seedSeconds.toFixed(1)} s; staff queue ${await listed(staff)}, helper's list ${await listed(helperList)}`,
    "(shown)",
    true,
  );

  // --- Upload memory: one 200 MB file, streamed to disk ----------------------------------
  if (!apiOnly) {
    // The peak so far belongs to the seeding above: reset it (writing 5 to clear_refs resets
    // VmHWM), so the growth measured is the upload's own.
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const beforeUpload = rssKb("VmRSS");
    const upload = await uploadLargeFile(setup);
    const growth = rssKb("VmHWM") - beforeUpload;
    row(
      `upload of one 200 MB document (HTTP ${upload.status}, ${(200 / upload.seconds).toFixed(0)} MB/s): memory growth`,
      kb(growth * 1024),
      "≤ 32 MB",
      upload.status === 201 && growth <= 32 * 1024,
    );
  }
  // The answer's size drives its JSON and socket costs: shown in the row.
  const lookupBytes = (await (await fetch(baseURL + "/api/burger/zaak", { headers: { cookie } })).arrayBuffer()).byteLength;
  const targets = [
    [`GET /api/burger/zaak (citizen status lookup: session, case, timeline, audit row; ${lookupBytes} bytes of JSON)`, "/api/burger/zaak", true, [`Cookie: ${cookie}`]],
    ["GET /api/health (database round trip)", "/api/health", true, []],
    ["GET /api/health/live (no I/O: the server's own ceiling)", "/api/health/live", false, []],
    [`static asset ${css} (brotli, from memory)`, css, false, []],
  ];
  const rates = {};
  for (const [name, path, isApi, headers] of targets) {
    const cpuBefore = serverCpuMicros();
    const idleBefore = machineIdle();
    const text = execFileSync(
      "wrk",
      ["-t2", "-c32", "-d10s", "--timeout", "2s", "--latency", "-H", "Accept-Encoding: br", ...headers.flatMap((h) => ["-H", h]), baseURL + path],
      { encoding: "utf8" },
    );
    const { rps, p50, p99, errors, requests } = wrkFigures(text);
    // The server's own CPU time per answered request (wrk shares the 2 cores): what a change
    // to the route costs or saves, apart from how the clients' waiting is scheduled.
    const cpu = (serverCpuMicros() - cpuBefore) / requests;
    // Idle CPU during the row: near zero when the row is bound by CPU time, higher when by
    // waiting (the lookup's audit commit).
    const idle = machineIdle(idleBefore);
    rates[path] = rps;
    const figure = `${Math.round(rps)} req/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, non-2xx ${errors}, server CPU ${cpu.toFixed(0)} µs/request, machine idle ${idle.toFixed(0)} %`;
    if (isApi) {
      row(`${name}, 32 connections`, figure, "≥ 20000 req/s, p99 ≤ 5 ms", rps >= 20000 && p99 <= 5 && errors === "0");
    } else {
      row(`${name}, 32 connections`, figure, "(reference)", errors === "0");
    }
  }
  // DESIGN.md §7: the status lookup ≥ 0.5 and static files ≥ 0.8 of the liveness rate.
  const live = rates["/api/health/live"];
  const ratio = (path) => rates[path] / live;
  row("/api/burger/zaak rate / liveness rate (same run)", ratio("/api/burger/zaak").toFixed(2), "≥ 0.5", ratio("/api/burger/zaak") >= 0.5);
  row(`static asset rate / liveness rate (same run)`, ratio(css).toFixed(2), "≥ 0.8", ratio(css) >= 0.8);
  row("/api/health rate / liveness rate (same run)", ratio("/api/health").toFixed(2), "(shown)", true);
  if (profile) profileLookup(cookie);
  if (lookupOnly && !attackToo) break load;

  // --- Under attack (issue 18): the status lookup again while an attacker runs beside it.
  // wrk runs asynchronously here: the attacker's loops live in this process.
  {
    const stop = startAttack(baseURL);
    await new Promise((done) => setTimeout(done, 2000)); // the attack gets going
    const { stdout: text } = await promisify(execFile)(
      "wrk",
      ["-t2", "-c32", "-d10s", "--timeout", "2s", "--latency", "-H", "Accept-Encoding: br", "-H", `Cookie: ${cookie}`, baseURL + "/api/burger/zaak"],
      { encoding: "utf8" },
    );
    const statuses = await stop();
    const { rps, p99, errors } = wrkFigures(text);
    const share = rps / rates["/api/burger/zaak"];
    const attacker = Object.entries(statuses).map(([what, n]) => `${what}: ${n}`).join(", ");
    row(
      "GET /api/burger/zaak under attack (16 parallel sign-ins with made-up addresses, 500 slowloris connections, 4 parallel 30,000-character searches), 32 connections",
      `${Math.round(rps)} req/s = ${Math.round(100 * share)} % of the rate without attack, p99 ${p99.toFixed(2)} ms, non-2xx ${errors}; the attacker got ${attacker}`,
      "≥ 50 % of the normal rate, p99 ≤ 50 ms",
      share >= 0.5 && p99 <= 50 && errors === "0",
    );
  }

  // --- Floods of sign-ins from many addresses at once (DESIGN.md §7: RSS ≤ 128 MB under any
  // flood of sign-ins). The peak is the kernel's (VmHWM), reset first so that it is the flood's.
  // 4,000 at a time is more than the server serves at once (1,024 connections): the rest wait
  // in the kernel's queue.
  for (const loops of [256, 1024, 4000]) {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const before = rssKb("VmRSS");
    const statuses = await signInFlood(baseURL, { loops, seconds: 8 });
    const peak = rssKb("VmHWM");
    const answers = Object.entries(statuses).sort().map(([what, n]) => `${what}: ${n}`).join(", ");
    row(
      `server RSS, peak under a flood of sign-ins (${loops} at a time from ${Math.min(loops, 250)} addresses, made-up e-mail addresses, 8 s)`,
      `${kb(peak * 1024)} (${kb(before * 1024)} before); the flood got ${answers}`,
      "≤ 128 MB",
      peak <= 128 * 1024,
    );
  }
  if (attackToo) break load;

  // The two lists with 1,000 cases, at 4 connections: the time one list takes to answer.
  // The staff work from the work list (a page of 25, filtered and sorted by the database).
  for (const [name, who, path] of [["staff work list", staff, "/api/werkvoorraad"], ["helper's case list", helperList, "/api/zaken"]]) {
    const { rps, p99, errors } = wrkAt4(path, who.cookie);
    row(
      `GET ${path}, ${name} of 1,000 cases, 4 connections`,
      `${Math.round(rps)} req/s, p99 ${p99.toFixed(2)} ms, non-2xx ${errors}`,
      "p99 ≤ 10 ms",
      p99 <= 10 && errors === "0",
    );
  }

  // Knowledge search with a 200-character query as helpers type them (compounds, synonyms,
  // a typo), at 4 connections: the time one search takes, not the server's ceiling.
  const words = "betalingsregeling huurtoeslag deurwaarder kinderopvangtoeslag termjin bezwaartermijn uithuiszetting ";
  const query = words.repeat(3).slice(0, 200);
  const { rps: searchRps, p99: searchP99 } = wrkAt4("/hulp/zoeken?q=" + encodeURIComponent(query));
  row(
    "GET /hulp/zoeken, 200-character query, 4 connections",
    `${Math.round(searchRps)} req/s, p99 ${searchP99.toFixed(2)} ms`,
    "p99 ≤ 20 ms",
    searchP99 <= 20,
  );
  // --- The figures page with 10,000 cases (issue 19): seeded after the rows above, which
  // run with 1,000. Staff read the totals; a helper reads their organisation's beside them.
  const grown = 10000;
  const growSeconds = await seedCases(helperSession, grown - seeded, 8);
  // The counts are kept for a minute (server/src/http/figures.rs): the first request
  // counts, the ones after it read what was counted. Both are shown.
  for (const [name, who] of [["staff", staff], ["partner view, helper", helperList]]) {
    const started = performance.now();
    const first = await fetch(baseURL + "/api/cijfers", { headers: { cookie: who.cookie } });
    await first.arrayBuffer();
    const counting = performance.now() - started;
    const { rps, p99, errors } = wrkAt4("/api/cijfers", who.cookie);
    row(
      `GET /api/cijfers, figures of the last half-year (${name}) with ${grown.toLocaleString("en")} cases (seeded through the API in ${growSeconds.toFixed(0)} s), 4 connections`,
      `first request (counting) ${counting.toFixed(0)} ms; then ${Math.round(rps)} req/s, p99 ${p99.toFixed(2)} ms, non-2xx ${errors}; seeding requests repeated after a closed idle connection: ${seedRetries}`,
      "p99 ≤ 50 ms",
      first.ok && counting <= 50 && p99 <= 50 && errors === "0",
    );
  }
  // --- The letters as PDF (issue 20): the time to make each, one at a time. The proof of
  // the benchmark's own case; the summary after staff took that case to its outcome.
  {
    const step = (event) =>
      fetch(`${baseURL}/api/zaken/${setup.referentie}/stappen`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: staff.cookie, "x-csrf-token": staff.csrf },
        body: JSON.stringify({
          stap: event,
          bericht_hulpverlener: "Benchmark: bericht voor de hulpverlener.",
          bericht_burger: "Benchmark: bericht voor u.",
          // Today in the Netherlands (the server's calendar), not in UTC: near midnight they differ.
          datum: new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date()),
          reden: "Benchmark: de reden.",
        }),
      }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`step ${JSON.stringify(event)}: ${r.status}`))));
    const letterRow = (name, kind) => {
      const path = `/api/zaken/${setup.referentie}/brieven/${kind}`;
      const text = execFileSync("wrk", ["-t1", "-c1", "-d3s", "--timeout", "2s", "--latency", "-H", `Cookie: ${helperSession.cookie}`, baseURL + path], { encoding: "utf8" });
      const { rps, p50, p99, errors } = wrkFigures(text);
      row(
        `GET ${path.replace(setup.referentie, "{ref}")}, ${name} as tagged PDF, 1 connection`,
        `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${Math.round(rps)} letters/s), non-2xx ${errors}`,
        "≤ 100 ms",
        p99 <= 100 && errors === "0",
      );
    };
    letterRow("proof of procedure (bewijs van aanmelding)", "bewijs");
    for (const event of [
      { event: "triage_starten" },
      { event: "in_behandeling_nemen" },
      { event: "zienswijze_versturen" },
      { event: "zienswijze_niet_overgenomen" },
      { event: "escaleren", detail: "directeur" },
      { event: "afronden", detail: "opgelost_na_escalatie" },
    ]) {
      await step(event);
    }
    letterRow("summary (samenvatting) of a case with eight steps", "samenvatting");
  }
  const peakRss = rssKb("VmHWM");
  row("server RSS, peak during load", kb(peakRss * 1024), "(shown)", true);
}

// --- Print and record ---------------------------------------------------------------------
const mark = (met) => (met === null ? "–" : met ? "yes" : "**NO**");
const commit = execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
// The results file itself changes with every run; it does not make the measured code dirty.
const dirty = execFileSync("git", ["-C", root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmarks.md"], { encoding: "utf8" }).trim();
const when = new Date().toISOString().replace(/\.\d+Z$/, "Z");
const machine = `${cpus().length} cores (${cpus()[0].model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const table = [
  `## ${when} — commit ${commit}${dirty ? " (with uncommitted changes)" : ""}${quick ? " — quick" : ""}`,
  "",
  `Machine: ${machine}.`,
  "",
  "| what | figure | budget | met |",
  "|---|---|---|---|",
  ...rows.map((r) => `| ${r.what} | ${r.figure} | ${r.budget} | ${mark(r.met)} |`),
  "",
].join("\n");
console.log("\n" + table);

if (!quick && !apiOnly) {
  const file = resolve(root, "docs/benchmarks.md");
  const header = "# Benchmarks\n\nWritten by `./scripts/bench` (budgets from DESIGN.md §7). Newest run first.\n\n";
  const earlier = existsSync(file) ? readFileSync(file, "utf8").replace(header, "") : "";
  writeFileSync(file, header + table + "\n" + earlier);
  console.log(`Recorded in docs/benchmarks.md`);
}
const missed = rows.filter((r) => r.met === false);
if (check && missed.length > 0) {
  console.error(`${missed.length} budget(s) missed.`);
  process.exit(1);
}
