"""Free-text columns encrypted at rest when DATA_ENCRYPTION_KEY is set.

Mood notes, feedback comments, the message that raised an alert, Caring Contacts and one-off
nudge texts are what a person wrote in their own words; a copied database file or backup should
not show them. Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) with a short prefix, so
rows written before a key was set still read back, and a wrong or missing key fails loudly
instead of showing ciphertext to a client or a peer worker.

The cipher is process-wide (one key per deployment, set where the engine is created); the key
list may hold several comma-separated keys: the first encrypts, all decrypt (key rotation).
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

PREFIX = "fernet:"


class FieldKeyError(RuntimeError):
    """An encrypted value met no key, or a key that does not open it."""


class FieldCipher:
    """Encrypts and decrypts text with one or more Fernet keys."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        try:
            self._fernet = MultiFernet([Fernet(k.encode("ascii")) for k in keys])
        except (ValueError, UnicodeEncodeError) as exc:
            raise ValueError(
                "DATA_ENCRYPTION_KEY must be Fernet keys (make one with `companion db new-key`)"
            ) from exc

    @classmethod
    def from_setting(cls, value: str | None) -> FieldCipher | None:
        """The cipher for a DATA_ENCRYPTION_KEY value, or None when it is empty."""
        keys = [k.strip() for k in (value or "").split(",") if k.strip()]
        return cls(keys) if keys else None

    def encrypt(self, text: str) -> str:
        return PREFIX + self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str) -> str:
        try:
            return self._fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
        except InvalidToken as exc:
            raise FieldKeyError("a field does not open with DATA_ENCRYPTION_KEY") from exc


def new_key() -> str:
    """A fresh key for DATA_ENCRYPTION_KEY."""
    return Fernet.generate_key().decode("ascii")


_cipher: FieldCipher | None = None


def use_cipher(cipher: FieldCipher | None) -> None:
    """Set the process's cipher (None: new values are stored as plain text)."""
    global _cipher
    _cipher = cipher


def current_cipher() -> FieldCipher | None:
    return _cipher


def is_encrypted(stored: str | None) -> bool:
    """True when a stored value is ciphertext written by this module."""
    return stored is not None and stored.startswith(PREFIX)


class EncryptedText(TypeDecorator[str]):
    """A Text column stored encrypted when a key is configured."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or _cipher is None:
            return value
        return _cipher.encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        assert isinstance(value, str)
        if not is_encrypted(value):
            return value  # written before a key was set
        if _cipher is None:
            raise FieldKeyError("an encrypted field was read but DATA_ENCRYPTION_KEY is not set")
        return _cipher.decrypt(value)
