"""The one admin view layer: organisation-scoped views, lists and bulk actions.

Every staff view answers three questions the same way, here and nowhere else:

* **Whose request is it?** :func:`current_org` — the organisation the
  middleware resolved (the user's active membership), or ``None``.
* **May I, and on which objects?** ``permission`` is checked in that
  organisation with the policy; objects come only through ``for_org`` (or a
  view's own scoped ``get_base_queryset``), so another organisation's object is
  a 404, indistinguishable from a missing one; a member lacking the permission
  gets an honest 403 (Wagtail would otherwise redirect to the dashboard).
* **Which rows, in which order?** :class:`OrgListView` paginates, sorts,
  searches and filters from query parameters (plain links and a GET form: it
  works without JavaScript), and runs :class:`BulkAction` s on the rows
  selected by a POST (checkboxes, or "all matching"), re-fetched through the
  same scoped queryset so a foreign id selects nothing.

Modelled on RapidPro's org-scoped views (``OrgPermsMixin``/``OrgObjPermsMixin``)
and Wagtail's permission policies (one object answers "may I?" and "which?").
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView

from retour.core.actors import Actor, is_user

from . import policy
from .models import Organisation

# Longest search text and page size a query string may ask for (parsers have limits).
MAX_QUERY_LENGTH = 100
MAX_PER_PAGE = 200
# The most rows one bulk action touches ("all matching" included): a bigger
# change is a job, not a request.
MAX_BULK_ROWS = 5000


def current_org(request: HttpRequest) -> Organisation | None:
    """The organisation this request acts for: the user's active one, or None.

    The middleware resolves it eagerly (``retour.orgs.middleware``), so this is
    a plain attribute read; anonymous requests and users without a membership
    have none. The one helper with this meaning: views must not re-derive it.
    """
    org = getattr(request, "org", None)
    return org if isinstance(org, Organisation) else None


def require_org(request: HttpRequest) -> Organisation:
    """:func:`current_org`, or 404 when there is none (nothing of yours here)."""
    org = current_org(request)
    if org is None:
        raise Http404
    return org


def require_org_perm(request: HttpRequest, action: str) -> Organisation:
    """:func:`require_org`, then the policy: 403 without ``action`` in that organisation."""
    org = require_org(request)
    policy.require(request.user, action, org=org)
    return org


def refuse_as_403(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Answer PermissionDenied with Django's 403 page, not Wagtail's redirect.

    For function views not (yet) on :class:`OrgView`; class views get it from
    ``OrgView.dispatch``.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return permission_denied(request, exc)

    return wrapped


def refuse_patterns_as_403(patterns: Iterable[Any]) -> list[Any]:
    """:func:`refuse_as_403` applied to each URL pattern's view (an admin_urls helper)."""
    out = []
    for pattern in patterns:
        pattern.callback = refuse_as_403(pattern.callback)
        out.append(pattern)
    return out


class OrgView(TemplateView):
    """A staff view acting in the request's organisation.

    ``permission`` (``"app.codename"``) is required in that organisation before
    anything else runs; ``None`` means the view checks per object instead.
    Without an organisation (no membership) the answer is 404: there is nothing
    of yours here. Superusers without a membership are no exception, since
    tenant data always has an owner.
    """

    permission: ClassVar[str | None] = None
    # Views of platform rows too (jobs): a superuser without a membership gets
    # the view with ``self.platform_only`` set, and get_base_queryset decides.
    superuser_without_org: ClassVar[bool] = False
    platform_only: bool = False
    org: Organisation
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            org = current_org(request)
            if org is None and self.superuser_without_org and request.user.is_superuser:
                self.platform_only = True
                return super().dispatch(request, *args, **kwargs)
            org = self.org = require_org(request)
            if self.permission:
                policy.require(request.user, self.permission, org=org)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return permission_denied(request, exc)

    @property
    def actor(self) -> Actor:
        """The acting user for services (staff views are signed in; anything else is refused)."""
        user = self.request.user
        if not is_user(user):
            raise PermissionDenied
        return cast(Actor, user)

    def can(self, action: str, obj: Any = None) -> bool:
        """Whether the user may ``action`` here (on ``obj`` when given), for templates."""
        if self.platform_only:
            return bool(self.request.user.is_superuser)
        if obj is not None:
            return policy.has_perm(self.request.user, action, obj=obj)
        return policy.has_perm(self.request.user, action, org=self.org)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["org"] = None if self.platform_only else self.org
        return context


class OrgObjectMixin:
    """Fetch one object of the organisation by UUID: 404 across organisations.

    ``object_permission`` is then asked of the policy on the object itself.
    """

    model: ClassVar[type[Model]]
    lookup_kwarg: ClassVar[str] = "uuid"
    object_permission: ClassVar[str | None] = None
    org: Organisation
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.for_org(self.org)  # type: ignore[attr-defined]

    def get_object(self) -> Any:
        obj = get_object_or_404(self.get_base_queryset(), uuid=self.kwargs[self.lookup_kwarg])
        if self.object_permission:
            policy.require(self.request.user, self.object_permission, obj=obj)
        return obj


@dataclass(frozen=True)
class ListFilter:
    """One ``?name=value`` filter: a choice list and how it narrows the queryset.

    ``choices`` may be a callable of the view (for choices that depend on the
    organisation, e.g. its members). A value outside the choices is ignored,
    never an error, so a hand-edited link still shows a list.
    """

    name: str
    label: Any
    choices: Sequence[tuple[str, Any]] | Callable[[OrgListView], Sequence[tuple[str, Any]]]
    apply: Callable[[QuerySet[Any], str], QuerySet[Any]]

    def choices_for(self, view: OrgListView) -> list[tuple[str, Any]]:
        # Asked by the filter check and the form alike: computed once per request.
        cache = view.__dict__.setdefault("_filter_choices", {})
        if self.name not in cache:
            choices = self.choices(view) if callable(self.choices) else self.choices
            cache[self.name] = [(str(value), label) for value, label in choices]
        return cache[self.name]


@dataclass(frozen=True)
class BulkAction:
    """An action on the selected rows, offered to whoever holds ``permission``.

    ``run(view, queryset)`` receives only rows of the organisation (the list's
    own filtered queryset narrowed to the selection) and returns an
    HttpResponse (a download) or None (then the list is shown again with the
    messages it added).
    """

    name: str
    label: Any
    permission: str
    run: Callable[[OrgListView, QuerySet[Any]], HttpResponse | None]
    fields: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Column:
    label: Any
    sort: str = ""  # a key of OrgListView.sort_fields; empty: not sortable


class OrgListView(OrgView):
    """A paginated, sortable, searchable, filterable list of the organisation's rows.

    Query parameters: ``q`` (search over ``search_fields``, icontains), one per
    :class:`ListFilter`, ``o`` (a ``sort_fields`` key, ``-`` for descending),
    ``p`` (page) and ``per_page``. POST with ``action``, ``selected`` (UUIDs)
    or ``select_all=1`` runs a :class:`BulkAction` on the filtered rows.
    """

    paginate_by: ClassVar[int] = 50
    search_fields: ClassVar[Sequence[str]] = ()
    sort_fields: ClassVar[dict[str, str | tuple[str, ...]]] = {}
    default_sort: ClassVar[str] = ""
    columns: ClassVar[Sequence[Column]] = ()
    filters: ClassVar[Sequence[ListFilter]] = ()
    bulk_actions: ClassVar[Sequence[BulkAction]] = ()
    # Free-form filters (text, dates) as a Django form over the query string;
    # ``filter_with_form`` narrows the rows with its cleaned data.
    filter_form_class: ClassVar[type[forms.Form] | None] = None
    # Query parameters that choose the list itself (e.g. a box), kept by the filter form.
    keep_params: ClassVar[Sequence[str]] = ()
    model: ClassVar[type[Model]]

    # -- the rows --------------------------------------------------------------
    def get_base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.for_org(self.org)  # type: ignore[attr-defined]

    def params(self) -> QueryDict:
        return self.request.GET

    def search_text(self) -> str:
        return self.params().get("q", "").strip()[:MAX_QUERY_LENGTH]

    def active_filters(self) -> dict[str, str]:
        active = {}
        for f in self.filters:
            value = self.params().get(f.name, "")
            if value and value in {v for v, _label in f.choices_for(self)}:
                active[f.name] = value
        return active

    def filter_form(self) -> forms.Form | None:
        if self.filter_form_class is None:
            return None
        if "_filter_form" not in self.__dict__:
            self.__dict__["_filter_form"] = self.filter_form_class(self.params() or None)
        return self.__dict__["_filter_form"]

    def filter_with_form(self, qs: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
        return qs

    def sort_key(self) -> str:
        wanted = self.params().get("o", "") or self.default_sort
        return wanted if wanted.lstrip("-") in self.sort_fields else self.default_sort

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.get_base_queryset()
        text = self.search_text()
        if text and self.search_fields:
            condition = Q()
            for name in self.search_fields:
                condition |= Q(**{f"{name}__icontains": text})
            qs = qs.filter(condition)
        form = self.filter_form()
        if form is not None and form.is_valid():
            qs = self.filter_with_form(qs, {k: v for k, v in form.cleaned_data.items() if v})
        by_name = {f.name: f for f in self.filters}
        for name, value in self.active_filters().items():
            qs = by_name[name].apply(qs, value)
        key = self.sort_key()
        if key:
            fields = self.sort_fields[key.lstrip("-")]
            fields = (fields,) if isinstance(fields, str) else fields
            desc = key.startswith("-")
            # The pk last makes the order total, so pages never repeat or skip a row.
            qs = qs.order_by(*[f"-{f}" if desc else f for f in fields], "-pk" if desc else "pk")
        return qs

    def per_page(self) -> int:
        try:
            wanted = int(self.params().get("per_page", self.paginate_by))
        except ValueError:
            wanted = self.paginate_by
        return max(1, min(wanted, MAX_PER_PAGE))

    def paginate(self, qs: QuerySet[Any]) -> Page:
        return Paginator(qs, self.per_page()).get_page(self.params().get("p"))

    # -- links -------------------------------------------------------------------
    def query_without(self, *names: str, **replace: str) -> str:
        """The current query string minus ``names`` (and the page), plus ``replace``."""
        query = self.params().copy()
        for name in (*names, "p"):
            query.pop(name, None)
        for name, value in replace.items():
            query[name] = value
        return query.urlencode()

    def column_headers(self) -> list[dict[str, Any]]:
        current = self.sort_key()
        headers = []
        for column in self.columns:
            header: dict[str, Any] = {"label": column.label, "url": "", "aria_sort": ""}
            if column.sort:
                ascending = current == column.sort
                descending = current == f"-{column.sort}"
                target = f"-{column.sort}" if ascending else column.sort
                header["url"] = "?" + self.query_without("o", o=target)
                if ascending:
                    header["aria_sort"] = "ascending"
                elif descending:
                    header["aria_sort"] = "descending"
            headers.append(header)
        return headers

    def allowed_bulk_actions(self) -> list[BulkAction]:
        return [a for a in self.bulk_actions if self.can(a.permission)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        qs = self.get_queryset()
        page = self.paginate(qs)
        active = self.active_filters()
        context.update(
            {
                "page": page,
                "rows": page.object_list,
                "total": page.paginator.count,
                "search_text": self.search_text(),
                "has_search": bool(self.search_fields),
                "filters": [
                    {
                        "name": f.name,
                        "label": f.label,
                        "choices": f.choices_for(self),
                        "value": active.get(f.name, ""),
                    }
                    for f in self.filters
                ],
                "filter_form": self.filter_form(),
                "sort": self.sort_key(),
                "headers": self.column_headers(),
                "bulk_actions": self.allowed_bulk_actions(),
                "page_query": self.query_without(),
                "per_page": self.per_page(),
                "kept_params": [
                    (name, self.params()[name])
                    for name in self.keep_params
                    if name in self.params()
                ],
            }
        )
        return context

    # -- bulk actions --------------------------------------------------------------
    def selected(self) -> QuerySet[Any]:
        """The rows a POST selects, always through the organisation's filtered queryset.

        Filters and search come from the query string the form posts to, so
        "all matching" means what the list showed. Ids that are not UUIDs, or
        that name another organisation's rows, select nothing.
        """
        qs = self.get_queryset()
        if self.request.POST.get("select_all") == "1":
            return qs
        wanted: list[uuid.UUID] = []
        for value in self.request.POST.getlist("selected")[:MAX_BULK_ROWS]:
            try:
                wanted.append(uuid.UUID(value))
            except ValueError:
                continue
        return qs.filter(uuid__in=wanted)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        name = request.POST.get("action", "")
        action = next((a for a in self.bulk_actions if a.name == name), None)
        if action is None:
            messages.error(request, _("Choose an action."))
            return redirect(request.get_full_path())
        policy.require(request.user, action.permission, org=self.org)
        rows = self.selected()
        count = rows.count()
        if count == 0:
            messages.error(request, _("Select at least one row."))
            return redirect(request.get_full_path())
        if count > MAX_BULK_ROWS:
            messages.error(
                request,
                _("At most %(n)d rows at once: narrow the list with its filters.")
                % {"n": MAX_BULK_ROWS},
            )
            return redirect(request.get_full_path())
        response = action.run(self, rows)
        return response if response is not None else redirect(request.get_full_path())
