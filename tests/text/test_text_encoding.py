"""--encoding that does not match the file is refused with the reason (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.cli import app
from precis.errors import EncodingError
from precis.io import read_text

TEXT = "Été brûlant à Nîmes.\n"


def test_utf16_decode_of_a_utf8_file_is_refused(runner, fake_backends, tmp_path: Path) -> None:
    # It printed mojibake ("觃썴₩...") with exit 0.
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(
        app, ["translate", str(src), "--encoding", "utf-16", "--backend", "fake"]
    )
    assert result.exit_code == 1
    assert "is not utf-16" in result.stderr and "looks like UTF-8" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_wide_decodes_of_8bit_files_are_refused(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(TEXT.encode("cp1252"))
    with pytest.raises(EncodingError, match="--encoding cp1252"):
        read_text(src, encoding=encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_real_wide_files_still_read(tmp_path: Path, encoding: str) -> None:
    src = tmp_path / "a.txt"
    src.write_bytes(TEXT.encode(encoding))
    assert read_text(src, encoding=encoding) == TEXT


def test_legacy_encoding_of_a_utf8_file_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    with pytest.raises(EncodingError, match="is UTF-8, not latin-1"):
        read_text(src, encoding="latin-1")
