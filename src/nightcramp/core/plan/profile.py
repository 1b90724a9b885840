"""The person the plan is for: the profile file's keys, checked, as a frozen value.

Every key is optional; a missing key or `null` means unknown, never "no".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from nightcramp.core.diary_rules import birth_years
from nightcramp.core.errors import InputError
from nightcramp.core.interop.strict_json import decode_json
from nightcramp.core.plan.content import CONDITIONS

__all__ = ["PROFILE_KEYS", "Profile", "parse_profile", "parse_profile_text"]

PROFILE_KEYS = (
    "birth_year",
    "sex",
    "pregnant",
    "pregnancy_weeks",
    "conditions",
    "medications",
    "answers",
)
_SEXES = ("female", "male", "other")


@dataclass(frozen=True)
class Profile:
    """What we know about a person. None means not known; an empty `conditions` or
    `medications` means the person said there are none."""

    birth_year: int | None = None
    sex: str | None = None
    pregnant: bool | None = None
    pregnancy_weeks: int | None = None
    conditions: tuple[str, ...] | None = None
    medications: tuple[str, ...] | None = None
    answers: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    warnings: tuple[str, ...] = ()

    def age(self, today: dt.date | None) -> int | None:
        """Age in years on `today` (may be one year high before the birthday); None if unknown."""
        if self.birth_year is None or today is None:
            return None
        return today.year - self.birth_year

    @property
    def is_pregnant(self) -> bool:
        """True when the person said so (profile or triage answers), or gave weeks of
        pregnancy without saying no, as the triage rules count it."""
        if self.pregnant is True or self.answers.get("pregnant") is True:
            return True
        said_no = self.pregnant is False or self.answers.get("pregnant") is False
        weeks = [w for w in (self.pregnancy_weeks, self.answers.get("pregnancy_weeks")) if w]
        return not said_no and any(isinstance(w, int) and w >= 1 for w in weeks)

    def to_json(self) -> dict[str, object]:
        """The profile as the contract's JSON object (unknown keys left out)."""
        out: dict[str, object] = {}
        for key in PROFILE_KEYS:
            value = getattr(self, key)
            if value is None or (key == "answers" and not value):
                continue
            out[key] = (
                dict(value)
                if key == "answers"
                else list(value)
                if isinstance(value, tuple)
                else value
            )
        return out


def _int(value: object, key: str, low: int, high: int, file: str | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError("must be a whole number", file=file, field=key)
    if not low <= value <= high:
        raise InputError(f"must be between {low} and {high}", file=file, field=key)
    return value


def _strings(value: object, key: str, file: str | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("must be a list of strings", file=file, field=key)
    from nightcramp.core.meds import check_name_list

    check_name_list(value, file=file, field=key)  # a list of conditions is far shorter
    return tuple(v.strip() for v in value if v.strip())


def parse_profile(data: object, *, file: str | None = None) -> Profile:
    """Check a decoded profile JSON value and return the Profile.

    Raises InputError naming the file and the key when a value has the wrong type or range.
    Keys outside the contract are ignored and listed in `Profile.warnings`.
    """
    if not isinstance(data, dict):
        raise InputError("a profile must be a JSON object", file=file)
    values = {k: v for k, v in data.items() if v is not None}
    warnings = tuple(
        f"{file + ': ' if file else ''}ignored unknown key {k!r}"
        for k in values
        if k not in PROFILE_KEYS
    )
    sex = values.get("sex")
    if sex is not None and sex not in _SEXES:
        raise InputError(f"must be one of {', '.join(_SEXES)}", file=file, field="sex")
    pregnant = values.get("pregnant")
    if pregnant is not None and not isinstance(pregnant, bool):
        raise InputError("must be true or false", file=file, field="pregnant")
    given = values.get("conditions")
    conditions = None if given is None else _strings(given, "conditions", file)
    for condition in conditions or ():
        if condition not in CONDITIONS:
            raise InputError(
                f"unknown condition {condition!r} (known: {', '.join(CONDITIONS)})",
                file=file,
                field="conditions",
            )
    answers = values.get("answers", {})
    if not isinstance(answers, dict):
        raise InputError("must be a JSON object of triage answers", file=file, field="answers")
    warnings += _answer_warnings(answers, file)
    birth_year = values.get("birth_year")
    medicines = values.get("medications")
    weeks = values.get("pregnancy_weeks")
    warnings += _disagreements(values, file)
    return Profile(
        birth_year=None if birth_year is None else _born(birth_year, file),
        sex=sex,
        pregnant=pregnant,
        pregnancy_weeks=None if weeks is None else _int(weeks, "pregnancy_weeks", 0, 45, file),
        conditions=None if conditions is None else tuple(dict.fromkeys(conditions)),
        medications=None
        if medicines is None
        else tuple(dict.fromkeys(_strings(medicines, "medications", file))),
        answers=MappingProxyType(dict(answers)),
        warnings=warnings,
    )


def _born(value: object, file: str | None) -> int:
    return _int(value, "birth_year", *birth_years(), file)


def _answer_warnings(answers: Mapping[str, object], file: str | None) -> tuple[str, ...]:
    """Check the triage answers as `nightcramp triage` does (InputError names the file and
    `answers.<key>`); return its warnings for keys outside the vocabulary, so a misspelt red
    flag ("chest_pian") is reported, never dropped in silence."""
    from nightcramp.core.triage import validate_answers

    try:
        _, found = validate_answers(answers)
    except InputError as error:
        where = f"answers.{error.field}" if error.field else "answers"
        raise InputError(error.reason, file=file, field=where) from error
    return tuple(f"{file + ': ' if file else ''}answers.{message}" for message in found)


def _disagreements(values: Mapping[str, object], file: str | None) -> tuple[str, ...]:
    """Answers that contradict each other: the plan keeps the safer reading and says so."""
    where = f"{file}: " if file else ""
    found = []
    if values.get("pregnant") is True and values.get("sex") == "male":
        found.append(
            f"{where}'sex' is male but 'pregnant' is true: the plan includes the pregnancy"
            " advice; check both answers"
        )
    weeks = values.get("pregnancy_weeks")
    if values.get("pregnant") is False and isinstance(weeks, int) and weeks >= 1:
        found.append(
            f"{where}'pregnant' is false but 'pregnancy_weeks' is {weeks}: the plan follows"
            " 'pregnant'; check both answers"
        )
    return tuple(found)


def parse_profile_text(text: str, *, file: str | None = None) -> Profile:
    """Parse a profile file's text; raises InputError (naming the file) if it is not valid."""
    # A BOM (Windows editors) is fine; a key given twice is refused (dropping one of the two
    # could drop a condition).
    data = decode_json(text.removeprefix("\ufeff"), file or "profile", what="profile")
    return parse_profile(data, file=file)
