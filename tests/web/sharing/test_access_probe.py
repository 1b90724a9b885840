"""Access-control probes, written as an attacker would try them: share links, clinician
grants, household members, API tokens and their scopes, sessions and CSRF.

Every route of the URL conf and of the OpenAPI document is listed in `ROUTES` / `API_ROUTES`
below; a new route fails `test_every_route_is_classified_by_these_probes` until it is added
there (and so gets probed). The holes the probes found (local mode for an internet visitor
behind the proxy; a read-only look storing the app's own experiment pause) are closed, and their
tests stay here.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from tests.conftest import PERSONA_PASSWORD, make_person

from nightcramp.core.diary import Episode, Muscle
from nightcramp.store.account.models import ApiToken, TokenScope
from nightcramp.store.account.tokens import issue_token
from nightcramp.store.diary.episodes import log_episode
from nightcramp.store.diary.models import Episode as EpisodeRow
from nightcramp.store.diary.models import Medication, Night, Profile
from nightcramp.store.diary.nights import SaveMode, save_night
from nightcramp.store.experiments.lifecycle import start_experiment
from nightcramp.store.experiments.models import Experiment
from nightcramp.store.plan.models import CalendarToken, hash_calendar_secret
from nightcramp.store.sharing.clinicians import mark_clinician
from nightcramp.store.sharing.grants import grant_access, revoke_grant
from nightcramp.store.sharing.links import create_link, revoke_link
from nightcramp.store.sharing.models import AccessLog, ClinicianGrant, ShareLink
from nightcramp.store.triage.history import save_assessment
from nightcramp.store.triage.models import TriageRecord

pytestmark = pytest.mark.django_db

# Words that only ever appear in one person's records: seeing them elsewhere is a leak.
ALICE_NOTE = "alicesecretq9z"
BOB_NOTE = "bobsecretk4x"
NIGHT = dt.date(2026, 1, 1)
OUTSIDER = "203.0.113.9"  # a visitor from another machine: never local mode


# ---- the world: two household members, a clinician, records of each -------------------------


@dataclass
class World:
    alice: User
    bob: User
    doctor: User
    ids: dict[str, str]  # alice's record ids, by URL parameter name
    bob_ids: dict[str, str]
    link_token: str  # alice's live share link
    calendar_secret: str  # alice's live calendar feed


def _records(person: User, note: str) -> dict[str, Any]:
    now = timezone.now()
    started = dt.datetime.combine(NIGHT, dt.time(23, 30), tzinfo=timezone.get_current_timezone())
    episode = log_episode(person, Episode(started_at=started, muscle=Muscle.CALF, notes=note))
    save_night(person, NIGHT, {"water_glasses": 4}, mode=SaveMode.REPLACE)
    medicine = Medication.objects.create(user=person, name=note, started_on=NIGHT)
    experiment = start_experiment(person, "bedtime_stretch", now=now, seed=3)
    result = save_assessment(person, {"pregnant": True, "one_leg_swollen": True})
    # Seen to, so that the experiment keeps running (an open urgent result pauses it).
    TriageRecord.objects.filter(pk=result.pk).update(resolved_at=now)
    link = create_link(person, now=now, label=note)
    secret = secrets.token_urlsafe(32)
    calendar = CalendarToken.objects.create(user=person, token_hash=hash_calendar_secret(secret))
    return {
        "episode": episode.pk,
        "medicine": medicine.pk,
        "experiment": experiment.pk,
        "result": result.pk,
        "link": link.link.pk,
        "token": link.token,
        "calendar": calendar.pk,
        "secret": secret,
    }


def _ids(made: dict[str, Any], grant: int) -> dict[str, str]:
    """The value of every URL parameter of the site and the API, for one person's records."""
    return {
        # web pages
        "pk": str(made["episode"]),
        "episode_pk": str(made["episode"]),
        "medicine_pk": str(made["medicine"]),
        "experiment_pk": str(made["experiment"]),
        "result_pk": str(made["result"]),
        "calendar_pk": str(made["calendar"]),
        "link_id": str(made["link"]),
        "grant_id": str(grant),
        "token": made["token"],
        "secret": made["secret"],
        "date": NIGHT.isoformat(),
        # API
        "episode_id": str(made["episode"]),
        "medication_id": str(made["medicine"]),
        "experiment_id": str(made["experiment"]),
        "result_id": str(made["result"]),
        "night_date": NIGHT.isoformat(),
    }


@pytest.fixture
def world(alice: User, bob: User) -> World:
    doctor = make_person("dr_lee")
    mark_clinician(doctor)
    now = timezone.now()
    a = _records(alice, ALICE_NOTE)
    b = _records(bob, BOB_NOTE)
    Profile.objects.create(user=alice, birth_year=1950)
    grant_a = grant_access(alice, "dr_lee", ends_on=timezone.localdate(now), now=now)
    grant_b = grant_access(bob, "dr_lee", ends_on=timezone.localdate(now), now=now)
    revoke_grant(bob, grant_b.pk, now=now)  # bob stopped his: dr_lee sees alice only
    return World(
        alice=alice,
        bob=bob,
        doctor=doctor,
        ids=_ids(a, grant_a.pk),
        bob_ids=_ids(b, grant_b.pk),
        link_token=a["token"],
        calendar_secret=a["secret"],
    )


def _state(person: User) -> list[object]:
    """Everything of `person` that a request could change."""
    return [
        list(EpisodeRow.objects.filter(user=person).order_by("id").values()),
        list(Night.objects.filter(user=person).order_by("id").values()),
        list(Medication.objects.filter(user=person).order_by("id").values()),
        list(Profile.objects.filter(user=person).order_by("id").values()),
        list(
            Experiment.objects.filter(user=person)
            .order_by("id")
            .values("id", "status", "change_id")
        ),
        list(TriageRecord.objects.filter(user=person).order_by("id").values()),
        list(ShareLink.objects.filter(user=person).order_by("id").values()),
        list(ClinicianGrant.objects.filter(person=person).order_by("id").values()),
        list(CalendarToken.objects.filter(user=person).order_by("id").values()),
        list(
            ApiToken.objects.filter(user=person).order_by("id").values("id", "revoked_at", "scope")
        ),
        list(AccessLog.objects.filter(person=person).order_by("id").values()),
    ]


def _logged_in(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return bytes(response.content).decode("utf-8", "replace")


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


# ---- every route, classified -----------------------------------------------------------------

# URL conf pattern -> (template with {params}, who may reach it)
#   public: anyone, no account needed
#   secret: anyone holding the secret in the address (share link, calendar feed)
#   person: a logged-in person (or the local user in local mode)
#   clinician: a logged-in clinician account
#   api: the JSON API (token or session)
ROUTES: dict[str, tuple[str, str]] = {
    "healthz": ("/healthz", "public"),
    "api/v1/openapi.json": ("/api/v1/openapi.json", "public"),
    "api/v1/docs": ("/api/v1/docs", "public"),
    "api/v1/": ("/api/v1/", "public"),
    "account/": ("/account/", "person"),
    "account/login/": ("/account/login/", "public"),
    "account/logout/": ("/account/logout/", "public"),
    "account/password/": ("/account/password/", "person"),
    "account/password/done/": ("/account/password/done/", "person"),
    "learn/": ("/learn/", "public"),
    "learn/<slug:topic_id>/": ("/learn/relief/", "public"),
    "triage/": ("/triage/", "person"),
    "triage/start/": ("/triage/start/", "person"),
    "triage/step/<int:number>/": ("/triage/step/1/", "person"),
    "triage/result/<int:pk>/": ("/triage/result/{result_pk}/", "person"),
    "triage/result/<int:pk>/seen/": ("/triage/result/{result_pk}/seen/", "person"),
    "triage/history/": ("/triage/history/", "person"),
    "insights/": ("/insights/", "person"),
    "plan/": ("/plan/", "person"),
    "plan/tried/<slug:item_id>": ("/plan/tried/bedtime_stretch", "person"),
    "plan/routine/": ("/plan/routine/", "person"),
    "plan/routine/done": ("/plan/routine/done", "person"),
    "plan/nutrition/": ("/plan/nutrition/", "person"),
    "plan/calendar/": ("/plan/calendar/", "person"),
    "plan/calendar/new": ("/plan/calendar/new", "person"),
    "plan/calendar/<int:pk>/revoke": ("/plan/calendar/{calendar_pk}/revoke", "person"),
    "plan/calendar/<str:secret>.ics": ("/plan/calendar/{secret}.ics", "secret"),
    "report/": ("/report/", "person"),
    "report/print": ("/report/print", "person"),
    "report/report.pdf": ("/report/report.pdf", "person"),
    "experiments/": ("/experiments/", "person"),
    "experiments/start": ("/experiments/start", "person"),
    "experiments/<int:pk>/": ("/experiments/{experiment_pk}/", "person"),
    "experiments/<int:pk>/followed": ("/experiments/{experiment_pk}/followed", "person"),
    "experiments/<int:pk>/<slug:action>": ("/experiments/{experiment_pk}/stop", "person"),
    "share/": ("/share/", "person"),
    "share/report.pdf": ("/share/report.pdf", "person"),
    "share/<int:link_id>/revoke": ("/share/{link_id}/revoke", "person"),
    "share/grants": ("/share/grants", "person"),
    "share/grants/<int:grant_id>/revoke": ("/share/grants/{grant_id}/revoke", "person"),
    "s/<str:token>": ("/s/{token}", "secret"),
    "s/<str:token>/": ("/s/{token}/", "secret"),
    "s/<str:token>/report.pdf": ("/s/{token}/report.pdf", "secret"),
    "clinician/": ("/clinician/", "clinician"),
    "clinician/<int:person_id>/": ("/clinician/{person_id}/", "clinician"),
    "clinician/<int:person_id>/report.pdf": ("/clinician/{person_id}/report.pdf", "clinician"),
    "access-log/": ("/access-log/", "person"),
    "now": ("/now", "public"),
    "now/": ("/now/", "public"),
    "now/<str:muscle>": ("/now/calf", "public"),
    "help": ("/help", "public"),
    "sw.js": ("/sw.js", "public"),
    "": ("/", "person"),
    "log": ("/log", "person"),
    "episodes/<int:pk>/edit": ("/episodes/{episode_pk}/edit", "person"),
    "episodes/<int:pk>/delete": ("/episodes/{episode_pk}/delete", "person"),
    "undo": ("/undo", "person"),
    "checkin": ("/checkin", "person"),
    "checkin/factors": ("/checkin/factors", "person"),
    "nights/<str:date>/delete": ("/nights/{date}/delete", "person"),
    "history": ("/history", "person"),
    "profile": ("/profile", "person"),
    "medicines": ("/medicines", "person"),
    "medicines/from-check": ("/medicines/from-check", "person"),
    "medicines/<int:pk>/edit": ("/medicines/{medicine_pk}/edit", "person"),
    "medicines/<int:pk>/delete": ("/medicines/{medicine_pk}/delete", "person"),
}

# (method, OpenAPI path) of every API operation.
API_ROUTES: frozenset[tuple[str, str]] = frozenset(
    {
        ("get", "/api/v1/episodes"),
        ("post", "/api/v1/episodes"),
        ("get", "/api/v1/episodes/{episode_id}"),
        ("put", "/api/v1/episodes/{episode_id}"),
        ("delete", "/api/v1/episodes/{episode_id}"),
        ("get", "/api/v1/nights"),
        ("get", "/api/v1/nights/{night_date}"),
        ("put", "/api/v1/nights/{night_date}"),
        ("patch", "/api/v1/nights/{night_date}"),
        ("delete", "/api/v1/nights/{night_date}"),
        ("get", "/api/v1/profile"),
        ("put", "/api/v1/profile"),
        ("get", "/api/v1/medications"),
        ("post", "/api/v1/medications"),
        ("get", "/api/v1/medications/{medication_id}"),
        ("put", "/api/v1/medications/{medication_id}"),
        ("delete", "/api/v1/medications/{medication_id}"),
        ("post", "/api/v1/triage"),
        ("get", "/api/v1/triage"),
        ("get", "/api/v1/triage/latest"),
        ("get", "/api/v1/triage/{result_id}"),
        ("post", "/api/v1/triage/{result_id}/resolve"),
        ("get", "/api/v1/insights"),
        ("get", "/api/v1/plan"),
        ("get", "/api/v1/experiments"),
        ("post", "/api/v1/experiments"),
        ("get", "/api/v1/experiments/{experiment_id}"),
        ("get", "/api/v1/experiments/{experiment_id}/status"),
        ("get", "/api/v1/experiments/{experiment_id}/result"),
        ("put", "/api/v1/experiments/{experiment_id}/adherence/{night_date}"),
        ("post", "/api/v1/experiments/{experiment_id}/pause"),
        ("post", "/api/v1/experiments/{experiment_id}/resume"),
        ("post", "/api/v1/experiments/{experiment_id}/stop"),
    }
)
API_BODIES: dict[str, dict[str, Any]] = {
    "episodes": {"started_at": f"{NIGHT}T23:45", "severity": 3},
    "nights": {"water_glasses": 9},
    "profile": {"birth_year": 1960},
    "medications": {"name": "changed-by-attacker"},
    "triage": {"leg_warm": True},
    "experiments": {"change": "bedtime_stretch"},
    # The experiments' own routes take exactly their fields (no other key).
    "experiments/adherence": {"followed": False},
    "experiments/pause": {"reason": "attacker"},
    "experiments/resume": {"reason": "attacker"},
    "experiments/stop": {"reason": "attacker"},
    "insights": {},
    "plan": {},
}


def _url_patterns() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                found.append(prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "")
    return found


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], template)


def _site_values(world: World, person: User | None = None) -> dict[str, str]:
    return {**world.ids, "person_id": str((person or world.alice).pk)}


@functools.cache
def _openapi_paths() -> dict[str, Any]:
    """The OpenAPI document's paths, as served (the same for every person: fetched once)."""
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert isinstance(paths, dict)
    return paths


def _api_routes() -> set[tuple[str, str]]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {(m, p) for p, ops in _openapi_paths().items() for m in ops if m in methods}


def _api_send(client: Client, method: str, path: str, headers: dict[str, str]) -> Any:
    if method in {"get", "head", "options"}:
        return client.generic(method.upper(), path, headers=headers)
    parts = path.removeprefix("/api/v1/").split("/")
    kind = parts[0]
    own = next((f"{kind}/{p}" for p in parts[1:] if f"{kind}/{p}" in API_BODIES), None)
    body = json.dumps(API_BODIES[own or kind])
    return client.generic(method.upper(), path, body, "application/json", headers=headers)


def test_every_route_is_classified_by_these_probes() -> None:
    """A route this file does not know is a route nobody probed: add it to ROUTES."""
    api_paths = {path for _, path in API_ROUTES}
    unknown = []
    for pattern in _url_patterns():
        as_api = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern)
        if pattern not in ROUTES and as_api not in api_paths:
            unknown.append(pattern)
    assert not unknown, f"routes not probed by this file: {unknown}"
    assert _api_routes() == set(API_ROUTES)


def test_no_api_route_manages_share_links_grants_tokens_or_accounts() -> None:
    """Share links, grants, API tokens and accounts are managed only on session pages or the
    command line: no token of any scope can reach them through the API."""
    for path in _openapi_paths():
        assert not re.search(r"share|grant|token|account|user|clinician|access", path), path


# ---- anonymous visitors and logged-out sessions ----------------------------------------------


@pytest.mark.parametrize("address", [OUTSIDER, "127.0.0.1"])
def test_an_anonymous_visitor_reaches_no_persons_page_or_record(world: World, address: str) -> None:
    values = _site_values(world)
    before = [_state(world.alice), _state(world.bob)]
    for pattern, (template, who) in ROUTES.items():
        if who in {"public", "secret"}:
            continue
        path = _fill(template, values)
        for method in ("GET", "POST"):
            response = Client(REMOTE_ADDR=address).generic(method, path)
            assert response.status_code in {302, 401, 403, 404, 405}, (method, pattern)
            if response.status_code == 302:
                assert response["Location"].startswith("/account/login/"), (method, pattern)
            assert ALICE_NOTE not in _body(response), (method, pattern)
    for method, template in API_ROUTES:
        response = _api_send(Client(REMOTE_ADDR=address), method, _fill(template, values), {})
        assert response.status_code == 401, (method, template)
    assert [_state(world.alice), _state(world.bob)] == before


def test_public_pages_show_nobodys_records(world: World) -> None:
    values = _site_values(world)
    for pattern, (template, who) in ROUTES.items():
        if who != "public" or pattern == "account/logout/":
            continue
        response = Client(REMOTE_ADDR=OUTSIDER).get(_fill(template, values))
        assert response.status_code in {200, 301, 302, 404}, pattern
        body = _body(response)
        assert ALICE_NOTE not in body and BOB_NOTE not in body, pattern
        assert "alice" not in body.lower() or pattern.startswith("learn"), pattern


def test_with_every_account_deactivated_the_server_does_not_fall_back_to_local_mode(
    world: World,
) -> None:
    User.objects.update(is_active=False)
    client = Client(REMOTE_ADDR="127.0.0.1")
    assert client.get("/api/v1/episodes").status_code == 401
    assert client.get("/").status_code == 302


def test_a_logged_out_session_cookie_reads_nothing(world: World) -> None:
    client = Client()
    login = client.post("/account/login/", {"username": "alice", "password": PERSONA_PASSWORD})
    assert login.status_code == 302
    stolen = client.cookies["sessionid"].value
    assert client.get("/api/v1/episodes").status_code == 200
    client.post("/account/logout/")

    replay = Client()
    replay.cookies["sessionid"] = stolen
    assert replay.get("/api/v1/episodes").status_code == 401
    assert replay.get("/history?month=2026-01").status_code == 302
    assert replay.get("/share/").status_code == 302
    assert replay.get("/access-log/").status_code == 302
    assert replay.get("/report/report.pdf").status_code == 302


def test_login_is_throttled_after_five_wrong_passwords(world: World) -> None:
    client = Client(REMOTE_ADDR=OUTSIDER)
    for _ in range(5):
        wrong = client.post("/account/login/", {"username": "alice", "password": "not-it-at-all"})
        assert wrong.status_code in {200, 429}
    locked = client.post("/account/login/", {"username": "alice", "password": PERSONA_PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


# ---- CSRF, Origin, and tokens on session pages -----------------------------------------------


def test_every_state_changing_page_refuses_a_session_post_without_csrf(world: World) -> None:
    values = _site_values(world)
    before = [_state(world.alice), _state(world.bob)]
    client = _logged_in(world.alice, enforce_csrf_checks=True)
    for pattern, (template, who) in ROUTES.items():
        if who in {"secret"} or pattern.startswith("api/"):
            continue
        path = _fill(template, values)
        response = client.post(
            path,
            {
                "days": "30",
                "clinician": "dr_lee",
                "ends_on": "2099-01-01",
                "name": "x",
                "reason": "",
                "token": world.link_token,
                "answer": "yes",
                "date": NIGHT.isoformat(),
            },
        )
        assert response.status_code in {403, 405}, (pattern, response.status_code)
    assert [_state(world.alice), _state(world.bob)] == before


def test_a_session_write_through_the_api_needs_the_csrf_token(world: World) -> None:
    values = _site_values(world)
    before = _state(world.alice)
    client = _logged_in(world.alice, enforce_csrf_checks=True)
    for method, template in API_ROUTES:
        if method == "get":
            continue
        response = _api_send(client, method, _fill(template, values), {})
        assert response.status_code == 401, (method, template)
    assert _state(world.alice) == before


@pytest.mark.parametrize(
    "origin",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver.evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_cross_site_write_is_refused_even_with_a_valid_csrf_token(
    world: World, origin: dict[str, str]
) -> None:
    before = _state(world.alice)
    client = _logged_in(world.alice)
    csrf = "B" * 32
    client.cookies["csrftoken"] = csrf
    headers = {"X-CSRFToken": csrf, **origin}
    form = {"csrfmiddlewaretoken": csrf}
    for path, data in [
        ("/share/", {**form, "days": "30"}),
        ("/share/grants", {**form, "clinician": "dr_lee", "ends_on": "2099-01-01"}),
        (f"/share/{world.ids['link_id']}/revoke", form),
        (f"/share/grants/{world.ids['grant_id']}/revoke", form),
        (f"/episodes/{world.ids['pk']}/delete", form),
    ]:
        assert client.post(path, data, headers=headers).status_code == 403, path
    api = client.post(
        "/api/v1/medications", {"name": "x"}, content_type="application/json", headers=headers
    )
    assert api.status_code == 403
    read = client.get("/api/v1/medications", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in read  # no other site may read the answer
    assert _state(world.alice) == before


@pytest.mark.parametrize("scope", [TokenScope.READ, TokenScope.WRITE])
def test_an_api_token_opens_no_session_page(world: World, scope: str) -> None:
    """A Bearer token is for the API only: it neither reads nor changes share links, grants,
    calendar feeds or the diary through the session pages."""
    headers = _bearer(issue_token(world.alice, scope=scope))
    values = _site_values(world)
    before = _state(world.alice)
    for pattern, (template, who) in ROUTES.items():
        if who not in {"person", "clinician"}:
            continue
        path = _fill(template, values)
        got = Client(REMOTE_ADDR=OUTSIDER).get(path, headers=headers)
        assert got.status_code in {302, 405}, pattern
        posted = Client(REMOTE_ADDR=OUTSIDER).post(
            path, {"days": "30", "clinician": "dr_lee", "ends_on": "2099-01-01"}, headers=headers
        )
        assert posted.status_code in {302, 403, 405}, pattern
    assert _state(world.alice) == before


# ---- API tokens: scopes and other people's ids -----------------------------------------------


def test_a_read_token_changes_nothing_by_any_method_or_override(world: World) -> None:
    reader = _bearer(issue_token(world.alice, scope=TokenScope.READ))
    values = _site_values(world)
    before = _state(world.alice)
    paths = {_fill(t, values) for _, t in API_ROUTES}
    client = Client()
    for path in paths:
        for method in ("post", "put", "patch", "delete"):
            response = _api_send(client, method, path, reader)
            assert response.status_code in {403, 405}, (method, path)
        for override in ("DELETE", "PUT", "POST", "PATCH"):
            headers = {
                **reader,
                **dict.fromkeys(
                    ("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"), override
                ),
            }
            client.get(path, headers=headers)
        client.generic("HEAD", path, headers=reader)
        client.generic("OPTIONS", path, headers=reader)
    kept = ApiToken.objects.filter(user=world.alice).values_list("scope", flat=True)
    assert sorted(kept) == [TokenScope.READ]
    assert _state(world.alice) == before


@pytest.mark.parametrize("place", ["query", "cookie", "basic", "token_scheme", "second_header"])
def test_a_token_is_only_taken_from_a_bearer_header(world: World, place: str) -> None:
    token = issue_token(world.alice)
    client = Client(REMOTE_ADDR=OUTSIDER)
    path = "/api/v1/episodes"
    headers: dict[str, str] = {}
    if place == "query":
        path += f"?token={token}&access_token={token}&api_key={token}"
    elif place == "cookie":
        client.cookies["token"] = token
        client.cookies["Authorization"] = f"Bearer {token}"
    elif place == "basic":
        headers = {"Authorization": f"Basic {token}"}
    elif place == "token_scheme":
        headers = {"Authorization": f"Token {token}"}
    else:
        headers = {"X-Api-Key": token, "X-Auth-Token": token}
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert ALICE_NOTE not in _body(response)


def test_bobs_token_finds_none_of_alices_records_by_id_list_or_filter(world: World) -> None:
    bobs = _bearer(issue_token(world.bob))
    values = _site_values(world)
    before = _state(world.alice)
    client = Client()
    for method, template in sorted(API_ROUTES):
        if "{" not in template or template.endswith("{night_date}"):
            continue  # a night is found by its date: bob's own night of that date is his
        response = _api_send(client, method, _fill(template, values), bobs)
        assert response.status_code == 404, (method, template)
        assert ALICE_NOTE not in _body(response)
    for path in (
        "/api/v1/episodes?limit=1000&since=2000-01-01",
        "/api/v1/nights?limit=1000",
        "/api/v1/medications?limit=1000",
        "/api/v1/triage?limit=1000",
        "/api/v1/triage/latest",
        "/api/v1/experiments?limit=1000",
        "/api/v1/profile",
        "/api/v1/insights",
        "/api/v1/plan",
        f"/api/v1/episodes?user={world.alice.pk}&user_id={world.alice.pk}",
        f"/api/v1/nights/{NIGHT}?user={world.alice.pk}",
    ):
        response = client.get(path, headers=bobs)
        assert response.status_code == 200, path
        body = _body(response)
        assert ALICE_NOTE not in body, path
        assert '"birth_year": 1950' not in body.replace('":1950', '": 1950'), path
    assert _state(world.alice) == before


def test_an_idempotency_key_of_alice_gives_bob_his_own_answer(world: World) -> None:
    client = Client()
    key = {"Idempotency-Key": "same-key-on-a-shared-phone"}
    alices = {**_bearer(issue_token(world.alice)), **key}
    body = {"started_at": "2026-01-03T01:00", "severity": 5, "notes": ALICE_NOTE}
    first = client.post("/api/v1/episodes", body, "application/json", headers=alices)
    assert first.status_code == 201
    bobs = {**_bearer(issue_token(world.bob)), **key}
    again = client.post("/api/v1/episodes", body, "application/json", headers=bobs)
    assert again.status_code == 201
    assert again.json()["id"] != first.json()["id"]
    assert EpisodeRow.objects.get(pk=again.json()["id"]).user == world.bob


def test_a_token_created_for_alice_never_acts_for_bob_even_with_bobs_session(world: World) -> None:
    client = _logged_in(world.bob)
    reader = _bearer(issue_token(world.alice, scope=TokenScope.READ))
    response = client.get("/api/v1/medications", headers=reader)
    assert response.status_code == 200
    assert ALICE_NOTE in _body(response) and BOB_NOTE not in _body(response)
    refused = client.delete(f"/api/v1/medications/{world.bob_ids['medication_id']}", headers=reader)
    assert refused.status_code == 403
    assert Medication.objects.filter(user=world.bob).count() == 1


# ---- household members on the web pages ------------------------------------------------------


def test_bob_opens_none_of_alices_records_on_any_page_by_id(world: World) -> None:
    values = _site_values(world)
    before = _state(world.alice)
    client = _logged_in(world.bob)
    for pattern, (template, who) in ROUTES.items():
        if who != "person" or "{" not in template or "{date}" in template:
            continue  # a night is found by its date: bob's night of that date is his own
        path = _fill(template, values)
        got = client.get(path)
        assert got.status_code in {404, 405}, ("GET", pattern, got.status_code)
        assert ALICE_NOTE not in _body(got)
        posted = client.post(
            path, {"reason": "", "answer": "yes", "date": NIGHT.isoformat(), "name": "x"}
        )
        # Revoking a calendar feed answers alike for a missing id and another person's.
        expected = 302 if pattern == "plan/calendar/<int:pk>/revoke" else 404
        assert posted.status_code == expected, ("POST", pattern, posted.status_code)
    for action in ("pause", "resume", "stop", "nonsense"):
        assert client.post(f"/experiments/{values['experiment_pk']}/{action}").status_code == 404
    assert _state(world.alice) == before


def test_bobs_pages_never_show_alices_records_whatever_the_query(world: World) -> None:
    client = _logged_in(world.bob)
    a = world.ids
    pages = [
        f"/?saved={a['pk']}&seen={a['result_pk']}",
        f"/history?month=2026-01&undo=x&changed={a['pk']}",
        f"/checkin?date={NIGHT}",
        "/medicines",
        "/profile",
        "/insights/",
        "/plan/",
        "/plan/calendar/",
        "/plan/routine/",
        "/report/",
        "/report/print",
        "/triage/",
        "/triage/history/",
        "/experiments/",
        "/share/",
        "/access-log/",
        "/account/",
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code in {200, 403}, page
        body = _body(response)
        assert ALICE_NOTE not in body, page
        assert "alice" not in body, page
    pdf = client.get("/report/report.pdf")
    assert pdf.status_code == 200
    text = _pdf_text(pdf.content)
    assert ALICE_NOTE not in text and BOB_NOTE in text


def test_undo_in_bobs_session_never_restores_alices_deleted_cramp(world: World) -> None:
    client = _logged_in(world.alice)
    deleted = client.post(f"/episodes/{world.ids['pk']}/delete")
    assert deleted.status_code == 302
    token = re.search(r"undo=(\w+)", deleted["Location"])
    assert token is not None
    client.force_login(world.bob)  # the next person on the same phone
    assert client.post("/undo", {"token": token.group(1)}).status_code == 404
    assert not EpisodeRow.objects.filter(notes=ALICE_NOTE).exists()


def test_a_calendar_feed_opens_with_its_own_secret_only(world: World) -> None:
    ok = Client(REMOTE_ADDR=OUTSIDER).get(f"/plan/calendar/{world.calendar_secret}.ics")
    assert ok.status_code == 200
    assert ALICE_NOTE not in _body(ok) and BOB_NOTE not in _body(ok)
    row = CalendarToken.objects.get(user=world.alice)
    for wrong in (
        world.calendar_secret.swapcase(),
        world.calendar_secret[:-1],
        row.token_hash,
        world.link_token,
        str(row.pk),
    ):
        assert Client().get(f"/plan/calendar/{wrong}.ics").status_code == 404, wrong
    # bob revoking alice's feed by id changes nothing
    _logged_in(world.bob).post(f"/plan/calendar/{row.pk}/revoke")
    assert Client().get(f"/plan/calendar/{world.calendar_secret}.ics").status_code == 200
    _logged_in(world.alice).post(f"/plan/calendar/{row.pk}/revoke")
    assert Client().get(f"/plan/calendar/{world.calendar_secret}.ics").status_code == 404


# ---- share links -----------------------------------------------------------------------------


def _gone(path_suffix: str = "") -> Any:
    return Client(REMOTE_ADDR=OUTSIDER).get(f"/s/{secrets.token_urlsafe(32)}/{path_suffix}")


def _same_refusal(response: Any, reference: Any) -> None:
    assert response.status_code == reference.status_code == 404
    assert response.content == reference.content
    shown = {k.lower(): v for k, v in response.items() if k.lower() != "date"}
    expected = {k.lower(): v for k, v in reference.items() if k.lower() != "date"}
    assert shown == expected
    assert not response.cookies


@pytest.mark.parametrize(
    "state", ["expired", "revoked", "deactivated", "deleted", "hash", "percent", "space"]
)
def test_a_dead_link_is_refused_exactly_like_one_that_never_existed(
    world: World, state: str
) -> None:
    token = world.link_token
    link = ShareLink.objects.get(user=world.alice, revoked_at__isnull=True)
    if state == "expired":
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    elif state == "revoked":
        revoke_link(world.alice, link.pk, now=timezone.now())
    elif state == "deactivated":
        User.objects.filter(pk=world.alice.pk).update(is_active=False)
    elif state == "deleted":
        world.alice.delete()
    elif state == "hash":
        token = link.token_hash
    elif state == "percent":
        token = token[:-1] + "%00"
    else:
        token = token + "%20"
    for suffix in ("", "report.pdf"):
        response = Client(REMOTE_ADDR=OUTSIDER).get(f"/s/{token}/{suffix}")
        _same_refusal(response, _gone(suffix))
        body = _body(response)
        assert ALICE_NOTE not in body and "alice" not in body
        assert str(timezone.localdate().year) not in body
    assert not AccessLog.objects.filter(via="link").exists()


def test_a_link_works_until_its_last_second_and_not_at_its_end(world: World) -> None:
    link = ShareLink.objects.get(user=world.alice, revoked_at__isnull=True)
    path = f"/s/{world.link_token}/"
    with time_machine.travel(link.expires_at - dt.timedelta(seconds=1), tick=False):
        assert Client().get(path).status_code == 200
    with time_machine.travel(link.expires_at, tick=False):
        _same_refusal(Client(REMOTE_ADDR=OUTSIDER).get(path), _gone())
    with time_machine.travel(link.expires_at + dt.timedelta(days=400), tick=False):
        _same_refusal(Client(REMOTE_ADDR=OUTSIDER).get(path), _gone())
    assert AccessLog.objects.filter(link=link).count() == 1


def test_a_link_shows_its_owners_summary_and_report_only_and_logs_each_look(world: World) -> None:
    base = f"/s/{world.link_token}/"
    page = Client(REMOTE_ADDR="198.51.100.7").get(base)
    assert page.status_code == 200
    body = _body(page)
    assert ALICE_NOTE in body and BOB_NOTE not in body
    assert "dr_lee" not in body  # not who else can see the diary
    assert world.link_token not in re.sub(r"/s/[\w-]+/report\.pdf", "", body)
    report = Client(REMOTE_ADDR="198.51.100.8").get(f"{base}report.pdf")
    assert report.status_code == 200
    text = _pdf_text(report.content)
    assert ALICE_NOTE in text and BOB_NOTE not in text
    logged = list(
        AccessLog.objects.filter(via="link").order_by("id").values_list("person", "page", "address")
    )
    assert logged == [
        (world.alice.pk, "summary", "198.51.100.7"),
        (world.alice.pk, "report", "198.51.100.8"),
    ]


def test_opening_a_link_while_logged_in_as_someone_else_mixes_nothing(world: World) -> None:
    bob = _logged_in(world.bob)
    page = bob.get(f"/s/{world.link_token}/")
    assert page.status_code == 200
    body = _body(page)
    assert ALICE_NOTE in body and BOB_NOTE not in body
    assert AccessLog.objects.get(via="link").person == world.alice
    assert not AccessLog.objects.filter(person=world.bob).exists()


def test_a_new_link_holds_at_least_128_random_bits_and_defaults_to_14_days(world: World) -> None:
    client = _logged_in(world.alice)
    tokens = []
    for _ in range(2):
        response = client.post("/share/", {"days": "", "label": ""})
        if response.status_code == 400:  # the form may insist on a number: give the default
            response = client.post("/share/", {"days": "14", "label": ""})
        assert response.status_code == 200
        found = re.search(r"/s/([A-Za-z0-9_-]+)/", _body(response))
        assert found is not None
        tokens.append(found.group(1))
    assert tokens[0] != tokens[1]
    for token in tokens:
        assert len(token) * 6 >= 128
    newest = ShareLink.objects.filter(user=world.alice).order_by("-id").first()
    assert newest is not None
    assert abs((newest.expires_at - newest.created_at) - dt.timedelta(days=14)) < dt.timedelta(
        seconds=1
    )
    assert not ShareLink.objects.filter(token_hash__in=tokens).exists()  # only the hash is kept
    for days in ("0", "-1", "366", "1e3", "14.5", "99999999999999999999"):
        before = ShareLink.objects.count()
        assert client.post("/share/", {"days": days}).status_code == 400, days
        assert ShareLink.objects.count() == before


def test_bob_neither_sees_nor_stops_nor_prints_alices_links(world: World) -> None:
    client = _logged_in(world.bob)
    page = _body(client.get("/share/"))
    assert ALICE_NOTE not in page and BOB_NOTE in page
    assert client.post(f"/share/{world.ids['link_id']}/revoke").status_code == 404
    printed = client.post("/share/report.pdf", {"token": world.link_token})
    assert printed.status_code == 404
    assert Client().get(f"/s/{world.link_token}/").status_code == 200


def test_a_link_is_read_only_by_every_method(world: World) -> None:
    before = _state(world.alice)
    for suffix in ("", "report.pdf"):
        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"):
            response = Client().generic(method, f"/s/{world.link_token}/{suffix}")
            assert response.status_code == 405, (method, suffix)
            assert ALICE_NOTE not in _body(response)
    assert _state(world.alice) == before


# ---- clinician accounts ----------------------------------------------------------------------


def _moment(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def test_a_grant_works_from_its_first_midnight_to_its_last_second_only(world: World) -> None:
    ClinicianGrant.objects.filter(person=world.alice).delete()
    today = timezone.localdate()
    first, last = today + dt.timedelta(days=3), today + dt.timedelta(days=5)
    grant_access(world.alice, "dr_lee", starts_on=first, ends_on=last, now=timezone.now())
    path = f"/clinician/{world.alice.pk}/"
    cases = [
        (_moment(first, dt.time(0)) - dt.timedelta(microseconds=1), 404),
        (_moment(first, dt.time(0)), 200),
        (_moment(first + dt.timedelta(days=1), dt.time(12)), 200),
        (_moment(last, dt.time(23, 59, 59, 999_999)), 200),
        (_moment(last + dt.timedelta(days=1), dt.time(0)), 404),
        (_moment(last + dt.timedelta(days=30), dt.time(12)), 404),
    ]
    for moment, status in cases:
        with time_machine.travel(moment, tick=False):
            client = _logged_in(world.doctor)  # a fresh log-in: sessions last 30 days at most
            assert client.get(path).status_code == status, moment
            listed = f"/clinician/{world.alice.pk}/" in _body(client.get("/clinician/"))
            assert listed == (status == 200), moment
    assert AccessLog.objects.filter(person=world.alice).count() == 3


def test_a_clinician_refusal_looks_the_same_for_every_reason(world: World) -> None:
    client = _logged_in(world.doctor)
    reference = client.get("/clinician/999999999/")
    assert reference.status_code == 404
    ghost = make_person("ghost")
    User.objects.filter(pk=ghost.pk).update(is_active=False)
    for person_id in (world.bob.pk, world.doctor.pk, ghost.pk):
        response = client.get(f"/clinician/{person_id}/")
        assert response.status_code == 404 and response.content == reference.content
    User.objects.filter(pk=world.alice.pk).update(is_active=False)
    response = client.get(f"/clinician/{world.alice.pk}/")
    assert response.status_code == 404 and response.content == reference.content
    assert not AccessLog.objects.exists()


def test_a_clinician_reads_only_and_cannot_touch_the_persons_sharing(world: World) -> None:
    client = _logged_in(world.doctor)
    before = _state(world.alice)
    assert client.get(f"/clinician/{world.alice.pk}/").status_code == 200
    for method in ("POST", "PUT", "DELETE"):
        for suffix in ("", "report.pdf"):
            path = f"/clinician/{world.alice.pk}/{suffix}"
            assert client.generic(method, path).status_code in {403, 405}, (method, path)
    assert client.post(f"/share/grants/{world.ids['grant_id']}/revoke").status_code == 404
    assert client.post(f"/share/{world.ids['link_id']}/revoke").status_code == 404
    assert ALICE_NOTE not in _body(client.get("/access-log/"))
    assert "alice" not in _body(client.get("/access-log/"))
    token = _bearer(issue_token(world.doctor))
    listed = Client().get("/api/v1/medications", headers=token)
    assert ALICE_NOTE not in _body(listed)
    assert (
        Client().get(f"/api/v1/medications/{world.ids['medication_id']}", headers=token).status_code
        == 404
    )
    after = _state(world.alice)
    assert after[:-1] == before[:-1]  # only the access log grew
    assert AccessLog.objects.filter(person=world.alice, who="dr_lee").count() == 1


def test_the_clinicians_looks_are_in_the_persons_log_and_nobody_elses(world: World) -> None:
    doctor = _logged_in(world.doctor)
    doctor.get(f"/clinician/{world.alice.pk}/", REMOTE_ADDR="192.0.2.5")
    Client().get(f"/s/{world.link_token}/", REMOTE_ADDR="192.0.2.6")
    alices = _body(_logged_in(world.alice).get("/access-log/"))
    assert "dr_lee" in alices and "192.0.2.5" in alices and "192.0.2.6" in alices
    for other in (world.bob, world.doctor):
        body = _body(_logged_in(other).get("/access-log/"))
        assert "192.0.2.5" not in body and "192.0.2.6" not in body, other.username


def test_a_revoked_grant_refuses_the_clinicians_next_request_in_the_same_session(
    world: World,
) -> None:
    client = _logged_in(world.doctor)
    assert client.get(f"/clinician/{world.alice.pk}/").status_code == 200
    alice = _logged_in(world.alice)
    assert alice.post(f"/share/grants/{world.ids['grant_id']}/revoke").status_code == 302
    assert client.get(f"/clinician/{world.alice.pk}/").status_code == 404
    assert client.get(f"/clinician/{world.alice.pk}/report.pdf").status_code == 404
    assert f"/clinician/{world.alice.pk}/" not in _body(client.get("/clinician/"))


def test_granting_reveals_no_account_names_and_grants_only_ones_own_diary(world: World) -> None:
    client = _logged_in(world.alice)
    ends = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    not_clinician = client.post("/share/grants", {"clinician": "bob", "ends_on": ends})
    nobody = client.post("/share/grants", {"clinician": "nobody_here", "ends_on": ends})
    assert not_clinician.status_code == nobody.status_code == 400

    def said(response: Any, name: str) -> str:
        return re.sub(r'value="[\w-]{32,}"', "", _body(response).replace(name, "X"))

    assert said(not_clinician, "bob") == said(nobody, "nobody_here")
    before = ClinicianGrant.objects.filter(person=world.bob).count()
    made = client.post(
        "/share/grants",
        {
            "clinician": "dr_lee",
            "ends_on": ends,
            "person": world.bob.pk,
            "person_id": world.bob.pk,
            "user": "bob",
        },
    )
    assert made.status_code == 302
    assert ClinicianGrant.objects.filter(person=world.bob).count() == before


def test_a_person_who_deletes_their_account_disappears_from_the_clinicians_view(
    world: World,
) -> None:
    from nightcramp.store.account.people import delete_account

    client = _logged_in(world.doctor)
    assert client.get(f"/clinician/{world.alice.pk}/").status_code == 200
    pk = world.alice.pk
    delete_account("alice")
    assert client.get(f"/clinician/{pk}/").status_code == 404
    assert f"/clinician/{pk}/" not in _body(client.get("/clinician/"))
    _same_refusal(Client(REMOTE_ADDR=OUTSIDER).get(f"/s/{world.link_token}/"), _gone())


# ---- reads that must change nothing ----------------------------------------------------------


def test_no_page_changes_the_persons_records_on_a_get(world: World) -> None:
    """SameSite=Lax sends the session cookie with a top-level GET from another site: no GET
    may change anything."""
    values = _site_values(world)
    before = [_state(world.alice), _state(world.bob)]
    client = _logged_in(world.alice)
    for pattern, (template, who) in ROUTES.items():
        if who != "person" or pattern == "account/logout/":
            continue
        client.get(_fill(template, values))
    assert [_state(world.alice), _state(world.bob)] == before


def test_a_host_header_of_another_site_is_refused_before_a_link_is_made(world: World) -> None:
    before = _state(world.alice)
    client = _logged_in(world.alice)
    made = client.post("/share/", {"days": "3"}, HTTP_HOST="evil.example")
    assert made.status_code == 400
    assert "evil.example/s/" not in _body(made)
    assert Client(HTTP_HOST="evil.example").get(f"/s/{world.link_token}/").status_code == 400
    assert _state(world.alice) == before


def _open_urgent_result(person: User) -> None:
    """An urgent symptom check not yet seen to: the app pauses a running experiment for it."""
    TriageRecord.objects.filter(user=person).update(resolved_at=None)


@pytest.mark.parametrize("channel", ["share_link", "clinician", "read_token"])
def test_a_read_only_look_changes_nothing_in_the_persons_records(
    world: World, channel: str
) -> None:
    _open_urgent_result(world.alice)
    before = _state(world.alice)[:-1]  # the access log is meant to grow
    if channel == "share_link":
        assert Client().get(f"/s/{world.link_token}/").status_code == 200
    elif channel == "clinician":
        assert _logged_in(world.doctor).get(f"/clinician/{world.alice.pk}/").status_code == 200
    else:
        reader = _bearer(issue_token(world.alice, scope=TokenScope.READ))
        path = f"/api/v1/experiments/{world.ids['experiment_id']}/status"
        assert Client().get(path, headers=reader).status_code == 200
        before[-1] = _state(world.alice)[-2]  # the new token itself is not a change
    assert _state(world.alice)[:-1] == before


# ---- local mode behind a reverse proxy -------------------------------------------------------


def test_behind_the_proxy_an_internet_visitor_never_gets_local_mode(
    db: None, settings: Any
) -> None:
    from nightcramp.config import Config
    from nightcramp.store.account.local import local_user

    settings.CONFIG = Config(behind_proxy=True)
    settings.SERVE_LOOPBACK = True  # `nightcramp serve --host 127.0.0.1` behind Caddy
    started = dt.datetime.combine(NIGHT, dt.time(23, 30), tzinfo=timezone.get_current_timezone())
    log_episode(local_user(), Episode(started_at=started, muscle=Muscle.CALF, notes=ALICE_NOTE))
    visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="8.8.8.8")  # a global address
    read = visitor.get("/api/v1/episodes")
    assert read.status_code == 401 and ALICE_NOTE not in _body(read)
    wrote = visitor.delete(f"/api/v1/episodes/{EpisodeRow.objects.get().pk}")
    assert wrote.status_code == 401
    assert EpisodeRow.objects.filter(notes=ALICE_NOTE).exists()


# ---- the command line, for a household on one server -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_command_line_keeps_each_persons_export_and_access_log_apart(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    from nightcramp.cli.entry import main

    Client().get(f"/s/{world.link_token}/", REMOTE_ADDR="192.0.2.77")
    capsys.readouterr()
    assert main(["export", "--format", "json"]) == 2  # two people: say whose
    assert capsys.readouterr().out == ""
    assert main(["export", "--format", "json", "--user", "bob"]) == 0
    exported = capsys.readouterr().out
    assert BOB_NOTE in exported and ALICE_NOTE not in exported
    assert main(["access", "log", "--user", "bob", "--json"]) == 0
    assert "192.0.2.77" not in capsys.readouterr().out
    assert main(["access", "log", "--user", "alice", "--json"]) == 0
    assert "192.0.2.77" in capsys.readouterr().out
    assert main(["access", "revoke", world.ids["grant_id"], "--user", "bob"]) == 1
    assert main(["share", "log", world.ids["link_id"], "--user", "bob"]) == 1
    assert ClinicianGrant.objects.get(pk=world.ids["grant_id"]).revoked_at is None
