import { expect, test } from "@playwright/test";

// HTTP behaviour of the server itself; these run once, not per device.
test.describe("serving", () => {
  test.skip(({ isMobile }) => isMobile, "HTTP checks do not depend on the device");

  test("an unknown API address is a JSON 404 in Dutch, not the app", async ({ request }) => {
    const response = await request.get("/api/nope");
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toBe("application/problem+json");
    const body = await response.json();
    expect(body).toMatchObject({ type: "niet-gevonden", status: 404 });
    expect(body.detail).toContain("bestaat niet");
    expect(response.headers()["cache-control"]).toBe("no-store");
  });

  test("a missing asset is a real 404, a missing page is the app", async ({ request }) => {
    expect((await request.get("/bestaat-niet.js")).status()).toBe(404);
    const page = await request.get("/ergens/diep");
    expect(page.status()).toBe(200);
    expect(await page.text()).toMatch(/<html lang="?nl"?>/);
  });

  test("the page is sent with a strict policy and is never cached", async ({ request }) => {
    const response = await request.get("/", { headers: { "accept-encoding": "br" } });
    const headers = response.headers();
    expect(headers["content-encoding"]).toBe("br");
    expect(headers["cache-control"]).toBe("no-cache");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    const csp = headers["content-security-policy"];
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("'unsafe-eval'");
  });

  test("hashed assets are precompressed and cached for a year", async ({ request }) => {
    // The helpers' list: a page without a first-paint copy, which preloads its Wasm (a
    // first-paint page starts it only after its first frame).
    const html = await (await request.get("/zaken")).text();
    const wasm = html.match(/href="?(\/[^"\s>]+_bg\.wasm)/)?.[1];
    expect(wasm, "the page preloads the Wasm module").toBeTruthy();
    const response = await request.get(wasm!, { headers: { "accept-encoding": "br, gzip" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"]).toBe("br");
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});
