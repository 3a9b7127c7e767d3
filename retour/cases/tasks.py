"""Background tasks of case records: retention, subject-access export, erasure, key rotation.

Results never hold personal data: a job record is visible to every role of the
organisation, so it says what was done, not to whom.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from retour.core import audit, crypto
from retour.core.actors import SystemActor
from retour.jobs.runtime import JobFailed, job_task

from . import selectors, services
from .models import Case


# Each case is its own transaction and an expired case stays expired: a run
# cut short is finished by the next one.
@job_task("cases.retention", idempotent=True, max_attempts=2)
def retention_run(*, job, progress, dry_run: bool = False) -> dict:
    """Pseudonymise or erase every closed case past its retention period (scheduled daily)."""
    return services.retention_run(actor=SystemActor.job("retention"), dry_run=dry_run)


def _case(job, case_uuid: str) -> Case | None:
    return Case.objects.select_related("organisation").filter(uuid=case_uuid).first()


@job_task("cases.erase", idempotent=True, max_attempts=2)
def case_erase(*, job, progress, case_uuid: str, reason: str) -> dict:
    """Erase a case and everything attached to it, for the person who asked."""
    case = _case(job, case_uuid)
    if case is None:
        return {"erased": False, "note": "already erased"}  # a retry after it committed
    if job.created_by is None:
        raise JobFailed("An erasure needs the person who asked for it.")
    try:
        services.case_erase(actor=job.created_by, case=case, reason=reason)
    except (PermissionDenied, Http404) as exc:
        raise JobFailed("You may not erase this case.") from exc
    except ValidationError as exc:
        raise JobFailed("; ".join(exc.messages)) from exc
    return {"erased": True}


@job_task("cases.export", idempotent=True, max_attempts=2)
def case_export(*, job, progress, case_uuid: str, output: str) -> dict:
    """GDPR subject-access export to a file on the server (never into the job record)."""
    case = _case(job, case_uuid)
    if case is None or job.created_by is None:
        raise JobFailed("No such case, or nobody to act for.")
    try:
        data = selectors.case_subject_access_export(actor=job.created_by, case=case)
    except (PermissionDenied, Http404) as exc:
        raise JobFailed("You may not export this case.") from exc
    text = json.dumps(data, indent=2, ensure_ascii=False)
    Path(output).write_text(text, encoding="utf-8")
    return {"output": output, "bytes": len(text.encode())}


# Re-encrypting with the primary key is a no-op for rows already rotated. Not
# scheduled: a rotation starts when an operator provisions a new key.
@job_task("cases.rotate_keys", idempotent=True, max_attempts=2)
def keys_rotate(*, job, progress) -> dict:
    """Re-encrypt every identifying field with the current primary key."""
    counts = crypto.reencrypt_all(
        progress=lambda label, done: progress(done, 0, f"re-encrypting {label}")
    )
    audit.record(
        actor=SystemActor.job("rotate_keys"),
        action="crypto.rotate",
        object_type="crypto.fieldkeys",
        detail={"rows": counts, "job": str(job.uuid)},
    )
    return counts
