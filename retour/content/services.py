"""Writes for the content portal. Each one audits itself."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from retour.core import audit
from retour.core.actors import Actor, SystemActor, is_user
from retour.core.audit import service
from retour.orgs import policy

from .models import (
    CountryIndexPage,
    HomePage,
    OrganisationCollection,
    OrgReviewTask,
    OwnedPage,
    ProgrammeIndexPage,
    ServicePointIndexPage,
    ShortAnswerIndexPage,
)
from .roles import COLLECTION_PERMISSIONS, PAGE_PERMISSIONS

WORKFLOW_NAME = "Review by the owning organisation"
INDEX_PAGES = [
    (CountryIndexPage, "Countries of return", "countries"),
    (ProgrammeIndexPage, "Return programmes", "programmes"),
    (ServicePointIndexPage, "Where to get help", "help"),
    (ShortAnswerIndexPage, "Questions and answers", "answers"),
]


def page_permissions_sync(*, org_group) -> None:
    """Grant the org group its Wagtail page permissions on every language root.

    The grants cover each HomePage's tree; the page policy (permissions.py)
    narrows them to the group's own organisation. The tree root itself is
    structure and stays with platform admins: grants there (from older
    versions) are removed, so Wagtail's stock tester never sees them.
    """
    GroupPagePermission.objects.filter(group=org_group.group, page__depth=1).delete()
    codenames = PAGE_PERMISSIONS.get(org_group.role, [])
    if not codenames:
        return
    perms = list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )
    for home in HomePage.objects.all():
        for perm in perms:
            GroupPagePermission.objects.get_or_create(
                group=org_group.group, page=home, permission=perm
            )


@service
def organisation_collection_sync(*, org_group) -> Collection:
    """The organisation's own media collection, and this group's rights on it.

    Created with the organisation's first group (and, for organisations that
    predate it, by the post-migrate sync); Wagtail's GroupCollectionPermission
    then keeps each organisation's images and documents to itself.
    """
    organisation = org_group.organisation
    link = OrganisationCollection.objects.filter(organisation=organisation).first()
    if link is None:
        collection = Collection.get_first_root_node().add_child(name=organisation.name)
        link = OrganisationCollection.objects.create(
            organisation=organisation, collection=collection
        )
        audit.record(
            actor=SystemActor.job("collection-sync"),
            action="content.collection_create",
            obj=collection,
            organisation=organisation,
        )
    codenames = COLLECTION_PERMISSIONS.get(org_group.role, [])
    perms = Permission.objects.filter(
        content_type__app_label__in=("wagtailimages", "wagtaildocs"), codename__in=codenames
    )
    for perm in perms:
        GroupCollectionPermission.objects.get_or_create(
            group=org_group.group, collection=link.collection, permission=perm
        )
    return link.collection


def _locales() -> dict[str, Locale]:
    result = {}
    for code, _name in settings.LANGUAGES:
        result[code], _ = Locale.objects.get_or_create(language_code=code)
    return result


@service
def site_setup(*, actor: Actor) -> HomePage:
    """Locales, one HomePage per launch locale, index pages, the review workflow.

    Idempotent: run by the demo and safe to run again. Platform structure:
    no organisation role sets it up.
    """
    policy.require_actor(actor, "wagtailcore.add_site", platform=True)
    locales = _locales()
    default = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=default).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Retour",
                slug="portal",
                locale=default,
                intro="<p>Reviewed information about return, maintained by organisations.</p>",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # Wagtail's placeholder welcome page is no longer reachable; remove it.
    for page in root.get_children().exclude(pk=home.pk).exclude(content_type__app_label="content"):
        if page.get_children_count() == 0 and not Site.objects.filter(root_page=page).exists():
            page.delete()
    for klass, title, slug in INDEX_PAGES:
        if not klass.objects.filter(locale=default).exists():
            index = home.add_child(instance=klass(title=title, slug=slug, locale=default))
            index.save_revision().publish()
    for code, locale in locales.items():
        if code != settings.LANGUAGE_CODE and not home.has_translation(locale):
            copy = home.copy_for_translation(locale)
            copy.save_revision().publish()
    workflow_setup(home=root)
    audit.record(
        actor=actor, action="content.site_setup", obj=home, detail={"locales": list(locales)}
    )
    return home


def workflow_setup(*, home) -> Workflow:
    task = OrgReviewTask.objects.filter(name="Review by owning organisation").first()
    if task is None:
        task = OrgReviewTask.objects.create(name="Review by owning organisation")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def _actor_user(actor: Actor):
    """The user Wagtail records on revisions; None for a SystemActor (trusted).

    Anything that is neither (a plain string, None) is refused, as by
    ``policy.require_actor``: a label is not an identity.
    """
    if isinstance(actor, SystemActor):
        return None
    if is_user(actor):
        return actor
    raise TypeError(f"actor must be a User or a SystemActor, not {type(actor).__name__}")


@service
def page_create(*, actor: Actor, parent: Page, page: OwnedPage, publish: bool = False) -> OwnedPage:
    """Create an owned page under ``parent``; publish directly only for platform/CLI actors.

    People publish through the review workflow; ``publish`` is for the demo, the
    importer and superusers.
    """
    user = _actor_user(actor)
    if user is not None:
        policy.require(user, "content.edit_owned_page", org=page.organisation)
        if publish and not user.is_superuser:
            policy.require(user, "content.review_owned_page", org=page.organisation)
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    audit.record(
        actor=actor,
        action="page.create",
        obj=page,
        organisation=page.organisation,
        detail={"type": page._meta.model_name, "published": publish},
    )
    return page


@service
def page_translate(
    *, actor: Actor, page: OwnedPage, locale: Locale, fields: dict, machine: bool = False
) -> OwnedPage:
    """Create (or update) the translation of ``page`` in ``locale`` and publish it."""
    user = _actor_user(actor)
    if user is not None:
        policy.require(user, "content.review_owned_page", org=page.organisation)
    existing = page.get_translation_or_none(locale)
    if existing is None:
        parent = page.get_parent()
        translated_parent = parent.get_translation_or_none(locale)
        if translated_parent is None:
            translated_parent = parent.specific.copy_for_translation(locale, copy_parents=True)
            translated_parent.save_revision().publish()
        target = page.copy_for_translation(locale)
    else:
        target = existing.specific
    for name, value in fields.items():
        setattr(target, name, value)
    target.machine_translated = machine
    target.save()
    target.save_revision(user=user).publish(user=user)
    target.refresh_from_db()
    audit.record(
        actor=actor,
        action="page.translate",
        obj=target,
        organisation=page.organisation,
        detail={"locale": locale.language_code, "machine": machine},
    )
    return target


class TranslationMismatch(ValueError):
    """A translated page does not have the source's shape (fields, blocks, paragraphs)."""


_BLOCK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _string_segments(instance) -> list:
    from wagtail_localize.segments import StringSegmentValue
    from wagtail_localize.segments.extract import extract_segments

    return [s for s in extract_segments(instance) if isinstance(s, StringSegmentValue)]


def _paired_strings(page: OwnedPage, translated: OwnedPage) -> dict[int, str]:
    """Source segment order -> translated text, matched position by position.

    Block ids differ between the two instances, so paths are compared without
    them; any other difference (a missing field, a paragraph more or less)
    means the translation is not complete for this source.
    """
    from wagtail.fields import StreamField

    # Slugs stay the same in every language (links and labelled questions use them).
    translated.slug = translated.slug or page.slug
    for field in translated._meta.get_fields():
        if isinstance(field, StreamField):
            # Unsaved blocks have no ids yet, and segment paths are built from them.
            raw = field.get_prep_value(getattr(translated, field.name))
            setattr(translated, field.name, field.to_python(raw))
    source, target = _string_segments(page), _string_segments(translated)
    shape = [_BLOCK_ID.sub("*", s.path) for s in source]
    if shape != [_BLOCK_ID.sub("*", s.path) for s in target]:
        raise TranslationMismatch(f"{page.slug}: the translation does not match the source")
    return {s.order: t.string.data for s, t in zip(source, target, strict=True)}


def page_translation_pairs(*, page: OwnedPage, translated: OwnedPage) -> dict[int, str]:
    """The source's segment order → the translated text; raises TranslationMismatch.

    Reads and writes nothing: it only compares the two pages' shapes.
    """
    return _paired_strings(page, translated)


@service
def page_translate_segments(
    *,
    actor: Actor,
    page: OwnedPage,
    locale: Locale,
    translated: OwnedPage,
    machine: bool = False,
) -> OwnedPage:
    """Translate ``page`` through wagtail-localize, every segment, and publish it.

    ``translated`` is an unsaved page of the same type built like the source:
    its texts become the wagtail-localize string translations of the source's
    segments, so the admin's translation editor, PO export and "sync" all see
    a complete translation. Raises TranslationMismatch rather than publish a
    page with source-language text left in it.
    """
    from wagtail_localize.models import StringSegment, StringTranslation, Translation
    from wagtail_localize.models import TranslationSource as Source

    user = _actor_user(actor)
    if user is not None:
        policy.require(user, "content.review_owned_page", org=page.organisation)
    texts = _paired_strings(page, translated)
    parent = page.get_parent()
    if not parent.has_translation(locale):
        # Published here: wagtail-localize would copy the parents as drafts.
        parent.specific.copy_for_translation(locale, copy_parents=True).save_revision().publish()
    source, created = Source.get_or_create_from_instance(page)
    revision = page.latest_revision_created_at
    if not created and revision is not None and source.last_updated_at < revision:
        # Re-extracting is the costly part; only when the source page changed since.
        source.update_from_db()
    segments = list(
        StringSegment.objects.filter(source=source).only("order", "string_id", "context_id")
    )
    if {s.order for s in segments} != set(texts):
        raise TranslationMismatch(f"{page.slug}: the source changed while translating")
    Translation.objects.get_or_create(source=source, target_locale=locale)
    StringTranslation.objects.bulk_create(
        [
            StringTranslation(
                translation_of_id=s.string_id,
                locale=locale,
                context_id=s.context_id,
                data=texts[s.order],
                translation_type=(
                    StringTranslation.TRANSLATION_TYPE_MACHINE
                    if machine
                    else StringTranslation.TRANSLATION_TYPE_MANUAL
                ),
                tool_name="retour demo" if machine else "",
                last_translated_by=user,
            )
            for s in segments
        ],
        update_conflicts=True,
        unique_fields=["translation_of", "locale", "context"],
        update_fields=["data", "translation_type", "tool_name"],
    )
    # A draft, published here rather than on commit (wagtail-localize's way),
    # so the publication (and translated_at) happens now, in order.
    source.create_or_update_translation(locale, user=user, publish=False, copy_parent_pages=True)
    target = page.get_translation(locale).specific
    target.get_latest_revision().publish(user=user)
    if machine:
        # Synchronised from the source (False) by wagtail-localize: set it after.
        OwnedPage.objects.filter(pk=target.pk).update(machine_translated=True)
    target.refresh_from_db()
    audit.record(
        actor=actor,
        action="page.translate",
        obj=target,
        organisation=page.organisation,
        detail={"locale": locale.language_code, "machine": machine, "via": "wagtail-localize"},
    )
    return target


@service
def page_publish(*, actor: Actor, page: OwnedPage, minor: bool = False) -> OwnedPage:
    """Publish the latest revision (platform and CLI use; people use the workflow)."""
    user = _actor_user(actor)
    if user is not None and not user.is_superuser:
        policy.require(user, "content.review_owned_page", org=page.organisation)
    page.minor_edit = minor
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    audit.record(actor=actor, action="page.publish", obj=page, detail={"minor": minor})
    return page


def on_commit_invalidate() -> None:
    from . import rendering

    transaction.on_commit(rendering.invalidate)


@service
def digest_send(*, actor: Actor, today=None) -> int:
    """E-mail each organisation's editors, reviewers and admins what needs review."""
    # Across every organisation: a scheduled job's (or a superuser's) task.
    policy.require_actor(actor, "content.send_digest", platform=True)
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import timezone

    from retour.orgs.models import Membership, Organisation, Role

    from . import rendering
    from .selectors import pages_needing_review

    rendering.reads_flush_all()
    today = today or timezone.localdate()
    sent = 0
    for org in Organisation.objects.order_by("name"):
        pages = list(pages_needing_review(org, today=today))
        if not pages:
            continue
        recipients = sorted(
            {
                m.user.email
                for m in Membership.objects.filter(
                    organisation=org, role__in=[Role.EDITOR, Role.REVIEWER, Role.ADMIN]
                ).select_related("user")
                if m.user.email and m.user.is_active
            }
        )
        if not recipients:
            continue
        body = render_to_string(
            "content/digest.txt",
            {
                "organisation": org,
                "stale": [p for p in pages if p.is_stale(today)],
                "soon": [p for p in pages if not p.is_stale(today)],
                "base_url": settings.WAGTAILADMIN_BASE_URL,
            },
        )
        send_mail(
            f"[Retour] {len(pages)} pages of {org.name} need review",
            body,
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
        audit.record(
            actor=actor,
            action="content.digest",
            obj=org,
            organisation=org,
            detail={"pages": len(pages), "recipients": len(recipients)},
        )
        sent += len(recipients)
    return sent
