"""A Job is the staff-visible record of one background task.

The queue itself is django-tasks-db's ``DBTaskResult`` (claimed by workers with
``SELECT ... FOR UPDATE SKIP LOCKED``); a Job adds what Retour needs on top:
the organisation it belongs to, who started it, progress, a readable result or
reason for failure, and a lease that a live worker keeps renewing so that a job
whose worker died (kill -9, out of memory, a deploy) is noticed and recovered.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from retour.orgs.models import Organisation


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation | None) -> JobQuerySet:
        # Platform jobs (no organisation) are never part of an organisation's list.
        if organisation is None:
            return self.none()
        return self.filter(organisation=organisation)

    def platform(self) -> JobQuerySet:
        return self.filter(organisation__isnull=True)

    def active(self) -> JobQuerySet:
        return self.filter(status__in=ACTIVE)


class Job(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Null only for platform jobs (schedules, search reindex, key rotation).
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=80)
    label = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    # Who asked: "user:<username>", "cli:<command>" or "system:<schedule>" (str(SystemActor)).
    started_by = models.CharField(max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_result_id = models.CharField(max_length=64, blank=True, db_index=True)
    task_path = models.CharField(max_length=200)
    arguments = models.JSONField(default=dict, blank=True)
    # Input too big for task arguments (an uploaded export); dropped once finished.
    payload = models.BinaryField(null=True, blank=True, editable=False)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    worker_id = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="job_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(attempts__lte=models.F("max_attempts") + 1),
                name="job_attempts_bounded",
            ),
            # A running job always has a lease: that is how a dead worker is noticed.
            models.CheckConstraint(
                condition=~models.Q(status=JobStatus.RUNNING)
                | models.Q(lease_expires_at__isnull=False),
                name="job_running_has_lease",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.kind} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status not in ACTIVE

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None


class ScheduleRun(models.Model):
    """One row per schedule and time slot: the unique constraint is what makes
    exactly one of several workers' schedulers enqueue a given run."""

    name = models.CharField(max_length=80)
    slot = models.DateTimeField()
    job = models.OneToOneField(
        Job, null=True, on_delete=models.SET_NULL, related_name="schedule_run"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="schedulerun_once_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot:%Y-%m-%d %H:%M}"
