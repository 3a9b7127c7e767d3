"""kill -9 of a worker during a 100,000-row Kobo import, N times at random moments.

    .venv/bin/python bench/jobs_kill9.py [ROWS] [ROUNDS] [--saving]   (default 100000 10)

SQLite file in a temp folder (the embedded setup). Each round: enqueue the
import as a job (upload payload in the job), start `retour worker`, SIGKILL it
at a random moment, count the rows saved by the killed run (must be 0 or all),
start a fresh worker, wait until the job has finished or failed, and check
the outcome: no job and no import left running, rows 0 (failed, with a reason)
or all (imported exactly once). Then the rows are removed for the next round.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="retour-kill9-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "RETOUR_VAR_DIR": str(TMP),
    "RETOUR_SQLITE_PATH": str(TMP / "bench.sqlite3"),
    "RETOUR_FIELD_KEYS": "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
    "RETOUR_JOBS_LEASE_SECONDS": "30",
    "RETOUR_JOBS_HEARTBEAT_SECONDS": "1",
    "RETOUR_JOBS_TICK_SECONDS": "2",
}
ENV.pop("DATABASE_URL", None)
os.environ.update(ENV)
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

import surveys_import_bench as fixture  # noqa: E402  (its setup and export writer)

from retour.core.actors import SystemActor  # noqa: E402

BENCH = SystemActor.cli("bench")
fixture.ACTOR = BENCH

os.environ.pop("DATABASE_URL", None)

from django.db.models import Q  # noqa: E402

from retour.jobs import services as jobs  # noqa: E402
from retour.jobs.models import Job  # noqa: E402
from retour.surveys import services, tasks  # noqa: E402
from retour.surveys.models import ImportJob, MonitoringRound, RoundStatus, Submission  # noqa: E402

# --saving: kill during the write phase (after every row is checked) instead.
SAVING = "--saving" in sys.argv
if SAVING:
    sys.argv.remove("--saving")
WORKER = [sys.executable, "-m", "retour.cli", "worker", "--no-reload", "--verbosity", "0",
          "--no-startup-delay", "--interval", "0.2"]  # fmt: skip


def worker() -> subprocess.Popen:
    return subprocess.Popen(WORKER, env=ENV, cwd=ROOT)


def reset(org) -> None:
    Submission.objects.filter(organisation=org).delete()
    MonitoringRound.objects.filter(organisation=org).update(
        status=RoundStatus.SCHEDULED, completed_on=None
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    org, form, people = fixture.setup(rows)
    data = fixture.kobo_csv(rows, people)
    rng = random.Random(11)
    results = []
    for n in range(rounds):
        reset(org)
        record = services.import_job_create(
            actor=BENCH, organisation=org, form=form, source="kobo", filename=f"k{n}.csv"
        )
        job = jobs.job_enqueue(
            actor=BENCH, task=tasks.submissions_import, organisation=org,
            kwargs={"import_job": str(record.uuid)}, payload=data, label=f"kill9 {n}",
        )  # fmt: skip
        proc = worker()
        # A random moment while the job runs (reading, checking, saving or scoring).
        while not Job.objects.filter(pk=job.pk, status="running").exists():
            time.sleep(0.2)
        if SAVING:
            # Nearly every row checked: the one write transaction (save, score)
            # follows within seconds. (Progress is not flushed while it holds the lock.)
            while not Job.objects.filter(
                pk=job.pk, done__gte=rows * 0.9, message="checking"
            ).exists():
                time.sleep(0.1)
            delay = rng.uniform(1, 12)
        else:
            delay = rng.uniform(0.5, 30)
        time.sleep(delay)
        phase = Job.objects.filter(pk=job.pk).values_list("message", "done", "total").first()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after_kill = Submission.objects.filter(organisation=org).count()
        proc = worker()
        started = time.monotonic()
        while (
            Job.objects.filter(pk=job.pk).filter(Q(status="queued") | Q(status="running")).exists()
        ):
            time.sleep(1)
            if time.monotonic() - started > 600:
                break
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        job.refresh_from_db()
        record.refresh_from_db()
        saved = Submission.objects.filter(organisation=org).count()
        ok = (
            after_kill in (0, rows)
            and job.status in ("succeeded", "failed")
            and record.status in ("done", "failed", "rejected")
            and (
                (job.status == "succeeded" and saved == rows)
                or (job.status == "failed" and saved == 0 and job.error)
            )
        )
        results.append(ok)
        print(
            f"round {n + 1}: killed {delay:4.1f}s into the job (last progress {phase}), rows after kill {after_kill}, "
            f"job {job.status} (attempts {job.attempts}), import {record.status}, rows {saved}, "
            f"recovered in {time.monotonic() - started:.0f}s {'OK' if ok else 'FAIL'}"
            + (f" reason: {job.error[:80]}" if job.error else ""),
            flush=True,
        )
    running = (
        Job.objects.filter(status="running").count()
        + ImportJob.objects.filter(status__in=("running", "pending")).count()
    )
    print(f"{sum(results)}/{rounds} rounds correct; jobs or imports left running: {running}")


if __name__ == "__main__":
    main()
