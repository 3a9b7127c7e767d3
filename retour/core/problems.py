"""Messages kept as a msgid and its params, rendered in the reader's language later.

Imports and pulls run in a worker that has no reader, so a problem found there
is stored as ``{"msg": msgid, "params": {...}}`` (``Problem.as_json``) and
translated when a page or the API shows it (``render_problem``). A param may be
a problem itself (a reason inside "file: reason"): it is translated first.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext


class Problem(str):
    """An English problem text that keeps its msgid and params.

    Being a ``str`` (the English text) keeps logs, the command line and callers
    that only print it unchanged; ``as_json`` is what gets stored.
    """

    msg: str
    params: dict[str, Any]

    def __new__(cls, msg: str, **params: Any) -> Problem:
        params = {k: v if isinstance(v, (Problem, int)) else str(v) for k, v in params.items()}
        self = super().__new__(cls, msg % params)
        self.msg, self.params = msg, params
        return self

    @classmethod
    def from_json(cls, data: Any) -> Problem:
        """The problem ``as_json`` stored (a list of them joined by "; "; a plain
        string as an untranslated text), to nest it in another problem."""
        if isinstance(data, list):
            parts = {f"p{i}": cls.from_json(d) for i, d in enumerate(data)}
            # Not a msgid: gettext leaves it as is and translates the parts.
            return cls("; ".join(f"%({k})s" for k in parts), **parts)
        if not isinstance(data, dict) or "msg" not in data:
            return cls("%(text)s", text=str(data))
        params = {
            k: cls.from_json(v) if isinstance(v, (dict, list)) else v
            for k, v in (data.get("params") or {}).items()
        }
        return cls(str(data["msg"]), **params)

    def as_json(self) -> dict[str, Any]:
        return {
            "msg": self.msg,
            "params": {
                k: v.as_json() if isinstance(v, Problem) else v for k, v in self.params.items()
            },
        }


def render_problem(data: Any) -> str:
    """A stored problem ({"msg", "params"}, a list of them, or an old plain string)
    in the active language; nested reasons are translated first."""
    if isinstance(data, Problem):
        data = data.as_json()
    if isinstance(data, list):
        return "; ".join(render_problem(d) for d in data)
    if not isinstance(data, dict) or "msg" not in data:
        return str(data)
    params = {
        k: render_problem(v) if isinstance(v, (dict, list)) else v
        for k, v in (data.get("params") or {}).items()
    }
    try:
        return gettext(data["msg"]) % params
    except (KeyError, TypeError, ValueError):
        # A broken translation must not hide the problem: fall back to English.
        return str(data["msg"]) % params
