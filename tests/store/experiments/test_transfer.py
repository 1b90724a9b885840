"""Export and import of experiments with their adherence: the round trip, conflicts, the
one-going rule and the safety check on import, all or nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.contrib.auth.models import User
from tests.store.experiments.factories import experiment

from nightcramp.core.errors import InputError
from nightcramp.core.experiments.records import Status, parse_experiments_document
from nightcramp.store.diary.models import Profile
from nightcramp.store.experiments.lifecycle import Refused
from nightcramp.store.experiments.models import Experiment, ExperimentNight
from nightcramp.store.experiments.transfer import export_experiments, import_experiments

START = dt.date(2027, 1, 4)
TODAY = dt.date(2027, 3, 1)


def _alices_export(alice: User) -> dict[str, object]:
    row = experiment(alice, start=START, status=Status.STOPPED)
    ExperimentNight.objects.create(experiment=row, date=START, followed=False)
    return export_experiments(alice)


def test_an_export_imports_the_same_for_another_person(alice: User, bob: User) -> None:
    document = _alices_export(alice)
    records = parse_experiments_document(document)
    assert import_experiments(bob, records, today=TODAY) == 1
    assert export_experiments(bob) == document
    assert ExperimentNight.objects.filter(experiment__user=bob).get().followed is False


def test_the_same_change_and_start_is_a_conflict_unless_replaced(alice: User) -> None:
    records = parse_experiments_document(_alices_export(alice))
    with pytest.raises(Refused, match="already stored: bedtime_stretch from 2027-01-04"):
        import_experiments(alice, records, today=TODAY)
    changed = [dataclasses.replace(records[0], followed={START: True})]
    import_experiments(alice, changed, replace=True, today=TODAY)
    assert Experiment.objects.filter(user=alice).count() == 1
    assert ExperimentNight.objects.get().followed is True


def test_a_second_going_experiment_is_refused_and_nothing_is_stored(alice: User) -> None:
    experiment(alice, start=TODAY)
    record = parse_experiments_document(_alices_export(alice))[0]
    going = dataclasses.replace(record, status=Status.RUNNING, start=START - dt.timedelta(1))
    with pytest.raises(Refused, match="already have an experiment going"):
        import_experiments(alice, [going], today=TODAY)
    assert Experiment.objects.filter(user=alice).count() == 2  # the going one and the export's


def test_a_going_experiment_the_person_may_not_run_is_refused(alice: User, bob: User) -> None:
    Profile.objects.create(user=bob, pregnant=True)
    record = parse_experiments_document(_alices_export(alice))[0]
    going = dataclasses.replace(record, change="magnesium_supplement", status=Status.RUNNING)
    with pytest.raises(Refused, match="pregnancy") as raised:
        import_experiments(bob, [going], today=TODAY)
    assert raised.value.field == "experiments[0].change"
    assert not Experiment.objects.filter(user=bob).exists()


def test_an_unknown_change_or_a_repeat_names_the_entry(alice: User, bob: User) -> None:
    record = parse_experiments_document(_alices_export(alice))[0]
    with pytest.raises(InputError) as raised:
        import_experiments(bob, [record, dataclasses.replace(record, change="x")], today=TODAY)
    assert raised.value.field == "experiments[1].change"
    with pytest.raises(InputError, match="twice"):
        import_experiments(bob, [record, record], today=TODAY)
    assert not Experiment.objects.filter(user=bob).exists()
