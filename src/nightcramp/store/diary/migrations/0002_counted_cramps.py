"""A night's cramps are counted from the cramps logged, never a custom factor (0.2): a value an
earlier version let in under the name `cramps` (any case) is kept, renamed `cramps_entered`
(or `cramps_entered_2`, ... when that name is taken), with the factor's definition."""

from __future__ import annotations

import itertools
from typing import Any

from django.db import migrations

_VARIANTS = ["".join(c) for c in itertools.product(*((ch, ch.upper()) for ch in "cramps"))]


def _free_name(taken: set[str], base: str) -> str:
    name, n = f"{base}_entered", 1
    while name.lower() in taken:
        n += 1
        name = f"{base}_entered_{n}"
    return name


def forwards(apps: Any, schema_editor: Any) -> None:
    Night = apps.get_model("diary", "Night")
    CustomFactor = apps.get_model("diary", "CustomFactor")
    renamed: dict[tuple[int, str], str] = {}
    for night in Night.objects.filter(custom__has_any_keys=_VARIANTS).iterator():
        custom = dict(night.custom)
        taken = {k.lower() for k in custom}
        for key in [k for k in custom if k.lower() == "cramps"]:
            new = renamed.setdefault((night.user_id, key), _free_name(taken, key))
            taken.add(new.lower())
            custom[new] = custom.pop(key)
        night.custom = custom
        night.save(update_fields=["custom"])
    for factor in CustomFactor.objects.filter(name__iexact="cramps"):
        names = set(
            CustomFactor.objects.filter(user_id=factor.user_id).values_list("name", flat=True)
        )
        factor.name = renamed.get(
            (factor.user_id, factor.name), _free_name({n.lower() for n in names}, factor.name)
        )
        factor.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [
        ("diary", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
