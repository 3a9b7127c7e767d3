"""The client's network address, for rate limits and logs.

``X-Forwarded-For`` is written by whoever sends the request, so it means
something only where one of *our* proxies appended to it. Proxies append on
the right; we walk from the right while the address that handed us the
request is a trusted proxy (``RETOUR_TRUSTED_PROXIES``, IPs or CIDRs; none by
default, so out of the box only ``REMOTE_ADDR`` counts).
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)
    except ValueError as exc:
        raise ImproperlyConfigured(f"RETOUR_TRUSTED_PROXIES: {exc}") from exc


def trusted_proxies() -> tuple[Network, ...]:
    return _networks(tuple(getattr(settings, "RETOUR_TRUSTED_PROXIES", ()) or ()))


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, proxies: tuple[Network, ...]) -> bool:
    return address is not None and any(address in net for net in proxies)


def client_ip(request: HttpRequest) -> str:
    """The address of the client as far as trusted proxies vouch for it.

    Also django-axes' ``AXES_CLIENT_IP_CALLABLE`` and the API throttles' ident.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    current = _address(remote)
    if not _trusted(current, proxies):
        return remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(hops):
        previous = _address(hop)
        if previous is None:
            # Nothing left of a hop we cannot read is vouched for: the last
            # trusted proxy stands for the client (its clients share a bucket).
            break
        current = previous
        if not _trusted(current, proxies):
            break
    return str(current)
