"""Field encryption for identifying data, with keys kept outside the database.

Keys are Fernet keys (AES-128-CBC + HMAC-SHA256). They come from
``settings.RETOUR_FIELD_KEYS`` (the environment, comma-separated) or, when that
is empty, from the key file ``settings.RETOUR_FIELD_KEY_FILE`` (one key per
line). The first key is the *primary*: it encrypts every new value. The others
only decrypt, which is what makes rotation possible without downtime:

1. put a new key first (``manage.py cases rotate_keys --generate`` does this for
   the key file; with env keys, prepend it to RETOUR_FIELD_KEYS yourself);
2. re-encrypt every stored value with the primary (``cases rotate_keys``);
3. drop the old keys (``--retire-old`` for the key file).

A database dump alone therefore never reveals a name: the key is not in it.

In development the key file is generated on first use with 0600 permissions
(the directory 0700). Production should set ``RETOUR_FIELD_KEY_AUTOCREATE =
False`` so a missing key is a loud configuration error rather than a fresh key
that silently cannot read yesterday's data.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models

from .private_files import private_dir

_lock = threading.Lock()
_cache: dict[tuple, MultiFernet] = {}


class DecryptionError(RuntimeError):
    """A stored value could not be decrypted with any configured key."""


def _key_file() -> Path:
    return Path(getattr(settings, "RETOUR_FIELD_KEY_FILE", "var/keys/field.keys"))


def _parse_key_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def write_key_file(path: Path, keys: Iterable[str]) -> None:
    """Write keys atomically with owner-only permissions (0600; directory 0700)."""
    # var/ and var/keys are created 0700 (mkdir alone would leave var/ to the
    # umask, usually 0755); a shared parent we do not own stays as it is, and
    # the file mode still protects.
    with contextlib.suppress(PermissionError):
        private_dir(path.parent)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(
            "# Retour field-encryption keys. First line encrypts; keep out of backups of the DB.\n"
        )
        for key in keys:
            fh.write(key.strip() + "\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def configured_keys() -> tuple[list[str], str]:
    """(keys, source) where source is "env" or "file". Creates the dev key file if allowed."""
    env_keys = [k.strip() for k in getattr(settings, "RETOUR_FIELD_KEYS", []) or [] if k.strip()]
    if env_keys:
        return env_keys, "env"
    path = _key_file()
    if path.exists():
        keys = _parse_key_lines(path.read_text())
        if keys:
            return keys, "file"
    if not getattr(settings, "RETOUR_FIELD_KEY_AUTOCREATE", True):
        raise ImproperlyConfigured(
            "No field-encryption key: set RETOUR_FIELD_KEYS or provide RETOUR_FIELD_KEY_FILE."
        )
    with _lock:
        if not path.exists():
            write_key_file(path, [Fernet.generate_key().decode()])
    return _parse_key_lines(path.read_text()), "file"


def fernet() -> MultiFernet:
    keys, _source = configured_keys()
    cache_key = tuple(keys)
    cached = _cache.get(cache_key)
    if cached is None:
        try:
            cached = MultiFernet([Fernet(k.encode()) for k in keys])
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(f"Invalid field-encryption key: {exc}") from exc
        _cache.clear()
        _cache[cache_key] = cached
    return cached


def encrypt_str(value: str) -> str:
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_str(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError("value cannot be decrypted with the configured keys") from exc


def rotate_token(token: str) -> str:
    """Re-encrypt one stored token with the primary key (no plaintext leaves this call)."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionError("value cannot be decrypted with the configured keys") from exc


def generate_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedFieldMixin:
    """Encrypts in get_prep_value, decrypts in from_db_value.

    Only ``isnull`` lookups are allowed: ciphertexts are randomised, so any
    other comparison would silently match nothing, and a LIKE on identifying
    data is exactly what we want to make impossible.
    """

    encrypted = True

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(f"Encrypted field {self.name!r} supports only the isnull lookup.")
        return super().get_lookup(lookup_name)

    def _serialise(self, value) -> str:
        return value

    def _deserialise(self, text: str):
        return text

    def get_prep_value(self, value):
        if value is None:
            return None
        text = self._serialise(value)
        if text == "":
            return ""  # nothing to hide; keeps blank=True fields simple
        return encrypt_str(text)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value if not isinstance(self, EncryptedJSONField) else None
        return self._deserialise(decrypt_str(value))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    description = "Text encrypted at rest with the field keys"

    def get_prep_value(self, value):
        if value is not None and not isinstance(value, str):
            value = str(value)
        return EncryptedFieldMixin.get_prep_value(self, value)


class EncryptedJSONField(EncryptedFieldMixin, models.TextField):
    """A JSON value (list/dict) stored as one encrypted text column."""

    # For django-stubs: the attribute holds the JSON value, not the column's text.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    description = "JSON encrypted at rest with the field keys"

    def _serialise(self, value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def _deserialise(self, text: str):
        return json.loads(text)

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def value_to_string(self, obj):
        return self._serialise(self.value_from_object(obj))


def encrypted_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]


def models_with_encrypted_fields() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if encrypted_fields(m)]


def reencrypt_all(*, batch_size: int = 500, progress=None) -> dict[str, int]:
    """Re-encrypt every encrypted value with the current primary key.

    Reads the raw tokens with a plain values() on a Cast-free raw query so the
    plaintext never exists in Python: MultiFernet.rotate works token to token.
    Returns {model label: rows rewritten}.
    """
    from django.db import connection, transaction

    counts: dict[str, int] = {}
    for model in models_with_encrypted_fields():
        fields = encrypted_fields(model)
        columns = [f.column for f in fields if f.column]  # concrete fields all have one
        pk_field = model._meta.pk
        assert pk_field is not None and pk_field.column  # every concrete model has a pk
        table = connection.ops.quote_name(model._meta.db_table)
        pk_col = connection.ops.quote_name(pk_field.column)
        cols = ", ".join(connection.ops.quote_name(c) for c in columns)
        done = 0
        last_pk = None
        while True:
            with transaction.atomic(), connection.cursor() as cur:
                if last_pk is None:
                    cur.execute(
                        f"SELECT {pk_col}, {cols} FROM {table} ORDER BY {pk_col} LIMIT %s",  # noqa: S608
                        [batch_size],
                    )
                else:
                    cur.execute(
                        f"SELECT {pk_col}, {cols} FROM {table} WHERE {pk_col} > %s "  # noqa: S608
                        f"ORDER BY {pk_col} LIMIT %s",
                        [last_pk, batch_size],
                    )
                rows = cur.fetchall()
                if not rows:
                    break
                sets = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
                for row in rows:
                    pk, tokens = row[0], row[1:]
                    new = [rotate_token(t) if t else t for t in tokens]
                    cur.execute(
                        f"UPDATE {table} SET {sets} WHERE {pk_col} = %s",  # noqa: S608
                        [*new, pk],
                    )
                last_pk = rows[-1][0]
                done += len(rows)
            if progress is not None:
                progress(model._meta.label, done)
        counts[model._meta.label] = done
    return counts
