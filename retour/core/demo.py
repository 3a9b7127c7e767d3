"""What `retour demo` hands each app's demo loader.

Each app may define ``retour/<app>/demo.py`` with::

    def load(*, context: DemoContext) -> None: ...

Loaders must be idempotent (the demo is safe to run twice) and must mark
everything they create as sample data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TextIO

from django.core.management.base import OutputWrapper


@dataclass
class DemoContext:
    org_a: Any  # Organisation: the demo NGO (counselling, portal editors)
    org_b: Any  # Organisation: the demo reintegration partner
    admin: Any  # superuser, also admin of org_a
    users: dict[tuple[str, str], Any] = field(default_factory=dict)  # ("a"|"b", role) -> User
    stdout: TextIO | OutputWrapper | None = None

    def user(self, role: str, org: str = "a"):
        return self.users[(org, role)]

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message + "\n")
