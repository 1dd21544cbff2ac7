"""Schemathesis over the server's own OpenAPI document, against the real server binary.

Starts the server on a new data directory with the demo data, signs in as each role (helper,
behandelaar, beheerder, and a citizen with an access code) and lets Schemathesis generate
requests for every operation as that role. Two checks must hold for every response: no 5xx
(`not_a_server_error`) and a body that matches the documented schema for its status
(`response_schema_conformance`). Run by `scripts/fuzz` (part of `scripts/test`).

Usage: python fuzz.py SERVER_BINARY CONTENT_DIR DIST_DIR REPORT_DIR
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

PASSWORD = "demo-wachtwoord-bondgenoot"
ROLES = {
    "hulpverlener": "hulpverlener@demo.bondgenoot.test",
    "behandelaar": "behandelaar@demo.bondgenoot.test",
    "beheerder": "beheerder@demo.bondgenoot.test",
}
# Operations that end the session the run signs in with, or the account's password: they
# would leave the rest of the run signed out. Their own tests are in server/tests/api.
EXCLUDED = [
    "--exclude-path-regex",
    r"^/api/(sessies(/huidig)?|burger/sessie|intermediair/sessie|account/wachtwoord|account/sessies.*)$",
    "--exclude-method",
    "DELETE",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(opener, base, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("content-type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    with opener.open(req, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def signed_in(base, email):
    """The Cookie and CSRF headers of a new session for `email`."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    me = request(opener, base, "POST", "/api/sessies", {"email": email, "wachtwoord": PASSWORD})
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return {"Cookie": cookie, "x-csrf-token": me["csrf_token"]}, opener


def citizen_headers(base, helper_opener, helper_headers):
    """A case the demo helper sends now, and its citizen's headers (signed in with the
    access code)."""
    draft = {
        "burger_naam": "Fuzz Burger",
        "burger_geboortedatum": "01-01-1980",
        "burger_telefoon": "06 12345678",
        "dienst": "dienst_toeslagen",
        "onderwerpen": [{"onderwerp": "toeslag", "soort": "huurtoeslag"}],
        "wat_ging_mis": "Een voorbeeld voor de fuzz-test.",
        "gewenste_uitkomst": "Een antwoord.",
    }
    made = request(helper_opener, base, "POST", "/api/zaken", draft, helper_headers)
    reference = made["referentie"]
    request(helper_opener, base, "POST", f"/api/zaken/{reference}/indienen", {}, helper_headers)
    link = request(helper_opener, base, "POST", f"/api/zaken/{reference}/toestemming", {}, helper_headers)
    phone = urllib.request.build_opener()
    check = {"code": link["code"], "geboortedatum": "01-01-1980"}
    asked = request(phone, base, "POST", "/api/toestemming/controleren", check)
    answer = request(phone, base, "POST", "/api/toestemming/besluit",
                     {**check, "versie": asked["versie"], "besluit": "gegeven"})
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    session = request(opener, base, "POST", "/api/burger/sessie",
                      {"referentie": reference, "toegangscode": answer["toegangscode"]})
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return reference, {"Cookie": cookie, "x-csrf-token": session["csrf_token"]}


def main() -> int:
    binary, content, dist, reports = sys.argv[1:5]
    os.makedirs(reports, exist_ok=True)
    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    data = tempfile.mkdtemp(prefix="bondgenoot-fuzz-")
    subprocess.run([binary, "demo", "--data-dir", data], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "BONDGENOOT_ADDR": f"127.0.0.1:{port}",
        "BONDGENOOT_DATA_DIR": data,
        "BONDGENOOT_CONTENT": content,
        "BONDGENOOT_DIST": dist,
        "BONDGENOOT_LOG": "warn",
        # The fuzzer sends many wrong sign-ins; each would wait for the 1 s refusal floor.
        "BONDGENOOT_REFUSAL_DELAY_MS": "0",
    }
    for name in ("BONDGENOOT_DATABASE_URL", "BONDGENOOT_SMTP", "BONDGENOOT_FAULT"):
        env.pop(name, None)
    server = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        sessions = {}
        for role, email in ROLES.items():
            sessions[role] = signed_in(base, email)
        reference, citizen = citizen_headers(base, sessions["hulpverlener"][1], sessions["hulpverlener"][0])
        sessions["burger"] = (citizen, None)
        # A real case for each role's `{referentie}`, so requests get past "not found": the
        # helper's own, and the first case in the staff's queue.
        staff_headers, staff_opener = sessions["behandelaar"]
        queue = request(staff_opener, base, "GET", "/api/zaken", headers=staff_headers)
        cases = {"hulpverlener": reference, "behandelaar": queue[0]["referentie"]}
        failed = []
        for role, (headers, _) in sessions.items():
            started = time.monotonic()
            config = os.path.join(reports, f"{role}.toml")
            with open(config, "w") as toml:
                if role in cases:
                    toml.write(f'[parameters]\n"path.referentie" = "{cases[role]}"\n')
            args = [
                schemathesis, "--config-file", config, "run", f"{base}/api/openapi.json",
                "--checks", "not_a_server_error,response_schema_conformance",
                "--phases", os.environ.get("BONDGENOOT_FUZZ_PHASES", "examples,fuzzing"),
                "--max-examples", os.environ.get("BONDGENOOT_FUZZ_EXAMPLES", "15"),
                "--workers", "2",
                "--seed", "20261205",
                "--request-timeout", "30",
                "--suppress-health-check", "all",
                "--report", "junit", "--report-dir", os.path.join(reports, role),
                *EXCLUDED,
            ]
            for name, value in headers.items():
                args += ["-H", f"{name}: {value}"]
            print(f"\n-- Schemathesis as {role}", flush=True)
            result = subprocess.run(args)
            print(f"-- {role}: exit {result.returncode} in {time.monotonic() - started:.0f} s", flush=True)
            if result.returncode != 0:
                failed.append(role)
        if failed:
            print(f"Schemathesis found failures as: {', '.join(failed)}", file=sys.stderr)
            return 1
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
