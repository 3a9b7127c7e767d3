"""Cross-organisation builders for the route walker (see retour/testing/routes.py).

Organisation B owns a country sheet (two revisions, a workflow in progress, a
translation in progress, an editing session, a view restriction) and a
collection holding an image and a document; every Wagtail and wagtail-localize
route parameter resolves to one of them.
"""

from __future__ import annotations

import io
from typing import Any

from retour.testing.routes import (
    FINGERPRINTS,
    MODEL_FORMS,
    PK_MODELS,
    once,
    platform_route,
    public_route,
    register_model,
    register_param,
    register_route,
)

from .factories import country_sheet


def _once(tc, name: str, build):
    return once(tc, f"content_{name}", build)


def _org_b_page(tc):
    def build():
        page = country_sheet(organisation=tc.org_b, title=f"Sheet {tc.canary}", country="IQ")
        # A draft on top of the published revision: revisions compare/revert,
        # and a pending workflow so the workflow routes have real org-B objects.
        page.title = f"Sheet {tc.canary} (draft)"
        page.save_revision(user=tc.users[("b", "editor")])
        return page

    return _once(tc, "page", build)


@register_model("wagtailcore.page", "content.countrysheetpage", "content.ownedpage")
def _page(tc):
    return _org_b_page(tc)


@register_param("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
def _page_id(tc):
    return _org_b_page(tc).pk


@register_param("revision_id", "revision_id_b")
def _revision_id(tc):
    return _org_b_page(tc).latest_revision_id


@register_param("revision_id_a")
def _first_revision_id(tc):
    return _org_b_page(tc).revisions.order_by("pk").first().pk


@register_model("wagtailcore.revision")
def _revision(tc):
    return _org_b_page(tc).latest_revision


def _workflow_state(tc):
    def build():
        from wagtail.models import Page, WorkflowState

        page = _org_b_page(tc)
        state = WorkflowState.objects.filter(object_id=str(page.pk)).first()
        if state is None:
            from retour.content.services import workflow_setup

            workflow = workflow_setup(home=Page.get_first_root_node())
            state = workflow.start(page, tc.users[("b", "editor")])
        return state

    return _once(tc, "workflow_state", build)


@register_param("workflow_state_id")
def _workflow_state_id(tc):
    return _workflow_state(tc).pk


@register_param("task_state_id")
def _task_state_id(tc):
    return _workflow_state(tc).current_task_state.pk


@register_param("task_id")
def _task_id(tc):
    return _workflow_state(tc).current_task_state.task_id


register_param("action_name", selector=True)(lambda tc: "approve")
register_param("action", selector=True)(lambda tc: "delete")
register_param("content_type_app_name", "app_label", "app_name", selector=True)(
    lambda tc: "content"
)
register_param("content_type_model_name", "model_name", selector=True)(
    lambda tc: "countrysheetpage"
)
register_param("filter_spec", selector=True)(lambda tc: "original")
register_param("mode", selector=True)(lambda tc: "draft")


def _collection(tc):
    def build():
        from wagtail.models import Collection

        # The organisation's own media collection when the content app gives
        # each organisation one (OrganisationCollection).
        own = getattr(getattr(tc.org_b, "media_collection", None), "collection", None)
        if own is not None:
            return own
        root = Collection.get_first_root_node()
        return root.add_child(instance=Collection(name=f"Bravo {tc.canary}"))

    return _once(tc, "collection", build)


@register_model("wagtailcore.collection")
def _collection_model(tc):
    return _collection(tc)


@register_param("collection_id")
def _collection_id(tc):
    return _collection(tc).pk


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


@register_model("wagtailimages.image")
def _image(tc):
    def build():
        from django.core.files.base import ContentFile
        from wagtail.images import get_image_model

        return get_image_model().objects.create(
            title=f"Image {tc.canary}",
            file=ContentFile(_png(), name="bravo.png"),
            collection=_collection(tc),
            uploaded_by_user=tc.users[("b", "editor")],
        )

    return _once(tc, "image", build)


@register_param("image_id")
def _image_id(tc):
    return _image(tc).pk


@register_model("wagtaildocs.document")
def _document(tc):
    def build():
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        return get_document_model().objects.create(
            title=f"Document {tc.canary}",
            file=ContentFile(tc.canary.encode(), name="bravo.txt"),
            collection=_collection(tc),
            uploaded_by_user=tc.users[("b", "editor")],
        )

    return _once(tc, "document", build)


@register_param("document_id", "doc_id")
def _document_id(tc):
    return _document(tc).pk


@register_param("uploaded_file_id")
def _uploaded_file_id(tc):
    def build():
        from django.core.files.base import ContentFile
        from wagtail.models import UploadedFile

        return UploadedFile.objects.create(
            file=ContentFile(_png(), name="bravo-upload.png"),
            uploaded_by_user=tc.users[("b", "editor")],
        )

    return _once(tc, "uploaded_file", build).pk


def _translation(tc):
    def build():
        from wagtail.models import Locale
        from wagtail_localize.models import Translation, TranslationSource

        source, _ = TranslationSource.get_or_create_from_instance(_org_b_page(tc))
        locale = Locale.objects.get_or_create(language_code="fr")[0]
        return Translation.objects.create(source=source, target_locale=locale)

    return _once(tc, "translation", build)


@register_param("translation_id")
def _translation_id(tc):
    return _translation(tc).pk


@register_param("translation_source_id")
def _translation_source_id(tc):
    return _translation(tc).source_id


@register_param("string_segment_id")
def _string_segment_id(tc):
    from wagtail_localize.models import StringSegment

    return StringSegment.objects.filter(source=_translation(tc).source).first().pk


@register_param("overridable_segment_id")
def _overridable_segment_id(tc):
    from wagtail_localize.models import OverridableSegment, StringSegment

    segment = OverridableSegment.objects.filter(source=_translation(tc).source).first()
    # Country sheets have no overridable segment (no images/links in the
    # source): point at a string segment of org B, still org B's object.
    return (segment or StringSegment.objects.filter(source=_translation(tc).source).first()).pk


def _editing_session(tc):
    def build():
        from django.contrib.contenttypes.models import ContentType
        from wagtail.admin.models import EditingSession
        from wagtail.models import Page

        return EditingSession.objects.create(
            user=tc.users[("b", "editor")],
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(_org_b_page(tc).pk),
            last_seen_at="2030-01-01T00:00:00Z",
        )

    return _once(tc, "editing_session", build)


@register_param("session_id")
def _session_id(tc):
    return _editing_session(tc).pk


@register_route("wagtailadmin_editing_sessions:ping")
def _ping(tc) -> dict[str, Any]:
    return {
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": _org_b_page(tc).pk,
        "session_id": _session_id(tc),
    }


@register_route(
    "wagtail_bulk_action",
    query=lambda tc: {"id": [_org_b_page(tc).pk], "next": "/admin/"},
)
def _bulk(tc) -> dict[str, Any]:
    return {"app_label": "wagtailcore", "model_name": "page", "action": "delete"}


@register_route("wagtailadmin_pages:revisions_compare")
def _compare(tc) -> dict[str, Any]:
    return {
        "pk": _org_b_page(tc).pk,
        "revision_id_a": _first_revision_id(tc),
        "revision_id_b": _revision_id(tc),
    }


@register_route("wagtailadmin_pages:add")
def _add(tc) -> dict[str, Any]:
    return {
        "content_type_app_name": "content",
        "content_type_model_name": "countrysheetpage",
        "parent_page_id": _org_b_page(tc).pk,
    }


PK_MODELS.update(
    {
        "wagtailadmin_api:pages": "wagtailcore.page",
        "wagtailadmin_pages": "wagtailcore.page",
        "wagtailadmin_collections": "wagtailcore.collection",
        "wagtaildocs_chooser": "wagtaildocs.document",
        "wagtailimages_chooser": "wagtailimages.image",
    }
)


def _fingerprint(tc) -> dict[str, Any]:
    """Org B's Wagtail rows: pages, revisions, workflow, media, translations."""
    from django.db.models import Count, Max
    from wagtail.models import (
        Collection,
        PageLogEntry,
        Revision,
        TaskState,
        WorkflowState,
    )
    from wagtail_localize.models import StringTranslation, Translation

    from retour.content.models import OwnedPage

    pages = OwnedPage.objects.filter(organisation=tc.org_b)
    ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    collections = Collection.objects.descendant_of(_collection(tc), inclusive=True)
    media = {}
    for label, model in (("images", _image(tc).__class__), ("documents", _document(tc).__class__)):
        media[label] = model.objects.filter(collection__in=collections).aggregate(
            n=Count("pk"), title=Max("title"), file=Max("file")
        )
    return {
        "pages": list(
            pages.order_by("pk").values_list(
                "pk", "title", "live", "locked", "path", "latest_revision_id", "alias_of_id"
            )
        ),
        "revisions": Revision.objects.filter(object_id__in=ids).aggregate(
            n=Count("pk"), at=Max("created_at")
        ),
        "workflow": list(
            WorkflowState.objects.filter(object_id__in=ids).values_list("pk", "status")
        ),
        "tasks": list(
            TaskState.objects.filter(workflow_state__object_id__in=ids).values_list("pk", "status")
        ),
        "log": PageLogEntry.objects.filter(page_id__in=ids).count(),
        "collections": list(collections.values_list("pk", "name", "path")),
        **media,
        "translations": list(
            Translation.objects.filter(source__object_id=_org_b_page(tc).translation_key)
            .order_by("pk")
            .values_list("pk", "enabled", "target_locale_id")
        ),
        "string_translations": StringTranslation.objects.filter(
            context__object_id=_org_b_page(tc).translation_key
        ).count(),
    }


FINGERPRINTS.append(_fingerprint)


# -- classification of Wagtail's and wagtail-localize's own routes ----------------

SUPERUSER = "Wagtail's platform editor; its model permissions belong to no organisation role"
for _ns in (
    "wagtailusers_users:",
    "wagtailusers_groups:",
    "wagtailsites:",
    "wagtaillocales:",
    "wagtailadmin_workflows:",
    "wagtailredirects:",
    "wagtailsettings:",
):
    platform_route(_ns, reason=SUPERUSER)
for _name in ("snippets_api_listing", "snippets_api_detail", "submit_snippet_translation"):
    platform_route(
        f"wagtail_localize:{_name}",
        reason="the only snippet is the platform concept list (superuser-only); tenant content is pages",
    )
platform_route(
    "wagtailadmin_error_test",
    reason="Wagtail's deliberate 500 for testing error reporting",
    fetch=False,
)
platform_route(
    "wagtailadmin_tag_model_autocomplete",
    reason="tags are one taggit vocabulary shared by every organisation",
)
platform_route(
    "wagtailadmin_tag_autocomplete",
    reason="tags are one taggit vocabulary shared by every organisation",
)
public_route(
    "wagtaildocs_serve",
    reason="serves a document to whoever has its link unless its collection is restricted",
    fetch=False,
)
public_route(
    "wagtaildocs_authenticate_with_password",
    reason="Wagtail's public password form for a restricted collection; shows no document",
    fetch=False,
)
public_route(
    "wagtail_serve",
    reason="Wagtail's public page serving (published pages only)",
    fetch=False,
)
public_route(
    "wagtailcore_authenticate_with_password",
    reason="Wagtail's public password form for view-restricted pages; shows no page content",
    fetch=False,
)
public_route("content:page", reason="public portal pages (published content only)", fetch=False)
public_route("content:feed", reason="public Atom feed of published pages")
public_route(
    "content:country-feed",
    reason="public Atom feed of published pages for one country",
    kwargs=lambda tc: {"country_code": "AF"},
)
public_route("api:content-pages", reason="public read-only API of published pages")
public_route(
    "api:content-page",
    reason="public read-only API of one published page",
    kwargs=lambda tc: {"translation_key": "00000000-0000-0000-0000-000000000000"},
)
public_route("api:content-hsds", reason="public HSDS export of published service points")


def _page_forms() -> list[type]:
    from retour.content.models import CountrySheetPage

    return [CountrySheetPage.get_edit_handler().get_form_class()]


def _image_forms() -> list[type]:
    from wagtail.images import get_image_model
    from wagtail.images.forms import get_image_form

    return [get_image_form(get_image_model())]


def _document_forms() -> list[type]:
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    return [get_document_form(get_document_model())]


def _collection_forms() -> list[type]:
    from wagtail.admin.forms.collections import CollectionForm

    return [CollectionForm]


MODEL_FORMS.update(
    {
        "wagtailcore.page": _page_forms,
        "content.countrysheetpage": _page_forms,
        "wagtailimages.image": _image_forms,
        "wagtaildocs.document": _document_forms,
        "wagtailcore.collection": _collection_forms,
    }
)
public_route(
    "content:support",
    reason="public questionnaire over published programmes of every organisation; stores nothing",
)
public_route(
    "api:content-programmes-suggest",
    reason="public API of the questionnaire over published programmes; stores nothing",
)
