"""Registry and classification for the cross-organisation route walker.

The walker (retour/core/tests/test_cross_org_routes.py) visits EVERY URL
pattern of ``get_resolver()`` — Retour's, Wagtail's and wagtail-localize's —
and puts each into one class:

* **proven**: the route takes an object parameter; builders fill every
  parameter with an object of organisation B, and every role of organisation A
  must be refused (404) on GET and POST.
* **list**: the route takes no object parameter (a list, a form, a chooser);
  every role of organisation A fetches it and must not see organisation B's
  canary text.
* **public** / **platform**: listed here with a one-line reason: public pages
  and account views (no tenant data), or platform-wide views (superuser-only
  Wagtail editors, or data shared by every organisation).

A route with a parameter that nothing can fill fails the walker with its name,
so a new route is covered (or consciously classified) the moment it is added.

Apps register builders in ``retour/<app>/tests/cross_org.py``:

    from retour.testing.routes import public_route, register_param

    @register_param("case_uuid")
    def _case(tc):                 # tc is the TenantMixin test case (class)
        return CaseFactory(organisation=tc.org_b, notes=tc.canary).uuid

    public_route("search:search", reason="public search over published content")

Builders should put ``tc.canary`` into a visible field: the walker checks that
no page of organisation A ever shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

Builder = Callable[[Any], Any]

# URL parameter name -> builder of organisation B's value (an id, a uuid).
PARAMS: dict[str, Builder] = {}
# URL parameters that pick a kind, not an object (a content type, an action).
SELECTORS: dict[str, Builder] = {}
# Model label ("wagtailimages.Image") -> builder of organisation B's instance;
# fills ``pk`` parameters and the ModelChoiceFields of posted forms.
MODELS: dict[str, Builder] = {}
# Route name -> builder of all its kwargs (overrides PARAMS).
ROUTES: dict[str, Callable[[Any], dict[str, Any]]] = {}
# Route name -> builder of the query string sent with it (e.g. bulk-action ids).
QUERIES: dict[str, Callable[[Any], dict[str, Any]]] = {}
# Namespace (or route name) -> model label, for routes whose ``pk`` the view
# class does not name (Wagtail's view routers).
PK_MODELS: dict[str, str] = {}
# Extra fingerprints of organisation B's rows (beyond every model with an
# ``organisation`` foreign key): the walker fails when one changes.
FINGERPRINTS: list[Builder] = []


@dataclass(frozen=True)
class Rule:
    kind: str  # "public" or "platform"
    reason: str
    kwargs: Callable[[Any], dict[str, Any]] | None = None
    fetch: bool = True


# Key: an exact route name, a namespace ("wagtailsites:"), or a dotted view
# path prefix ("wagtail.admin.views.account."); the longest match wins.
RULES: dict[str, Rule] = {}
# Kept for the builders that predate RULES.
PUBLIC = RULES


def register_param(*names: str, selector: bool = False):
    """Builder for URL parameter(s), used by every route that has them.

    ``selector=True`` marks parameters that choose a kind (a content type, an
    action name) rather than an object of organisation B.
    """

    def decorator(func: Builder) -> Builder:
        for name in names:
            (SELECTORS if selector else PARAMS)[name] = func
        return func

    return decorator


def register_model(*labels: str):
    """Builder of organisation B's instance of a model (``app_label.ModelName``)."""

    def decorator(func: Builder) -> Builder:
        for label in labels:
            MODELS[label.lower()] = func
        return func

    return decorator


def register_route(name: str, *, query: Callable[[Any], dict[str, Any]] | None = None):
    """Builder returning all kwargs for one named route (overrides PARAMS)."""

    def decorator(func):
        ROUTES[name] = func
        if query is not None:
            QUERIES[name] = query
        return func

    return decorator


def public_route(
    name: str,
    *,
    reason: str,
    kwargs: Callable[[Any], dict] | None = None,
    fetch: bool = True,
) -> None:
    """A route that shows no tenant-private data (public pages, webhooks, schema)."""
    RULES[name] = Rule("public", reason, kwargs, fetch)


def platform_route(name: str, *, reason: str, fetch: bool = True) -> None:
    """A platform-wide route: superuser-only, or data shared by every organisation.

    The walker still fetches it as every role of organisation A (unless
    ``fetch=False``) and fails on a 5xx or on organisation B's canary.
    """
    RULES[name] = Rule("platform", reason, None, fetch)


def load_all() -> None:
    for app in settings.RETOUR_APPS:
        dotted = f"{app}.tests.cross_org"
        try:
            import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise


# -- walking the resolver ---------------------------------------------------------


@dataclass
class Route:
    name: str
    params: tuple[str, ...]
    callback: Any
    pattern: str = ""
    positional: int = 0  # unnamed regex groups: reversible only with args
    kind: str = ""
    reason: str = ""
    kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    @property
    def view_class(self) -> Any:
        cb = self.callback
        return getattr(cb, "view_class", None) or getattr(cb, "cls", None)

    @property
    def view_path(self) -> str:
        target = self.view_class or getattr(self.callback, "__wrapped__", self.callback)
        return f"{getattr(target, '__module__', '')}.{getattr(target, '__qualname__', '')}"

    @property
    def key(self) -> str:
        return f"{self.name} ({', '.join(self.params)})" if self.params else self.name


def _params(pattern) -> tuple[tuple[str, ...], int]:
    converters = getattr(pattern.pattern, "converters", None)
    regex = getattr(pattern.pattern, "regex", None)
    names = tuple(converters) if converters else tuple(regex.groupindex) if regex else ()
    groups = regex.groups if regex is not None else 0
    return names, max(0, groups - len(names))


def iter_routes(patterns=None, namespace: str | None = None, prefix: str = "") -> Iterator[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            outer, outer_pos = _params(entry)
            for route in iter_routes(entry.url_patterns, ns, prefix + str(entry.pattern)):
                route.params = outer + route.params
                route.positional += outer_pos
                yield route
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            params, positional = _params(entry)
            yield Route(
                name=name or f"<unnamed {pattern}>",
                params=params,
                callback=entry.callback,
                pattern=pattern,
                positional=positional,
            )


def rule_for(route: Route) -> Rule | None:
    """The longest RULES key that names this route, its namespace or its view."""
    best: tuple[int, Rule] | None = None
    for key, rule in RULES.items():
        hit = (
            key in (route.name, route.view_path)
            or (key.endswith(":") and f"{route.name}".startswith(key))
            or (key.endswith(".") and route.view_path.startswith(key))
        )
        if hit and (best is None or len(key) > best[0]):
            best = (len(key), rule)
    return best[1] if best else None


def model_label(model) -> str:
    return model._meta.label_lower


def pk_model(route: Route) -> str | None:
    """Which model a route's ``pk``-like parameter names."""
    for key in (route.name, route.namespace, route.namespace.partition(":")[0]):
        if key in PK_MODELS:
            return PK_MODELS[key]
    model = getattr(route.view_class, "model", None)
    if model is None:
        model = getattr(route.callback, "view_initkwargs", {}).get("model")
    # Some views compute ``model`` per instance (a cached_property on the class).
    return model_label(model) if hasattr(model, "_meta") else None


# -- what the walker sends and compares --------------------------------------------

MISSING_INT = 2_147_480_000
MISSING_UUID = "00000000-0000-4000-8000-00000000dead"
# Model label -> callable returning the form classes its Wagtail views use
# (image and document forms, a page type's edit-handler form).
MODEL_FORMS: dict[str, Callable[[], list[type]]] = {}


def missing_kwargs(route: Route) -> dict[str, Any]:
    """route.kwargs with every object replaced by one that does not exist."""
    import uuid as uuid_module

    missing: dict[str, Any] = {}
    for name, value in route.kwargs.items():
        if name in SELECTORS:
            missing[name] = value
        elif isinstance(value, int) or str(value).isdigit():
            missing[name] = MISSING_INT
        elif isinstance(value, uuid_module.UUID) or _is_uuid(str(value)):
            missing[name] = MISSING_UUID
        else:
            missing[name] = "missing"
    return missing


def _is_uuid(text: str) -> bool:
    import uuid as uuid_module

    try:
        uuid_module.UUID(text)
    except ValueError:
        return False
    return True


def is_refusal(response, missing) -> bool:
    """A non-404 answer is a refusal only when a missing object gets the very same
    answer: the view refused (no permission, bad input) before looking it up."""
    code = response.status_code
    if code != missing.status_code or code >= 500:
        return False
    if code < 300:
        # The same page as for a missing object (e.g. "released" for a session
        # that is not yours): it neither says nor does anything about org B's.
        return response_text(response) == response_text(missing)
    if code < 400:
        # ``next=`` carries the requested path; compare where it sends you.
        return (
            response.get("Location", "").split("?")[0] == missing.get("Location", "").split("?")[0]
        )
    return True


def response_text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def forms_for(route: Route) -> list[Any]:
    """The form classes a route's view can bind: its ``form_class``, its model's
    Wagtail forms, else every form its (function) view's module can reach."""
    import sys
    from types import ModuleType

    from django import forms

    def is_form(value) -> bool:
        return (
            isinstance(value, type)
            and issubclass(value, forms.BaseForm)
            and not value.__module__.startswith("django.")
        )

    found: list[Any] = []
    form_class = getattr(route.view_class, "form_class", None)
    if is_form(form_class):
        found.append(form_class)
    label = pk_model(route)
    if label in MODEL_FORMS:
        found.extend(MODEL_FORMS[label]())
    if not found and route.view_class is None:
        module = sys.modules.get(getattr(route.callback, "__module__", ""))
        for value in vars(module).values() if module else ():
            if is_form(value):
                found.append(value)
            elif isinstance(value, ModuleType) and value.__name__.endswith(".forms"):
                found.extend(v for v in vars(value).values() if is_form(v))
    return list(dict.fromkeys(found))


def instance_of_b(tc, model) -> Any:
    """Organisation B's instance of ``model``, or None when it has none."""
    from django.contrib.auth import get_user_model

    from retour.orgs.models import Organisation

    for candidate in (model, *model._meta.get_parent_list()):
        builder = MODELS.get(model_label(candidate))
        if builder is not None:
            return builder(tc)
    if issubclass(model, Organisation):
        return tc.org_b
    if issubclass(model, get_user_model()):
        return tc.users[("b", "admin")]
    if any(f.name == "organisation" for f in model._meta.get_fields()):
        return model._base_manager.filter(organisation=tc.org_b).first()
    return None


def body_for(tc, route: Route, ids: dict[str, Any]) -> dict[str, Any]:
    """A POST body naming organisation B's objects: every object parameter, and
    every (multiple) model choice field of the view's forms."""
    from django import forms

    body: dict[str, Any] = {name: str(value) for name, value in ids.items()}
    for form_class in forms_for(route):
        try:
            fields = form_class().fields
        except Exception:  # forms needing arguments: their declared fields will do
            fields = form_class.base_fields
        for name, form_field in fields.items():
            queryset = getattr(form_field, "queryset", None)
            if not isinstance(form_field, forms.ModelChoiceField) or queryset is None:
                continue
            obj = instance_of_b(tc, queryset.model)
            if obj is None:
                continue
            value = str(getattr(obj, form_field.to_field_name or "pk"))
            multiple = isinstance(form_field, forms.ModelMultipleChoiceField)
            body[name] = [value] if multiple else value
    return body


def _org_paths() -> list[tuple[Any, str]]:
    """(model, lookup to Organisation) for every model organisation B owns rows of,
    directly (an ``organisation``-like FK) or one foreign key away."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import connection

    from retour.orgs.models import Organisation

    # A model whose migration is not written yet has no table: nothing to compare.
    tables = set(connection.introspection.table_names())
    models = [m for m in apps.get_models() if m._meta.db_table in tables]
    direct: list[tuple[Any, str]] = []
    for model in models:
        for f in model._meta.get_fields():
            own = getattr(f, "model", None) is model
            if f.many_to_one and own and f.related_model is Organisation:
                direct.append((model, f.name))
    owned = {model for model, _ in direct}
    hops: list[tuple[Any, str]] = []
    for model in models:
        for f in model._meta.get_fields():
            target = getattr(f, "related_model", None)
            if not (f.many_to_one and getattr(f, "model", None) is model and target in owned):
                continue
            if target is get_user_model() or model in owned:
                continue
            hops.extend((model, f"{f.name}__{path}") for m, path in direct if m is target)
    return direct + hops


# (database alias, organisation B's pk) -> [(key, SQL, params, aggregate names)]: the
# walker takes a fingerprint around every route (hundreds a walk); compiling ~40
# aggregate queries through the ORM each time cost more than running them.
_FINGERPRINT_SQL: dict[tuple[str, Any], list[tuple[str, str, Any, list[str]]]] = {}


def fingerprint(tc) -> dict[str, Any]:
    """Count and latest timestamps of organisation B's rows, table by table."""
    from django.db import connection

    plan = _FINGERPRINT_SQL.get((connection.alias, tc.org_b.pk))
    if plan is None:
        plan = _FINGERPRINT_SQL[(connection.alias, tc.org_b.pk)] = _fingerprint_plan(tc)
    out: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for key, sql, params, names in plan:
            # The same SQL the ORM ran, unconverted: only compared with itself.
            cursor.execute(sql, params)
            out[key] = dict(zip(names, cursor.fetchone(), strict=True))
    for extra in FINGERPRINTS:
        out.update(extra(tc))
    return out


def _fingerprint_plan(tc) -> list[tuple[str, str, Any, list[str]]]:
    """Run each table's aggregate once through the ORM and keep the SQL it sent."""
    from django.db import connection
    from django.db.models import Count, Max

    plan = []
    for model, path in _org_paths():
        stamps = [
            f.name
            for f in model._meta.concrete_fields
            if f.get_internal_type() in ("DateTimeField", "DateField")
        ]
        aggregates = {"n": Count("pk"), **{s: Max(s) for s in stamps}}
        sent: list[tuple[str, Any]] = []

        def record(execute, sql, params, many, context, sent=sent):
            sent.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            model._base_manager.filter(**{path: tc.org_b}).aggregate(**aggregates)
        (sql, params), *more = sent
        assert not more, f"one aggregate query for {model._meta.label}, got {len(sent)}"
        plan.append((f"{model._meta.label}:{path}", sql, params, list(aggregates)))
    return plan


# -- coverage summary (printed by the root conftest.py) -----------------------------

COVERAGE_ENV = "RETOUR_ROUTE_COVERAGE_FILE"


def coverage_file() -> str:
    """Where the walker leaves its counts; set once by the pytest process that
    prints the summary, inherited by xdist workers (they start after it)."""
    import os
    import tempfile

    default = os.path.join(tempfile.gettempdir(), f"retour-route-coverage-{os.getpid()}.json")
    return os.environ.setdefault(COVERAGE_ENV, default)


def coverage_summary(terminalreporter) -> None:
    import json
    import os

    path = os.environ.get(COVERAGE_ENV)
    if not path or not os.path.exists(path):
        return
    with open(path) as fh:
        data = json.load(fh)
    os.remove(path)
    counts, roles, total = data["counts"], data["roles"], data["routes"]
    classified = total - counts.get("unclassified", 0)
    line = ", ".join(
        f"{kind} {counts.get(kind, 0)}" for kind in ("proven", "list", "public", "platform")
    )
    terminalreporter.write_sep("-", "cross-organisation route walker")
    terminalreporter.write_line(
        f"routes: {total} ({line}; {counts.get('unfetched', 0)} classified but not fetched)"
    )
    fetched = total - counts.get("unfetched", 0) - counts.get("unclassified", 0)
    walks = max(len(data.get("walks", [])), 1)
    terminalreporter.write_line(
        f"routes x roles x directions fetched: {fetched} x {roles} x {walks} = "
        f"{fetched * roles * walks} "
        + ("(each organisation's roles against the other);" if walks > 1 else "(org A's roles);")
        + f" classified: {100 * classified / max(total, 1):.0f} %"
    )
    if data["known_leaks"]:
        terminalreporter.write_line(f"KNOWN_LEAKS still open: {', '.join(data['known_leaks'])}")


def once(tc, name: str, build: Callable[[], Any]) -> Any:
    """One org-B object per test class, built on first use (builders run per route).

    Kept in the class's own ``__dict__``: a subclass (the walk the other way
    round) must build its own, not inherit an object its parent's rolled-back
    transaction removed.
    """
    owner = tc if isinstance(tc, type) else type(tc)
    attr = f"_walker_{name}"
    if attr not in owner.__dict__:
        setattr(owner, attr, build())
    # Through getattr: setUpTestData wraps class attributes in TestData.
    return getattr(tc, attr)
