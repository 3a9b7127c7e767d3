"""drf-spectacular hooks: the public contract is /api/v1/ only, and it tells the truth.

Wagtail's internal admin API is built on DRF too; it is not part of Retour's
contract and would only confuse API users (and the fuzzer).

``document_errors`` adds the answers every operation can give besides its
success, in the shape retour/api/exceptions.py produces, so a client (and
schemathesis' status-code check) meets no undocumented status.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import AllowAny


def only_public_api(endpoints, **kwargs):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]


ERROR = {
    "type": "object",
    "description": "`detail` names the reason; a rejected field maps to its messages.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
REASONS = {
    "400": "Malformed or invalid input.",
    "403": "Not signed in (or second factor missing), or not permitted.",
    "404": "No such object in your organisation, or you are not a member.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
}


def _needs_sign_in(view_class) -> bool:
    permissions = getattr(view_class, "permission_classes", None) or []
    return not all(p is AllowAny for p in permissions)


def document_errors(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """Document 400/403/404/429 where the view can answer them."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    views = {
        (path, method.lower()): getattr(callback, "cls", None)
        for path, _regex, method, callback in generator.endpoints
    }
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            view_class = views.get((path, method))
            codes = []
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if _needs_sign_in(view_class):
                # policy.require answers 404 to a non-member, whatever the route.
                codes += ["403", "404"]
            elif "{" in path:
                codes.append("404")
            if getattr(view_class, "throttle_classes", None):
                codes.append("429")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": REASONS[code],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
