// The attacker of the bench's attack row (issue 18): while it runs, the bench measures the
// citizen's status lookup again. Three attacks at once, loopback only, each bounded by `stop`:
// - an argon2 flood: sign-ins with made-up addresses and wrong passwords, 16 at a time (each
//   one the server would answer with a 19 MiB password hash if nothing stopped it);
// - slowloris: 500 connections that send one header line every 5 s and never finish;
// - search bombs: knowledge searches with a 30,000-character query, 4 at a time.
// Every answer is counted by status, so the row shows how the server turned them away.
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";

export function startAttack(baseURL) {
  const url = new URL(baseURL);
  let running = true;
  const statuses = {};
  const count = (status) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  };

  let n = 0;
  const flood = async () => {
    while (running) {
      n += 1;
      try {
        const response = await fetch(baseURL + "/api/sessies", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: `aanvaller${n}@example.org`, wachtwoord: `fout-${n}-wachtwoord` }),
        });
        count(`sign-in ${response.status}`);
        await response.arrayBuffer();
      } catch {
        count("sign-in error");
      }
    }
  };

  const bomb = "betalingsregeling ".repeat(1700).slice(0, 30_000);
  const search = async () => {
    while (running) {
      try {
        const response = await fetch(`${baseURL}/hulp/zoeken?q=${encodeURIComponent(bomb)}`);
        count(`search ${response.status}`);
        await response.arrayBuffer();
      } catch {
        count("search error");
      }
    }
  };

  const sockets = [];
  const trickle = () => {
    for (let i = 0; i < 500; i += 1) {
      const socket = connect({ host: url.hostname, port: Number(url.port) });
      socket.on("error", () => {});
      socket.on("close", () => count("slowloris closed by server"));
      socket.write(`GET /api/health HTTP/1.1\r\nHost: ${url.host}\r\n`);
      sockets.push(socket);
    }
    const timer = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(`X-Langzaam-${Date.now()}: a\r\n`);
    }, 5000);
    return () => clearInterval(timer);
  };

  const stopTrickle = trickle();
  const loops = [...Array.from({ length: 16 }, flood), ...Array.from({ length: 4 }, search)];
  return async function stop() {
    running = false;
    stopTrickle();
    await Promise.allSettled(loops);
    for (const socket of sockets) socket.destroy();
    return statuses;
  };
}

// A flood of sign-ins from many addresses at once (DESIGN.md §7: server RSS ≤ 128 MB under any
// flood of sign-ins): `loops` loops, each from a loopback address of its own (127.0.1.x; Linux
// routes all of 127/8 to the loopback device), so the per-address limits do not turn them away
// and every sign-in reaches the password check, which the server answers for a made-up address
// too. Runs for `seconds`, then waits for every answer. Returns the answers by status.
export async function signInFlood(baseURL, { loops = 256, seconds = 8 } = {}) {
  const url = new URL(baseURL);
  const statuses = {};
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const post = (agent, body) =>
    new Promise((done) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: "/api/sessies", method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on("end", () => done(`sign-in ${response.statusCode}`));
        },
      );
      request.on("error", () => done("sign-in error"));
      request.end(body);
    });
  const loop = async (i) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.1.${(i % 250) + 1}` });
    while (Date.now() < until) {
      n += 1;
      const status = await post(agent, JSON.stringify({ email: `vloed${n}@example.org`, wachtwoord: `fout-${n}-wachtwoord` }));
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
    agent.destroy();
  };
  await Promise.allSettled(Array.from({ length: loops }, (_, i) => loop(i)));
  return statuses;
}
