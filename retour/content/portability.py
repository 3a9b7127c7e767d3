"""`retour content export DIR` / `import DIR`: the knowledge base as files.

Layout (UTF-8 JSON, sorted keys, one file per page and language):

    manifest.json
    pages/<type>/<translation_key>.<locale>.json

Owners are referenced by organisation slug. An import is validated whole
before anything is written, and written in one transaction: a broken file
rejects the whole import with one line per file, field and reason.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale

from retour.core.actors import SystemActor
from retour.orgs.models import Organisation
from retour.orgs.validators import VALID_COUNTRIES

from . import import_write, services
from .models import (
    CountryIndexPage,
    CountrySheetPage,
    DecisionExplainerPage,
    HomePage,
    OwnedPage,
    ProgrammeIndexPage,
    ReturnProgrammePage,
    ServicePointIndexPage,
    ServicePointPage,
    ShortAnswerIndexPage,
    ShortAnswerPage,
)
from .sanitise import sanitise_html, sanitise_stream

FORMAT_VERSION = 1
ACTOR = SystemActor.cli("content")
# Wagtail is untyped: the page classes are Any to the type checker either way.
TYPES: dict[str, tuple[Any, Any]] = {
    "country_sheet": (CountrySheetPage, CountryIndexPage),
    "programme": (ReturnProgrammePage, ProgrammeIndexPage),
    "decision_explainer": (DecisionExplainerPage, HomePage),
    "service_point": (ServicePointPage, ServicePointIndexPage),
    "short_answer": (ShortAnswerPage, ShortAnswerIndexPage),
}
TYPE_OF = {model: name for name, (model, _parent) in TYPES.items()}
COMMON = [
    "title",
    "slug",
    "seo_title",
    "search_description",
    "purpose",
    "is_sample",
    "last_verified",
    "review_by",
    "machine_translated",
]
# Translation-status timestamps, exported so outdated translations stay outdated.
STATUS_FIELDS = ["content_changed_at", "translated_at"]
# Fields not exported: tree position, publication bookkeeping, locks.
_OWNED_LOCAL = {f.name for f in OwnedPage._meta.local_fields}


def _type_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.local_fields
        if not f.name.endswith("_ptr") and f.name not in _OWNED_LOCAL
    ]


def _dump_value(field, value):
    if isinstance(field, StreamField):
        return list(value.get_prep_value()) if value is not None else []
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def page_to_dict(page) -> dict:
    model = type(page)
    data = {
        "type": TYPE_OF[model],
        "translation_key": str(page.translation_key),
        "locale": page.locale.language_code,
        "organisation": page.organisation.slug,
        "live": page.live,
    }
    for name in COMMON + _type_fields(model):
        field = model._meta.get_field(name)
        data[name] = _dump_value(field, getattr(page, name))
    for name in STATUS_FIELDS:
        value = getattr(page, name)
        data[name] = value.isoformat() if value else None
    if "backing_pages" in data:
        data["backing_pages"] = [_page_ref(block) for block in data["backing_pages"]]
    return data


def _page_ref(block: dict) -> dict:
    """Page ids differ between databases: refer to pages by translation key and locale."""
    target = OwnedPage.objects.filter(pk=block.get("value")).select_related("locale").first()
    if target is None:
        return {"type": "page", "value": None}
    return {
        "type": "page",
        "value": {
            "translation_key": str(target.translation_key),
            "locale": target.locale.language_code,
        },
    }


def export(directory: Path, *, organisation: Organisation | None = None) -> int:
    """Write every page (or only ``organisation``'s) as one JSON file, plus a manifest."""
    directory = Path(directory)
    (directory / "pages").mkdir(parents=True, exist_ok=True)
    count = 0
    for name, (model, _parent) in TYPES.items():
        folder = directory / "pages" / name
        folder.mkdir(exist_ok=True)
        pages = model.objects.select_related("organisation", "locale").order_by("path")
        if organisation is not None:
            pages = pages.filter(organisation=organisation)
        for page in pages:
            data = page_to_dict(page)
            path = folder / f"{data['translation_key']}.{data['locale']}.json"
            path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
            count += 1
    manifest = {
        "format_version": FORMAT_VERSION,
        "pages": count,
        "source_language": settings.LANGUAGE_CODE,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return count


# -- import -------------------------------------------------------------------
@dataclass
class ImportProblem:
    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.reason}"


class ImportRejected(Exception):
    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


LANGS = [code for code, _ in settings.LANGUAGES]


def _load_value(field, value):
    if isinstance(field, StreamField):
        return sanitise_stream(field.name, value or [])
    if isinstance(field, RichTextField):
        return sanitise_html(value)
    return value


def _check_countries(data: dict, rel: str, problems: list) -> None:
    valid = ", ".join(sorted(VALID_COUNTRIES))
    for name in ("country",):
        if name in data and data[name] not in VALID_COUNTRIES:
            problems.append(
                ImportProblem(rel, name, f"unknown country code {data[name]!r}; valid: {valid}")
            )
    for code in data.get("eligible_nationalities") or []:
        if code not in VALID_COUNTRIES:
            problems.append(
                ImportProblem(
                    rel, "eligible_nationalities", f"unknown country code {code!r}; valid: {valid}"
                )
            )


def _validate(rel: str, data, orgs: dict, problems: list) -> OwnedPage | None:
    if not isinstance(data, dict):
        problems.append(ImportProblem(rel, "-", "expected a JSON object"))
        return None
    kind = data.get("type")
    if kind not in TYPES:
        problems.append(
            ImportProblem(rel, "type", f"unknown type {kind!r}; valid: {', '.join(sorted(TYPES))}")
        )
        return None
    model = TYPES[kind][0]
    before = len(problems)
    if data.get("locale") not in LANGS:
        problems.append(
            ImportProblem(
                rel, "locale", f"unknown language {data.get('locale')!r}; valid: {', '.join(LANGS)}"
            )
        )
    if data.get("organisation") not in orgs:
        problems.append(
            ImportProblem(
                rel,
                "organisation",
                f"unknown organisation {data.get('organisation')!r}; valid: "
                f"{', '.join(sorted(orgs)) or '(none: create organisations first)'}",
            )
        )
    _check_countries(data, rel, problems)
    fields = COMMON + _type_fields(model)
    missing = [name for name in ("translation_key", "title", "slug") if not data.get(name)]
    for name in missing:
        problems.append(ImportProblem(rel, name, "required"))
    meta = {"type", "translation_key", "locale", "organisation", "live", *STATUS_FIELDS}
    unknown = set(data) - set(fields) - meta
    for name in sorted(unknown):
        problems.append(ImportProblem(rel, name, "unknown field"))
    # Go on with the fields even when the page's metadata is wrong, so one
    # import reports every problem of the file, not only the first kind.
    broken = len(problems) > before
    if not isinstance(data.get("translation_key"), str):
        return None
    page = model(
        organisation=orgs.get(data.get("organisation")), translation_key=data["translation_key"]
    )
    refs = data.get("backing_pages") or []
    if not isinstance(refs, list) or not all(
        isinstance(r, dict) and (r.get("value") is None or isinstance(r.get("value"), dict))
        for r in refs
    ):
        problems.append(ImportProblem(rel, "backing_pages", "expected a list of page references"))
        return None
    for name in STATUS_FIELDS:
        if data.get(name):
            try:
                datetime.datetime.fromisoformat(data[name])
            except (TypeError, ValueError):
                problems.append(ImportProblem(rel, name, "expected an ISO 8601 date and time"))
    for name in fields:
        if name == "backing_pages" or name in unknown:
            continue
        if name in data:
            field = model._meta.get_field(name)
            try:
                value = _load_value(field, data[name])
                if isinstance(field, StreamField):
                    value = field.to_python(json.dumps(value))
                else:
                    value = field.to_python(value)
            except (ValidationError, TypeError, ValueError) as exc:
                problems.append(ImportProblem(rel, name, _reason(exc)))
                continue
            setattr(page, name, value)
    try:
        page.clean_fields(
            exclude=[
                "path",
                "depth",
                "locale",
                "url_path",
                "draft_title",
                "content_type",
                "translation_key",
                "live",
                "owner",
                # Looked up by slug above (orgs): no query per page to check it exists.
                "organisation",
            ]
        )
        if broken:
            return None
        page.clean()
    except ValidationError as exc:
        for field, messages in getattr(exc, "message_dict", {"-": exc.messages}).items():
            for message in messages:
                problems.append(ImportProblem(rel, field, message))
        return None
    except Exception as exc:
        problems.append(ImportProblem(rel, "-", _reason(exc)))
        return None
    return None if broken else page


def _reason(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc) or exc.__class__.__name__


def read(
    directory: Path, *, organisation: Organisation | None = None
) -> list[tuple[str, dict, OwnedPage]]:
    """Parse and validate every file; raise ImportRejected listing all problems.

    With ``organisation`` (an import started in the admin), every page must be
    that organisation's: another slug is an unknown organisation, a
    translation key already used by another organisation's page is refused
    (the import would otherwise take the page over), and backing pages are
    looked up among its own pages only.
    """
    directory = Path(directory)
    problems: list[ImportProblem] = []
    if not (directory / "pages").is_dir():
        raise ImportRejected([ImportProblem("-", "-", "no pages/ folder")])
    if organisation is not None:
        orgs = {organisation.slug: organisation}
        visible = OwnedPage.objects.filter(organisation=organisation)
    else:
        orgs = {o.slug: o for o in Organisation.objects.all()}
        visible = OwnedPage.objects.all()
    items = []
    for path in sorted((directory / "pages").rglob("*.json")):
        rel = str(path.relative_to(directory))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(ImportProblem(rel, "-", f"not valid UTF-8 JSON: {exc}"))
            continue
        page = _validate(rel, data, orgs, problems)
        if page is not None:
            items.append((rel, data, page))
    if organisation is not None:
        _check_owner(items, organisation, problems)
    _check_not_in_review(items, problems)
    known = {(d["translation_key"], d["locale"]) for _rel, d, _p in items}
    for rel, data, _page in items:
        for ref in data.get("backing_pages") or []:
            value = ref.get("value")
            if value is None:
                continue
            key = (value.get("translation_key"), value.get("locale"))
            exists = (
                key in known
                or visible.filter(
                    translation_key=key[0] if _is_uuid(key[0]) else None,
                    locale__language_code=key[1],
                ).exists()
            )
            if not exists:
                problems.append(
                    ImportProblem(rel, "backing_pages", f"no page {key[0]} in {key[1]!r}")
                )
    if problems:
        raise ImportRejected(problems)
    return items


def _check_owner(items: list, organisation: Organisation, problems: list) -> None:
    keys = {d["translation_key"] for _rel, d, _p in items if _is_uuid(d["translation_key"])}
    taken = set(
        OwnedPage.objects.filter(translation_key__in=keys)
        .exclude(organisation=organisation)
        .values_list("translation_key", flat=True)
    )
    for rel, data, _page in items:
        if _is_uuid(data["translation_key"]) and uuid.UUID(data["translation_key"]) in taken:
            problems.append(
                ImportProblem(
                    rel, "translation_key", "already used by a page your organisation does not own"
                )
            )


def _check_not_in_review(items: list, problems: list) -> None:
    """An import publishes the pages it updates: one in review would go live
    with the file's text instead of the revision the reviewer is deciding on
    (publish_guard.py refuses Wagtail's own publishing the same way)."""
    from .review import pages_in_review

    keys = {
        uuid.UUID(d["translation_key"]) for _rel, d, _p in items if _is_uuid(d["translation_key"])
    }
    existing = {
        (str(key), language): pk
        for pk, key, language in OwnedPage.objects.filter(translation_key__in=keys).values_list(
            "pk", "translation_key", "locale__language_code"
        )
    }
    in_review = pages_in_review(existing.values())
    for rel, data, _page in items:
        if not _is_uuid(data["translation_key"]):
            continue
        key = (str(uuid.UUID(data["translation_key"])), data["locale"])
        if existing.get(key) in in_review:
            problems.append(
                ImportProblem(
                    rel,
                    "-",
                    "the page is in review: a reviewer approves it or requests changes first",
                )
            )


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# Pages written per transaction. On SQLite a transaction holds the one write
# lock: a whole import in one would make every login wait (and fail after the
# busy timeout) for as long as it runs.
BATCH_PAGES = 20


def import_(
    directory: Path,
    *,
    progress=None,
    batch: int = BATCH_PAGES,
    organisation: Organisation | None = None,
) -> dict:
    """Import all or nothing. Returns counts of created and updated pages.

    Every file is validated before anything is written; then pages are written
    in short transactions of ``batch`` pages, in bulk (``import_write``: a few
    queries per page, not a hundred): first the rows of new pages, so that
    every page reference resolves, then each page's revision and publication.
    Should a write still fail, what earlier batches wrote is undone (created
    pages deleted, updated pages back to their previous live revision).
    Re-running an interrupted import converges: pages are matched by
    translation key and locale. ``progress(done, total, message)`` is called
    after each batch.
    """
    items = read(directory, organisation=organisation)
    source = settings.LANGUAGE_CODE
    # Source-language pages first: translations are made from them.
    items.sort(key=lambda item: (item[1]["locale"] != source, item[0]))
    work = [import_write.Item(rel, data, page, TYPES[data["type"]][0]) for rel, data, page in items]
    undo = _Undo()
    total = len(items) * 2

    def report(done: int, message: str) -> None:
        if progress is not None:
            progress(done, total, message)

    try:
        services.site_setup(actor=ACTOR)
        visible = (
            OwnedPage.objects.filter(organisation=organisation)
            if organisation is not None
            else OwnedPage.objects.all()
        )
        with transaction.atomic():
            result = import_write.plan(work, visible=visible, parent_for=_parent_finder())
        for start in range(0, len(work), batch):
            with transaction.atomic():
                chunk = work[start : start + batch]
                for item in chunk:
                    if item.existing is not None:
                        undo.previous.setdefault(item.existing.pk, item.existing.live_revision_id)
                undo.created.extend(import_write.insert_new(chunk, result))
            report(min(start + batch, len(work)), "writing pages")
        import_write.attach(work, result)
        for start in range(0, len(work), batch):
            with transaction.atomic():
                _finish(work[start : start + batch], result)
            report(len(work) + min(start + batch, len(work)), "linking pages")
    except Exception as exc:
        undo.run()
        if isinstance(exc, ImportRejected):
            raise
        raise ImportRejected([ImportProblem("-", "-", f"import failed, nothing written: {exc}")])
    import_write.after_commit()
    created = sum(1 for item in work if item.existing is None)
    return {"created": created, "updated": len(work) - created}


def _parent_finder():
    """``parent_for(model, locale)``: the index page new pages go under, made if missing."""
    found: dict[tuple[Any, int], Any] = {}

    def parent_for(model, locale):
        parent_model = TYPES[TYPE_OF[model]][1]
        key = (parent_model, locale.pk)
        if key not in found:
            parent = parent_model.objects.filter(locale=locale).first()
            if parent is None:
                default = parent_model.objects.get(locale=Locale.get_default())
                parent = default.copy_for_translation(locale, copy_parents=True)
                parent.save_revision().publish()
            found[key] = parent
        return found[key]

    return parent_for


class _Undo:
    """What an import wrote, so a failure part-way can take it back."""

    def __init__(self) -> None:
        self.created: list[int] = []
        self.previous: dict[int, int | None] = {}

    def run(self) -> None:
        from wagtail.models import Page, Revision

        with transaction.atomic():
            for pk in reversed(self.created):
                page = Page.objects.filter(pk=pk).first()
                if page is not None:
                    page.specific.delete()
            for revision_pk in self.previous.values():
                revision = Revision.objects.filter(pk=revision_pk).first() if revision_pk else None
                if revision is not None:
                    revision.publish()


def _finish(items: list, result) -> list:
    """Second pass: revisions and publication (all pages exist now, references resolve)."""
    written = import_write.publish(items, result, fields_of=_fields, status_of=_status)
    return written.published


def _status(data: dict) -> dict:
    return {
        name: datetime.datetime.fromisoformat(data[name]) if data.get(name) else None
        for name in STATUS_FIELDS
    }


def _fields(page) -> dict:
    model = type(page)
    return {
        name: getattr(page, name)
        for name in COMMON + _type_fields(model)
        if name != "backing_pages"
    }
