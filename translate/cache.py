"""The optional on-disk translation cache: re-running a job on the same sentences is free.

One sqlite3 file (`translations.sqlite3` in `$PRECIS_CACHE_DIR`, else `~/.cache/precis`),
keyed by the backend's signature (backend, model, revision, options, versions) and the source
sentence. Off by default (`--cache` turns it on): the in-run cache of `Translator` already
translates each distinct sentence once per run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from precis.errors import OutputError
from precis.translate.base import cache_dir

CACHE_FILE = "translations.sqlite3"
SQLITE_TIMEOUT_S = 30.0
LOOKUP_CHUNK = 500  # sqlite's default limit on query parameters is 999


class DiskCache:
    """sqlite3-backed map (signature, sentence) -> translation. Safe to share between processes."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else cache_dir() / CACHE_FILE
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=SQLITE_TIMEOUT_S)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS translations ("
                "signature TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, "
                "PRIMARY KEY (signature, source))"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(
                f"{self.path}: cannot open the translation cache ({exc}); "
                "set PRECIS_CACHE_DIR to a writable folder or run without --cache"
            ) from exc

    def get_many(self, signature: str, sources: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        items = list(dict.fromkeys(sources))
        for i in range(0, len(items), LOOKUP_CHUNK):
            chunk = items[i : i + LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT source, target FROM translations WHERE signature = ? "
                f"AND source IN ({marks})",
                [signature, *chunk],
            )
            found.update(rows)
        return found

    def put_many(self, signature: str, pairs: Iterable[tuple[str, str]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations (signature, source, target) VALUES (?, ?, ?)",
                [(signature, s, t) for s, t in pairs],
            )

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        self._db.close()
