"""Load on two app servers behind Caddy, on PostgreSQL: 50 people logging cramps, saving nights
and reading their history at once, next to the trivial `/healthz` view on the same set-up.

Everything runs on 127.0.0.1 and stops by itself: two `nightcramp serve` processes on a fresh
PostgreSQL database (dropped afterwards) behind Caddy round robin (tests/web/test_scale_out.py
`Fleet`), then two timed phases of closed-loop users (each sends its next request as soon as
the last one is answered, no pause):
1. trivial: every user asks `GET /healthz` (one `SELECT 1`);
2. diary: every user, with a token of their own, in turn logs a cramp (`POST /api/v1/episodes`
   with an Idempotency-Key), saves a night (`PUT /api/v1/nights/{date}`), and reads their
   cramps and nights (`GET /api/v1/episodes?since=`, `GET /api/v1/nights?since=`).
Then both again with a pause of --pause seconds before each request (people using the app,
not a stress test). Each pair of phases runs --rounds times, interleaved (trivial, diary,
trivial, diary, ...): the machine's speed drifts by tens of percent over minutes, and the
throughput ratio is only fair when both phases see the same machine. Prints (and with --out
writes) p50/p99 latency, throughput and errors per kind of request.

    python bench/load_api.py [--users 50] [--seconds 20] [--rounds 3] [--workers 2]
                             [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
                             [--pause 1] [--out bench/results/load_api-YYYY-MM-DD.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.web.test_scale_out import Client, Fleet, postgres_server  # noqa: E402

WARM_UP_SECONDS = 3.0
_FIRST_CRAMP = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(4, 0))
_CRAMPS = itertools.count()
READS = ("GET episodes", "GET nights")

_MAKE_PEOPLE = """
import json, sys, django
django.setup()
from django.contrib.auth.models import User
from nightcramp.store.account.tokens import issue_token
tokens = []
for i in range(int(sys.argv[1])):
    person = User.objects.create_user(f"bench{i:03d}")  # no password: API tokens only
    tokens.append(issue_token(person, label="bench"))
print(json.dumps(tokens))
"""


def make_people(fleet: Fleet, count: int) -> list[str]:
    """`count` accounts with one API token each (straight through the store: fast)."""
    env = fleet.env(fleet.homes[0]) | {"DJANGO_SETTINGS_MODULE": "nightcramp.web.settings"}
    done = subprocess.run(
        [sys.executable, "-c", _MAKE_PEOPLE, str(count)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    tokens: list[str] = json.loads(done.stdout)
    return tokens


class Tally:
    """Latencies (seconds) and errors by kind of request, from every user thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.examples: dict[str, str] = {}
        self.cpu: dict[str, float] = {}

    def merge(self, other: Tally) -> None:
        """Add another round's answers, errors and CPU to this one."""
        for kind, times in other.times.items():
            self.times[kind] += times
        for kind, errors in other.errors.items():
            self.errors[kind] += errors
        for kind, example in other.examples.items():
            self.examples.setdefault(kind, example)
        for kind, seconds in other.cpu.items():
            self.cpu[kind] = self.cpu.get(kind, 0.0) + seconds

    def add(self, kind: str, took: float, ok: bool, detail: str) -> None:
        with self.lock:
            if ok:
                self.times[kind].append(took)
            else:
                self.errors[kind] += 1
                self.examples.setdefault(kind, detail)


PAUSE = threading.local()  # each user's pause before each request, in seconds


def _timed(client: Client, tally: Tally | None, kind: str, want: int, *args: object) -> None:
    time.sleep(getattr(PAUSE, "seconds", 0.0))
    started = time.perf_counter()
    try:
        status, raw, _ = client.request(*args)  # type: ignore[arg-type]
        detail = f"{status} {raw[:120]!r}"
    except OSError as error:
        status, detail = 0, repr(error)
    if tally is not None:
        tally.add(kind, time.perf_counter() - started, status == want, detail)


def trivial_user(port: int, stop: threading.Event, counting: threading.Event, tally: Tally) -> None:
    with Client(port) as client:
        while not stop.is_set():
            _timed(
                client, tally if counting.is_set() else None, "GET /healthz", 200, "GET", "/healthz"
            )


def diary_user(
    port: int, token: str, stop: threading.Event, counting: threading.Event, tally: Tally
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    since = (dt.date.today() - dt.timedelta(days=90)).isoformat()
    step = 0
    with Client(port) as client:
        while not stop.is_set():
            t = tally if counting.is_set() else None
            at = _FIRST_CRAMP - dt.timedelta(minutes=next(_CRAMPS))  # never the same twice
            day = (dt.date.today() - dt.timedelta(days=1 + step % 80)).isoformat()
            cramp = {
                "started_at": at.isoformat(timespec="minutes"),
                "muscle": "calf",
                "severity": 5,
            }
            key = {**headers, "Idempotency-Key": uuid.uuid4().hex}
            _timed(client, t, "POST episode", 201, "POST", "/api/v1/episodes", cramp, key)
            night = {"water_glasses": step % 9, "bedtime_stretch": bool(step % 2)}
            _timed(client, t, "PUT night", 200, "PUT", f"/api/v1/nights/{day}", night, headers)
            _timed(
                client,
                t,
                "GET episodes",
                200,
                "GET",
                f"/api/v1/episodes?since={since}",
                None,
                headers,
            )
            _timed(
                client, t, "GET nights", 200, "GET", f"/api/v1/nights?since={since}", None, headers
            )
            step += 1


def _cpu_seconds() -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by each process of the set-up: app servers, Caddy, PostgreSQL
    and this bench (its client threads), by process id."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(entry.name) == os.getpid():
            kind = "bench client"
        elif "nightcramp" in command and "serve" in command:
            kind = "app servers"
        elif name == "caddy":
            kind = "Caddy"
        elif name == "postgres" or command.startswith("postgres"):
            kind = "PostgreSQL"
        else:
            continue
        found[int(entry.name)] = (kind, (int(fields[11]) + int(fields[12])) / tick)
    return found


def cpu_used(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]
) -> dict[str, float]:
    """CPU seconds each kind of process used between two snapshots."""
    used: dict[str, float] = defaultdict(float)
    for pid, (kind, seconds) in after.items():
        used[kind] += seconds - before.get(pid, (kind, 0.0))[1]
    return dict(used)


def run_phase(
    target: Callable[..., None], users: list[tuple[object, ...]], seconds: float, pause: float
) -> tuple[Tally, float]:
    tally, stop, counting = Tally(), threading.Event(), threading.Event()

    def user(*args: object) -> None:
        PAUSE.seconds = pause
        target(*args, stop, counting, tally)

    threads = [threading.Thread(target=user, args=args, daemon=True) for args in users]
    for thread in threads:
        thread.start()
    time.sleep(WARM_UP_SECONDS)
    counting.set()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    elapsed = time.perf_counter() - started
    tally.cpu = cpu_used(cpu_before, _cpu_seconds())
    for thread in threads:
        thread.join(timeout=60)
    return tally, elapsed


def _share(ratio: float) -> str:
    return f"{100 * ratio:.0f} %"


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def rows(tally: Tally, elapsed: float) -> list[tuple[str, int, float, float, float, int]]:
    kinds = sorted(set(tally.times) | set(tally.errors))
    return [
        (
            kind,
            len(tally.times[kind]),
            len(tally.times[kind]) / elapsed,
            1000 * _quantile(tally.times[kind], 0.50),
            1000 * _quantile(tally.times[kind], 0.99),
            tally.errors[kind],
        )
        for kind in kinds
    ]


def _throughput(tally: Tally, elapsed: float) -> float:
    return sum(len(t) for t in tally.times.values()) / elapsed


def report(
    args: argparse.Namespace,
    phases: dict[str, tuple[Tally, float]],
    load: tuple[str, str],
    ratios: dict[str, list[float]],
) -> str:
    lines = [
        f"# Load bench: {args.users} people on two app servers behind Caddy, PostgreSQL",
        "",
        f"`python bench/load_api.py --users {args.users} --seconds {args.seconds:g} "
        f"--rounds {args.rounds} --workers {args.workers} --pause {args.pause:g}` on "
        f"{dt.date.today()}: "
        f"{os.cpu_count()} CPUs shared with other work; two `nightcramp serve` processes "
        f"({args.workers} gunicorn workers x 4 threads each), Caddy round robin, PostgreSQL "
        "on the same machine, all on 127.0.0.1. Closed loop: "
        "each user sends the next request as soon as the last is answered (no pause), or after a "
        f"pause of {args.pause:g} s; {WARM_UP_SECONDS:g} s of warm-up not counted. "
        f"{args.rounds} rounds, each a trivial phase then a diary phase of {args.seconds:g} s "
        "(interleaved, so that both see the machine at the same speed); the tables add the "
        "rounds up.",
        "",
        f"Load average (1, 5, 15 min) before: {load[0]}; after: {load[1]}.",
        "",
        "| phase | request | answered | per second | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals: dict[str, float] = {}
    for phase, (tally, elapsed) in phases.items():
        for kind, count, rate, p50, p99, errors in rows(tally, elapsed):
            lines.append(
                f"| {phase} | {kind} | {count} | {rate:.0f} | {p50:.0f} | {p99:.0f} | {errors} |"
            )
        totals[phase] = sum(len(t) for t in tally.times.values()) / elapsed
    lines += [
        "",
        *(f"- {phase}: {rate:.0f} requests a second in all" for phase, rate in totals.items()),
        "",
        *(
            f"- diary / trivial throughput, {name}: {_share(sum(r) / len(r))} over the rounds"
            f" (each round: {', '.join(_share(x) for x in r)})"
            for name, r in ratios.items()
        ),
        "",
        "Where the CPU went while each phase was counted (milliseconds of CPU per answered"
        " request; app servers are the gunicorn processes, PostgreSQL every server process):",
        "",
        "| phase | app servers | PostgreSQL | Caddy | bench client | all |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    kinds = ("app servers", "PostgreSQL", "Caddy", "bench client")
    for phase, (tally, _elapsed) in phases.items():
        answered = max(1, sum(len(t) for t in tally.times.values()))
        per = [1000 * tally.cpu.get(kind, 0.0) / answered for kind in kinds]
        cells = " | ".join(f"{x:.2f}" for x in per)
        lines.append(f"| {phase} | {cells} | {sum(per):.2f} |")
    for phase, (tally, _) in phases.items():
        for kind, example in tally.examples.items():
            lines.append(f"- first error, {phase} {kind}: `{example}`")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--postgres", default=None, help="PostgreSQL server URL")
    parser.add_argument(
        "--pause", type=float, default=1.0, help="also run with this pause before each request"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="trivial and diary phases, interleaved"
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.seconds <= 120 or not 1 <= args.rounds <= 10:
        parser.error("--users must be 1 to 200, --seconds 1 to 120 and --rounds 1 to 10 (bounded)")
    base = args.postgres or postgres_server()
    if base is None:
        parser.error("PostgreSQL is not reachable: pass --postgres URL")
    import psycopg

    database = f"nightcramp_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        fleet = Fleet(Path(tmp), base.rsplit("/", 1)[0] + "/" + database, workers=args.workers)
        try:
            fleet.start()
            tokens = make_people(fleet, args.users)
            port = fleet.proxy_port
            phases: dict[str, tuple[Tally, float]] = {}
            ratios: dict[str, list[float]] = defaultdict(list)
            for pause in sorted({0.0, args.pause}):
                name = "no pause" if pause == 0 else f"{pause:g} s pause"
                for _round in range(args.rounds):  # interleaved: both see the same machine
                    trivial = run_phase(trivial_user, [(port,)] * args.users, args.seconds, pause)
                    diary = run_phase(diary_user, [(port, t) for t in tokens], args.seconds, pause)
                    ratios[name].append(_throughput(*diary) / _throughput(*trivial))
                    for phase, (tally, elapsed) in (
                        (f"trivial, {name}", trivial),
                        (f"diary, {name}", diary),
                    ):
                        if phase in phases:
                            phases[phase][0].merge(tally)
                            elapsed += phases[phase][1]
                            tally = phases[phase][0]
                        phases[phase] = (tally, elapsed)
        finally:
            fleet.stop()
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(args, phases, (load_before, load_after), ratios)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
