"""`{% load phone %}{{ text|tel_links }}`: a text with the numbers to call as `tel:` links.

For texts made elsewhere (triage advice, plan notes) that name the emergency number or the
health line: each is wrapped in a link that dials the number set (web.context.services).
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from nightcramp.web.context import services

register = template.Library()


@register.filter
def tel_links(text: object) -> SafeString:
    """`text`, escaped, with the emergency number and the named health line as tel: links."""
    here = services()
    links = {here.emergency_number: here.emergency_tel}
    if here.urgent_service_tel:
        links[here.urgent_service] = here.urgent_service_tel
    names = sorted(links, key=len, reverse=True)
    escaped = str(escape(str(text)))
    found = re.compile(
        r"(?<![\w+])(" + "|".join(re.escape(str(escape(n))) for n in names) + r")(?!\w)"
    )
    unescaped = {str(escape(n)): n for n in names}
    linked = found.sub(
        lambda m: str(
            format_html('<a href="tel:{}">{}</a>', links[unescaped[m[1]]], unescaped[m[1]])
        ),
        escaped,
    )
    return mark_safe(linked)  # escaped above, links built with format_html
