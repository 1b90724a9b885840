"""The profile and the medicine list of a decoded JSON diary, checked field by field; each
problem names its place (`profile.sex`, `medications[1].stopped_on`).
"""

from __future__ import annotations

from nightcramp.core.diary_rules import (
    CONDITIONS,
    SEXES,
    birth_years,
    check_text,
)
from nightcramp.core.interop.diary_document import PROFILE_KEYS, DiaryMedication, DiaryProfile
from nightcramp.core.interop.json_values import read_date, read_record
from nightcramp.core.interop.problems import ProblemList

__all__ = ["read_medication", "read_profile"]

_MEDICATION_KEYS = ("name", "dose", "started_on", "stopped_on")
_MAX_TEXT = 200


def read_profile(value: object, problems: ProblemList) -> DiaryProfile | None:
    """Return the profile; null or `{}` means none was recorded. None after noting problems."""
    if value is None or value == {}:
        return None
    before = problems.count
    obj = read_record(value, "profile", problems, fields=PROFILE_KEYS, noun="a profile")
    if obj is None:
        return None
    birth_year = _whole(obj.get("birth_year"), "profile.birth_year", problems, *birth_years())
    weeks = _whole(obj.get("pregnancy_weeks"), "profile.pregnancy_weeks", problems, 0, 45)
    sex = obj.get("sex")
    if sex is not None and sex not in SEXES:
        problems.add(f"must be one of {', '.join(SEXES)}", field="profile.sex")
    flags: dict[str, bool | None] = {}
    for key in ("pregnant", "smoker"):
        flag = obj.get(key)
        if flag is not None and not isinstance(flag, bool):
            problems.add("must be true or false", field=f"profile.{key}")
        flags[key] = flag if isinstance(flag, bool) else None
    conditions = obj.get("conditions") or []
    if not isinstance(conditions, list) or any(c not in CONDITIONS for c in conditions):
        problems.add(
            f"must be a list of condition ids ({', '.join(CONDITIONS)})", field="profile.conditions"
        )
        conditions = []
    due = read_date(obj.get("due_date"), "profile.due_date", problems)
    if problems.count != before:
        return None
    return DiaryProfile(
        birth_year=birth_year,
        sex=sex if isinstance(sex, str) else None,
        pregnant=flags["pregnant"],
        due_date=due,
        pregnancy_weeks=weeks,
        conditions=tuple(dict.fromkeys(str(c) for c in conditions)),
        smoker=flags["smoker"],
    )


def read_medication(item: object, where: str, problems: ProblemList) -> DiaryMedication | None:
    """Return the medicine at `where`, or None after noting each of its problems."""
    before = problems.count
    obj = read_record(item, where, problems, fields=_MEDICATION_KEYS, noun="a medication")
    if obj is None:
        return None
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > _MAX_TEXT:
        problems.add(
            f"is required: the medicine's name (up to {_MAX_TEXT} characters)",
            field=f"{where}.name",
        )
    dose = obj.get("dose")
    if dose is not None and (not isinstance(dose, str) or len(dose) > _MAX_TEXT):
        problems.add(f"must be text (up to {_MAX_TEXT} characters)", field=f"{where}.dose")
    for key, text in (("name", name), ("dose", dose)):
        if isinstance(text, str):
            try:
                check_text(text)
            except ValueError as error:
                problems.add(str(error), field=f"{where}.{key}")
    started = read_date(obj.get("started_on"), f"{where}.started_on", problems)
    stopped = read_date(obj.get("stopped_on"), f"{where}.stopped_on", problems)
    if started and stopped and stopped < started:
        problems.add("must not be before started_on", field=f"{where}.stopped_on")
    if problems.count != before or not isinstance(name, str):
        return None
    return DiaryMedication(
        name=name,
        dose=dose if isinstance(dose, str) else "",
        started_on=started,
        stopped_on=stopped,
    )


def _whole(value: object, where: str, problems: ProblemList, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.add(f"must be a whole number from {low} to {high}", field=where)
        return None
    return value
