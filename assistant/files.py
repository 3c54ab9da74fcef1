"""Atomic file writes: every write (ingest, export) goes to a temporary file beside the target,
is flushed to disk, then renamed over it, so a crash leaves the previous file intact."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomic(target: Path, content: str | bytes, create_parents: bool = True) -> None:
    """Write to a temporary file beside `target`, fsync, then rename over it. With
    `create_parents` False (user-chosen output paths) a missing folder is an error."""
    target = Path(target)
    if target.is_dir():
        raise InputError(f"“{target}”是一个文件夹，请给出文件名，例如 {target / '清单.xlsx'}")
    if not create_parents and not target.parent.is_dir():
        raise InputError(f"文件夹“{target.parent}”不存在，请先创建或换一个位置。")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"无法写入“{target}”：{exc.strerror or exc}。请换一个有写权限的位置。") from None
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o644 & ~umask)  # mkstemp creates 0600; an export is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
