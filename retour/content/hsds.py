"""Open Referral HSDS 3.0 export of the service-point directory.

One HSDS ``service`` per service point, with its organisation, location,
address, schedules, languages, phones and attributes nested, as in the HSDS
"service" compiled schema; every export validates against that schema
(``hsds_schema.py``, vendored from the v3.0 release). Identifiers are stable
UUIDs derived from the page's translation key, so re-exports keep the same ids.

Fields HSDS requires but Retour does not record are given as empty strings
rather than invented (``state_province``: Belgian addresses have none we
store); optional fields with no value are left out, never ``null`` (the schema
types them as strings or numbers).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .models import ServicePointPage
from .models.pages import ServiceKind

HSDS_VERSION = "3.0"
_NS = uuid.UUID("2f0f5d44-6a31-4b6b-a5bb-4d1d6c7b9e10")
TAXONOMY_ID = str(uuid.uuid5(_NS, "taxonomy:retour-service-point"))


def _id(kind: str, key) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{key}"))


def _present(data: dict) -> dict:
    """Drop keys whose value is None or "" (optional in HSDS; never sent as null)."""
    return {k: v for k, v in data.items() if v is not None and v != ""}


def _language_name(code: str) -> str | None:
    try:
        return translation.get_language_info(code)["name"]
    except KeyError:
        return None


def _taxonomy() -> dict:
    return {
        "id": TAXONOMY_ID,
        "name": "Retour service-point attributes",
        "description": _("What a return service point offers and how to get there."),
        "version": "1",
    }


def _terms() -> dict[str, tuple[str, str]]:
    """code -> (name, description) for every attribute a service point can carry."""
    terms = {
        kind.value: (str(kind.label), _("The service point offers: %s") % kind.label)
        for kind in ServiceKind
    }
    terms["anonymous"] = (
        _("You can come anonymously"),
        _("No name or papers are asked for at the door."),
    )
    terms["no_appointment"] = (
        _("No appointment needed"),
        _("You can come during opening hours without an appointment."),
    )
    return terms


def _attribute(*, code: str, value: str, service_id: str, key) -> dict:
    name, description = _terms()[code]
    term_id = _id(f"term-{code}", "retour")
    return {
        "id": _id(f"attr-{code}", key),
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "value": value,
        "taxonomy_term": {
            "id": term_id,
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": "Retour service-point attributes",
            "taxonomy_id": TAXONOMY_ID,
            "taxonomy_detail": _taxonomy(),
        },
    }


def _phones(page: ServicePointPage, *, service_id: str) -> list[dict]:
    key = page.translation_key
    phones = []
    if page.phone:
        phones.append(
            {
                "id": _id("phone", key),
                "service_id": service_id,
                "number": page.phone,
                "type": "voice",
            }
        )
    if page.whatsapp:
        phones.append(
            {
                "id": _id("whatsapp", key),
                "service_id": service_id,
                "number": page.whatsapp,
                "type": "text",
                "description": "WhatsApp",
            }
        )
    return phones


def _location(page: ServicePointPage, *, organization_id: str) -> dict:
    key = page.translation_key
    location_id = _id("location", key)
    schedules = [
        {
            "id": _id(f"schedule-{i}", key),
            "location_id": location_id,
            "freq": "WEEKLY",
            "byday": item.value["weekday"].upper(),
            "opens_at": item.value["opens"].strftime("%H:%M"),
            "closes_at": item.value["closes"].strftime("%H:%M"),
        }
        for i, item in enumerate(page.opening_hours)
    ]
    return _present(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": organization_id,
            "name": page.title,
            "latitude": float(page.latitude) if page.latitude is not None else None,
            "longitude": float(page.longitude) if page.longitude is not None else None,
            "addresses": [
                {
                    "id": _id("address", key),
                    "location_id": location_id,
                    "address_1": page.street,
                    "city": page.city,
                    # Required by HSDS; Retour records no state or province.
                    "state_province": "",
                    "postal_code": page.postcode,
                    "country": page.country,
                    "address_type": "physical",
                }
            ],
            "schedules": schedules,
        }
    )


def service_point_to_hsds(page: ServicePointPage) -> dict:
    key = page.translation_key
    service_id = _id("service", key)
    organization_id = _id("organization", page.provider)
    location = _location(page, organization_id=organization_id)
    attributes = [
        _attribute(code=s, value="true", service_id=service_id, key=key) for s in page.services
    ]
    attributes += [
        _attribute(
            code="anonymous", value=str(page.anonymous).lower(), service_id=service_id, key=key
        ),
        _attribute(
            code="no_appointment",
            value=str(page.no_appointment).lower(),
            service_id=service_id,
            key=key,
        ),
    ]
    languages = [
        _present(
            {
                "id": _id(f"lang-{code}", key),
                "service_id": service_id,
                "code": code,
                "name": _language_name(code),
            }
        )
        for code in page.languages
    ]
    return _present(
        {
            "id": service_id,
            "organization_id": organization_id,
            "name": page.title,
            "description": page.description,
            "email": page.email,
            "status": "active",
            "url": page.full_url,
            "assured_date": page.last_verified.isoformat() if page.last_verified else None,
            "last_modified": page.last_published_at.isoformat() if page.last_published_at else None,
            "organization": {
                "id": organization_id,
                "name": page.provider,
                "description": _("Listed by %s") % page.organisation.name,
            },
            "languages": languages,
            "phones": _phones(page, service_id=service_id),
            "attributes": attributes,
            "service_at_locations": [
                {
                    "id": _id("sal", key),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }
            ],
            # Retour extension (HSDS allows additional fields): demo data is marked.
            "is_sample": page.is_sample,
        }
    )


def export(locale_code: str | None = None) -> dict:
    code = locale_code or settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=code).first()
    pages = (
        ServicePointPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("organisation")
        if locale
        else ServicePointPage.objects.none()
    )
    with translation.override(code):
        services = [service_point_to_hsds(p) for p in pages.order_by("title")]
    return {"hsds_version": HSDS_VERSION, "language": code, "services": services}
