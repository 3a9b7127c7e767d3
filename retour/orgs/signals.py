"""Keep org groups' default permissions in step with migrations.

New apps add permissions in their migrations; after ``migrate`` every org's
groups receive any default permission they are missing (never removing one an
admin granted).
"""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def sync_org_groups(sender, **kwargs):
    from django.apps import apps

    # Run once, after the last app: only then do all apps' permissions exist.
    if getattr(sender, "label", "") != list(apps.get_app_configs())[-1].label:
        return
    from .models import Organisation
    from .services import organisation_groups_sync

    for org in Organisation.objects.all():
        organisation_groups_sync(organisation=org)
