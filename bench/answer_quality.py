"""What a migrant receives: answer API, web search and chat on the independent set v2.

Issue 12, "How it is measured". Builds a fresh temporary SQLite database (or
uses DATABASE_URL), loads the portal demo content, the search demo and a local
test chat channel, then sends every question of
bench/questions/independent_v2.jsonl through three paths:

- api:  GET /api/v1/answer?q=…&lang=… (Django test Client; only the two
        parameters a phone client knows: the question and its UI language);
- web:  GET /<lang>/search/?q=… (the results the page shows, in its order);
- chat: retour.channels.conversation.handle, the function every channel's
        webhook calls, with the question as a first message from a new
        sender whose phone is set to the question's language.

Expected pages come from bench/questions/independent_v2_labels.jsonl, decided
from each question's intent and the pages' text before any engine was run.
They name the page by the slug all its translations share; the slug is
resolved here to the page's translation key (Wagtail draws keys at random per
database), so any language version of the page counts.

Reported per language and overall: recall@1, recall@3 and MRR on answerable
questions; on questions labelled "none", how often the API and chat gave ONE
page as the answer (a confident wrong answer), offered choices, or said they
have no answer; in the locales without content, how often a labelled page in
another language came back. No timing is measured or asserted.

    .venv/bin/python bench/answer_quality.py [--questions PATH --labels PATH]
        [--show-misses] [--json PATH]

--questions/--labels run another (held-out) set through the same three paths
(default: v2). BENCH_REUSE_DB=1 with DATABASE_URL pointing at a database this
script filled before skips the demo load (minutes on a busy machine).
The API's ``outcome`` field (answer / choices / none) is what its mode counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="retour-bench-answers-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/answers.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

QUESTIONS = ROOT / "bench" / "questions" / "independent_v2.jsonl"
LABELS = ROOT / "bench" / "questions" / "independent_v2_labels.jsonl"
LOCALES = ("en", "fr", "nl", "ar", "fa", "de", "no", "ps", "ti", "so", "ru", "sq", "ur")
# Which locales have demo pages of their own is read from the index at run
# time (content_locales): ps/ti/so gained some, and the split must follow.
WITH_CONTENT: tuple[str, ...] = ("en", "fr", "nl", "ar", "fa")
WITHOUT_CONTENT: tuple[str, ...] = ("de", "no", "ps", "ti", "so", "ru", "sq", "ur")
PATHS = ("api", "web", "chat")
# What a reply did with the question (api and chat).
ANSWER, CHOICES, NO_ANSWER = "answer", "choices", "no answer"
_URL = re.compile(r"(?:https?://[^\s/]+)?(/[^\s]*)")


# -- setup -------------------------------------------------------------------


def setup_demo():
    """The demo content, the search demo and a local chat channel; returns the channel."""
    from retour.channels import demo as channels_demo
    from retour.channels.models import ChannelKind, ChatChannel
    from retour.content import demo as content_demo
    from retour.core.actors import SystemActor
    from retour.core.demo import DemoContext
    from retour.orgs import services as org_services
    from retour.orgs.models import Organisation
    from retour.search import demo as search_demo

    call_command("migrate", interactive=False, verbosity=0)
    if os.environ.get("BENCH_REUSE_DB") and ChatChannel.objects.filter(kind=ChannelKind.LOCAL):
        # A database this script filled before (DATABASE_URL): skip the slow load.
        return ChatChannel.objects.get(organisation__slug="sample-a", kind=ChannelKind.LOCAL)
    actor = SystemActor.cli("bench")
    orgs = []
    for slug, name in (("sample-a", "Sample counselling (bench)"), ("sample-b", "Sample partner")):
        org = Organisation.objects.filter(slug=slug).first() or org_services.organisation_create(
            actor=actor, name=name, slug=slug, type="ngo", is_sample=True
        )
        orgs.append(org)
    context = DemoContext(org_a=orgs[0], org_b=orgs[1], admin=None)
    for loader in (content_demo, search_demo, channels_demo):
        with transaction.atomic():
            loader.load(context=context)
    return ChatChannel.objects.get(organisation=orgs[0], kind=ChannelKind.LOCAL)


def content_locales() -> None:
    """Split the locales by whether the index holds answer pages written in them."""
    global WITH_CONTENT, WITHOUT_CONTENT
    from retour.search import answers
    from retour.search.models import SearchDocument

    present = set(
        SearchDocument.objects.filter(kind__in=answers.ANSWER_KINDS).values_list(
            "locale", flat=True
        )
    )
    WITH_CONTENT = tuple(lang for lang in LOCALES if lang in present)
    WITHOUT_CONTENT = tuple(lang for lang in LOCALES if lang not in present)


def load_rows() -> list[dict]:
    questions = {r["id"]: r for r in _jsonl(QUESTIONS)}
    labels = {r["id"]: r for r in _jsonl(LABELS)}
    missing = set(questions) ^ set(labels)
    if missing:
        raise SystemExit(f"questions and labels differ: {sorted(missing)}")
    return [{**questions[i], **labels[i]} for i in questions]


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


class Pages:
    """Translation keys of the labelled pages and of every URL a reply can link to."""

    def __init__(self):
        from wagtail.models import Locale, Page

        from retour.search.models import SearchDocument

        default = Locale.get_default()
        self.by_slug = {
            p.slug: p.translation_key for p in Page.objects.filter(locale=default).only("slug")
        }
        self.by_page_id = dict(Page.objects.values_list("id", "translation_key"))
        self.by_url = {}
        self.locale_by_url = {}
        for url, key, locale in SearchDocument.objects.values_list(
            "url", "translation_key", "locale"
        ):
            self.by_url[_path(url)] = key
            self.locale_by_url[_path(url)] = locale

    def expected(self, slugs: list[str]) -> set:
        unknown = [s for s in slugs if s not in self.by_slug]
        if unknown:
            raise SystemExit(f"labelled pages not in the demo content: {unknown}")
        return {self.by_slug[s] for s in slugs}


def _path(url: str) -> str:
    return urlsplit(url).path


# -- the three paths ---------------------------------------------------------


@dataclass
class Reply:
    """One path's reply to one question: the ranked pages and what it did."""

    keys: list = field(default_factory=list)  # translation keys, best first
    locales: list[str] = field(default_factory=list)  # the language of each page
    titles: list[str] = field(default_factory=list)
    mode: str = ""  # ANSWER / CHOICES / NO_ANSWER (api, chat); "" for the web
    point_at: int | None = None  # rank of the API's service_point, when it gave one
    point_ranks: set[int] = field(default_factory=set)  # chat's nearest-points listing


def ask_api(client: Client, pages: Pages, row: dict, n: int) -> Reply:
    # A distinct client address per question: the anonymous throttle is per address.
    addr = f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}"
    response = client.get("/api/v1/answer", {"q": row["q"], "lang": row["lang"]}, REMOTE_ADDR=addr)
    if response.status_code != 200:
        raise SystemExit(f"{row['id']}: API answered {response.status_code}: {response.content!r}")
    data = response.json()
    reply = Reply()
    for item in data.get("answers") or []:
        reply.keys.append(pages.by_page_id.get(item.get("page_id")) or _key_of(pages, item["url"]))
        reply.locales.append(item.get("language", ""))
        reply.titles.append(item.get("question", ""))
    answers_n = len(reply.keys)
    declared = {"answer": ANSWER, "choices": CHOICES, "none": NO_ANSWER}.get(data.get("outcome"))
    # The API says what it did; an older one without "outcome": by the count.
    reply.mode = declared or (ANSWER if answers_n == 1 else CHOICES if answers_n > 1 else NO_ANSWER)
    point = data.get("service_point")
    if point:
        # Offered after the answers (or instead of them): a "where" question's answer.
        reply.keys.append(_key_of(pages, point["url"]))
        reply.locales.append(pages.locale_by_url.get(_path(point["url"]), ""))
        reply.titles.append(point.get("title", ""))
        reply.point_at = len(reply.keys)
    return reply


def _key_of(pages: Pages, url: str):
    return pages.by_url.get(_path(url))


# A result on the search page, in the order the reader sees it: the answer
# path's pages, the nearest points, then the other results (search.html).
_RESULT_LINK = re.compile(r'<li class="search-result">\s*<h3[^>]*>\s*<a href="([^"]+)"')
_OPEN = re.compile(r"/search/open/([0-9a-f-]{36})/")


def ask_web(client: Client, pages: Pages, row: dict) -> Reply:
    from retour.search.models import SearchDocument

    response = client.get(f"/{row['lang']}/search/", {"q": row["q"]})
    if response.status_code != 200:
        raise SystemExit(f"{row['id']}: web search answered {response.status_code}")
    # What the page shows, top to bottom (the rendered HTML, not the view's context).
    links = _RESULT_LINK.findall(response.content.decode())
    opened = [m.group(1) for m in map(_OPEN.search, links) if m]
    docs = {str(d.uuid): d for d in SearchDocument.objects.filter(uuid__in=opened)}
    reply = Reply()
    for link in links:
        m = _OPEN.search(link)
        doc = docs.get(m.group(1)) if m else None
        if doc is not None:
            key, locale, title = doc.translation_key, doc.locale, doc.title
        else:
            key, locale, title = _key_of(pages, link), pages.locale_by_url.get(_path(link), ""), ""
        if key is not None and key not in reply.keys:
            reply.keys.append(key)
            reply.locales.append(locale)
            reply.titles.append(title)
    return reply


RUN = random.randrange(1000, 9999)  # new senders even in a reused database


def ask_chat(channel, pages: Pages, row: dict, n: int) -> Reply:
    from retour.channels import conversation
    from retour.channels.types import Incoming
    from retour.search.models import SearchDocument

    incoming = Incoming(
        provider_id=f"bench-{RUN}-{n}",
        address=f"+{RUN}{n:06d}",  # a new sender: a fresh conversation per question
        text=row["q"],
        lang_hint=row["lang"],
    )
    with transaction.atomic():
        turn = conversation.handle(channel=channel, incoming=incoming)
    from retour.search.models import DocumentKind

    reply = Reply(mode=NO_ANSWER)
    points = {
        _path(url)
        for url in SearchDocument.objects.filter(kind=DocumentKind.SERVICE_POINT).values_list(
            "url", flat=True
        )
    }
    for text, options in turn.replies:
        picked = [o.id.removeprefix("doc:") for o in options if o.id.startswith("doc:")]
        if picked:
            docs = {str(d.uuid): d for d in SearchDocument.objects.filter(uuid__in=picked)}
            for doc in (docs[u] for u in picked if u in docs):
                reply.keys.append(doc.translation_key)
                reply.locales.append(doc.locale)
                reply.titles.append(doc.title)
            reply.mode = CHOICES if len(picked) > 1 else ANSWER
            continue
        for path in _URL.findall(text):
            key = pages.by_url.get(_path(path))
            if key is not None and key not in reply.keys:
                reply.keys.append(key)
                reply.locales.append(pages.locale_by_url[_path(path)])
                reply.titles.append(text.splitlines()[0][:80])
                if _path(path) in points:
                    # The nearest service points: a referral to a counsellor, as
                    # the API's service_point is, not a page given as the answer.
                    reply.point_ranks.add(len(reply.keys))
                else:
                    # An answer card: the page's title and text, then its link.
                    reply.mode = ANSWER
    return reply


# -- scoring -----------------------------------------------------------------


def rank_of(reply: Reply, expected: set) -> int | None:
    return next((i for i, key in enumerate(reply.keys, 1) if key in expected), None)


def ranking(ranks: list[int | None]) -> dict:
    n = len(ranks)
    if not n:
        return {"n": 0, "r1": None, "r3": None, "mrr": None}
    return {
        "n": n,
        "r1": sum(1 for r in ranks if r == 1) / n,
        "r3": sum(1 for r in ranks if r and r <= 3) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
    }


def run(channel, rows: list[dict]) -> list[dict]:
    setup_test_environment()  # the test Client records the context each view rendered
    pages = Pages()
    client = Client()
    results = []
    for n, row in enumerate(rows):
        expected = pages.expected(row["expected_slugs"])
        replies = {
            "api": ask_api(client, pages, row, n),
            "web": ask_web(client, pages, row),
            "chat": ask_chat(channel, pages, row, n),
        }
        out = {"id": row["id"], "lang": row["lang"], "q": row["q"], "answerable": bool(expected)}
        for name, reply in replies.items():
            rank = rank_of(reply, expected) if expected else None
            out[name] = {
                "rank": rank,
                "mode": reply.mode,
                # The language of the labelled page that came back, if one did.
                "found_locale": reply.locales[rank - 1] if rank else "",
                "top": reply.titles[:3],
                # One page given as THE answer, and not a labelled one.
                "confident_wrong": reply.mode == ANSWER and rank != 1,
                # Found only as the service point offered with (or instead of) answers.
                "via_point": rank is not None
                and (rank == reply.point_at or rank in reply.point_ranks),
            }
        results.append(out)
    return results


# -- report ------------------------------------------------------------------


def summarise(results: list[dict]) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["lang"]].append(r)
    order = [lang for lang in (*WITH_CONTENT, *WITHOUT_CONTENT) if lang in groups]
    order += sorted(set(groups) - set(order))
    groups_all = {
        **{lang: groups[lang] for lang in order},
        "with content": [r for r in results if r["lang"] in WITH_CONTENT],
        "without": [r for r in results if r["lang"] in WITHOUT_CONTENT],
        "all": results,
    }
    summary = {}
    for name, rows in groups_all.items():
        answerable = [r for r in rows if r["answerable"]]
        unanswerable = [r for r in rows if not r["answerable"]]
        entry = {"n": len(rows), "answerable": len(answerable), "none": len(unanswerable)}
        for path in PATHS:
            entry[path] = ranking([r[path]["rank"] for r in answerable])
            entry[path]["wrong_on_answerable"] = sum(
                1 for r in answerable if r[path]["confident_wrong"]
            )
            entry[path]["via_point_r1"] = sum(
                1 for r in answerable if r[path]["rank"] == 1 and r[path]["via_point"]
            )
            entry[path]["on_answerable"] = {
                mode: sum(1 for r in answerable if r[path]["mode"] == mode)
                for mode in (ANSWER, CHOICES, NO_ANSWER)
            }
            entry[path]["on_none"] = {
                mode: sum(1 for r in unanswerable if r[path]["mode"] == mode)
                for mode in (ANSWER, CHOICES, NO_ANSWER)
            }
            entry[path]["other_language_r1"] = sum(
                1
                for r in answerable
                if r[path]["rank"] == 1 and r[path]["found_locale"] != r["lang"]
            )
            entry[path]["other_language_r3"] = sum(
                1
                for r in answerable
                if r[path]["rank"] and r[path]["rank"] <= 3 and r[path]["found_locale"] != r["lang"]
            )
        summary[name] = entry
    return summary


def _f(x) -> str:
    return "    -" if x is None else f"{x:5.2f}"


def print_tables(summary: dict) -> None:
    print("\nAnswerable questions: recall@1 / recall@3 / MRR")
    head = "".join(f" | {p:^17}" for p in PATHS)
    print(f"{'lang':<12} {'n':>3}{head}")
    for name, e in summary.items():
        cells = "".join(f" | {_f(e[p]['r1'])} {_f(e[p]['r3'])} {_f(e[p]['mrr'])}" for p in PATHS)
        print(f"{name:<12} {e['answerable']:>3}{cells}")

    print("\nAPI hits at rank 1 that are its service point (not an answer)")
    print("  " + ", ".join(f"{k} {e['api']['via_point_r1']}" for k, e in summary.items()))

    print("\nQuestions labelled none: answer (confident wrong) / choices / no answer")
    print(f"{'lang':<12} {'n':>3} | {'api':^14} | {'chat':^14}")
    for name, e in summary.items():
        cells = " | ".join(
            "{:>4} {:>4} {:>4}".format(*(e[p]["on_none"][m] for m in (ANSWER, CHOICES, NO_ANSWER)))
            for p in ("api", "chat")
        )
        print(f"{name:<12} {e['none']:>3} | {cells}")

    print("\nOutcomes on answerable questions: answer / choices / no answer")
    print(f"{'lang':<12} {'n':>3} | {'api':^14} | {'chat':^14}")
    for name, e in summary.items():
        cells = " | ".join(
            "{:>4} {:>4} {:>4}".format(
                *(e[p]["on_answerable"][m] for m in (ANSWER, CHOICES, NO_ANSWER))
            )
            for p in ("api", "chat")
        )
        print(f"{name:<12} {e['answerable']:>3} | {cells}")

    print("\nConfident wrong on answerable questions (one page given, not a labelled one)")
    for name in ("with content", "without", "all"):
        e = summary[name]
        print(
            f"{name:<12} api {e['api']['wrong_on_answerable']:>3}  chat {e['chat']['wrong_on_answerable']:>3}"
        )

    print("\nLocales without content: labelled page from another language (count at 1 / at 3)")
    print(f"{'lang':<12} {'n':>3} | {'api':^9} | {'web':^9} | {'chat':^9}")
    for name in (*WITHOUT_CONTENT, "without"):
        if name not in summary:
            continue
        e = summary[name]
        cells = " | ".join(
            f"{e[p]['other_language_r1']:>4} {e[p]['other_language_r3']:>4}" for p in PATHS
        )
        print(f"{name:<12} {e['answerable']:>3} | {cells}")


def print_goals(summary: dict) -> None:
    """The goals of issue 12 next to what was measured."""
    every = summary["all"]
    content = [lang for lang in WITH_CONTENT if lang in summary]
    lines = []
    for path in ("api", "chat"):
        r1 = every[path]["r1"]
        lines.append((f"{path} recall@1 overall >= 0.6", f"{r1:.2f}", r1 >= 0.6))
        worst = min(content, key=lambda lang: summary[lang][path]["r1"])
        value = summary[worst][path]["r1"]
        lines.append(
            (
                f"{path} recall@1 >= 0.5 in every language with content",
                f"{worst} {value:.2f}",
                value >= 0.5,
            )
        )
    r3 = every["web"]["r3"]
    lines.append(("web recall@3 overall >= 0.85", f"{r3:.2f}", r3 >= 0.85))
    without = summary["without"]
    for path in PATHS:
        n = without["answerable"]
        value = without[path]["other_language_r3"] / n if n else 0.0
        lines.append(
            (
                f"{path}: no-content locales, labelled page (other language) recall@3 >= 0.6",
                f"{value:.2f}",
                value >= 0.6,
            )
        )
    n_none = every["none"]
    for path in ("api", "chat"):
        wrong = every[path]["on_none"][ANSWER]
        lines.append(
            (
                f"{path}: <= 1 confident wrong per 20 no-answer questions",
                f"{wrong}/{n_none} = {wrong / n_none:.3f}",
                wrong / n_none <= 0.05,
            )
        )
    print("\nGoals (issue 12)")
    for goal, value, met in lines:
        print(f"  {goal:<72} {value:>14}  {'met' if met else 'NOT met'}")


def print_misses(results: list[dict]) -> None:
    for r in results:
        for path in PATHS:
            x = r[path]
            if (r["answerable"] and x["rank"] != 1) or x["confident_wrong"]:
                print(
                    f"MISS {path:<4} {r['id']:<6} rank={x['rank']} mode={x['mode']!r} "
                    f"{r['q'][:60]!r} -> {x['top'][:2]}"
                )


def main() -> None:
    global QUESTIONS, LABELS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    QUESTIONS, LABELS = args.questions, args.labels
    channel = setup_demo()
    content_locales()
    rows = load_rows()
    print(
        f"database: {django.db.connection.vendor}; {len(rows)} questions, "
        f"{sum(1 for r in rows if r['expected_slugs'])} answerable"
    )
    results = run(channel, rows)
    summary = summarise(results)
    print_tables(summary)
    print_goals(summary)
    if args.show_misses:
        print_misses(results)
    if args.json:
        path = args.json
        path.write_text(
            json.dumps(
                {"summary": summary, "results": results}, ensure_ascii=False, indent=1, default=str
            )
        )
        print(f"\nper-question results written to {path}")


if __name__ == "__main__":
    main()
