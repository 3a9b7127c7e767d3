"""kill -9 of a worker during a 100,000-row Kobo import, N times at random moments.

    .venv/bin/python bench/jobs_kill9.py [ROWS] [ROUNDS] [--saving]   (default 100000 10)

SQLite file in a temp folder (the embedded setup). Each round: enqueue the
import as a job (upload payload in the job), start `retour worker`, SIGKILL it
at a random moment, count the rows saved by the killed run (must be 0 or all),
start a fresh worker, wait until the job has finished or failed, and check
the outcome: no job and no import left running, rows 0 (failed, with a reason)
or all (imported exactly once). Then the rows are removed for the next round.

Rounds go on until ROUNDS kills have landed while the job ran (each moment is
drawn within the median uninterrupted run so far); a kill after the job had
finished is reported as a miss and must come out right too.

Baseline for the ratio, in the same run: the same import as a job on a worker
that is not killed (job start to finish). Each round reports the time from the
killed job's first start to its final outcome against it: what a kill costs
(the lease running out, then a retry from scratch).
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
from django.utils import timezone  # noqa: E402

from retour.jobs import services as jobs  # noqa: E402
from retour.jobs.models import Job  # noqa: E402
from retour.surveys import services, tasks  # noqa: E402
from retour.surveys.models import ImportJob, MonitoringRound, RoundStatus, Submission  # noqa: E402

# --saving: kill during the write phase (after every row is checked) instead.
SAVING = "--saving" in sys.argv
if SAVING:
    sys.argv.remove("--saving")
WORKER = [sys.executable, "-m", "retour.platform.cli", "worker", "--no-reload", "--verbosity", "0",
          "--no-startup-delay", "--interval", "0.2"]  # fmt: skip


def worker() -> subprocess.Popen:
    return subprocess.Popen(WORKER, env=ENV, cwd=ROOT)


def reset(org) -> None:
    Submission.objects.filter(organisation=org).delete()
    MonitoringRound.objects.filter(organisation=org).update(
        status=RoundStatus.SCHEDULED, completed_on=None
    )


def enqueue(org, form, data: bytes, name: str):
    record = services.import_job_create(
        actor=BENCH, organisation=org, form=form, source="kobo", filename=f"{name}.csv"
    )
    job = jobs.job_enqueue(
        actor=BENCH, task=tasks.submissions_import, organisation=org,
        kwargs={"import_job": str(record.uuid)}, payload=data, label=f"kill9 {name}",
    )  # fmt: skip
    return record, job


def wait_started(job) -> float:
    while not Job.objects.filter(pk=job.pk, status="running").exists():
        time.sleep(0.2)
    return time.monotonic()


def wait_final(job, limit: float = 600) -> None:
    started = time.monotonic()
    while Job.objects.filter(pk=job.pk).filter(Q(status="queued") | Q(status="running")).exists():
        time.sleep(0.5)
        if time.monotonic() - started > limit:
            break


def baseline(org, form, data: bytes, rows: int) -> float:
    """The same import on a worker nobody kills: job start to finish."""
    reset(org)
    record, job = enqueue(org, form, data, "baseline")
    proc = worker()
    started = wait_started(job)
    wait_final(job)
    seconds = time.monotonic() - started
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    job.refresh_from_db()
    record.refresh_from_db()
    saved = Submission.objects.filter(organisation=org).count()
    print(
        f"baseline: uninterrupted import job {job.status}, import {record.status}, rows {saved}/{rows}, {seconds:.1f}s",
        flush=True,
    )
    return seconds


def write_phase_started(job, limit: float = 600) -> bool:
    """Wait until the import holds SQLite's write lock: its worker's heartbeat
    (every second) cannot renew the lease then, so heartbeat_at goes stale.
    False if the job finished first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        row = Job.objects.filter(pk=job.pk).values_list("status", "heartbeat_at").first()
        if row[0] != "running":
            return False
        if row[1] and (timezone.now() - row[1]).total_seconds() > 2.5:
            return True
        time.sleep(0.1)
    return False


def kill_delay(rng: random.Random, job, runs: list[float]) -> float:
    """A random moment inside the run: up to 90 % of the median uninterrupted run
    so far (the baseline, then every retry), so the kill lands while the job works.
    With --saving: up to 2 s into the one write transaction (save and score)."""
    if SAVING:
        return rng.uniform(0, 2) if write_phase_started(job) else 0.0
    return rng.uniform(0.5, 0.9 * sorted(runs)[len(runs) // 2])


def one_round(n: int, org, form, data: bytes, rows: int, rng, runs: list[float], base: float):
    reset(org)
    record, job = enqueue(org, form, data, f"k{n}")
    proc = worker()
    first_start = wait_started(job)
    delay = kill_delay(rng, job, runs)
    time.sleep(delay)
    phase = Job.objects.filter(pk=job.pk).values_list("status", "message", "done").first()
    beat = Job.objects.filter(pk=job.pk).values_list("heartbeat_at", flat=True).first()
    beat_age = (timezone.now() - beat).total_seconds() if beat else 0.0
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after_kill = Submission.objects.filter(organisation=org).count()
    # Still "running" once its worker is dead: the kill landed mid-job.
    mid_job = Job.objects.filter(pk=job.pk, status="running").exists()
    proc = worker()
    started = time.monotonic()
    wait_final(job)
    recovered = time.monotonic() - started
    ratio = (time.monotonic() - first_start) / base
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
    if job.started_at and job.finished_at:
        # The run that finished was never killed: another sample of its length.
        runs.append((job.finished_at - job.started_at).total_seconds())
    print(
        f"{'kill' if mid_job else 'MISS (job had finished)'} {n + 1}: "
        f"{delay:4.1f}s {'into the write phase' if SAVING else 'into the job'} (last progress "
        f"{phase}, heartbeat {beat_age:.1f}s old), rows after kill {after_kill}, job {job.status} "
        f"(attempts {job.attempts}), import {record.status}, rows {saved}, recovered in "
        f"{recovered:.0f}s, start to outcome {ratio:.2f}x the uninterrupted job {'OK' if ok else 'FAIL'}"
        + (f" reason: {job.error[:80]}" if job.error else ""),
        flush=True,
    )
    return ok, mid_job, ratio


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    org, form, people = fixture.setup(rows)
    data = fixture.kobo_csv(rows, people)
    base = baseline(org, form, data, rows)
    rng = random.Random(11)
    runs = [base]
    results, ratios, misses = [], [], 0
    # Until ROUNDS kills have landed while the job ran (a kill after the job
    # finished tests nothing; it still has to come out right).
    n = 0
    while len(ratios) < rounds and n < 3 * rounds:
        ok, mid_job, ratio = one_round(n, org, form, data, rows, rng, runs, base)
        n += 1
        results.append(ok)
        if mid_job:
            ratios.append(ratio)
        else:
            misses += 1
    running = (
        Job.objects.filter(status="running").count()
        + ImportJob.objects.filter(status__in=("running", "pending")).count()
    )
    ratios.sort()
    print(f"{sum(results)}/{n} rounds correct; {len(ratios)} kills while the job ran, {misses} after "
          f"it had finished; jobs or imports left running: {running}; uninterrupted runs "
          f"{min(runs):.1f}-{max(runs):.1f}s; start to outcome after a kill: median "
          f"{ratios[len(ratios) // 2]:.2f}x, max {ratios[-1]:.2f}x the baseline {base:.1f}s")  # fmt: skip


if __name__ == "__main__":
    main()
