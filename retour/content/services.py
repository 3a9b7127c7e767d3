"""Writes for the content portal. Each one audits itself."""

from __future__ import annotations

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
