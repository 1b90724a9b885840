"""`tel_links`: the numbers to call in a text made elsewhere, as tel: links."""

from __future__ import annotations

from django.test import override_settings

from nightcramp.web.guide.templatetags.phone import tel_links


def test_tel_links_wraps_the_numbers_to_call_in_a_text_made_elsewhere() -> None:
    with override_settings(NIGHTCRAMP_COUNTRY="GB", NIGHTCRAMP_EMERGENCY_NUMBER="999"):
        html = tel_links("Call 999 now <b>or</b> contact NHS 111 today. 1999 is a year.")
    assert '<a href="tel:999">999</a> now &lt;b&gt;or&lt;/b&gt;' in html
    assert '<a href="tel:111">NHS 111</a> today' in html
    assert "1999 is a year" in html
