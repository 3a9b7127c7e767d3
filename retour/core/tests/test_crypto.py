"""Field encryption: keys outside the DB, rotation, and a DB file that reveals no names."""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings

from retour.cases.models import CaseIdentity
from retour.cases.tests.factories import CaseFactory
from retour.core import crypto
from retour.core.actors import SystemActor

NAME = "Zelindra Quorvath"


class KeyLoadingTests(TestCase):
    def test_env_keys_win_and_first_key_encrypts(self):
        k1, k2 = Fernet.generate_key().decode(), Fernet.generate_key().decode()
        with override_settings(RETOUR_FIELD_KEYS=[k1, k2]):
            token = crypto.encrypt_str("x")
            self.assertEqual(Fernet(k1.encode()).decrypt(token.encode()), b"x")

    def test_dev_key_file_is_generated_owner_only(self):
        path = Path(tempfile.mkdtemp()) / "keys" / "field.keys"
        with override_settings(RETOUR_FIELD_KEYS=[], RETOUR_FIELD_KEY_FILE=path):
            token = crypto.encrypt_str("hello")
            self.assertTrue(path.exists())
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            self.assertEqual(crypto.decrypt_str(token), "hello")

    def test_missing_key_is_an_error_when_autocreate_is_off(self):
        path = Path(tempfile.mkdtemp()) / "absent.keys"
        with (
            override_settings(
                RETOUR_FIELD_KEYS=[], RETOUR_FIELD_KEY_FILE=path, RETOUR_FIELD_KEY_AUTOCREATE=False
            ),
            self.assertRaises(ImproperlyConfigured),
        ):
            crypto.encrypt_str("x")

    def test_wrong_key_cannot_decrypt(self):
        token = crypto.encrypt_str("secret")
        with (
            override_settings(RETOUR_FIELD_KEYS=[Fernet.generate_key().decode()]),
            self.assertRaises(crypto.DecryptionError),
        ):
            crypto.decrypt_str(token)


class EncryptedFieldTests(TestCase):
    def test_round_trip_and_raw_column_is_ciphertext(self):
        case = CaseFactory()
        CaseIdentity.objects.create(
            case=case, given_name=NAME, documents=[{"type": "passport", "number": "ZQ998877"}]
        )
        identity = CaseIdentity.objects.get(case=case)
        self.assertEqual(identity.given_name, NAME)
        self.assertEqual(identity.documents[0]["number"], "ZQ998877")
        with connection.cursor() as cur:
            cur.execute("SELECT given_name, documents FROM cases_caseidentity")
            raw = " ".join(str(v) for v in cur.fetchone())
        self.assertNotIn("Zelindra", raw)
        self.assertNotIn("ZQ998877", raw)
        self.assertTrue(raw.startswith("gAAAA"))

    def test_lookups_other_than_isnull_are_refused(self):
        with self.assertRaises(FieldError):
            CaseIdentity.objects.filter(given_name=NAME).exists()
        self.assertFalse(CaseIdentity.objects.filter(documents__isnull=False).exists())


class DatabaseFileTests(TransactionTestCase):
    """Committed data only: SQLite cannot back up a connection mid-transaction."""

    serialized_rollback = True  # keep migrated data for the tests after this one

    def test_database_file_alone_reveals_no_names(self):
        if connection.vendor != "sqlite":
            self.skipTest("the byte scan copies the SQLite database to a file")
        from retour.cases import services

        case = CaseFactory()
        services.consent_record(
            actor=SystemActor.cli("test"), case=case, purpose="counselling", version="test-1"
        )
        services.case_identity_set(
            actor=SystemActor.cli("test"),
            case=case,
            given_name=NAME,
            phone="+00 111 222",
            address_after_return="Rue Zelindra 5",
        )
        path = Path(tempfile.mkdtemp()) / "copy.sqlite3"
        target = sqlite3.connect(path)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        data = path.read_bytes()
        self.assertGreater(len(data), 10_000)
        # Sanity check that the scan can find things: the pseudonymous number is in clear.
        self.assertIn(case.case_number.encode(), data)
        for needle in ("Zelindra", "Quorvath", "+00 111 222"):
            self.assertNotIn(needle.encode(), data)
            self.assertNotIn(needle.encode("utf-16-le"), data)


class RotationTests(TestCase):
    def test_rotate_keys_reencrypts_with_new_primary(self):
        old = Fernet.generate_key().decode()
        path = Path(tempfile.mkdtemp()) / "field.keys"
        crypto.write_key_file(path, [old])
        with override_settings(RETOUR_FIELD_KEYS=[], RETOUR_FIELD_KEY_FILE=path):
            case = CaseFactory()
            CaseIdentity.objects.create(
                case=case, given_name=NAME, documents=[{"type": "id", "number": "1"}]
            )
            call_command("cases", "rotate_keys", "--generate", "--retire-old", stdout=io.StringIO())
            keys = crypto._parse_key_lines(path.read_text())
            self.assertEqual(len(keys), 1)
            self.assertNotEqual(keys[0], old)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            identity = CaseIdentity.objects.get(case=case)
            self.assertEqual(identity.given_name, NAME)
            self.assertEqual(identity.documents, [{"type": "id", "number": "1"}])
        with connection.cursor() as cur:
            cur.execute("SELECT given_name FROM cases_caseidentity")
            token = cur.fetchone()[0]
        # The old key alone no longer opens the stored value.
        with self.assertRaises(Exception):
            Fernet(old.encode()).decrypt(token.encode())
        Fernet(keys[0].encode()).decrypt(token.encode())
