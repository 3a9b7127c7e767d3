"""20 concurrent logins during a content import of 1,000 pages on SQLite: 0 errors.

    .venv/bin/python bench/jobs_sqlite_logins.py [PAGES] [USERS]   (default 1000 20)

A temp SQLite file (WAL, busy timeout, BEGIN IMMEDIATE: the shipped settings),
`retour serve --no-worker` on a free port, PAGES short-answer pages written as
an export folder, then `retour content import` runs while USERS threads log in
to the admin over and over (GET the form, POST the password) until the import
ends. Any response other than the login redirect counts as an error.

Baseline for the ratio, in the same run and against the same server: the same
USERS threads logging in for BASELINE_SECONDS with no import running; the
latencies during the import are reported against it.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="retour-logins-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "RETOUR_VAR_DIR": str(TMP),
    "RETOUR_SQLITE_PATH": str(TMP / "bench.sqlite3"),
    "RETOUR_FIELD_KEYS": "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=",
    "RETOUR_STATIC_ROOT": str(TMP / "static"),
}
ENV.pop("DATABASE_URL", None)
os.environ.update(ENV)
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from retour.content import portability, services  # noqa: E402
from retour.content.tests.factories import short_answer  # noqa: E402
from retour.core.actors import SystemActor  # noqa: E402
from retour.orgs import services as org_services  # noqa: E402
from retour.orgs.models import Role  # noqa: E402

BENCH = SystemActor.cli("bench")
PASSWORD = "bench-password-123"
BASELINE_SECONDS = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(pages: int, users: int) -> Path:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    org = org_services.organisation_create(actor=BENCH, name="Bench org", slug="bench", type="ngo")
    services.site_setup(actor=BENCH)
    short_answer(organisation=org, title="Seed question?")
    folder = TMP / "export"
    portability.export(folder)
    seed = next(p for p in (folder / "pages").rglob("*.json") if "Seed" in p.read_text())
    data = json.loads(seed.read_text())
    for i in range(pages):
        copy = {**data, "translation_key": str(uuid.uuid4()), "title": f"Bench question {i}?",
                "slug": f"bench-question-{i}"}  # fmt: skip
        (seed.parent / f"bench-{i}.json").write_text(json.dumps(copy))
    seed.unlink()
    user_model = get_user_model()
    for i in range(users):
        user = user_model.objects.create_user(username=f"editor{i}", password=PASSWORD)
        org_services.membership_add(actor=BENCH, organisation=org, user=user, role=Role.EDITOR)
    return folder


def login(base: str, username: str) -> int:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/admin/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(
        f"{base}/admin/login/", data=body, headers={"Referer": base + "/admin/login/"}
    )
    try:
        response = opener.open(request, timeout=60)
    except urllib.error.HTTPError as exc:
        return exc.code
    # Signed in = redirected away from the login form (a wrong password re-renders it).
    return 200 if "/admin/login/" not in response.geturl() else 401


def hammer(base: str, users: int, keep_going) -> list[tuple[int, float]]:
    """USERS threads logging in over and over while keep_going(): (status, seconds)."""
    outcomes: list[tuple[int, float]] = []
    lock = threading.Lock()

    def user_loop(i: int) -> None:
        while keep_going():
            t0 = time.monotonic()
            try:
                code = login(base, f"editor{i}")
            except Exception:
                code = -1
            with lock:
                outcomes.append((code, time.monotonic() - t0))

    threads = [threading.Thread(target=user_loop, args=(i,)) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def summary(outcomes: list[tuple[int, float]]) -> tuple[list[int], float, float, float]:
    errors = [c for c, _ in outcomes if c != 200]
    times = sorted(s for _, s in outcomes) or [0.0]
    return errors, times[len(times) // 2], times[int(len(times) * 0.95)], times[-1]


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    users = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    folder = prepare(pages, users)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cli = [sys.executable, "-m", "retour.platform.cli"]
    server = subprocess.Popen(
        [*cli, "serve", "--no-worker", "--bind", f"127.0.0.1:{port}", "--workers", "4"],
        env=ENV,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(600):  # the server loads the language models first
        try:
            urllib.request.urlopen(f"{base}/admin/login/", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    idle_until = time.monotonic() + BASELINE_SECONDS
    idle = hammer(base, users, lambda: time.monotonic() < idle_until)
    started = time.monotonic()
    importer = subprocess.Popen([*cli, "content", "import", str(folder)], env=ENV, cwd=ROOT)
    outcomes = hammer(base, users, lambda: importer.poll() is None)
    importer.wait()
    seconds = time.monotonic() - started
    server.terminate()
    server.wait(timeout=30)
    i_errors, i_median, i_p95, i_max = summary(idle)
    errors, median, p95, longest = summary(outcomes)
    print(f"import of {pages} pages: exit {importer.returncode}, {seconds:.0f}s")
    print(f"baseline (no import, {BASELINE_SECONDS}s): {len(idle)} logins by {users} users, "
          f"errors {len(i_errors)}, median {i_median:.2f}s, p95 {i_p95:.2f}s, max {i_max:.2f}s")  # fmt: skip
    print(f"during the import: {len(outcomes)} logins by {users} concurrent users, errors "
          f"{len(errors)} ({sorted(set(errors))}), median {median:.2f}s, p95 {p95:.2f}s, max "
          f"{longest:.2f}s; against the baseline: median {median / (i_median or 1):.2f}x, "
          f"p95 {p95 / (i_p95 or 1):.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
