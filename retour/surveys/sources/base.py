"""The interface every survey server source implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from urllib.parse import urlsplit

from retour.core import limits

from . import http

MAX_PAGES = 2_000  # a runaway "next" link must end somewhere


class SourceError(Exception):
    """The server could not be read; ``str(exc)`` is shown to staff (no secrets)."""


class Source(ABC):
    kind: str = ""
    page_size: int = 1000

    def __init__(self, server, *, client=None) -> None:
        self.server = server
        self.base = server.base_url.rstrip("/")
        self.client = client or http.get_client()
        self.credentials = server.credentials or {}

    @abstractmethod
    def records(self) -> Iterator[dict]:
        """Every submission, as a flat record ready for imports.records_table."""

    # -- helpers for subclasses ----------------------------------------------------------------
    def same_server(self, url: str) -> str:
        """A pagination link must point back at the configured server: the token
        goes with every request, so a link elsewhere would hand it to a stranger."""
        ours, theirs = urlsplit(self.base), urlsplit(url)
        if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc):
            raise SourceError(f"the server sent a link to another host ({theirs.netloc})")
        return url

    def get_json(self, url: str, *, params=None, headers=None, what: str = "page"):
        import httpx

        try:
            response = self.client.get(url, params=params, headers=headers)
        except httpx.HTTPError as exc:
            raise SourceError(
                f"could not reach {urlsplit(url).netloc}: {type(exc).__name__}"
            ) from exc
        return self.decode(response, what)

    def decode(self, response, what: str):
        if response.status_code in (401, 403):
            raise SourceError(f"the server refused the credentials (HTTP {response.status_code})")
        if response.status_code == 404:
            raise SourceError("the server has no such project or form (HTTP 404)")
        if response.status_code >= 400:
            raise SourceError(f"the server answered HTTP {response.status_code} for the {what}")
        try:
            return limits.load_json(response.content, f"{self.kind} {what}")
        except limits.InputRejected as exc:
            raise SourceError(str(exc)) from None
