"""Webhook throughput with the provider faked: messages/second through the full
path (signature check, parsing, the delivery claim, rate limit, conversation
state, language detection, search, reply composition, query log, the outbox
insert and then the outbox delivery attempt: claim, fake provider call, mark
sent), against a bare Django request in the same process.

The outbox is in the path: tasks run on the immediate backend (test
settings), so each reply is delivered right after the webhook's commit, in the
same worker, and every reply counted below is an outbox row marked sent.

    .venv/bin/python bench/webhook_bench.py [--messages 1000] [--workers N]

Runs once with one worker process, then with one per core (as gunicorn would).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="retour-bench-webhook-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/webhook.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

settings.RETOUR_CHANNEL_TRANSPORT = "retour.channels.types.transport.FakeTransport"
settings.RETOUR_CHANNEL_RATE = (10_000, 60)
settings.ALLOWED_HOSTS = ["*"]
SECRETS = {
    "telegram": {"webhook_secret": "bench-tg", "bot_token": "1:bench"},
    "whatsapp": {"app_secret": "bench-wa", "verify_token": "v", "access_token": "t"},
    "rapidpro": {"token": "bench-rp"},
    "sms": {"auth_token": "bench-sms"},
}
URLS: dict[str, str] = {}

PAYLOADS = ROOT / "retour" / "channels" / "tests" / "payloads"
# Read once: reading fixture files is the bench's cost, not the webhook's.
_RAW = {p.stem: p.read_text() for p in PAYLOADS.glob("*.json")}


def _payload(name: str) -> dict:
    return json.loads(_RAW[name])


TARGET = 200.0

TEXTS = [
    ("en", "who pays for my plane ticket home"),
    ("en", "can my family return with me"),
    ("fr", "qui paie le billet de retour"),
    ("ar", "هل يمكنني الحصول على منحة نقدية عند العودة"),
    ("fa", "آیا برای بازگشت کمک مالی می‌گیرم"),
    ("nl", "wie betaalt het ticket naar huis"),
]


def seed_index() -> None:
    from retour.channels.models import ChatChannel
    from retour.core.actors import SystemActor
    from retour.orgs import services as org_services
    from retour.search import demo_data
    from retour.search.services import documents_sync
    from retour.search.sources import SourceDoc

    org = org_services.organisation_create(
        actor=SystemActor.cli("bench"), name="Bench org", slug="bench", type="ngo"
    )
    for kind, secrets in SECRETS.items():
        config = {"account_sid": "ACbench", "from_number": "+15005550006"} if kind == "sms" else {}
        ChatChannel.objects.create(
            organisation=org, kind=kind, name=kind, secrets=secrets, config=config
        )
    from retour.content import demo_data as content_data

    sources = []
    questions_by_lang = {"en": content_data.QUESTIONS, **demo_data.QUESTIONS}
    answer_text = {"en": "Sample answer: a counsellor can answer this.", **demo_data.ANSWER}
    for lang, questions in questions_by_lang.items():
        for i, q in enumerate(questions):
            sources.append(
                SourceDoc(
                    source_key=f"bench:{lang}:{i}", organisation=org, kind="short_answer",
                    locale=lang, title=q, summary=answer_text[lang],
                    url=f"/{lang}/answers/sample-answer-{i + 1}/",
                )
            )  # fmt: skip
    for i in range(8):  # offered when a question has no good answer
        sources.append(
            SourceDoc(
                source_key=f"bench:point:{i}", organisation=org, kind="service_point",
                locale="en", title=f"Sample service point {i}", url=f"/en/help/point-{i}/",
                meta={"lat": 50.8 + i / 10, "lon": 4.3, "city": "Sample city"},
            )
        )  # fmt: skip
    documents_sync(sources=sources)


def _urls() -> None:
    from retour.channels.models import ChatChannel

    for channel in ChatChannel.objects.all():
        URLS[channel.kind] = f"/channels/{channel.kind}/{channel.uuid}/"


def telegram(client: Client, n: int, text: str):
    update = _payload("telegram_text")
    update["update_id"] += n
    update["message"]["text"] = text
    update["message"]["from"]["id"] = update["message"]["chat"]["id"] = 1000 + n % 500
    return client.post(
        URLS["telegram"], json.dumps(update), content_type="application/json",
        HTTP_X_TELEGRAM_BOT_API_SECRET_TOKEN="bench-tg",
    )  # fmt: skip


def whatsapp(client: Client, n: int, text: str):
    data = _payload("whatsapp_text")
    msg = data["entry"][0]["changes"][0]["value"]["messages"][0]
    msg["text"]["body"], msg["from"] = text, str(20000000000 + n % 500)
    msg["id"] = f"wamid.BENCH{n:012d}"
    body = json.dumps(data).encode()
    sig = "sha256=" + hmac.new(b"bench-wa", body, hashlib.sha256).hexdigest()
    return client.post(
        URLS["whatsapp"], body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=sig
    )


def rapidpro(client: Client, n: int, text: str):
    data = _payload("rapidpro_webhook")
    data["input"]["text"] = text
    data["contact"]["uuid"] = f"bench-contact-{n % 500}"
    data["input"]["uuid"] = f"bench-input-{n}"
    return client.post(
        URLS["rapidpro"], json.dumps(data), content_type="application/json",
        HTTP_AUTHORIZATION="Token bench-rp",
    )  # fmt: skip


def sms(client: Client, n: int, text: str):
    from urllib.parse import urlencode

    from retour.channels.types.sms import signature

    params = {"MessageSid": f"SMbench{n:012d}", "From": f"+3247{n % 500:07d}", "Body": text}
    sig = signature("bench-sms", "http://testserver" + URLS["sms"], params)
    return client.post(
        URLS["sms"], urlencode(params), content_type="application/x-www-form-urlencoded",
        HTTP_X_TWILIO_SIGNATURE=sig,
    )  # fmt: skip


SENDERS = [telegram, telegram, telegram, whatsapp, whatsapp, rapidpro, sms]


def _sent() -> int:
    from retour.channels.models import OutboxMessage, OutboxStatus

    return OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()


def _drive(kind: str, start: int, count: int, conn) -> None:
    """One worker process: send its share of the messages (or bare requests)
    once the parent says go, and report what the fake sender saw."""
    from django.db import connections

    connections.close_all()  # never share the parent's database connection
    client = Client()
    senders = SENDERS
    _sent()  # opens this worker's connection before the clock starts
    conn.send("ready")
    conn.recv()
    c0 = time.process_time()
    for n in range(start, start + count):
        if kind == "bare":
            client.get("/healthz")
            continue
        response = senders[n % len(senders)](client, n, TEXTS[n % len(TEXTS)][1])
        if response.status_code != 200:
            conn.send(
                ("error", f"message {n}: HTTP {response.status_code} {response.content[:200]}")
            )
            return
    conn.send(("done", 0, time.process_time() - c0))


def run_parallel(kind: str, messages: int, workers: int, base: int = 0) -> tuple[float, int, float]:
    """Messages per second with ``workers`` processes, as gunicorn would run
    them (`retour serve` starts 2 × cores + 1); replies sent; CPU s per worker."""
    ctx = multiprocessing.get_context("fork")
    share = messages // workers
    pipes, procs = [], []
    for w in range(workers):
        parent, child = ctx.Pipe()
        # ``base`` keeps delivery ids distinct between runs: a reused id would
        # be a provider's replay, acknowledged without being processed.
        proc = ctx.Process(target=_drive, args=(kind, base + w * share, share, child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    for pipe in pipes:
        pipe.recv()  # every worker is set up: lingua models loaded, connections open
    t0 = time.perf_counter()
    for pipe in pipes:
        pipe.send("go")
    results = [pipe.recv() for pipe in pipes]
    elapsed = time.perf_counter() - t0
    for proc in procs:
        proc.join()
    errors = [r[1] for r in results if r[0] == "error"]
    if errors:
        raise SystemExit(errors[0])
    return share * workers / elapsed, sum(r[1] for r in results), sum(r[2] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1,
        help="worker processes sharing the messages (default: one per core)",
    )  # fmt: skip
    args = parser.parse_args()

    from django.db import connections

    from retour.search.models import QueryLog

    call_command("migrate", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":
        # The production SQLite settings (config/settings/base.py): WAL, and
        # fsync at checkpoints only. A URL-configured database lacks them.
        with connection.cursor() as cur:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
    seed_index()
    _urls()
    client = Client()
    senders = SENDERS
    for i, (_lang, text) in enumerate(TEXTS * 2):  # warm up: lingua loads its models lazily
        senders[i % len(senders)](client, 10_000 + i, text)
    before, sent_before = QueryLog.objects.count(), _sent()
    connections.close_all()

    print(
        f"database: {django.db.connection.vendor}; {args.messages} messages "
        f"(telegram/whatsapp/rapidpro/sms 3:2:1:1, 6 texts in 5 languages), provider faked, "
        f"outbox in the path; "
        f"in-process test client, so HTTP parsing by gunicorn is not counted"
    )
    rows = []
    for run, workers in enumerate(sorted({1, args.workers})):
        rate, replies, cpu = run_parallel("webhook", args.messages, workers, base=run * 1_000_000)
        floor, _, _ = run_parallel("bare", args.messages, workers)
        rows.append((workers, rate, replies, cpu, floor))
    logged = QueryLog.objects.count() - before
    print(
        f"{'workers':>7} {'msg/s':>7} {'ms/msg':>7} {'CPU ms/msg':>10} {'bare req/s':>10} {'ratio':>6}"
    )
    for workers, rate, _replies, cpu, floor in rows:
        print(
            f"{workers:>7} {rate:>7.0f} {1000 / rate:>7.2f} {1000 * cpu / args.messages:>10.2f} "
            f"{floor:>10.0f} {rate / floor:>6.3f}"
        )
    print(
        f"outbox rows sent (RapidPro replies inline, not counted): {_sent() - sent_before}; "
        f"query-log rows: {logged}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    if len(rows) > 1:
        print(
            f"scaling 1 -> {rows[-1][0]} workers: {rows[-1][1] / rows[0][1]:.2f}x "
            f"(goal >= 1.8x from 1 to 2 workers on PostgreSQL)"
        )
    # The ratio column: webhook messages against bare GET /healthz requests with
    # the same workers. The goal is judged with one worker per core.
    best = rows[-1]
    print(
        f"goal >= {TARGET:.0f} msg/s with {best[0]} worker(s): {best[1] / TARGET:.2f} of it "
        f"({'met' if best[1] >= TARGET else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
