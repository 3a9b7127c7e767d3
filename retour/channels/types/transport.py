"""HTTP to providers behind one interface: httpx in production, a fake in tests.

No retries here: a failed attempt goes back to the outbox, which retries with
backoff on its own schedule instead of holding a worker (or a webhook) for
seconds.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import ProviderAnswer, ProviderCall, SendError, Transport


class HttpxTransport:
    def __init__(self, client=None) -> None:
        import httpx

        self._client = client or httpx.Client(timeout=httpx.Timeout(5.0, connect=3.0))

    def post(self, call: ProviderCall) -> ProviderAnswer:
        import httpx

        try:
            response = self._client.post(
                call.url,
                json=call.json,
                data=call.data,
                headers=call.headers,
                auth=call.auth if call.auth is not None else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TransportError as exc:
            raise SendError(f"transport error: {type(exc).__name__}") from exc
        try:
            body = response.json()
        except ValueError:
            body = response.text[:500]
        retry_after = response.headers.get("Retry-After")
        return ProviderAnswer(
            status=response.status_code,
            body=body,
            retry_after=float(retry_after) if retry_after and retry_after.isdigit() else None,
        )


@dataclass
class FakeTransport:
    """Answers like the providers' documented APIs, without a network.

    ``outage`` makes every call fail with that HTTP status (as a provider's
    5xx), ``fail_next`` only the next N calls.
    """

    calls: list[ProviderCall] = field(default_factory=list)
    outage: int | None = None
    fail_next: int = 0
    fail_status: int = 503
    _ids = itertools.count(1)

    def reset(self) -> None:
        self.calls.clear()
        self.outage = None
        self.fail_next = 0
        self.fail_status = 503

    def post(self, call: ProviderCall) -> ProviderAnswer:
        self.calls.append(call)
        if self.outage is not None:
            return ProviderAnswer(self.outage, self._error(call, self.outage))
        if self.fail_next:
            self.fail_next -= 1
            return ProviderAnswer(self.fail_status, self._error(call, self.fail_status))
        n = next(self._ids)
        if "api.telegram.org" in call.url:
            return ProviderAnswer(200, {"ok": True, "result": {"message_id": n}})
        if "graph.facebook.com" in call.url:
            to = (call.json or {}).get("to", "")
            return ProviderAnswer(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": f"wamid.FAKE{n:012d}"}],
                },
            )
        if "/Messages.json" in call.url:
            return ProviderAnswer(201, {"sid": f"SM{n:032x}", "status": "queued"})
        if "/api/v2/broadcasts.json" in call.url:
            text = (call.json or {}).get("text", "")
            return ProviderAnswer(
                201,
                {
                    "uuid": f"0b7f1c2e-0000-4000-8000-{n:012d}",
                    "id": n,
                    "status": "queued",
                    "text": {"eng": text},
                },
            )
        return ProviderAnswer(200, {"ok": True})

    @staticmethod
    def _error(call: ProviderCall, status: int):
        if "api.telegram.org" in call.url:
            return {"ok": False, "error_code": status, "description": "Internal Server Error"}
        if "graph.facebook.com" in call.url:
            return {"error": {"message": "Service temporarily unavailable", "code": 2}}
        if "/api/v2/" in call.url:
            return {"detail": "Server Error"}
        return {"code": 20500, "message": "Internal Server Error", "status": status}


@lru_cache(maxsize=4)
def _transport_for(path: str, pid: int) -> Transport:
    return import_string(path)()


def get_transport() -> Transport:
    """One transport per process, kept for its connection pool. Keyed on the
    process id too: a worker forked after its parent made one (a warm-up)
    opens its own connections instead of sharing the parent's sockets."""
    path = getattr(
        settings, "RETOUR_CHANNEL_TRANSPORT", "retour.channels.types.transport.HttpxTransport"
    )
    return _transport_for(path, os.getpid())
