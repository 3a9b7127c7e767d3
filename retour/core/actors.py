"""Who performs a write: a person (``User``) or the system itself (``SystemActor``).

Every service takes ``actor: Actor``. A person goes through the permission
policy; a SystemActor is trusted because only code running with shell access
(a management command, the demo loader) or a scheduled job can build one:
no request, form or API payload ever turns into one. A plain string is
neither, and services refuse it (``policy.require_actor``), so a label can
no longer be mistaken for a privilege.

    SystemActor.cli("retention")   -> "cli:retention"
    SystemActor.demo()             -> "demo:sample-data"
    SystemActor.job("case-retention") -> "system:case-retention"
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias, TypeGuard

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SystemKind = Literal["cli", "demo", "system"]


@dataclass(frozen=True, slots=True)
class SystemActor:
    kind: SystemKind
    name: str

    def __post_init__(self) -> None:
        if self.kind not in ("cli", "demo", "system"):
            raise ValueError(f"unknown system actor kind {self.kind!r}")
        if not self.name or ":" in self.name:
            raise ValueError(f"a system actor needs a plain name, not {self.name!r}")

    @classmethod
    def cli(cls, command: str) -> SystemActor:
        """A management command run by an operator on the server."""
        return cls("cli", command)

    @classmethod
    def demo(cls, name: str = "sample-data") -> SystemActor:
        """The demo loader writing clearly labelled sample data."""
        return cls("demo", name)

    @classmethod
    def job(cls, name: str) -> SystemActor:
        """A scheduled or background job nobody in particular started."""
        return cls("system", name)

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"


# ``User`` only for type checkers: importing auth models here would tie this
# module to the app registry, and audit/policy import it early.
Actor: TypeAlias = "User | SystemActor"


def is_user(actor: object) -> TypeGuard[User]:
    """A real (saved) user object, as opposed to a SystemActor or anything else."""
    from django.contrib.auth.models import AbstractBaseUser

    return isinstance(actor, AbstractBaseUser)


def actor_label(actor: Actor) -> str:
    """The label written to the audit log: ``cli:retention`` or the username."""
    if isinstance(actor, SystemActor):
        return str(actor)
    if is_user(actor):
        return actor.get_username() or f"user:{actor.pk}"
    raise TypeError(f"actor must be a User or a SystemActor, not {type(actor).__name__}")
