"""Webhook throughput with the provider faked: messages/second through the full
path (signature check, parsing, the delivery claim, rate limit, conversation
state, language detection, search, reply composition, query log, the outbox
insert and then the outbox delivery attempt: claim, fake provider call, mark
sent), against a bare Django request (GET /healthz: one SELECT 1) on the same
workers, which is the ceiling the machine allows.

The outbox is in the path: tasks run on the immediate backend (test
settings), so each turn's replies are delivered right after the webhook's
commit, in the same worker, and every reply counted below is an outbox row
marked sent.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_webhook \
        .venv/bin/python bench/webhook_bench.py [--messages 1000] [--workers 2] [--repeat 3]

On PostgreSQL the database must be named bench*: its tables are dropped and
migrated afresh. Without DATABASE_URL a temporary SQLite file is used.

First prints the statements and commits of one message per channel type (a
first message, then a follow-up from the same sender). Then every sender gets
a conversation (untimed), and 1 worker and N workers run ``--repeat`` times,
interleaved, each run from the same state: people writing again in an open
conversation the bot answers. Reports best and median.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import multiprocessing
import os
import re
import statistics
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


def _fresh_database() -> None:
    """PostgreSQL: drop and re-migrate a bench database (never any other)."""
    if connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    if not name.startswith("bench"):
        raise SystemExit(f"refusing to wipe database {name!r}: use one named bench*")
    with connection.cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


# -- statements per message ------------------------------------------------------

_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.I)


class Counter:
    """Statements, writes and commits of the default connection. A commit is an
    atomic block's COMMIT, or a write run outside one (autocommit)."""

    def __init__(self) -> None:
        self.statements = self.writes = self.commits = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        if _WRITE.match(sql):
            self.writes += 1
            if not connection.in_atomic_block:
                self.commits += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrap = connection.execute_wrapper(self)
        self._wrap.__enter__()
        self._commit = connection.commit

        def commit():
            self.commits += 1
            return self._commit()

        connection.commit = commit
        return self

    def __exit__(self, *exc):
        connection.commit = self._commit
        self._wrap.__exit__(*exc)


def profile(client: Client) -> None:
    """Print statements / writes / commits of a first message and a follow-up."""
    print(
        f"{'type':>9} {'message':>10} {'replies':>7} {'statements':>10} {'writes':>6} {'commits':>7}"
    )
    for sender in (telegram, whatsapp, rapidpro, sms):
        for label, n in (("first", 900_100), ("follow-up", 900_600)):  # same sender (n % 500)
            from retour.channels.models import OutboxMessage

            before = OutboxMessage.objects.count()
            with Counter() as c:
                response = sender(client, n, TEXTS[0][1])
            assert response.status_code == 200, response.content
            replies = OutboxMessage.objects.count() - before
            if sender is rapidpro:
                replies = len(response.json().get("messages", []))
            print(
                f"{sender.__name__:>9} {label:>10} {replies:>7} {c.statements:>10} "
                f"{c.writes:>6} {c.commits:>7}"
            )
    print(
        "(statements: every one sent, savepoints included, BEGIN/COMMIT not; commits: COMMITs "
        "plus writes outside a transaction. RapidPro replies inline, in the response; its "
        "sample contact writes Persian, the first message finds no Persian answer and is handed "
        "to a counsellor, so the follow-up waits for one and gets no bot reply)"
    )


# -- timed runs ------------------------------------------------------------------


def prime(client: Client) -> None:
    """Open a conversation for every sender the timed runs use (a greeting
    each: welcome only), so every run measures the same steady state: people
    writing again in an open conversation, not a mix that shifts from run to
    run as more of them become known."""
    for sender in (telegram, whatsapp, rapidpro, sms):
        for s in range(500):
            response = sender(client, 3_000_000 + s, "hello")
            assert response.status_code == 200, response.content


def _reset_conversations() -> None:
    """Back to the bot (untimed): a conversation handed to a counsellor gets no
    bot reply, so without this later runs would do less work than earlier ones."""
    from retour.channels.models import Conversation, ConversationStatus

    Conversation.objects.exclude(status=ConversationStatus.CLOSED).update(
        status=ConversationStatus.BOT, handoff_reason="", choices=[]
    )


def _backend_cpu() -> float:
    """CPU seconds of this worker's PostgreSQL backend so far (same host only)."""
    if connection.vendor != "postgresql":
        return 0.0
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            pid = cur.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _busy() -> float:
    """CPU seconds the whole machine has spent busy (all processes)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _drive(kind: str, start: int, count: int, conn) -> None:
    """One worker process: send its share of the messages (or bare requests)
    once the parent says go, and report the CPU it and its backend used."""
    from django.db import connections

    connections.close_all()  # never share the parent's database connection
    client = Client()
    senders = SENDERS
    _sent()  # opens this worker's connection before the clock starts
    conn.send("ready")
    conn.recv()
    c0, b0 = time.process_time(), _backend_cpu()
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
    cpu = time.process_time() - c0
    conn.send(("done", cpu, _backend_cpu() - b0))


def run_parallel(kind: str, messages: int, workers: int, base: int = 0) -> dict:
    """Requests per second with ``workers`` processes, as gunicorn would run
    them (`retour serve` starts 2 × cores + 1), and where the CPU went."""
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
        pipe.recv()  # every worker is set up: connections open
    load = os.getloadavg()[0]
    busy0, t0 = _busy(), time.perf_counter()
    for pipe in pipes:
        pipe.send("go")
    results = [pipe.recv() for pipe in pipes]
    elapsed, busy = time.perf_counter() - t0, _busy() - busy0
    for proc in procs:
        proc.join()
    errors = [r[1] for r in results if r[0] == "error"]
    if errors:
        raise SystemExit(errors[0])
    done = share * workers
    ours, database = sum(r[1] for r in results), sum(r[2] for r in results)
    return {
        "rate": done / elapsed,
        "cpu_ms": 1000 * ours / done,
        "db_ms": 1000 * database / done,
        # What the rest of the machine (other people's processes) used meanwhile.
        "others": max(0.0, busy - ours - database) / elapsed,
        "load": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1,
        help="worker processes sharing the messages (default: one per core)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each worker count (0: statements only)"
    )
    parser.add_argument("--bare", type=int, default=4000, help="bare requests per run")
    args = parser.parse_args()

    from django.db import connections

    from retour.core import language
    from retour.search.models import QueryLog

    _fresh_database()
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
    # Warm the per-process caches before forking, so every worker inherits
    # them (copy on write) instead of filling its own during the timed run:
    # lingua's models, the parsed tsqueries and typo vocabularies of the
    # search engine, the field-encryption keys.
    language.warm_up()
    for i, (_lang, text) in enumerate(TEXTS * 2):
        senders[i % len(senders)](client, 10_000 + i, text)
    print(f"database: {connection.vendor}; statements of one message (after warm-up):")
    profile(client)
    if not args.repeat:  # --repeat 0: the statement counts only
        return
    prime(client)
    before, sent_before = QueryLog.objects.count(), _sent()
    connections.close_all()

    print(
        f"\n{args.messages} messages per run (telegram/whatsapp/rapidpro/sms 3:2:1:1, 6 texts "
        f"in 5 languages, 500 senders per type), provider faked, outbox in the path; "
        f"{args.bare} bare GET /healthz per run; in-process test client (no HTTP parsing)"
    )
    counts = sorted({1, args.workers})
    rows: dict[int, list[dict]] = {w: [] for w in counts}
    bare: dict[int, list[dict]] = {w: [] for w in counts}
    print(
        f"{'run':>3} {'workers':>7} {'msg/s':>7} {'CPU ms/msg':>10} {'PG ms/msg':>9} "
        f"{'bare req/s':>10} {'others (cores)':>14} {'load':>5}"
    )
    run = 0
    for r in range(args.repeat):
        # Alternate the order (1, N, then N, 1, …): a drift of the machine's
        # load or the database's state then favours neither.
        for workers in counts if r % 2 == 0 else counts[::-1]:
            run += 1
            _reset_conversations()
            connections.close_all()
            m = run_parallel("webhook", args.messages, workers, base=(run + 3) * 1_000_000)
            b = run_parallel("bare", args.bare, workers)
            rows[workers].append(m)
            bare[workers].append(b)
            print(
                f"{r + 1:>3} {workers:>7} {m['rate']:>7.1f} {m['cpu_ms']:>10.2f} "
                f"{m['db_ms']:>9.2f} {b['rate']:>10.0f} {m['others']:>14.2f} {m['load']:>5.1f}"
            )
    logged = QueryLog.objects.count() - before
    print(
        f"outbox rows sent (RapidPro replies inline): {_sent() - sent_before}; query-log rows: {logged}"
    )
    _summary(rows, bare, counts)


def _summary(rows: dict, bare: dict, counts: list[int]) -> None:
    def best(runs):
        return max(x["rate"] for x in runs)

    def median(runs):
        return statistics.median(x["rate"] for x in runs)

    for workers in counts:
        print(
            f"{workers} worker(s): webhook best {best(rows[workers]):.1f} / median "
            f"{median(rows[workers]):.1f} msg/s; bare best {best(bare[workers]):.0f} / median "
            f"{median(bare[workers]):.0f} req/s"
        )
    if len(counts) > 1:
        lo, hi = counts[0], counts[-1]
        print(
            f"scaling 1 -> {hi} workers: webhook {best(rows[hi]) / best(rows[lo]):.2f}x best, "
            f"{median(rows[hi]) / median(rows[lo]):.2f}x median; bare (the machine's ceiling) "
            f"{best(bare[hi]) / best(bare[lo]):.2f}x best, "
            f"{median(bare[hi]) / median(bare[lo]):.2f}x median "
            f"(goal >= 1.8x from 1 to 2 workers on PostgreSQL)"
        )
    top = best(rows[counts[-1]])
    print(
        f"earlier goal >= {TARGET:.0f} msg/s with {counts[-1]} worker(s): {top / TARGET:.2f} of it "
        f"({'met' if top >= TARGET else 'NOT met'})"
    )


if __name__ == "__main__":
    main()
