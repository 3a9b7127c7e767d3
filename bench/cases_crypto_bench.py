"""Field encryption cost: writing identities and rotating the key.

    .venv/bin/python bench/cases_crypto_bench.py [N]

Creates N case identities (8 encrypted fields each) in a temporary SQLite file,
then times ``cases rotate_keys`` (re-encrypt every value with a new primary
key). The baseline, in the same process, rewrites the same columns with the
same values without any cryptography (the raw SQL UPDATE loop that rotation
uses), so the ratio isolates what Fernet costs.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
_tmp = Path(tempfile.mkdtemp(prefix="retour-bench-crypto-"))
os.environ["RETOUR_SQLITE_PATH"] = str(_tmp / "bench.sqlite3")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.DATABASES["default"] = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": str(_tmp / "bench.sqlite3"),
}
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from retour.cases.models import Case, CaseIdentity  # noqa: E402
from retour.core import crypto  # noqa: E402
from retour.testing.factories import OrganisationFactory  # noqa: E402


def main(n: int) -> None:
    call_command("migrate", verbosity=0)
    key_file = _tmp / "field.keys"
    crypto.write_key_file(key_file, [crypto.generate_key()])
    with override_settings(RETOUR_FIELD_KEYS=[], RETOUR_FIELD_KEY_FILE=key_file):
        org = OrganisationFactory(name="Bench org (SAMPLE)", slug="bench")
        t0 = time.perf_counter()
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                Case(organisation=org, case_number=f"B-{i:07d}", country_of_return="AF",
                     opened_on=datetime.date(2026, 1, 1), is_sample=True)
                for i in range(n)
            )  # fmt: skip
            CaseIdentity.objects.bulk_create(
                CaseIdentity(case=c, given_name="Sample", family_name=f"Person {i}",
                             other_names="", date_of_birth="1990-01-01", phone="+00 000",
                             email="sample@example.org", address_after_return="Sample address",
                             documents=[{"type": "sample", "number": str(i)}])
                for i, c in enumerate(cases)
            )  # fmt: skip
        write_s = time.perf_counter() - t0

        fields = crypto.encrypted_fields(CaseIdentity)
        cols = ", ".join(f.column for f in fields)
        sets = ", ".join(f"{f.column} = %s" for f in fields)
        t0 = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"SELECT id, {cols} FROM cases_caseidentity ORDER BY id")
            for row in cur.fetchall():
                cur.execute(
                    f"UPDATE cases_caseidentity SET {sets} WHERE id = %s", [*row[1:], row[0]]
                )
        baseline_s = time.perf_counter() - t0

        crypto.write_key_file(
            key_file, [crypto.generate_key(), *crypto._parse_key_lines(key_file.read_text())]
        )
        t0 = time.perf_counter()
        counts = crypto.reencrypt_all()
        rotate_s = time.perf_counter() - t0
        assert counts["cases.CaseIdentity"] == n
        assert CaseIdentity.objects.order_by("id").first().family_name == "Person 0"

    values = n * len(fields)
    print(f"identities: {n:,} ({values:,} encrypted values)")
    print(f"create (bulk, encrypt on write): {write_s:.2f} s")
    print(f"baseline raw rewrite, no crypto: {baseline_s:.2f} s")
    print(f"rotate_keys (decrypt+encrypt):   {rotate_s:.2f} s  ({values / rotate_s:,.0f} values/s)")
    print(f"ratio rotation / baseline:       {rotate_s / baseline_s:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
