"""The interface every survey server source implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from urllib.parse import urlsplit

from django.utils.translation import gettext_noop as _

from retour.core import limits
from retour.core.problems import Problem

from . import http

MAX_PAGES = 2_000  # a runaway "next" link must end somewhere


class SourceError(Exception):
    """The server could not be read (no secrets in the message).

    ``problem`` is the msgid and params stored with the pull and shown in the
    reader's language; ``str(exc)`` is the English text.
    """

    def __init__(self, message: Problem | str, **params: object) -> None:
        self.problem = message if isinstance(message, Problem) else Problem(message, **params)
        super().__init__(str(self.problem))


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
        """Every submission, as a flat record ready for records.records_table."""

    # -- helpers for subclasses ----------------------------------------------------------------
    def same_server(self, url: str) -> str:
        """A pagination link must point back at the configured server: the token
        goes with every request, so a link elsewhere would hand it to a stranger."""
        ours, theirs = urlsplit(self.base), urlsplit(url)
        if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc):
            raise SourceError(
                _("the server sent a link to another host (%(host)s)"), host=theirs.netloc
            )
        return url

    def get_json(self, url: str, *, params=None, headers=None, what: str = "page"):
        import httpx

        try:
            response = self.client.get(url, params=params, headers=headers)
        except httpx.HTTPError as exc:
            raise SourceError(
                _("could not reach %(host)s: %(error)s"),
                host=urlsplit(url).netloc,
                error=type(exc).__name__,
            ) from exc
        return self.decode(response, what)

    def decode(self, response, what: str):
        if response.status_code in (401, 403):
            raise SourceError(
                _("the server refused the credentials (HTTP %(status)d)"),
                status=response.status_code,
            )
        if response.status_code == 404:
            raise SourceError(_("the server has no such project or form (HTTP 404)"))
        if response.status_code >= 400:
            raise SourceError(
                _("the server answered HTTP %(status)d for the %(what)s"),
                status=response.status_code,
                what=what,
            )
        try:
            return limits.load_json(response.content, f"{self.kind} {what}")
        except limits.InputRejected as exc:
            raise SourceError(exc.problem) from None
