"""The worker's schedule of periodic jobs (``core.scheduler``): each job runs once per
interval whatever the number of workers, goes on after a restart where the last worker
stopped, and only one chain of ticks keeps queueing itself however often workers start.
With the immediate backend (``make run``, tests) nothing queues itself."""

import datetime as dt
import threading

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string

import pytest
import time_machine

from core import scheduler
from core.models import ScheduledRun

NOW = timezone.make_aware(dt.datetime(2026, 12, 1, 9, 0))
RUNS = []  # names of the jobs below, each time one ran
JOBS = {f"{__name__}.every_five_minutes": 300, f"{__name__}.daily": 86400}
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def every_five_minutes():
    RUNS.append("five")


def daily():
    RUNS.append("daily")


def broken():
    raise RuntimeError("the job's own trouble")


@pytest.fixture(autouse=True)
def _runs():
    RUNS.clear()
    yield
    RUNS.clear()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def at(minutes):
    return NOW + dt.timedelta(minutes=minutes)


def queued_ticks():
    """The ticks waiting in django-tasks-db's queue: when each may run."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path="core.scheduler.run_scheduled_jobs", status="READY"
    ).order_by("run_after")
    return [row.run_after for row in rows]


def run_ticks_due(clock, moment):
    """The worker's loop at ``moment``: run each queued tick whose time has come."""
    from django_tasks_db.models import DBTaskResult

    clock.move_to(moment)
    ran = 0
    for row in DBTaskResult.objects.ready().filter(task_path="core.scheduler.run_scheduled_jobs"):
        DBTaskResult.objects.filter(pk=row.pk).update(status="SUCCESSFUL")
        row.task.call()
        ran += 1
    return ran


@override_settings(SCHEDULED_JOBS=JOBS)
def test_a_job_runs_once_per_interval(db, clock):
    assert scheduler.run_due() == list(JOBS)  # never run: due at once
    assert scheduler.run_due(at(1)) == []
    assert scheduler.run_due(at(4)) == []
    assert scheduler.run_due(at(5)) == [f"{__name__}.every_five_minutes"]
    assert scheduler.run_due(at(24 * 60)) == list(JOBS)
    assert RUNS == ["five", "daily", "five", "five", "daily"]


@override_settings(SCHEDULED_JOBS=JOBS)
def test_a_restarted_worker_goes_on_where_the_last_one_stopped(db, clock):
    """The last run is in the database, not in the worker: a new process (here: nothing
    kept in memory) does not run a job again before its interval."""
    scheduler.run_due(NOW)
    assert set(ScheduledRun.objects.values_list("name", flat=True)) == set(JOBS)

    assert scheduler.run_due(at(2)) == []
    assert scheduler.run_due(at(6)) == [f"{__name__}.every_five_minutes"]


@override_settings(SCHEDULED_JOBS={f"{__name__}.broken": 300, f"{__name__}.daily": 86400})
def test_a_failing_job_is_logged_and_the_others_still_run(db, clock, caplog):
    assert scheduler.run_due() == [f"{__name__}.daily"]
    assert "the job's own trouble" in caplog.text
    assert scheduler.run_due(at(1)) == []  # its run is used, as an e-mail's attempt is
    assert scheduler.run_due(at(5)) == []


@pytest.mark.django_db(transaction=True)
@override_settings(SCHEDULED_JOBS=JOBS)
def test_workers_looking_at_once_run_each_job_once():
    from django.db import connection

    barrier = threading.Barrier(6)
    errors = []

    def worker():
        try:
            barrier.wait()
            scheduler.run_due(NOW)
        except Exception as error:  # pragma: no cover - shown by the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert sorted(RUNS) == ["daily", "five"]


@override_settings(SCHEDULED_JOBS=JOBS, TASKS=QUEUE)
def test_one_chain_of_ticks_goes_on_however_often_workers_start(db, clock, monkeypatch):
    monkeypatch.setattr("core.management.commands.worker.call_command", lambda *a, **k: None)
    call_command("worker", verbosity=0)
    assert queued_ticks() == [at(1)]  # the first tick a minute after the start

    assert run_ticks_due(clock, at(1)) == 1
    assert RUNS == ["five", "daily"]
    assert queued_ticks() == [at(2)]

    # A second worker starts (or the first restarts): a second chain begins…
    clock.move_to(at(1) + dt.timedelta(seconds=10))
    call_command("worker", verbosity=0)
    assert len(queued_ticks()) == 2
    # …and ends at its first tick, ten seconds after the other chain's: one goes on.
    assert run_ticks_due(clock, at(2)) == 1
    assert run_ticks_due(clock, at(2) + dt.timedelta(seconds=10)) == 1
    assert queued_ticks() == [at(3)]

    for minute in range(3, 7):
        run_ticks_due(clock, at(minute))
    assert queued_ticks() == [at(7)]
    assert RUNS == ["five", "daily", "five"]  # minute 1, then minute 6


@override_settings(SCHEDULED_JOBS=JOBS, TASKS=QUEUE)
def test_a_worker_that_died_mid_tick_does_not_stop_the_schedule(db, clock, monkeypatch):
    """Killed between claiming a tick and queueing the next: the next worker's first
    tick comes a whole tick later, so it takes over."""
    monkeypatch.setattr("core.management.commands.worker.call_command", lambda *a, **k: None)
    scheduler.claim(scheduler.TICK_NAME, scheduler.TICK / 2, NOW)  # the dead worker's tick

    clock.move_to(NOW + dt.timedelta(seconds=5))
    call_command("worker", verbosity=0)
    assert run_ticks_due(clock, NOW + dt.timedelta(seconds=65)) == 1
    assert len(queued_ticks()) == 1
    assert RUNS == ["five", "daily"]


@override_settings(SCHEDULED_JOBS=JOBS, TASKS=QUEUE)
def test_a_batch_worker_starts_no_schedule(db, clock, monkeypatch):
    """``worker --batch`` runs the queue until it is empty: a schedule would never let
    it be. It still queues every outbox sender."""
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr("core.management.commands.worker.call_command", lambda *a, **k: None)
    call_command("worker", "--batch", verbosity=0)

    assert queued_ticks() == []
    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == sorted(
        settings.OUTBOX_TASKS
    )


@override_settings(SCHEDULED_JOBS=JOBS)
def test_with_the_immediate_backend_a_tick_runs_the_jobs_once_and_queues_nothing(db, clock):
    scheduler.start()  # the worker's start: nothing to defer with
    assert RUNS == []
    scheduler.run_scheduled_jobs.enqueue()
    assert RUNS == ["five", "daily"]
    assert not ScheduledRun.objects.filter(name=scheduler.TICK_NAME).exists()


def test_every_scheduled_job_can_be_found():
    for path, seconds in settings.SCHEDULED_JOBS.items():
        assert callable(import_string(path)), path
        assert seconds >= scheduler.TICK, path
