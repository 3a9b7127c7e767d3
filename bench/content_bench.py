"""Public page serving: cached article vs. the same bytes as a static file.

    .venv/bin/python bench/content_bench.py [--requests 2000] [--uncached 300]

Loads the content demo into a temporary SQLite file, then starts ONE gunicorn
server (1 sync worker, production-like middleware incl. WhiteNoise) and
measures, in the same run, from a client in this process (keep-alive off,
one connection per request, sequential; cached and static requests alternate
in batches of 10% so that load from other processes hits both alike):

1. throughput of a cached article page (front cache hit), requests/s;
2. throughput of the very same bytes served as a static file by WhiteNoise
   from the same server — the baseline; the ratio is reported (goal >= 50%);
3. uncached latency (full Wagtail routing + rendering; the query string
   bypasses the front cache) over every demo page: p50/p95 (goal p95 <= 100 ms);
4. page weight: HTML + CSS (+ JS: none), gzip-compressed (goal <= 30 KB).

    .venv/bin/python bench/content_bench.py --import-pages 1000 [--naive 60]

instead measures ``retour content import`` (issue 14): the demo's pages are
exported and copied (new translation keys and slugs, references remapped) to
an archive of about N pages in every demo language, then, in one run:

1. baseline: parsing and validating the archive (``portability.read``, what
   every import does before writing), pages/s;
2. a fresh import of the archive (every page created), pages/s and
   queries/page (every query counted, the after-commit search sync included);
3. the same archive imported again (every page updated), pages/s, queries/page;
4. baseline: Wagtail's page-by-page publication (``save_revision().publish()``,
   what the import did per page before) on --naive of those pages, pages/s and
   queries/page; the ratios import/naive are reported (goal: queries/page <= 5).
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="retour-bench-content-"))
STATIC_EXTRA = TMP / "benchstatic"
STATIC_EXTRA.mkdir()
(TMP / "bench_content_settings.py").write_text(
    "from config.settings.test import *  # noqa\n"
    f"STATICFILES_DIRS = [*STATICFILES_DIRS, {str(STATIC_EXTRA)!r}]\n"
    "ALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n"
)
sys.path.insert(0, str(TMP))
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/content.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_content_settings"
os.environ["PYTHONPATH"] = os.pathsep.join([str(TMP), str(ROOT)])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

ARTICLE = "/en/countries/afghanistan/"


def load_demo() -> list[str]:
    from retour.content import demo
    from retour.content.models import OwnedPage
    from retour.core.actors import SystemActor
    from retour.core.demo import DemoContext
    from retour.orgs import services as org_services

    call_command("migrate", verbosity=0)
    orgs = [
        org_services.organisation_create(
            actor=SystemActor.cli("bench"),
            name=f"Bench sample org {k}",
            slug=f"bench-{k}",
            type="ngo",
            is_sample=True,
        )
        for k in ("a", "b")
    ]
    demo.load(context=DemoContext(org_a=orgs[0], org_b=orgs[1], admin=None))
    return [p.url for p in OwnedPage.objects.live().order_by("path") if p.url]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "localhost", "Accept-Encoding": "identity"})
    response = conn.getresponse()
    body = response.read()
    headers = dict(response.getheaders())
    conn.close()
    return response.status, body, headers


def batch(port: int, path: str, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        status, _body, _h = get(port, path)
        assert status == 200, (path, status)
    return time.perf_counter() - started


def interleaved(port: int, paths: list[str], n: int, rounds: int = 10) -> list[float]:
    """Requests/s per path, measured in alternating batches so that load from
    other processes on the machine affects every path alike."""
    for path in paths:
        batch(port, path, 20)  # warm up
    spent = [0.0] * len(paths)
    for _ in range(rounds):
        for i, path in enumerate(paths):
            spent[i] += batch(port, path, n // rounds)
    return [(n // rounds) * rounds / s for s in spent]


def _archive(source: Path, target: Path, pages: int) -> int:
    """Copies of the export in ``source`` until ``pages`` files: new keys, slugs, references."""
    import json
    import uuid

    files = sorted((source / "pages").rglob("*.json"))
    copies = max(1, -(-pages // len(files)))

    def key(value: str, copy: int) -> str:
        return str(uuid.uuid5(uuid.UUID(value), str(copy)))

    written = 0
    for copy in range(copies):
        for path in files:
            data = json.loads(path.read_text())
            data["translation_key"] = key(data["translation_key"], copy)
            data["slug"] = f"{data['slug']}-{copy}"
            for ref in data.get("backing_pages") or []:
                if ref.get("value"):
                    ref["value"]["translation_key"] = key(ref["value"]["translation_key"], copy)
            out = (
                target
                / path.relative_to(source).parent
                / f"{data['translation_key']}.{data['locale']}.json"
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(data))
            written += 1
    (target / "manifest.json").write_text((source / "manifest.json").read_text())
    return written


def _timed(func) -> tuple[float, int]:
    """Seconds and queries of ``func()``; counted by an execute wrapper, which
    (unlike CaptureQueriesContext's 9,000-entry log) has no cap."""
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        func()
        spent = time.perf_counter() - started
    return spent, count


def import_bench(pages: int, naive: int) -> None:
    from retour.content import portability
    from retour.content.models import OwnedPage

    t0 = time.perf_counter()
    load_demo()
    demo_pages = OwnedPage.objects.count()
    print(f"demo loaded: {demo_pages} pages ({time.perf_counter() - t0:.1f}s)")
    export, archive = TMP / "export", TMP / "archive"
    portability.export(export)
    n = _archive(export, archive, pages)
    print(f"archive: {n} pages (copies of the {demo_pages} demo pages, every demo language)")

    read_s, read_q = _timed(lambda: portability.read(archive))
    counts: dict = {}
    fresh_s, fresh_q = _timed(lambda: counts.update(portability.import_(archive)))
    assert counts == {"created": n, "updated": 0}, counts
    again_s, again_q = _timed(lambda: counts.update(portability.import_(archive)))
    assert counts == {"created": 0, "updated": n}, counts
    sample = list(OwnedPage.objects.order_by("-pk")[:naive])
    specific = [page.specific for page in sample]

    def naive_loop() -> None:
        for page in specific:
            page.save_revision().publish()

    naive_s, naive_q = _timed(naive_loop)
    rows = [
        ("parse + validate (baseline)", n, read_s, read_q),
        ("fresh import", n, fresh_s, fresh_q),
        ("re-import (all updated)", n, again_s, again_q),
        ("Wagtail page-by-page publish (baseline)", len(specific), naive_s, naive_q),
    ]
    for label, count, spent, queries in rows:
        print(
            f"{label:42} {count:5} pages {count / spent:8.1f} pages/s {queries / count:7.2f} queries/page"
        )
    naive_rate = len(specific) / naive_s
    print(
        f"fresh import / page-by-page: {n / fresh_s / naive_rate:.1f}x pages/s, "
        f"{(fresh_q / n) / (naive_q / len(specific)):.3f}x queries/page"
    )
    print(
        f"re-import / page-by-page: {n / again_s / naive_rate:.1f}x pages/s, "
        f"{(again_q / n) / (naive_q / len(specific)):.3f}x queries/page"
    )
    print(f"re-import time / parse+validate time: {again_s / read_s:.1f}x")
    print(f"load: {os.getloadavg()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--uncached", type=int, default=300)
    parser.add_argument("--import-pages", type=int, default=0)
    parser.add_argument("--naive", type=int, default=60)
    args = parser.parse_args()
    if args.import_pages:
        import_bench(args.import_pages, args.naive)
        return

    t0 = time.perf_counter()
    urls = load_demo()
    print(f"demo loaded: {len(urls)} published pages ({time.perf_counter() - t0:.1f}s)")

    # The article bytes, rendered once, become the static-file baseline.
    html = Client().get(ARTICLE, HTTP_HOST="localhost").content
    (STATIC_EXTRA / "article.html").write_bytes(html)
    css = b"".join(
        (ROOT / "retour/static/retour" / name).read_bytes() for name in ("retour.css", "print.css")
    )

    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "warning",
        ],
        cwd=str(ROOT),
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench_content_settings"},
    )
    try:
        for _ in range(100):
            try:
                get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        status, body, headers = get(port, ARTICLE)
        status, body, headers = get(port, ARTICLE)
        assert headers.get("X-Retour-Cache") == "hit", headers
        assert body == html, "cached page differs from the static copy"
        static_path = "/static/article.html"
        status, static_body, _ = get(port, static_path)
        assert status == 200 and static_body == html, status

        cached_rps, static_rps = interleaved(port, [ARTICLE, static_path], args.requests)

        latencies = []
        for i in range(args.uncached):
            path = f"{urls[i % len(urls)]}?uncached={i}"
            started = time.perf_counter()
            status, _b, headers = get(port, path)
            latencies.append((time.perf_counter() - started) * 1000)
            assert status == 200 and "X-Retour-Cache" not in headers, (path, status)
    finally:
        server.terminate()
        server.wait(timeout=10)

    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    html_gz = len(gzip.compress(html, 9))
    css_gz = len(gzip.compress(css, 9))
    weight = html_gz + css_gz
    print(f"cached article page: {cached_rps:.0f} req/s ({args.requests} sequential requests)")
    print(f"same bytes as static file (WhiteNoise, same server): {static_rps:.0f} req/s")
    print(f"ratio cached/static: {cached_rps / static_rps:.0%} (goal >= 50%)")
    print(
        f"uncached ({args.uncached} requests over {len(urls)} pages): "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms (goal p95 <= 100 ms)"
    )
    print(
        f"page weight (gzip -9): HTML {html_gz / 1024:.1f} KB + CSS {css_gz / 1024:.1f} KB "
        f"+ JS 0 KB = {weight / 1024:.1f} KB (goal <= 30 KB; uncompressed HTML "
        f"{len(html) / 1024:.1f} KB)"
    )


if __name__ == "__main__":
    main()
