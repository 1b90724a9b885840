from __future__ import annotations

import pytest

from nightcramp.web.sharing.forms import GrantForm, LinkForm


def test_a_link_works_fourteen_days_unless_chosen_otherwise() -> None:
    assert LinkForm().fields["days"].initial == 14
    form = LinkForm({"days": "30", "label": " Dr Shah "})
    assert form.is_valid() and form.cleaned_data == {"days": 30, "label": "Dr Shah"}


@pytest.mark.parametrize("days", ["0", "366", "", "two"])
def test_a_link_needs_1_to_365_days(days: str) -> None:
    assert not LinkForm({"days": days}).is_valid()


def test_a_grant_needs_a_clinician_and_an_end_date() -> None:
    assert not GrantForm({"clinician": "dr_lee"}).is_valid()
    assert not GrantForm({"ends_on": "2027-01-01"}).is_valid()
    form = GrantForm({"clinician": "dr_lee", "ends_on": "2027-01-01"})
    assert form.is_valid() and form.cleaned_data["starts_on"] is None
