"""The cramp form: only the time is needed, and a blank time means now.

The store decides whether the cramp can be kept (not in the future, at most 24 hours).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from nightcramp.core.diary import Episode, Muscle, Relief, Side
from nightcramp.core.diary_rules import (
    MAX_NOTES,
    parse_muscle,
    parse_relief,
    parse_relief_list,
    parse_side,
)

from .fields import (
    RuleChoiceField,
    RuleField,
    RuleMultipleChoiceField,
    StartedAtField,
    yes_no_field,
    yes_no_initial,
)
from .labels import MUSCLE_LABELS, RELIEF_LABELS, SIDE_LABELS


class EpisodeForm(forms.Form):
    """One cramp. Only the time is needed, and a blank time means now; muscle defaults to calf."""

    started_at = StartedAtField(
        label="When did it start?",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    muscle = RuleChoiceField(
        parse_muscle,
        label="Where?",
        choices=[(m.value, MUSCLE_LABELS[m]) for m in Muscle],
        widget=forms.RadioSelect,
    )
    side = RuleChoiceField(
        parse_side,
        label="Which leg?",
        choices=[*((s.value, SIDE_LABELS[s]) for s in Side), ("", "Not sure")],
        widget=forms.RadioSelect,
    )
    severity = RuleField(
        "severity",
        label="How bad was the pain? (0 none, 10 worst)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "max": "10"}),
    )
    duration_min = RuleField(
        "duration_min",
        label="How long did it last? (minutes)",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    relief = RuleMultipleChoiceField(
        parse_relief,
        label="What did you try?",
        choices=[(r.value, RELIEF_LABELS[r]) for r in Relief],
        widget=forms.CheckboxSelectMultiple,
    )
    relief_worked = RuleChoiceField(
        parse_relief,
        label="What ended it?",
        choices=[("", "Nothing, or not sure"), *((r.value, RELIEF_LABELS[r]) for r in Relief)],
    )
    woke_from_sleep = yes_no_field("Did it wake you up?")
    notes = forms.CharField(
        label="Notes",
        required=False,
        strip=False,
        max_length=MAX_NOTES,
        error_messages={"max_length": f"Notes can be at most {MAX_NOTES:,} characters."},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    form_key = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput,
        error_messages={"max_length": "This form is out of date. Open it again and save."},
    )

    def clean_started_at(self) -> dt.datetime:
        value: dt.datetime | None = self.cleaned_data.get("started_at")
        if value is None:
            return timezone.localtime().replace(microsecond=0)
        return timezone.localtime(value)

    def clean_muscle(self) -> Muscle:
        return parse_muscle(self.cleaned_data.get("muscle") or "")

    def clean_side(self) -> Side | None:
        return parse_side(self.cleaned_data.get("side") or "")

    def clean_relief(self) -> tuple[Relief, ...]:
        return parse_relief_list(";".join(self.cleaned_data.get("relief", [])))

    def clean_relief_worked(self) -> Relief | None:
        value = self.cleaned_data.get("relief_worked")
        return parse_relief(value) if value else None

    def to_episode(self) -> Episode:
        """The validated cramp as a core value (call after `is_valid()`)."""
        data = self.cleaned_data
        return Episode(
            started_at=data["started_at"],
            muscle=data["muscle"],
            side=data["side"],
            duration_min=data["duration_min"],
            severity=data["severity"],
            relief=data["relief"],
            relief_worked=data["relief_worked"],
            woke_from_sleep=data["woke_from_sleep"],
            notes=data["notes"],
        )

    @staticmethod
    def initial_from(episode: Episode) -> dict[str, object]:
        """Form values that show a stored cramp."""
        return {
            "started_at": episode.started_at.strftime("%Y-%m-%dT%H:%M"),
            "muscle": episode.muscle.value,
            "side": episode.side.value if episode.side else "",
            "severity": episode.severity,
            "duration_min": episode.duration_min,
            "relief": [r.value for r in episode.relief],
            "relief_worked": episode.relief_worked.value if episode.relief_worked else "",
            "woke_from_sleep": yes_no_initial(episode.woke_from_sleep),
            "notes": episode.notes,
        }


# "Not sure" first: it is what the quick log shows until a number is tapped.
PAIN_CHOICES = [("", "Not sure"), *((str(n), str(n)) for n in range(11))]


class QuickEpisodeForm(EpisodeForm):
    """The home page's three-tap log. The pain is a row of buttons, 0 to 10, with "Not sure"
    chosen until one is tapped: unlike a slider, it shows no score and sends none the person
    did not pick, and it works without scripts. It saves through `EpisodeForm`."""

    severity = RuleField(
        "severity",
        label="Pain (0 none, 10 worst)",
        widget=forms.RadioSelect(choices=PAIN_CHOICES),
    )
