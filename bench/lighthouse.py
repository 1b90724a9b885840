"""Lighthouse 12.2.3 (npm, pinned in bench/audit/) on every page, at mobile settings, with
Debian's chromium: performance, accessibility and best practices.

Targets (issue #14): accessibility and best practices 100, performance 95 or more, on every
page. Starts `nightcramp serve` on a fresh data directory with a few weeks of diary, audits each
page once (Lighthouse's own mobile throttling) and writes bench/results/lighthouse-<date>.md.

    python bench/lighthouse.py [--out FILE] [PAGE ...]

Lighthouse is installed into .tools/lighthouse from bench/audit/package-lock.json (`npm ci`),
never globally.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".tools" / "lighthouse"
LOCK = ROOT / "bench" / "audit"
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100}
PAGES = [
    "/",
    "/now",
    "/now/foot",
    "/help",
    "/log",
    "/checkin",
    "/history",
    "/profile",
    "/medicines",
    "/insights/",
    "/plan/",
    "/plan/routine/",
    "/plan/nutrition/",
    "/plan/calendar/",
    "/triage/",
    "/triage/history/",
    "/report/",
    "/learn/",
    "/learn/causes/",
    "/experiments/",
]


def _lighthouse() -> Path:
    """The pinned Lighthouse, installed from the lock file on first use."""
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(LOCK / name, TOOLS / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
    return binary


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(env: dict[str, str]) -> None:
    """A few weeks of nights and cramps, so the pages show what people see."""
    rows = ["date,water_glasses,alcohol_drinks,bedtime_stretch"]
    cramps = ["started_at,muscle,side,severity,duration_min"]
    today = dt.date.today()
    for back in range(2, 30):
        day = today - dt.timedelta(days=back)
        rows.append(f"{day},{4 + back % 4},{back % 3},{'yes' if back % 2 else 'no'}")
        if back % 3 == 0:
            cramps.append(f"{day + dt.timedelta(days=1)}T02:30,calf,left,{3 + back % 6},3")
    folder = Path(env["NIGHTCRAMP_HOME"])
    (folder / "nights.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "episodes.csv").write_text("\n".join(cramps) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "nightcramp", "import"]
    files = [str(folder / "nights.csv"), str(folder / "episodes.csv")]
    subprocess.run([*command, *files], env=env, check=True, capture_output=True)


def _seed_records(env: dict[str, str]) -> list[str]:
    """A saved triage result, a running experiment and a share link: the pages that show one."""
    folder = Path(env["NIGHTCRAMP_HOME"])
    cli = [sys.executable, "-m", "nightcramp"]
    answers = folder / "answers.json"
    answers.write_text(json.dumps({"age": 68, "sex": "female"}), encoding="utf-8")

    def run(*args: str) -> dict[str, object]:
        done = subprocess.run([*cli, *args, "--json"], env=env, check=True, capture_output=True)
        loaded = json.loads(done.stdout)
        assert isinstance(loaded, dict)
        return loaded

    run("triage", "--answers", str(answers))
    start = (dt.date.today() - dt.timedelta(days=20)).isoformat()
    experiment = run("experiment", "start", "--change", "bedtime_stretch", "--start", start)
    link = run("share", "create", "--label", "Dr Example")
    return [
        "/triage/step/1/",
        "/triage/result/1/",
        f"/experiments/{experiment['id']}/",
        "/share/",
        f"/s/{link['token']}/",
        "/access-log/",
        "/report/print",
        "/account/",
    ]


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "nightcramp", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("nightcramp serve did not start")


def _warm(url: str) -> None:
    """Ask for the page first, so the audit measures the page, not the server's first request."""
    import urllib.error
    import urllib.request

    for _ in range(2):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
        except urllib.error.URLError:
            return


def _questionnaire_session(base: str) -> str:
    """A session that has begun the triage questionnaire (its start is a POST with the CSRF
    token, as the form sends it): the cookie for auditing the question pages."""
    import http.cookiejar
    import re
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    page = opener.open(f"{base}/triage/", timeout=30).read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found, "the triage page has no CSRF token"
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": found.group(1)}).encode()
    request = urllib.request.Request(
        f"{base}/triage/start/", data=body, headers={"Origin": base, "Referer": f"{base}/triage/"}
    )
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:  # the redirect to step 1, not followed
        if answer.code != 302:
            raise
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def _audit(binary: Path, url: str, folder: Path, cookie: str = "") -> dict[str, object]:
    """Audit `url`; a run Lighthouse itself could not record is tried again, twice at most."""
    if not cookie:
        _warm(url)
    result = _audit_once(binary, url, folder, cookie)
    for _ in range(2):
        if result["failing"] != ["page-did-not-load"]:
            break
        result = _audit_once(binary, url, folder, cookie)
    return result


def _audit_once(binary: Path, url: str, folder: Path, cookie: str) -> dict[str, object]:
    out = folder / "report.json"
    out.unlink(missing_ok=True)
    extra = [f"--extra-headers={json.dumps({'Cookie': cookie})}"] if cookie else []
    done = subprocess.run(
        [
            str(binary),
            url,
            *extra,
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        check=False,
    )
    if done.returncode != 0 or not out.exists():
        # The page itself failed (an error answer): recorded, not scored.
        return {
            "scores": dict.fromkeys(CATEGORIES, 0),
            "failing": ["page-did-not-load"],
            "bytes": 0,
        }
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = sorted(
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and report["audits"][audit_id]["score"] is not None
        and report["audits"][audit_id]["score"] < 1
        and category != "performance"
    )
    return {"scores": scores, "failing": failing, "bytes": _bytes(report)}


def _bytes(report: dict[str, object]) -> int:
    audits = report["audits"]
    assert isinstance(audits, dict)
    total = audits.get("total-byte-weight", {}).get("numericValue", 0)
    return int(total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="default: every page, records included")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    binary = _lighthouse()
    version = subprocess.run(
        [str(binary), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "NIGHTCRAMP_HOME": home}
        env.pop("NIGHTCRAMP_DATABASE_URL", None)
        _seed(env)
        records = _seed_records(env)
        pages = args.pages or [*PAGES, *records]
        port = _free_port()
        server = _serve(env, port)
        results: dict[str, dict[str, object]] = {}
        try:
            base = f"http://127.0.0.1:{port}"
            for page in pages:
                # A question page needs a begun questionnaire: a fresh one for each audit.
                asks = page.startswith("/triage/step/")
                cookie = _questionnaire_session(base) if asks else ""
                results[page] = _audit(binary, f"{base}{page}", Path(home), cookie)
                print(page, results[page]["scores"], results[page]["failing"], flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)
    _write(args.out, results, version, chromium)


def _label(page: str) -> str:
    """The page as the table names it: a share link's secret is not written down."""
    return "/s/<token>/" if page.startswith("/s/") else page


def _write(
    out: Path | None, results: dict[str, dict[str, object]], version: str, chromium: str
) -> None:
    today = dt.date.today().isoformat()
    path = out or ROOT / "bench" / "results" / f"lighthouse-{today}.md"
    lines = [
        f"# Lighthouse on every page ({today})",
        "",
        f"- Lighthouse {version} (npm, bench/audit/package-lock.json), {chromium}, headless",
        "- Mobile form factor with Lighthouse's default mobile throttling (simulated slow 4G,"
        " 4x CPU slowdown); one run per page on a fresh diary of four weeks",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        f"- Python {platform.python_version()}; server: `nightcramp serve` (gunicorn, SQLite)",
        "- Load average when done (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + " (a shared machine: performance scores drop when other work runs)",
        "- Targets: accessibility 100, best practices 100, performance 95 or more",
        "",
        "| page | performance | accessibility | best practices | bytes | audits below 100 |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    missed = []
    for page, result in results.items():
        scores = result["scores"]
        assert isinstance(scores, dict)
        failing = result["failing"]
        assert isinstance(failing, list)
        lines.append(
            f"| `{_label(page)}` | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {result['bytes']} | {', '.join(failing) or '-'} |"
        )
        missed += [
            f"`{_label(page)}` {c} {scores[c]}" for c, floor in TARGETS.items() if scores[c] < floor
        ]
    lines += ["", "Below target: " + ("; ".join(missed) if missed else "none."), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
