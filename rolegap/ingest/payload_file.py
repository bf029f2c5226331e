"""Open a payload file for its bytes, plain or gzip-compressed (told by the gzip magic bytes)."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
# What a damaged .gz raises while being read: a bad header, a cut-off stream, corrupt deflate data.
GZIP_ERRORS: tuple[type[BaseException], ...] = (gzip.BadGzipFile, EOFError, zlib.error)


class PayloadFile:
    """`stream` gives the file's content (decompressed if gzip); `position()` the bytes read on disk."""

    def __init__(self, path: Path) -> None:
        self._raw: BinaryIO = path.open("rb")
        self.is_gzip = self._raw.read(2) == GZIP_MAGIC
        self._raw.seek(0)
        self.stream: BinaryIO = gzip.GzipFile(fileobj=self._raw, mode="rb") if self.is_gzip else self._raw

    def position(self) -> int:
        """Bytes of the file on disk consumed so far (for progress, which counts on-disk bytes)."""
        return self._raw.tell()

    def close(self) -> None:
        if self.stream is not self._raw:
            self.stream.close()
        self._raw.close()

    def __enter__(self) -> PayloadFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def gzip_reason(error: BaseException) -> str:
    """A damaged gzip file's error in one line."""
    detail = str(error) or type(error).__name__
    return f"not a valid gzip file ({detail})"
