"""Fake KoboToolbox and ODK Central servers speaking their documented formats.

Used through httpx.MockTransport, so the real source code (URLs, headers,
pagination, auth) runs; nothing reaches the network. Kobo: API v2
``/api/v2/assets/{uid}/data/`` with ``limit``/``start`` and ``count``,
``next``, ``previous``, ``results``. ODK Central: OData
``/v1/projects/{pid}/forms/{id}.svc/Submissions`` with ``$top``/``$skip``/
``$count``/``$expand``, ``@odata.count``, ``@odata.nextLink`` (a
``$skiptoken``), ``value``; ``POST /v1/sessions``; ``/v1/key/{token}/...``;
the attachments list.
"""

from __future__ import annotations

import base64
import itertools
import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import httpx

KOBO_BASE = "https://kf.kobo.example"
ODK_BASE = "https://central.odk.example"


def _json(status: int, body) -> httpx.Response:
    return httpx.Response(
        status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )


@dataclass
class FakeKobo:
    """One asset whose submissions are ``answers`` dicts in Kobo's JSON shape."""

    asset_uid: str = "aBcDeFgHiJ123"
    token: str = "kobo-token-1"
    page_limit_cap: int = 30_000
    submissions: list[dict] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    _ids = itertools.count(1000)

    def add(self, answers: dict, *, attachments=(), validation: str = "") -> dict:
        instance = str(uuid.uuid4())
        sub = {
            "_id": next(self._ids),
            "formhub/uuid": "f" * 32,
            **answers,
            "__version__": "vAbC",
            "meta/instanceID": f"uuid:{instance}",
            "_xform_id_string": self.asset_uid,
            "_uuid": instance,
            "_attachments": [
                {"download_url": f"{KOBO_BASE}/media/original?media_file=x/{name}", "filename": f"user/attachments/{name}",
                 "mimetype": "image/jpeg", "question_xpath": "photo", "id": n}
                for n, name in enumerate(attachments)
            ],
            "_status": "submitted_via_web",
            "_geolocation": [None, None],
            "_submission_time": "2026-05-02T10:00:00",
            "_tags": [],
            "_notes": [],
            "_validation_status": {"uid": validation, "label": validation} if validation else {},
            "_submitted_by": None,
        }  # fmt: skip
        self.submissions.append(sub)
        return sub

    def edit(self, sub: dict, changes: dict) -> None:
        """Kobo's edit: same _id, a new instanceID in _uuid, the old one in deprecatedID."""
        old = sub["_uuid"]
        new = str(uuid.uuid4())
        sub.update(changes)
        sub["meta/deprecatedID"] = f"uuid:{old}"
        sub["meta/instanceID"] = f"uuid:{new}"
        sub["_uuid"] = new

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("Authorization") != f"Token {self.token}":
            return _json(401, {"detail": "Invalid token."})
        path = urlsplit(str(request.url)).path
        if path != f"/api/v2/assets/{self.asset_uid}/data/":
            return _json(404, {"detail": "Not found."})
        query = parse_qs(urlsplit(str(request.url)).query)
        limit = min(int(query.get("limit", ["100"])[0]), self.page_limit_cap)
        start = int(query.get("start", ["0"])[0])
        page = self.submissions[start : start + limit]

        def link(offset):
            return f"{KOBO_BASE}{path}?" + urlencode(
                {"format": "json", "limit": limit, "start": offset}
            )

        return _json(
            200,
            {
                "count": len(self.submissions),
                "next": link(start + limit) if start + limit < len(self.submissions) else None,
                "previous": link(max(0, start - limit)) if start else None,
                "results": page,
            },
        )


@dataclass
class FakeOdkCentral:
    project_id: int = 7
    form_id: str = "household"
    app_user_token: str = "AppUserToken123$abc"
    email: str = "pull@example.org"
    password: str = "correct horse battery"
    page_size_cap: int = 250  # Central pages by $top and answers a nextLink
    submissions: list[dict] = field(default_factory=list)
    attachments: dict[str, list[dict]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    sessions: set[str] = field(default_factory=set)

    def add(self, answers: dict, *, review: str | None = None, attachments=()) -> dict:
        instance = f"uuid:{uuid.uuid4()}"
        sub = {
            "__id": instance,
            "__system": {
                "submissionDate": "2026-05-03T08:00:00.000Z",
                "updatedAt": None,
                "submitterId": "5",
                "submitterName": "enumerator",
                "attachmentsPresent": len(attachments),
                "attachmentsExpected": len(attachments),
                "status": None,
                "reviewState": review,
                "deviceId": None,
                "edits": 0,
                "formVersion": "1",
            },
            "meta": {"instanceID": instance},
            **answers,
        }
        self.attachments[instance] = [{"name": n, "exists": True} for n in attachments]
        self.submissions.append(sub)
        return sub

    def edit(self, sub: dict, changes: dict, *, when="2026-05-09T12:00:00.000Z") -> None:
        """Central's edit: __id stays, a new instanceID, updatedAt and reviewState 'edited'."""
        previous = sub["meta"]["instanceID"]
        sub.update(changes)
        sub["meta"] = {"instanceID": f"uuid:{uuid.uuid4()}", "deprecatedID": previous}
        sub["__system"].update(
            {"updatedAt": when, "reviewState": "edited", "edits": sub["__system"]["edits"] + 1}
        )

    def _authorised(self, request, path: str) -> tuple[bool, str]:
        key_prefix = f"/v1/key/{self.app_user_token}"
        if path.startswith("/v1/key/"):
            return path.startswith(key_prefix), path[len(key_prefix) :]
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return bearer in self.sessions, path[len("/v1") :]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = urlsplit(str(request.url))
        if url.path == "/v1/sessions" and request.method == "POST":
            body = json.loads(request.content or b"{}")
            if (body.get("email"), body.get("password")) != (self.email, self.password):
                return _json(
                    401,
                    {
                        "code": 401.2,
                        "message": "Could not authenticate with the provided credentials.",
                    },
                )
            token = base64.b32encode(uuid.uuid4().bytes).decode()
            self.sessions.add(token)
            return _json(
                200,
                {
                    "token": token,
                    "csrf": "x",
                    "expiresAt": "2026-05-10T00:00:00.000Z",
                    "createdAt": "2026-05-09T00:00:00.000Z",
                },
            )
        # Central reads the path decoded (tokens may hold "$" and "!").
        ok, rest = self._authorised(request, unquote(url.path))
        if not ok:
            return _json(
                403,
                {
                    "code": 403.1,
                    "message": "The authenticated actor does not have rights to perform that action.",
                },
            )
        form = f"/projects/{self.project_id}/forms/{self.form_id}"
        if rest == f"{form}.svc/Submissions":
            return self._submissions(url, rest)
        prefix = f"{form}/submissions/"
        if rest.startswith(prefix) and rest.endswith("/attachments"):
            instance = rest[len(prefix) : -len("/attachments")]
            return _json(200, self.attachments.get(instance, []))
        return _json(
            404, {"code": 404.1, "message": "Could not find the resource you were looking for."}
        )

    def _submissions(self, url, rest: str) -> httpx.Response:
        query = parse_qs(url.query)
        top = min(int(query.get("$top", [str(self.page_size_cap)])[0]), self.page_size_cap)
        skip = int(query.get("$skip", ["0"])[0])
        if "$skiptoken" in query:
            token = json.loads(base64.b64decode(query["$skiptoken"][0][2:]))
            skip = token["skip"]
        page = self.submissions[skip : skip + top]
        if "$expand" not in query:
            page = [{k: v for k, v in s.items() if not isinstance(v, list)} for s in page]
        body: dict[str, object] = {
            "@odata.context": f"{ODK_BASE}/v1{rest.rsplit('/', 1)[0]}/$metadata#Submissions",
            "value": page,
        }
        if query.get("$count") == ["true"]:
            body["@odata.count"] = len(self.submissions)
        if skip + top < len(self.submissions):
            token = "01" + base64.b64encode(json.dumps({"skip": skip + top}).encode()).decode()
            keep = {k: v[0] for k, v in query.items() if k in ("$count", "$expand", "$top")}
            body["@odata.nextLink"] = f"{ODK_BASE}{url.path}?" + urlencode(
                {**keep, "$skiptoken": token}
            )
        return _json(200, body)


def client_for(fake) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(fake.handle))


# Fakes by host, for settings.RETOUR_SURVEY_HTTP_CLIENT = "...fake_servers.client".
FAKES: dict[str, Any] = {}  # host -> a fake server with .handle(request)


def client() -> httpx.Client:
    def route(request: httpx.Request) -> httpx.Response:
        fake = FAKES.get(request.url.host)
        if fake is None:
            raise httpx.ConnectError(f"no fake server for {request.url.host}", request=request)
        return fake.handle(request)

    return httpx.Client(transport=httpx.MockTransport(route))
