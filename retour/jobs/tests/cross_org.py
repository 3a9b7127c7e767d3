"""Cross-organisation builders for the route walker: a background job of org B."""

from retour.testing.routes import register_param


@register_param("job_uuid")
def _job(tc):
    from retour.jobs.models import Job, JobStatus

    return Job.objects.create(
        organisation=tc.org_b,
        kind="surveys.import",
        label=f"Import {tc.canary}",
        status=JobStatus.FAILED,
        started_by="user:bravo-admin",
        task_path="retour.surveys.tasks.import_submissions",
        message=tc.canary,
        error=tc.canary,
    ).uuid
