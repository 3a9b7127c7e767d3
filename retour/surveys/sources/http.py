"""HTTP for survey servers: one small interface, httpx in production.

Retour has no shared outbound HTTP layer for reads (retour/core/net.py is
about client addresses; channels/types/transport.py only POSTs to chat
providers), so the pull clients use this. ``settings.RETOUR_SURVEY_HTTP_CLIENT``
names a callable returning an httpx.Client-compatible object: the tests point
it at fake servers (httpx.MockTransport) and the test settings default to
:func:`no_network_client`, so no test can reach the network.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

TIMEOUT_SECONDS = 30.0


def default_client():
    import httpx

    # No redirects: a token must never follow a redirect to another host.
    return httpx.Client(
        timeout=httpx.Timeout(TIMEOUT_SECONDS, connect=10.0),
        follow_redirects=False,
        headers={"User-Agent": "Retour survey pull"},
    )


def no_network_client():
    import httpx

    def refuse(request):
        raise httpx.ConnectError(f"no network in tests: {request.url.host}", request=request)

    return httpx.Client(transport=httpx.MockTransport(refuse))


def get_client():
    path = getattr(
        settings, "RETOUR_SURVEY_HTTP_CLIENT", "retour.surveys.sources.http.default_client"
    )
    return import_string(path)()
