"""Periodic jobs run by the worker: ``settings.SCHEDULED_JOBS`` maps a function's dotted
path to the seconds between its runs (reminders every five minutes, retention daily …).

``run_scheduled_jobs`` is a django-tasks task that looks at the schedule, runs what is
due and queues itself again ``TICK`` seconds later (``run_after``). ``manage.py worker``
starts it (``start``). The schedule lives in the database (``ScheduledRun``), so a
restarted worker goes on where the last one stopped, and every decision is a
conditional update, so several workers share one schedule:

- a job's run is claimed by moving its ``last_run_at`` from a due value to now: of two
  workers only one matches, and only that one runs the job;
- each tick is claimed the same way (the ``TICK_NAME`` row, at most one per half
  ``TICK``): a task that loses does not queue itself again, so every worker start adds
  a chain of ticks but only one chain goes on. The worker queues its first tick a
  ``TICK`` late, so it never loses to the last tick of a worker that died.

A job that fails has still used its run (as an e-mail's failed attempt does): it is
logged and runs again after its interval. With a backend that cannot defer tasks
(``immediate``: ``make run``, tests) nothing queues itself: a call runs what is due once."""

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from django_tasks import task

logger = logging.getLogger(__name__)

TICK = 60  # seconds between looks at the schedule
TICK_NAME = "core.scheduler.tick"
# A database that is away for a moment (a restart) must not end the chain of ticks.
RETRIES = 5
RETRY_PAUSE = 3


def claim(name, seconds, now):
    """Take the run of ``name`` that is due at ``now`` (its last run ``seconds`` or more
    ago, or never); False when it is not due or another worker took it first."""
    from .models import ScheduledRun

    ScheduledRun.objects.get_or_create(name=name)
    due = Q(last_run_at__isnull=True) | Q(last_run_at__lte=now - dt.timedelta(seconds=seconds))
    return ScheduledRun.objects.filter(due, name=name).update(last_run_at=now) == 1


def run_due(now=None):
    """Run every job of ``SCHEDULED_JOBS`` that is due and not taken; their names."""
    now = now or timezone.now()
    ran = []
    for path, seconds in settings.SCHEDULED_JOBS.items():
        if not claim(path, seconds, now):
            continue
        try:
            import_string(path)()
        except Exception:
            logger.exception("Scheduled job %s failed; it runs again in %s s", path, seconds)
        else:
            ran.append(path)
    return ran


def can_defer():
    return run_scheduled_jobs.get_backend().supports_defer


def start():
    """Queue the first tick, a ``TICK`` from now (``manage.py worker``); nothing without
    a backend that can defer tasks."""
    if can_defer():
        run_scheduled_jobs.using(run_after=timezone.now() + dt.timedelta(seconds=TICK)).enqueue()


def _retrying(action):
    for attempt in range(1, RETRIES + 1):
        try:
            return action()
        except DatabaseError:
            if attempt == RETRIES:
                raise
            logger.warning("The schedule could not reach the database; trying again")
            close_old_connections()
            time.sleep(RETRY_PAUSE)


@task()
def run_scheduled_jobs():
    """One tick: claim it, queue the next one, run the jobs that are due."""
    now = timezone.now()
    if can_defer():
        if not _retrying(lambda: claim(TICK_NAME, TICK / 2, now)):
            return []  # another chain of ticks keeps the schedule
        later = now + dt.timedelta(seconds=TICK)
        _retrying(lambda: run_scheduled_jobs.using(run_after=later).enqueue())
    return run_due(now)
