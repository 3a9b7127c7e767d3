"""Job tasks used only by the jobs tests."""

from __future__ import annotations

from retour.jobs.runtime import JobFailed, job_task

CALLS: list[str] = []


@job_task("tests.count", idempotent=True, max_attempts=2)
def count_to(*, job, progress, n: int) -> dict:
    for i in range(n):
        progress(i, n, "counting")
    CALLS.append(str(job.uuid))
    return {"counted": n}


@job_task("tests.refuse")
def refuse(*, job, progress) -> dict:
    raise JobFailed("the file has no rows")


@job_task("tests.once")
def once(*, job, progress) -> dict:
    return {}
