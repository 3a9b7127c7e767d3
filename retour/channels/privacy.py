"""Keyed hashes of sender ids and a cache-based flood limiter.

Sender ids and phone numbers never reach the database or the logs in clear:
only an HMAC with ``settings.RETOUR_HASH_KEY`` is used, and only as a cache key
for rate limiting, which expires within minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache


def _key() -> bytes:
    key = getattr(settings, "RETOUR_HASH_KEY", "") or ""
    if not key:
        # Fall back to a key derived from SECRET_KEY so hashes are still keyed;
        # deployments should set RETOUR_HASH_KEY so rotating SECRET_KEY does not
        # reset every rate-limit bucket.
        key = "retour-channels:" + settings.SECRET_KEY
    return key.encode()


def sender_hash(channel: str, sender_id: str) -> str:
    return hmac.new(_key(), f"{channel}:{sender_id}".encode(), hashlib.sha256).hexdigest()[:32]


def rate_limited(sender: str) -> bool:
    """True when this (hashed) sender exceeded the limit in the current window."""
    limit, window = getattr(settings, "RETOUR_CHANNEL_RATE", (10, 60))
    bucket = int(time.time() // window)
    key = f"channels:rate:{sender}:{bucket}"
    if cache.add(key, 1, window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window + 5)
            count = 1
    return count > limit
