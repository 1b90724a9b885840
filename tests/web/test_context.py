"""The shared template context: where to call, as words and as dialable `tel:` forms."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from nightcramp.core.triage.services import services_for
from nightcramp.web.context import linked, services, site


@pytest.mark.parametrize(("country", "number"), [("GB", "999"), ("AU", "000"), ("", "112")])
def test_every_page_gets_the_countrys_numbers_and_their_tel_forms(
    country: str, number: str
) -> None:
    table = services_for(country)
    with override_settings(NIGHTCRAMP_COUNTRY=country, NIGHTCRAMP_EMERGENCY_NUMBER=number):
        context = site(RequestFactory().get("/"))
    assert context["emergency_number"] == number
    assert context["emergency_tel"] == table.emergency_tel
    assert context["urgent_service"] == table.urgent_service
    assert context["urgent_service_tel"] == table.urgent_service_tel


def test_the_setting_is_the_number_dialled_and_the_country_keeps_its_health_line() -> None:
    with override_settings(NIGHTCRAMP_COUNTRY="AU", NIGHTCRAMP_EMERGENCY_NUMBER="+61 2 0000"):
        here = services()
    assert here.emergency_number == "+61 2 0000"
    assert here.emergency_tel == "+6120000"
    assert here.urgent_service == services_for("AU").urgent_service


def test_linked_makes_each_number_a_tel_link_and_escapes_the_rest() -> None:
    html = linked(
        "Chest pain? Call {emergency_number} <now> & contact {urgent_service}.", services_for("AU")
    )
    assert '<a href="tel:000">000</a>' in html
    assert '<a href="tel:1800022222">healthdirect on 1800 022 222</a>' in html
    assert "&lt;now&gt; &amp; contact" in html


def test_linked_leaves_the_generic_service_as_plain_words() -> None:
    here = services_for("FR")
    html = linked("Contact {urgent_service}.", here)
    assert html == f"Contact {here.urgent_service}."
    assert "tel:" not in html
