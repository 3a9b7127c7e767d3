"""ODK Central, OData (getodk/central-backend).

``GET {server}/v1/projects/{pid}/forms/{xmlFormId}.svc/Submissions?$top=N&$skip=S&$count=true&$expand=*``
answers ``{"@odata.count", "@odata.nextLink"?, "value": [...]}``. Groups are
nested objects, repeats (with ``$expand=*``) inline arrays. ``__id`` is the
submission's first instanceID and stays the same across edits;
``__system`` holds ``submissionDate``, ``updatedAt`` (set by an edit or a
review), ``reviewState`` (null, "received", "hasIssues", "edited", "approved",
"rejected") and ``attachmentsPresent``. Attachments are listed at
``/v1/projects/{pid}/forms/{xmlFormId}/submissions/{instanceId}/attachments``
(``[{"name", "exists"}]``).

Auth: an app user's token in the path (``/v1/key/{token}/projects/...``) or a
web user's session (``POST /v1/sessions`` with email and password answers
``{"token", "expiresAt"}``; then ``Authorization: Bearer <token>``).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from django.utils.translation import gettext_noop as _

from .. import imports
from .base import MAX_PAGES, Source, SourceError


class OdkCentralSource(Source):
    kind = "odk_central"

    def _prefix_and_headers(self) -> tuple[str, dict]:
        creds = self.credentials
        if creds.get("app_user_token"):
            return f"{self.base}/v1/key/{quote(creds['app_user_token'], safe='')}", {}
        if creds.get("email") and creds.get("password"):
            import httpx

            try:
                response = self.client.post(
                    f"{self.base}/v1/sessions",
                    json={"email": creds["email"], "password": creds["password"]},
                )
            except httpx.HTTPError as exc:
                raise SourceError(
                    _("could not reach the server: %(error)s"), error=type(exc).__name__
                ) from exc
            body = self.decode(response, "session")
            token = body.get("token") if isinstance(body, dict) else None
            if not token:
                raise SourceError(_("the server's session answer has no token"))
            return f"{self.base}/v1", {"Authorization": f"Bearer {token}"}
        raise SourceError(_("no app-user token or web-user login saved for this server"))

    def records(self) -> Iterator[dict]:
        if not self.server.project_id:
            raise SourceError(_("no ODK Central project id saved for this server"))
        prefix, headers = self._prefix_and_headers()
        form = quote(self.server.remote_form, safe="")
        project = quote(str(self.server.project_id), safe="")
        self.form_url = f"{prefix}/projects/{project}/forms/{form}"
        url = f"{self.form_url}.svc/Submissions"
        params: dict[str, object] | None = {
            "$top": self.page_size, "$skip": 0, "$count": "true", "$expand": "*",
        }  # fmt: skip
        for _page in range(MAX_PAGES):
            body = self.get_json(url, params=params, headers=headers)
            if not isinstance(body, dict) or not isinstance(body.get("value"), list):
                raise SourceError(_("the server's answer has no 'value' list"))
            for value in body["value"]:
                if isinstance(value, dict):
                    yield self.record(value, headers)
            following = body.get("@odata.nextLink")
            if not following:
                return
            url, params = self.same_server(str(following)), None
        raise SourceError(_("more than %(n)d pages"), n=MAX_PAGES)

    def record(self, value: dict, headers: dict) -> dict:
        system = value.get("__system") or {}
        record = _strip(value)
        meta = value.get("meta") or {}
        record["meta/instanceID"] = meta.get("instanceID") or value.get("__id")
        if meta.get("deprecatedID"):
            record["meta/deprecatedID"] = meta["deprecatedID"]
        record.pop("meta", None)
        record["_submission_time"] = system.get("submissionDate")
        review = system.get("reviewState") or ""
        record[imports.REMOTE_KEY] = f"odk:{value.get('__id', '')}" if value.get("__id") else ""
        record[imports.REMOTE_VERSION] = (
            f"{system.get('updatedAt') or system.get('submissionDate') or ''}|{review}"
        )
        record[imports.REVIEW_STATE] = review
        record[imports.ATTACHMENTS] = (
            self.attachments(str(value.get("__id")), headers)
            if int(system.get("attachmentsPresent") or 0) > 0
            else []
        )
        return record

    def attachments(self, instance_id: str, headers: dict) -> list[dict]:
        url = f"{self.form_url}/submissions/{quote(instance_id, safe='')}/attachments"
        body = self.get_json(url, headers=headers, what="attachments")
        return [
            {
                "filename": str(a.get("name", "")),
                "mimetype": "",
                "question": "",
                "exists": bool(a.get("exists")),
            }
            for a in body or []
            if isinstance(a, dict)
        ]


def _strip(value):
    """Drop OData bookkeeping (``__id``, ``__system``, ``…@odata.navigationLink``)."""
    if isinstance(value, dict):
        return {
            k: _strip(v) for k, v in value.items() if not k.startswith("__") and "@odata" not in k
        }
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value
