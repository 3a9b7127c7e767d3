"""API throttles keyed on the client address that trusted proxies vouch for.

DRF's own ident takes the whole ``X-Forwarded-For`` header when ``NUM_PROXIES``
is unset, so a client writing a new value per request got a new bucket each
time; ``retour.core.net.client_ip`` is the one rule for every rate limit.
"""

from __future__ import annotations

from rest_framework.throttling import AnonRateThrottle

from retour.core.net import client_ip


class ClientAnonRateThrottle(AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)
