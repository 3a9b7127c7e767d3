"""Keep translation status, the front cache and page permissions in step."""

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
        from .services import page_permissions_sync

        page_permissions_sync(org_group=instance)


@receiver(post_migrate)
def _after_migrate(sender, **kwargs):
    from django.apps import apps

    # After the last app only: Wagtail's page permissions must exist by then.
    if getattr(sender, "label", "") != list(apps.get_app_configs())[-1].label:
        return
    from retour.orgs.models import OrgGroup

    from .services import page_permissions_sync

    for org_group in OrgGroup.objects.all():
        page_permissions_sync(org_group=org_group)
