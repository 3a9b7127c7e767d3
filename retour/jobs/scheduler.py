"""Periodic jobs from settings.RETOUR_SCHEDULES, run by every worker's heartbeat.

Each schedule has time slots (every N seconds, or daily at HH:MM local time).
Enqueuing a slot inserts a ScheduleRun row unique on (schedule, slot) in the
same transaction as the job, so however many workers tick at once, a slot is
enqueued exactly once. A slot missed while no worker ran is caught up once.

    RETOUR_SCHEDULES = {
        "content-digest": {"task": "retour.content.tasks.digest_send", "daily_at": "07:00"},
        "surveys-schedule": {"task": "...", "every_seconds": 3600, "kwargs": {}},
    }
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from retour.core.actors import SystemActor

from .models import Job, ScheduleRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    name: str
    task_path: str
    every_seconds: int | None = None
    daily_at: datetime.time | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def cadence(self) -> str:
        if self.daily_at is not None:
            return f"daily at {self.daily_at:%H:%M}"
        return f"every {self.every_seconds} s"

    def slot(self, now: datetime.datetime) -> datetime.datetime:
        """The latest slot at or before ``now``."""
        if self.daily_at is not None:
            local = timezone.localtime(now)
            at = timezone.make_aware(datetime.datetime.combine(local.date(), self.daily_at))
            if at > now:
                at = timezone.make_aware(
                    datetime.datetime.combine(
                        local.date() - datetime.timedelta(days=1), self.daily_at
                    )
                )
            return at
        step = int(self.every_seconds or 0)
        epoch = int(now.timestamp())
        return datetime.datetime.fromtimestamp(epoch - epoch % step, tz=datetime.UTC)

    def next_slot(self, now: datetime.datetime) -> datetime.datetime:
        if self.daily_at is not None:
            return self.slot(now) + datetime.timedelta(days=1)
        return self.slot(now) + datetime.timedelta(seconds=int(self.every_seconds or 0))


def schedules() -> list[Schedule]:
    result = []
    for name, spec in getattr(settings, "RETOUR_SCHEDULES", {}).items():
        daily = spec.get("daily_at")
        every = spec.get("every_seconds")
        if bool(daily) == bool(every):
            raise ValueError(f"schedule {name!r}: give exactly one of daily_at or every_seconds")
        result.append(
            Schedule(
                name=name,
                task_path=spec["task"],
                every_seconds=int(every) if every else None,
                daily_at=datetime.time.fromisoformat(daily) if daily else None,
                kwargs=dict(spec.get("kwargs") or {}),
            )
        )
    return result


def tick(*, now: datetime.datetime | None = None, backend: str | None = None) -> list[Job]:
    """Enqueue every schedule whose current slot has no run yet."""
    from . import services

    now = now or timezone.now()
    enqueued = []
    for schedule in schedules():
        slot = schedule.slot(now)
        if ScheduleRun.objects.filter(name=schedule.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduleRun.objects.create(name=schedule.name, slot=slot)
                job = services.job_enqueue(
                    actor=SystemActor.job(schedule.name),
                    task=import_string(schedule.task_path),
                    label=f"{schedule.name} ({slot:%Y-%m-%d %H:%M})",
                    kwargs=schedule.kwargs,
                    backend=backend,
                    # No one acted: the run is recorded by its ScheduleRun and Job
                    # rows (shown in the admin, pruned after 30 days). An audit row
                    # per run would add 1,440 rows a day (the outbox sweep) to a
                    # log that can never be pruned.
                    audited=False,
                )
                ScheduleRun.objects.filter(pk=run.pk).update(job=job)
        except IntegrityError:
            # Another worker's scheduler took this slot first.
            continue
        enqueued.append(job)
    return enqueued
