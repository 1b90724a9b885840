"""Small shared reads for the plan pages."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from nightcramp.core.knowledge.sources import citation_pieces, load_sources

__all__ = ["STATUS_WORDS", "person", "source_list", "stretch_hold_context"]

STATUS_WORDS = {
    "recommended": "Recommended",
    "optional": "Worth a try",
    "caution": "Check with your doctor or pharmacist first",
    "not_advised": "Not advised",
}


def person(request: HttpRequest) -> User:
    """The signed-in (or local-mode) user of a request that passed `login_required`."""
    user = request.user
    assert isinstance(user, User)  # login_required and the local-mode middleware see to it
    return user


def stretch_hold_context(user: User) -> dict[str, object]:
    """What a page that offers the bedtime stretch shows instead while the plan rules it out
    (`stretch_hold`: why, `diary/_routine_link.html`), with the result that leads, to open."""
    from django.utils import timezone

    from nightcramp.store.plan.inputs import stretch_hold
    from nightcramp.store.triage.history import leading_result

    now = timezone.now()
    hold = stretch_hold(user, today=timezone.localdate(now), now=now)
    if not hold:
        return {"stretch_hold": ""}
    leading = leading_result(user, now=now)
    return {"stretch_hold": hold[0], "stretch_hold_result": leading.id if leading else None}


def source_list(ids: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    """The sources with these ids, in order (unknown ids are left out), each as its citation,
    its address ("" for none) and the punctuation after it."""
    known = load_sources()
    found = [known[i] for i in ids if i in known]
    pieces = citation_pieces(s.citation for s in found)
    return [
        {"citation": text, "url": s.url or "", "after": after}
        for s, (text, after) in zip(found, pieces, strict=True)
    ]
