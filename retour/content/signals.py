"""Keep translation status, the front cache, permissions and the audit log in step."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import rendering


@receiver(page_published)
def _on_publish(sender, instance, **kwargs):
    from .models import OwnedPage
    from .selectors import source_locale_id

    rendering.invalidate()
    if not isinstance(instance, OwnedPage):
        return
    now = timezone.now()
    if instance.locale_id == source_locale_id(instance):
        # A minor edit (typo, layout) leaves translations current.
        if not instance.minor_edit:
            OwnedPage.objects.filter(pk=instance.pk).update(content_changed_at=now)
            # Also on the instance: callers (wagtail-localize) may save it again.
            instance.content_changed_at = now
    else:
        OwnedPage.objects.filter(pk=instance.pk).update(translated_at=now)
        instance.translated_at = now


@receiver(page_unpublished)
@receiver(post_page_move)
def _on_unpublish(sender, **kwargs):
    rendering.invalidate()


@receiver(post_save, sender="wagtailcore.PageViewRestriction")
@receiver(post_delete, sender="wagtailcore.PageViewRestriction")
def _on_restriction_change(sender, **kwargs):
    # A page that just became private must not be served from the front cache.
    rendering.invalidate()


@receiver(post_delete)
def _on_delete(sender, **kwargs):
    from wagtail.models import Page

    if isinstance(kwargs.get("instance"), Page):
        rendering.invalidate()


@receiver(post_save, sender="orgs.OrgGroup")
def _org_group_saved(sender, instance, created, **kwargs):
    if created:
        from .services import organisation_collection_sync, page_permissions_sync

        page_permissions_sync(org_group=instance)
        organisation_collection_sync(org_group=instance)


@receiver(post_save, sender="content.HomePage")
def _language_root_saved(sender, instance, created, raw=False, **kwargs):
    # A new language root (a new locale, or wagtail-localize copying the home
    # page): org groups' page permissions hang on language roots.
    if created and not raw:
        from retour.orgs.models import OrgGroup

        from .services import page_permissions_sync

        for org_group in OrgGroup.objects.select_related("group"):
            page_permissions_sync(org_group=org_group)


# Wagtail's log entries name the person who acted; the page signals do not.
_AUDITED_PAGE_ACTIONS = {
    "wagtail.publish": "page.published",
    "wagtail.unpublish": "page.unpublished",
    "wagtail.move": "page.moved",
    "wagtail.copy": "page.copied",
    "wagtail.delete": "page.deleted",
    "wagtail.convert_alias": "page.alias_converted",
    "wagtail.revert": "page.reverted",
    "wagtail.lock": "page.locked",
    "wagtail.unlock": "page.unlocked",
    "wagtail.workflow.approve": "page.review_approved",
    "wagtail.workflow.reject": "page.review_rejected",
}


@receiver(post_save, sender="wagtailcore.PageLogEntry")
def _page_log_entry(sender, instance, created, raw=False, **kwargs):
    """Every Wagtail write on a page, whichever route made it, also lands in Retour's audit."""
    action = _AUDITED_PAGE_ACTIONS.get(instance.action)
    if not created or raw or action is None:
        return
    from retour.core import audit
    from retour.core.actors import SystemActor
    from retour.orgs.models import Organisation

    from .models import OwnedPage

    org_id = (
        OwnedPage.objects.filter(pk=instance.page_id)
        .values_list("organisation_id", flat=True)
        .first()
    )
    audit.record(
        # Wagtail logs scheduled publishing and other userless actions with no user.
        actor=instance.user or SystemActor.job("wagtail"),
        action=action,
        organisation=Organisation.objects.filter(pk=org_id).first() if org_id else None,
        object_type="wagtailcore.page",
        object_id=str(instance.page_id),
        object_repr=instance.label,
        detail={"wagtail_action": instance.action, "revision": instance.revision_id},
    )


@receiver(post_migrate)
def _after_migrate(sender, **kwargs):
    from django.apps import apps

    # After the last app only: Wagtail's page permissions must exist by then.
    if getattr(sender, "label", "") != list(apps.get_app_configs())[-1].label:
        return
    from retour.orgs.models import OrgGroup

    from .services import organisation_collection_sync, page_permissions_sync

    # Also the data step for organisations that predate their media collection.
    for org_group in OrgGroup.objects.select_related("organisation", "group"):
        page_permissions_sync(org_group=org_group)
        organisation_collection_sync(org_group=org_group)
