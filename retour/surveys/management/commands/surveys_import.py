"""Import a KoboToolbox or ODK export (CSV/XLSX) for one organisation, with a progress bar.

    manage.py surveys_import --org alpha --form retour_monitoring_2015 --source kobo export.csv

All rows are saved or none; refused rows are listed with their reasons.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from retour.core.actors import SystemActor
from retour.orgs.models import Organisation
from retour.surveys import services
from retour.surveys.models import ImportStatus, SurveyForm

ACTOR = SystemActor.cli("surveys_import")


class Command(BaseCommand):
    help = "Import Kobo/ODK submissions (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--org", required=True, help="organisation slug")
        parser.add_argument("--form", required=True, help="XLSForm form_id")
        parser.add_argument("--form-version", default=None, help="form version (default: latest)")
        parser.add_argument("--source", choices=["kobo", "odk"], default="kobo")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **opts):
        org = Organisation.objects.filter(slug=opts["org"]).first()
        if org is None:
            raise CommandError(f"no organisation with slug {opts['org']!r}")
        forms = SurveyForm.objects.for_org(org).filter(form_id=opts["form"])
        if opts["form_version"] is not None:
            forms = forms.filter(version=opts["form_version"])
        form = forms.order_by("-created_at", "-id").first()
        if form is None:
            raise CommandError(f"no form {opts['form']!r} in {org}")
        path = Path(opts["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        job = services.import_job_create(
            actor=ACTOR, organisation=org, form=form, source=opts["source"], filename=path.name
        )
        bars: dict[str, tqdm] = {}

        def progress(done, total, phase):
            if opts["no_progress"]:
                return
            bar = bars.get(phase)
            if bar is None:
                for other in bars.values():
                    other.close()
                bar = bars[phase] = tqdm(total=total, desc=phase, unit="row", file=self.stderr)
            bar.update(done - bar.n)

        job = services.import_job_run(
            actor=ACTOR, job=job, data=path.read_bytes(), progress=progress
        )
        for bar in bars.values():
            bar.close()
        if job.status != ImportStatus.DONE:
            for error in job.errors[:50]:
                self.stderr.write(f"row {error['row']}: {error['reason']}")
            if job.error_count > 50:
                self.stderr.write(f"… and {job.error_count - 50} more")
            raise CommandError(f"import refused, nothing saved ({job.error_count} problems)")
        self.stdout.write(f"imported {job.imported_rows} submissions (job {job.uuid})")
