"""Small shared reads for the plan pages."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from nightcramp.core.knowledge.sources import citation_pieces, load_sources

__all__ = ["STATUS_WORDS", "person", "source_list"]

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
