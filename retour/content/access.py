"""Another organisation's object looks missing in the Wagtail admin (404).

The organisation boundary itself is carried by Wagtail's own permission
system: the page policy and tester in :mod:`retour.content.permissions`, and
per-organisation collections (GroupCollectionPermission) for images and
documents. With them alone every Wagtail view already refuses another
organisation's page, image or document — but in Wagtail's words: 403, or a
redirect to the dashboard with "Sorry, you do not have permission". That
answer confirms the object exists.

This module only changes *how* the refusal looks. Wagtail views fetch the
object from a URL argument themselves (``get_object_or_404(Page, id=...)``);
:func:`guard_urlpatterns` wraps, in place, each admin URL whose arguments name
a page, image, document, collection or wagtail-localize translation, and
answers 404 when the object belongs to an organisation the user is not a
member of. It grants nothing: a route it does not know still refuses through
the policy, and a member of the owning organisation gets Wagtail's own answer.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import Http404

from retour.orgs.models import Membership

# Organisation id of an object, None when it belongs to none (structure, platform).
Resolver = Callable[[int], int | None]


def _page(pk: int) -> int | None:
    from .models import OwnedPage

    return OwnedPage.objects.filter(pk=pk).values_list("organisation_id", flat=True).first()


def _collection(pk: int) -> int | None:
    """The organisation whose collection is ``pk`` or one of its ancestors."""
    from wagtail.models import Collection

    from .models import OrganisationCollection

    path = Collection.objects.filter(pk=pk).values_list("path", flat=True).first()
    if path is None:
        return None
    for org_id, own_path in OrganisationCollection.objects.values_list(
        "organisation_id", "collection__path"
    ):
        if path.startswith(own_path):
            return org_id
    return None


def _in_collection(model_getter) -> Resolver:
    def resolve(pk: int) -> int | None:
        row = model_getter().objects.filter(pk=pk).values_list("collection_id", flat=True)
        collection_id = row.first()
        return None if collection_id is None else _collection(collection_id)

    return resolve


def _image_model():
    from wagtail.images import get_image_model

    return get_image_model()


def _document_model():
    from wagtail.documents import get_document_model

    return get_document_model()


def _source(pk: int) -> int | None:
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.filter(pk=pk).first()
    if source is None:
        return None
    try:
        instance = source.get_source_instance()
    except Exception:  # the source object was deleted: nothing left to protect
        return None
    return _page(instance.pk) if hasattr(instance, "path") else None


def _translation(pk: int) -> int | None:
    from wagtail_localize.models import Translation

    source_id = Translation.objects.filter(pk=pk).values_list("source_id", flat=True).first()
    return None if source_id is None else _source(source_id)


_image = _in_collection(_image_model)
_document = _in_collection(_document_model)

# URL argument name -> resolver. ``pk`` is resolved by the view's model below.
KWARG_RESOLVERS: dict[str, Resolver] = {
    "page_id": _page,
    "parent_page_id": _page,
    "page_to_move_id": _page,
    "destination_id": _page,
    "image_id": _image,
    "document_id": _document,
    "doc_id": _document,
    "collection_id": _collection,
    "translation_id": _translation,
    "translation_source_id": _source,
}


def _pk_resolver(callback) -> Resolver | None:
    """Which kind of object a view's ``pk`` argument names, if one we guard."""
    from wagtail.models import Collection, Page

    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    candidates = [
        getattr(callback, "view_initkwargs", {}).get("model"),
        getattr(view_class, "model", None),
    ]
    for model in candidates:
        if isinstance(model, str):  # choosers name their model "app_label.Model"
            from django.apps import apps

            model = apps.get_model(model)
        if not isinstance(model, type):
            continue
        if issubclass(model, Page):
            return _page
        if issubclass(model, Collection):
            return _collection
        if issubclass(model, _image_model()):
            return _image
        if issubclass(model, _document_model()):
            return _document
    # Page views routed per page type (revisions compare) name the page ``pk``.
    if getattr(callback, "__module__", "") == "wagtail.admin.viewsets.pages":
        return _page
    return None


def is_other_organisations(user, org_id: int | None) -> bool:
    """True when ``org_id`` is an organisation ``user`` is not a member of."""
    if org_id is None or user.is_superuser:
        return False
    member_of = getattr(user, "_retour_member_of", None)
    if member_of is None:
        member_of = set(
            Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
        user._retour_member_of = member_of
    return org_id not in member_of


def check_kwargs(user, resolvers: dict[str, Resolver], kwargs: dict) -> None:
    """Raise Http404 when a URL argument names another organisation's object."""
    if user is None or not user.is_authenticated:
        return  # Wagtail's own admin-access check sends them to the login page
    for name, resolve in resolvers.items():
        if name not in kwargs:
            continue
        try:
            pk = int(kwargs[name])
        except (TypeError, ValueError):
            raise Http404 from None
        if is_other_organisations(user, resolve(pk)):
            raise Http404


def guard_view(view, resolvers: dict[str, Resolver]):
    if getattr(view, "_retour_guard", False):
        return view

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        check_kwargs(request.user, resolvers, kwargs)
        return view(request, *args, **kwargs)

    wrapper._retour_guard = True  # type: ignore[attr-defined]
    return wrapper


def _kwarg_names(pattern) -> set[str]:
    converters = getattr(pattern.pattern, "converters", {}) or {}
    regex = getattr(pattern.pattern, "regex", None)
    return set(converters) | (set(regex.groupindex) if regex is not None else set())


def guard_urlpatterns(patterns, inherited: frozenset[str] = frozenset()) -> None:
    """Guard, in place, every pattern (recursively) whose arguments name a guarded object."""
    for pattern in patterns:
        names = inherited | _kwarg_names(pattern)
        if hasattr(pattern, "url_patterns"):
            guard_urlpatterns(pattern.url_patterns, frozenset(names))
            continue
        callback = getattr(pattern, "callback", None)
        if callback is None:
            continue
        resolvers = {n: KWARG_RESOLVERS[n] for n in names if n in KWARG_RESOLVERS}
        if "pk" in names and (pk_resolver := _pk_resolver(callback)) is not None:
            resolvers["pk"] = pk_resolver
        if resolvers:
            pattern.callback = guard_view(callback, resolvers)
