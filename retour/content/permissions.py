"""The organisation boundary inside Wagtail's own page permission system.

Org groups (``retour.orgs.models.OrgGroup``) hold ordinary GroupPagePermissions
on the language roots (every HomePage, see ``services.page_permissions_sync``).
Wagtail alone would let them act on every page below. The policy and tester
here narrow each such permission to the pages its organisation owns:

* on a page owned by organisation X (``OwnedPage.organisation``) only the
  permissions held through X's groups count;
* on a structural page (home and index pages, owned by nobody) an org group's
  permissions shrink to ``add`` (create one of the organisation's pages
  below it); platform admins (superusers) manage the structure itself;
* permissions of groups that belong to no organisation keep Wagtail's meaning
  (a platform-level group is, by construction, not a tenant).

Every Wagtail view asks ``policy_registry.get_by_type(Page)`` or
``page.permissions_for_user(user)``, so the explorer, choosers, the admin API,
revisions, workflows, locking, editing sessions, reports and wagtail-localize
all inherit the boundary without a list of routes.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from wagtail.models import GroupPagePermission, Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

# Wagtail's explorer shows a page when the user holds one of these on it.
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
_ORG_ATTR = "_retour_org_id"
_UNKNOWN = object()


def page_organisation_id(page: Any) -> int | None:
    """The owning organisation's id, or None for a structural page (one query at most)."""
    from .models import OwnedPage

    if isinstance(page, OwnedPage):
        return page.organisation_id
    cached = getattr(page, _ORG_ATTR, _UNKNOWN)
    if cached is not _UNKNOWN:
        return cast("int | None", cached)
    org_id = None
    if page.pk is not None:
        org_id = (
            OwnedPage.objects.filter(pk=page.pk).values_list("organisation_id", flat=True).first()
        )
    setattr(page, _ORG_ATTR, org_id)
    return org_id


def _org_scope(prefix: str, org_id: int | None) -> Q:
    """Groups whose permissions count on a page owned by ``org_id``."""
    platform = Q(**{f"{prefix}group__org_group__isnull": True})
    if org_id is None:
        return platform
    return platform | Q(**{f"{prefix}group__org_group__organisation_id": org_id})


class OrgPagePermissionPolicy(PagePermissionPolicy):
    """PagePermissionPolicy whose org-group permissions stop at the organisation's pages."""

    # Our own cache: its rows carry ``_org_id``, Wagtail's do not.
    permission_cache_name = "_retour_page_permission_cache"

    def get_all_permissions_for_user(self, user):
        # ``_org_id`` is None for a group that belongs to no organisation.
        return (
            super()
            .get_all_permissions_for_user(user)
            .annotate(_org_id=F("group__org_group__organisation_id"))
        )

    # -- one page ------------------------------------------------------------
    def actions_for_instance(self, user, instance) -> set[str]:
        """Wagtail action names ("add", "change", ...) the user holds on ``instance``.

        Superusers are not asked: callers short-circuit them as Wagtail does.
        """
        add = self._get_permission_codename("add")
        page_org = page_organisation_id(instance)
        actions: set[str] = set()
        for perm in self.get_cached_permissions_for_user(user):
            if not instance.path.startswith(perm.page.path):
                continue
            codename = perm.permission.codename
            foreign = perm._org_id is not None and perm._org_id != page_org
            # Another organisation's page never; a structural page only for "add".
            if foreign and (page_org is not None or codename != add):
                continue
            actions.add(codename.rsplit("_", maxsplit=1)[0])
            # Wagtail: "add" lets a user edit the pages they created. Not structure.
            if codename == add and page_org is not None and instance.owner_id == user.pk:
                actions.add("change")
        return actions

    def user_has_any_permission_for_instance(self, user, actions, instance):
        base_permission = self._base_user_has_permission(user)
        if base_permission is not None:
            return base_permission
        return bool(set(actions) & self.actions_for_instance(user, instance))

    # -- querysets -------------------------------------------------------------
    def instances_user_has_any_permission_for(self, user, actions):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        actions = set(actions)
        add = self._get_permission_codename("add")
        codenames = self._get_permission_codenames(actions)
        q = Q(pk__in=[])
        for perm in self.get_cached_permissions_for_user(user):
            codename = perm.permission.codename
            subtree = Q(path__startswith=perm.page.path)
            scope = Q() if perm._org_id is None else Q(ownedpage__organisation_id=perm._org_id)
            if codename == add and "add" not in actions and "change" in actions:
                q |= subtree & scope & Q(owner=user, ownedpage__isnull=False)
            elif codename in codenames:
                q |= subtree & scope
                if perm._org_id is not None and codename == add:
                    q |= subtree & Q(ownedpage__isnull=True)
        # One ``pk__in`` over a subquery: Wagtail runs its search backend on
        # these querysets (forms index, explorer search), and a search backend
        # can filter on plain fields only, not on the join to OwnedPage.
        manager = self.model._default_manager
        return manager.filter(pk__in=manager.filter(q).values("pk"))

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        actions = set(actions)
        page_org = page_organisation_id(instance)
        codenames = self._get_permission_codenames(actions)
        add = self._get_permission_codename("add")
        ancestors = GroupPagePermission.objects.filter(
            page__in=instance.get_ancestors(inclusive=True)
        )
        grants = ancestors.filter(_org_scope("", page_org), permission__codename__in=codenames)
        if page_org is None and "add" in actions:
            grants |= ancestors.filter(group__org_group__isnull=False, permission__codename=add)
        q = Q(groups__in=grants.values_list("group", flat=True))
        if include_superusers:
            q |= Q(is_superuser=True)
        if "change" in actions and "add" not in actions and page_org is not None:
            owners = ancestors.filter(_org_scope("", page_org), permission__codename=add)
            q |= Q(groups__in=owners.values_list("group", flat=True)) & Q(pk=instance.owner_id)
        return get_user_model()._default_manager.filter(is_active=True).filter(q).distinct()


class OrgPagePermissionTester(PagePermissionTester):
    """PagePermissionTester over the policy's org-scoped actions."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # The module's policy, not the registry's: a tester built before
        # ContentConfig.ready() registered it must not see the whole tree.
        self.permission_policy = page_permission_policy
        if self.user.is_active and not self.user.is_superuser:
            self.permissions = page_permission_policy.actions_for_instance(user, page)

    def _is_platform(self) -> bool:
        return self.user.is_active and self.user.is_superuser

    def _has_any(self) -> bool:
        return self._is_platform() or bool(self.permissions)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        if self._is_platform():
            return True
        # Members create their organisation's pages, never structure (home, index pages).
        from .models import OwnedPage

        return any(
            issubclass(model, OwnedPage) and model.can_create_at(self.page)
            for model in self.page.specific_class.creatable_subpage_models()
        )

    def can_submit_for_moderation(self):
        # Wagtail answers this without asking who is submitting.
        return super().can_submit_for_moderation() and self.can_edit()

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self._is_platform() or "publish" in self.permissions:
            return True
        # Wagtail lets an editor delete a draft nobody published, in review
        # or not: deleting it would end the review behind the reviewer's back.
        # (An editor deletes leaf pages only: no bulk_delete, so the page's
        # own workflow is the one to ask.)
        from .review import page_in_review

        return not page_in_review(self.page.pk)

    def can_lock(self):
        return self._has_any() and super().can_lock()

    def can_unlock(self):
        # The lock holder may always release their own lock.
        return (self._has_any() or self.user_has_lock()) and super().can_unlock()

    def can_view_revisions(self):
        return self._has_any() and super().can_view_revisions()


class OrgPermissionsMixin:
    """Page classes answer ``permissions_for_user`` with the org-scoped tester.

    Wagtail casts a page to its specific class before asking when the method is
    overridden there, so every page type of the portal must inherit this.
    """

    def permissions_for_user(self, user):
        return OrgPagePermissionTester(user, self)


page_permission_policy = OrgPagePermissionPolicy(Page)


def register() -> None:
    """Replace Wagtail's page policy (registered on AbstractPage) with ours."""
    from wagtail.models import AbstractPage
    from wagtail.permissions import register_permission_policy

    register_permission_policy(AbstractPage, page_permission_policy)
