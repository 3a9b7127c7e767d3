"""Writes for organisations and memberships. Each one audits itself."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from retour.core import audit
from retour.core.actors import Actor
from retour.core.audit import service

from . import policy
from .models import Membership, Organisation, OrganisationType, OrgGroup, Role
from .roles import default_role_permissions
from .validators import normalise_countries, normalise_languages


def _permissions(names: set[str]) -> list[Permission]:
    wanted = {tuple(n.split(".", 1)) for n in names}
    found = Permission.objects.filter(
        content_type__app_label__in={a for a, _ in wanted}, codename__in={c for _, c in wanted}
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in wanted]


def organisation_groups_sync(*, organisation: Organisation, reset: bool = False) -> None:
    """Ensure the org has one group per role, seeded with the default permissions.

    Existing groups keep any permissions an admin added; ``reset`` restores
    exactly the defaults.
    """
    defaults = default_role_permissions()
    for role in Role:
        org_group = OrgGroup.objects.filter(organisation=organisation, role=role).first()
        if org_group is None:
            group, _ = Group.objects.get_or_create(name=f"{organisation.slug}: {role.label}")
            org_group = OrgGroup.objects.create(organisation=organisation, role=role, group=group)
        perms = _permissions(defaults[role.value])
        if reset:
            org_group.group.permissions.set(perms)
        else:
            org_group.group.permissions.add(*perms)


@service
def organisation_create(
    *,
    actor: Actor,
    name: str,
    type: str,
    countries: list[str] | None = None,
    languages: list[str] | None = None,
    slug: str = "",
    public_email: str = "",
    public_phone: str = "",
    website: str = "",
    description: str = "",
    is_sample: bool = False,
) -> Organisation:
    # Organisations are platform data: no organisation's role creates one.
    policy.require_actor(actor, "orgs.add_organisation", platform=True)
    if type not in OrganisationType.values:
        raise ValidationError(
            f"Unknown organisation type {type!r}; choose one of {', '.join(OrganisationType.values)}."
        )
    org = Organisation.objects.create(
        name=name,
        slug=slug or slugify(name)[:80],
        type=type,
        countries=normalise_countries(countries or []),
        languages=normalise_languages(languages or []),
        public_email=public_email,
        public_phone=public_phone,
        website=website,
        description=description,
        is_sample=is_sample,
    )
    organisation_groups_sync(organisation=org)
    audit.record(actor=actor, action="organisation.create", obj=org, organisation=org)
    return org


ORG_EDITABLE_FIELDS = (
    "name",
    "type",
    "countries",
    "languages",
    "public_email",
    "public_phone",
    "website",
    "description",
)


@service
def organisation_update(*, actor: Actor, organisation: Organisation, **changes) -> Organisation:
    policy.require_actor(actor, "orgs.change_organisation", obj=organisation)
    unknown = set(changes) - set(ORG_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(sorted(unknown))}.")
    if "countries" in changes:
        changes["countries"] = normalise_countries(changes["countries"])
    if "languages" in changes:
        changes["languages"] = normalise_languages(changes["languages"])
    if "type" in changes and changes["type"] not in OrganisationType.values:
        raise ValidationError(f"Unknown organisation type {changes['type']!r}.")
    changed = [k for k, v in changes.items() if getattr(organisation, k) != v]
    # An organisation's public details identify no person: old and new in clear.
    before = audit.snapshot(organisation, changed)
    for key in changed:
        setattr(organisation, key, changes[key])
    organisation.full_clean()
    organisation.save(update_fields=changed or None)
    audit.record(
        actor=actor,
        action="organisation.update",
        obj=organisation,
        detail={"changed": audit.changes(before, organisation, changed)},
    )
    return organisation


@service
def membership_add(*, actor: Actor, organisation: Organisation, user, role: str) -> Membership:
    """Give ``user`` a role in ``organisation`` (bootstrap: a SystemActor from the CLI)."""
    policy.require_actor(actor, "orgs.add_membership", org=organisation)
    if role not in Role.values:
        raise ValidationError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}.")
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    org_group = OrgGroup.objects.filter(organisation=organisation, role=role).first()
    if org_group is None:
        organisation_groups_sync(organisation=organisation)
        org_group = OrgGroup.objects.get(organisation=organisation, role=role)
    user.groups.add(org_group.group)
    policy.clear_cache(user)
    if created:
        audit.record(
            actor=actor,
            action="membership.add",
            obj=membership,
            organisation=organisation,
            detail={"role": role, "user": user.get_username()},
        )
    return membership


@service
def membership_remove(*, actor: Actor, membership: Membership) -> None:
    organisation = membership.organisation
    policy.require_actor(actor, "orgs.delete_membership", org=organisation)
    org_group = OrgGroup.objects.filter(organisation=organisation, role=membership.role).first()
    if org_group is not None:
        membership.user.groups.remove(org_group.group)
    audit.record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        organisation=organisation,
        detail={"role": membership.role, "user": membership.user.get_username()},
    )
    membership.delete()
    policy.clear_cache(membership.user)
