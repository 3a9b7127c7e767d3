"""KoboToolbox, API v2 (kobotoolbox/kpi).

``GET {server}/api/v2/assets/{uid}/data/?format=json&limit=N&start=S`` with
``Authorization: Token <api token>`` answers ``{"count", "next", "previous",
"results": [...]}``. Each result holds the answers under their group paths
("grp/q"), repeat groups as lists of objects with full paths, and metadata:
``_id`` (stable across edits), ``_uuid`` (the current instanceID, changes when
the submission is edited; ``meta/deprecatedID`` then names the one it
replaces), ``_submission_time``, ``_attachments`` and ``_validation_status``
(``{"uid": "validation_status_approved" | ..._not_approved | ..._on_hold}``).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from django.utils.translation import gettext_noop as _

from .. import imports
from .base import MAX_PAGES, Source, SourceError


class KoboSource(Source):
    kind = "kobo"

    def records(self) -> Iterator[dict]:
        token = self.credentials.get("token", "")
        if not token:
            raise SourceError(_("no API token saved for this server"))
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        url = f"{self.base}/api/v2/assets/{quote(self.server.remote_form, safe='')}/data/"
        params: dict[str, object] | None = {"format": "json", "limit": self.page_size, "start": 0}
        for _page in range(MAX_PAGES):
            body = self.get_json(url, params=params, headers=headers)
            if not isinstance(body, dict) or not isinstance(body.get("results"), list):
                raise SourceError(_("the server's answer has no 'results' list"))
            for result in body["results"]:
                if isinstance(result, dict):
                    yield self.record(result)
            following = body.get("next")
            if not following:
                return
            # "next" carries limit and start itself.
            url, params = self.same_server(str(following)), None
        raise SourceError(_("more than %(n)d pages"), n=MAX_PAGES)

    @staticmethod
    def record(result: dict) -> dict:
        status = result.get("_validation_status") or {}
        review = status.get("uid", "") if isinstance(status, dict) else ""
        record = {k: v for k, v in result.items() if not k.startswith("_") or k == "_uuid"}
        record["_submission_time"] = result.get("_submission_time")
        record[imports.REMOTE_KEY] = (
            f"kobo:{result.get('_id')}" if result.get("_id") is not None else ""
        )
        # An edit changes _uuid, a review changes the status: either is a new version.
        record[imports.REMOTE_VERSION] = f"{result.get('_uuid', '')}|{review}"
        record[imports.REVIEW_STATE] = review
        record[imports.ATTACHMENTS] = [
            {
                "filename": str(a.get("filename", "")).rsplit("/", 1)[-1],
                "mimetype": str(a.get("mimetype", "")),
                "question": str(a.get("question_xpath", "")),
            }
            for a in result.get("_attachments") or []
            if isinstance(a, dict)
        ]
        return record
