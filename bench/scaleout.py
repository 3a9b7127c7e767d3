"""The scale-out path: two app servers and two workers on PostgreSQL + Redis.

    .venv/bin/python bench/scaleout.py [IMPORTS] [ROWS]      (default 6 imports of 3,000 rows)

Uses its own database (postgres://postgres@127.0.0.1:5432/h6bench, recreated)
and Redis at 127.0.0.1:6379. Starts `retour serve --no-worker` on two ports and
two `retour worker`s; a caseworker uploads IMPORTS Kobo exports, alternating
between the servers, while other threads request public and admin pages of
both; once a job runs, one worker is SIGKILLed (and a replacement started).
Checks: every job finished exactly once (succeeded, one import each, rows
saved == rows sent, no duplicate submission), the kill landed mid-job and that
job was retried, no request failed.

Baseline for the ratio, in the same run: the first export imported in this
process (services.import_job_run, no worker, no server), then undone; the
cluster's time for all IMPORTS is reported against IMPORTS times that.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = "h6bench"
TMP = Path(tempfile.mkdtemp(prefix="retour-scaleout-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "REDIS_URL": "redis://127.0.0.1:6379/6",
    "RETOUR_FIELD_KEYS": "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
    "RETOUR_STATIC_ROOT": str(TMP / "static"),
    "RETOUR_JOBS_LEASE_SECONDS": "10",
    "RETOUR_JOBS_HEARTBEAT_SECONDS": "1",
    "RETOUR_JOBS_TICK_SECONDS": "2",
}
os.environ.update(ENV)
subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)

import django  # noqa: E402

django.setup()

import surveys_import_bench as fixture  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django_otp.oath import TOTP  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from retour.core.actors import SystemActor  # noqa: E402
from retour.jobs.models import Job, ScheduleRun  # noqa: E402
from retour.orgs import services as org_services  # noqa: E402
from retour.orgs.models import Role  # noqa: E402
from retour.surveys import services  # noqa: E402
from retour.surveys.models import ImportJob, MonitoringRound, RoundStatus, Submission  # noqa: E402

os.environ.update(ENV)  # the fixture module points DATABASE_URL at SQLite on import
fixture.ACTOR = SystemActor.cli("bench")
PASSWORD = "bench-password-123"
CLI = [sys.executable, "-m", "retour.platform.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chunks(data: bytes, parts: int) -> list[bytes]:
    rows = list(csv.reader(io.StringIO(data.decode())))
    header, body = rows[0], rows[1:]
    size = -(-len(body) // parts)
    out = []
    for i in range(parts):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(body[i * size : (i + 1) * size])
        out.append(buffer.getvalue().encode())
    return out


def session(base: str, username: str, device):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    page = opener.open(f"{base}/admin/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    ).encode()
    opener.open(urllib.request.Request(f"{base}/admin/login/", data=body), timeout=60)
    page = opener.open(f"{base}/account/2fa/verify/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "token": f"{code:0{device.digits}d}", "next": "/admin/"}
    ).encode()
    opener.open(urllib.request.Request(f"{base}/account/2fa/verify/", data=body), timeout=60)
    return opener


def upload(opener, base: str, form_pk: int, name: str, data: bytes) -> int:
    page = opener.open(f"{base}/admin/surveys/imports/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    boundary = "----retourbench"
    parts = []
    for key, value in (("csrfmiddlewaretoken", token), ("form", str(form_pk)), ("source", "kobo")):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="export"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    request = urllib.request.Request(
        f"{base}/admin/surveys/imports/", data=b"".join(parts),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )  # fmt: skip
    response = opener.open(request, timeout=120)
    # Success redirects to the import's own page.
    return 200 if re.search(r"/admin/surveys/imports/[0-9a-f-]{36}/", response.geturl()) else 400


def baseline(org, form, data: bytes) -> tuple[float, str]:
    """One export imported in this process, timed, then undone (rows and rounds)."""
    record = services.import_job_create(
        actor=fixture.ACTOR, organisation=org, form=form, source="kobo", filename="baseline.csv"
    )
    t0 = time.monotonic()
    services.import_job_run(actor=fixture.ACTOR, job=record, data=data)
    seconds = time.monotonic() - t0
    Submission.objects.filter(organisation=org).delete()
    MonitoringRound.objects.filter(organisation=org).update(
        status=RoundStatus.SCHEDULED, completed_on=None
    )
    return seconds, str(record.uuid)


def main() -> None:
    imports = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    org, form, people = fixture.setup(imports * rows)
    call_command("collectstatic", interactive=False, verbosity=0)
    exports = chunks(fixture.kobo_csv(imports * rows, people), imports)
    one_import, base_import = baseline(org, form, exports[0])
    print(f"baseline: one import of {rows} rows in this process {one_import:.1f}s", flush=True)
    from django.contrib.auth import get_user_model

    devices = []
    for i in range(2):
        # Caseworkers sign in with a second factor: one user (and TOTP device) per
        # server, since a TOTP code is accepted once.
        user = get_user_model().objects.create_user(username=f"caseworker{i}", password=PASSWORD)
        org_services.membership_add(
            actor=fixture.ACTOR, organisation=org, user=user, role=Role.CASEWORKER
        )
        devices.append(TOTPDevice.objects.create(user=user, name="bench", confirmed=True))
    ports = [free_port(), free_port()]
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    servers = [
        subprocess.Popen(
            [*CLI, "serve", "--no-worker", "--bind", f"127.0.0.1:{p}", "--workers", "2"],
            env=ENV,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for p in ports
    ]
    worker_cmd = [*CLI, "worker", "--no-reload", "--verbosity", "0", "--interval", "0.2"]
    count = [0]

    def start_worker() -> tuple[str, subprocess.Popen]:
        count[0] += 1
        wid = f"bench-worker-{count[0]}"
        return wid, subprocess.Popen([*worker_cmd, "--worker-id", wid], env=ENV, cwd=ROOT)

    workers = dict(start_worker() for _ in range(2))
    for base in bases:
        # Each server loads the language models before it answers (slow on a busy machine).
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/admin/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
    errors: list[str] = []
    requests = [0]
    stop = threading.Event()

    def browse(base: str) -> None:
        while not stop.is_set():
            for path in ("/en/", "/admin/login/"):
                try:
                    urllib.request.urlopen(base + path, timeout=60)
                    requests[0] += 1
                except Exception as exc:
                    errors.append(f"{base}{path}: {exc}")
            time.sleep(0.05)

    browsers = [
        threading.Thread(target=browse, args=(b,), daemon=True) for b in bases for _ in range(2)
    ]
    for t in browsers:
        t.start()
    started = time.monotonic()
    openers = [session(b, f"caseworker{i}", devices[i]) for i, b in enumerate(bases)]
    for i, data in enumerate(exports):
        status = upload(openers[i % 2], bases[i % 2], form.pk, f"part{i}.csv", data)
        if status != 200:
            errors.append(f"upload {i}: {status}")
    # Kill the worker that holds a running job, mid-job.
    killed, killed_job = None, None
    for _ in range(600):
        running = Job.objects.filter(status="running").first()
        if running:
            victim = workers.pop(running.worker_id)
            time.sleep(0.5)
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            # Still "running" with its worker dead: the kill landed mid-job.
            if Job.objects.filter(pk=running.pk, status="running").exists():
                killed_job = running.pk
            killed = f"{running.label} on {running.worker_id}, mid-job {killed_job is not None}"
            workers.update([start_worker()])
            break
        time.sleep(0.1)
    while Job.objects.filter(status__in=("queued", "running")).exists():
        time.sleep(1)
        if time.monotonic() - started > 900:
            break
    seconds = time.monotonic() - started
    stop.set()
    for t in browsers:
        t.join()
    for process in [*workers.values(), *servers]:
        process.terminate()
        process.wait(timeout=30)
    jobs = list(Job.objects.filter(kind="surveys.import"))
    slots = ScheduleRun.objects.count()
    scheduled = ScheduleRun.objects.filter(job__isnull=False).values("job").distinct().count()
    succeeded = sum(j.status == "succeeded" for j in jobs)
    retried = sum(j.attempts > 1 for j in jobs)
    saved = Submission.objects.filter(organisation=org).count()
    duplicates = (
        Submission.objects.filter(organisation=org)
        .values("round_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    done_imports = ImportJob.objects.filter(status="done").exclude(uuid=base_import).count()
    killed_retried = bool(killed_job) and Job.objects.get(pk=killed_job).attempts == 2
    # Successful runs of import tasks: one per job (the killed run is FAILED, WorkerLost).
    task_runs = (
        DBTaskResult.objects.filter(status="SUCCESSFUL", task_path=jobs[0].task_path).count()
        if jobs
        else 0
    )
    print(
        f"{imports} imports of {rows} rows through 2 servers, 2 workers (1 SIGKILLed mid-job: {killed})"
    )
    print(f"jobs succeeded {succeeded}/{len(jobs)}, retried after the kill {retried} (the killed one "
          f"{killed_retried}), imports done {done_imports}, "
          f"successful task runs {task_runs}")  # fmt: skip
    print(f"rows saved {saved} of {imports * rows} sent, duplicate submissions {duplicates}")
    print(
        f"schedule slots {slots}, jobs enqueued for them {scheduled} (one per slot, two schedulers)"
    )
    print(
        f"page requests {requests[0]}, errors {len(errors)} {errors[:3]}; all finished in "
        f"{seconds:.0f}s, {seconds / (imports * one_import):.2f}x {imports} in-process imports "
        f"({imports * one_import:.0f}s)"
    )
    ok = (
        succeeded == len(jobs) == imports == done_imports == task_runs
        and killed_retried
        and saved == imports * rows
        and not duplicates
        and not errors
    )
    print("OK" if ok else "FAIL")


if __name__ == "__main__":
    main()
