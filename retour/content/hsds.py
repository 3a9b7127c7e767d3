"""Open Referral HSDS 3.0 export of the service-point directory.

One HSDS ``service`` per service point, with its organisation, location,
address, schedules, languages and contact details nested, as in the HSDS
"service" compiled schema. Identifiers are stable UUIDs derived from the
page's translation key, so re-exports keep the same ids.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from wagtail.models import Locale

from .models import ServicePointPage

HSDS_VERSION = "3.0"
_NS = uuid.UUID("2f0f5d44-6a31-4b6b-a5bb-4d1d6c7b9e10")


def _id(kind: str, key) -> str:
    return str(uuid.uuid5(_NS, f"{kind}:{key}"))


def service_point_to_hsds(page: ServicePointPage) -> dict:
    key = page.translation_key
    location_id = _id("location", key)
    phones = []
    if page.phone:
        phones.append({"id": _id("phone", key), "number": page.phone, "type": "voice"})
    if page.whatsapp:
        phones.append(
            {
                "id": _id("whatsapp", key),
                "number": page.whatsapp,
                "type": "text",
                "description": "WhatsApp",
            }
        )
    schedules = [
        {
            "id": _id(f"schedule-{i}", key),
            "freq": "WEEKLY",
            "byday": item.value["weekday"].upper(),
            "opens_at": item.value["opens"].strftime("%H:%M"),
            "closes_at": item.value["closes"].strftime("%H:%M"),
        }
        for i, item in enumerate(page.opening_hours)
    ]
    return {
        "id": _id("service", key),
        "name": page.title,
        "description": page.description,
        "email": page.email or None,
        "status": "active",
        "url": page.full_url,
        "organization": {
            "id": _id("organization", page.provider),
            "name": page.provider,
            "description": f"Listed by {page.organisation.name}",
        },
        "languages": [{"id": _id(f"lang-{c}", key), "code": c} for c in page.languages],
        "phones": phones,
        "attributes": [
            {"id": _id(f"attr-{s}", key), "taxonomy_term": {"code": s}, "value": "true"}
            for s in page.services
        ]
        + [
            {
                "id": _id("attr-anonymous", key),
                "taxonomy_term": {"code": "anonymous"},
                "value": str(page.anonymous).lower(),
            },
            {
                "id": _id("attr-no-appointment", key),
                "taxonomy_term": {"code": "no_appointment"},
                "value": str(page.no_appointment).lower(),
            },
        ],
        "service_at_locations": [
            {
                "id": _id("sal", key),
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": page.title,
                    "latitude": float(page.latitude) if page.latitude is not None else None,
                    "longitude": float(page.longitude) if page.longitude is not None else None,
                    "addresses": [
                        {
                            "id": _id("address", key),
                            "address_1": page.street,
                            "city": page.city,
                            "postal_code": page.postcode,
                            "country": page.country,
                            "address_type": "physical",
                        }
                    ],
                    "schedules": schedules,
                },
            }
        ],
        "is_sample": page.is_sample,
    }


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
    return {
        "hsds_version": HSDS_VERSION,
        "language": code,
        "services": [service_point_to_hsds(p) for p in pages.order_by("title")],
    }
