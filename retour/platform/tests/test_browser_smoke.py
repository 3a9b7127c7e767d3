"""End-to-end, as a person would run it: `retour demo` loads a fresh SQLite
database, `retour serve` (gunicorn + whitenoise) serves it, and a real
Chromium signs in to the admin with the printed one-time password and opens
the public home page."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from retour.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory, django_db_setup):
    var = tmp_path_factory.mktemp("demo-var")
    # The demo starts from the migrated template of this test session (when there
    # is one): `retour demo` then finds every migration applied, and this test
    # spends its time loading, serving and signing in, not migrating again (about
    # 35 s of CPU). Migrating from nothing is what building the template does.
    from retour.testing import template_db

    template_db.copy_migrated(var / "retour.sqlite3")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    # One translated language (Arabic, right-to-left): this test is about loading and
    # serving; test_digest_demo checks every sample translation.
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        RETOUR_VAR_DIR=str(var),
        RETOUR_DEMO_TRANSLATIONS="ar",
    )
    retour = [sys.executable, "-m", "retour.platform.cli"]
    skip = ["search", "channels", "campaigns", "cases", "reintegration", "surveys"]
    loaded = subprocess.run(
        [*retour, "demo", "--no-serve", "--skip", *skip],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        # Not a speed check (the demo load is timed in bench/): a bound so that
        # a hung load fails instead of stalling the suite on a loaded machine.
        timeout=1800,
    )
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    password = next(
        line.split("Password:")[1].split()[0]
        for line in loaded.stdout.splitlines()
        if "Password:" in line
    )
    # The banner's two-factor line for admin: "admin  key <KEY>  code now <CODE>".
    key = next(
        line.split(" key ")[1].split()[0]
        for line in loaded.stdout.splitlines()
        if line.split()[:1] == ["admin"] and " key " in line
    )
    port = _free_port()
    log = (Path(var) / "serve.log").open("w+")
    server = subprocess.Popen(
        [*retour, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        # A file, not a pipe nobody reads: a full pipe would stall the server.
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Waiting is not a speed check: on a loaded machine gunicorn's preload
        # (the language detector's models) can take minutes. A server that
        # exits is a failure at once, with what it printed.
        deadline = time.monotonic() + 600
        while True:
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"retour serve exited {server.returncode}: {log.read()[-3000:]}")
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=10)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("retour serve did not answer /healthz within 10 minutes")
                time.sleep(0.5)
        yield {"url": url, "password": password, "key": key, "var": Path(var)}
    finally:
        # SIGINT is gunicorn's quick shutdown; SIGTERM's graceful one waits up to
        # graceful_timeout (20 s) for Chromium's idle keep-alive connection.
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()


def test_admin_login_and_public_home(page, demo_server):
    url = demo_server["url"]
    page.goto(f"{url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Wagtail" not in page.title()
    assert page.locator("main").is_visible()
    screenshot(page, "public-home")

    # Password, then the code an authenticator set up with the printed key shows.
    sign_in(page, url, "admin", demo_server["password"], key=demo_server["key"])
    page.wait_for_url(f"{url}/admin/")
    assert page.locator("main, #main").first.is_visible()
    screenshot(page, "admin-dashboard")
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert csp_errors == [], csp_errors
    assert "gravatar" not in page.content()


def test_static_files_come_from_whitenoise(demo_server):
    with urllib.request.urlopen(f"{demo_server['url']}/static/retour/retour.css") as r:
        assert r.status == 200
        assert "max-age" in r.headers.get("Cache-Control", "")
