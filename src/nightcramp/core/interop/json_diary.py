"""The JSON diary export: `{"format": "nightcramp-diary", "version": 1, ...}` (CONTRACT.md).

The same fields as the CSV files, with JSON types; plus the profile and the medication list.
Reading checks every value with the shared diary rules and names the field of each problem
(`episodes[3].severity`); writing is deterministic, so export → import → export is identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, MutableSet, Sequence
from pathlib import Path

from nightcramp.core.diary import Episode, Night
from nightcramp.core.diary_limits import episode_problems, night_problems
from nightcramp.core.errors import InputError, InputErrors
from nightcramp.core.interop.diary_document import (
    PROFILE_KEYS,
    DiaryDocument,
    DiaryMedication,
    DiaryProfile,
)
from nightcramp.core.interop.fhir_reader import bundle_diary, document_from_fhir
from nightcramp.core.interop.identity import SeenKeys
from nightcramp.core.interop.json_profile import read_medication, read_profile
from nightcramp.core.interop.json_rows import read_episode, read_night
from nightcramp.core.interop.json_values import read_list
from nightcramp.core.interop.json_writer import (
    FORMAT,
    VERSION,
    dumps_document,
    episode_to_json,
    night_to_json,
    write_document,
)
from nightcramp.core.interop.problems import MAX_ERRORS, MAX_ROWS, ProblemList
from nightcramp.core.interop.small_file import ensure_regular_file
from nightcramp.core.interop.strict_json import decode_json

__all__ = [
    "FORMAT",
    "MAX_JSON_BYTES",
    "PROFILE_KEYS",
    "VERSION",
    "DiaryDocument",
    "DiaryMedication",
    "DiaryProfile",
    "check_entries",
    "dumps_document",
    "episode_to_json",
    "is_json_file",
    "night_to_json",
    "parse_document",
    "read_document",
    "write_document",
]

# A JSON file is read whole; above this size, CSV (streamed) is the way.
MAX_JSON_BYTES = 200_000_000


def is_json_file(path: Path) -> bool:
    """Whether a diary file holds JSON (an object or an array), by its first character after a
    byte order mark and white space: the content decides, not the name (a `.json` file holding
    CSV is read as CSV)."""
    ensure_regular_file(Path(path))
    with Path(path).open("rb") as handle:
        start = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return start[:1] in (b"{", b"[")


_TOP_KEYS = frozenset({"format", "version", "nights", "episodes", "profile", "medications"})


def read_document(
    path: Path,
    *,
    tz: dt.tzinfo | None = None,
    seen_nights: MutableSet[int] | None = None,
    seen_episodes: MutableSet[int] | None = None,
    label: str | None = None,
) -> DiaryDocument:
    """Read a JSON diary export; raise InputErrors naming each bad field.

    `seen_nights`/`seen_episodes` are shared duplicate sets (date ordinals, `episode_key`).
    """
    name = label or Path(path).name
    if Path(path).stat().st_size > MAX_JSON_BYTES:
        raise InputErrors(
            [
                InputError(
                    f"is larger than {MAX_JSON_BYTES // 1_000_000} MB; for a diary this large, "
                    "export and import CSV files instead (they are read a piece at a time)",
                    file=name,
                )
            ]
        )
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputErrors([InputError("has bytes that are not UTF-8 text", file=name)]) from None
    raw = decode_json(text, name, what="diary")
    places: dict[str, Sequence[str]] = {}
    moved: dict[str, str] = {}
    if isinstance(raw, dict) and raw.get("resourceType") == "Bundle":
        fhir = bundle_diary(raw, file=name)
        raw = document_from_fhir(fhir)
        places = {"night_places": fhir.night_places, "episode_places": fhir.episode_places}
        moved = fhir.factor_places
    elif isinstance(raw, dict) and "resourceType" in raw and "format" not in raw:
        kind = raw["resourceType"]
        shown = f"a {kind} resource" if isinstance(kind, str) else "that resource"
        reason = (
            'must be "Bundle": nightcramp imports a FHIR Bundle or its own diary export, '
            f"not {shown}"
        )
        raise InputErrors([InputError(reason, file=name, field="resourceType")])
    try:
        return parse_document(
            raw, label=name, tz=tz, seen_nights=seen_nights, seen_episodes=seen_episodes, **places
        )
    except InputErrors as errors:
        if not moved:
            raise
        raise InputErrors(
            [replace_field(e, moved) for e in errors.errors], total=errors.total
        ) from None


def parse_document(
    raw: object,
    *,
    label: str = "diary.json",
    tz: dt.tzinfo | None = None,
    seen_nights: MutableSet[int] | None = None,
    seen_episodes: MutableSet[int] | None = None,
    night_places: Sequence[str] | None = None,
    episode_places: Sequence[str] | None = None,
) -> DiaryDocument:
    """Check an already-decoded JSON value; return the document or raise InputErrors.

    A problem names its item as `nights[3]`, or as `night_places[3]` when given (the same for
    episodes): where a FHIR bundle holds it.
    """
    problems = ProblemList(label, MAX_ERRORS)
    if not isinstance(raw, dict):
        problems.add("is not a nightcramp diary: expected a JSON object")
        problems.raise_if_any()
        raise AssertionError  # pragma: no cover
    if raw.get("format") != FORMAT:
        problems.add(f'must be "{FORMAT}"', field="format")
    if raw.get("version") != VERSION or isinstance(raw.get("version"), bool):
        problems.add(
            f"must be {VERSION}; this version of nightcramp reads version 1", field="version"
        )
    for key in raw:
        if key not in _TOP_KEYS:
            problems.add("is not part of a nightcramp diary", field=key)
    problems.raise_if_any()
    nights_raw = read_list(raw, "nights", problems)
    episodes_raw = read_list(raw, "episodes", problems)
    meds_raw = read_list(raw, "medications", problems)
    if len(nights_raw) + len(episodes_raw) > MAX_ROWS:
        problems.add(f"has more than {MAX_ROWS:,} nights and episodes; split it")
        problems.raise_if_any()
    seen_n = SeenKeys() if seen_nights is None else seen_nights
    seen_e = SeenKeys() if seen_episodes is None else seen_episodes
    night_at = night_places or [f"nights[{i}]" for i in range(len(nights_raw))]
    episode_at = episode_places or [f"episodes[{i}]" for i in range(len(episodes_raw))]
    nights = [
        n
        for i, item in enumerate(nights_raw)
        if (n := read_night(item, night_at[i], problems, seen_n)) is not None
    ]
    episodes = [
        e
        for i, item in enumerate(episodes_raw)
        if (e := read_episode(item, episode_at[i], problems, tz, seen_e)) is not None
    ]
    profile = read_profile(raw.get("profile"), problems)
    meds = [
        m
        for i, item in enumerate(meds_raw)
        if (m := read_medication(item, f"medications[{i}]", problems)) is not None
    ]
    problems.raise_if_any()
    return DiaryDocument(
        nights=nights,
        episodes=episodes,
        profile=profile,
        medications=tuple(meds),
        night_places=night_at,
        episode_places=episode_at,
    )


def check_entries(
    label: str, nights: Sequence[Night], episodes: Sequence[Episode], *, now: dt.datetime
) -> None:
    """Raise InputErrors naming `nights[i]` or `episodes[i]` and the field for every entry that
    breaks the rules of entry `import` applies (1900 or later, nothing to come, hours in a day):
    for reading a document straight into an analysis. The entries are in the document's order.
    """
    problems = ProblemList(label)
    for i, night in enumerate(nights):
        for found in night_problems(night.date, night.factors, now=now):
            problems.add(found.reason, field=f"nights[{i}].{found.field}")
    for i, episode in enumerate(episodes):
        for found in episode_problems(episode.started_at, episode.duration_min, now=now):
            problems.add(found.reason, field=f"episodes[{i}].{found.field}")
    problems.raise_if_any()


def replace_field(error: InputError, moved: Mapping[str, str]) -> InputError:
    """`error` naming the place `moved` gives for its field, when it gives one."""
    if error.field is None or error.field not in moved:
        return error
    return InputError(error.reason, file=error.file, row=error.row, field=moved[error.field])
