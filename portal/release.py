"""The release this code is: ``PORTAL_RELEASE`` when the deployment sets it (the image's
commit), else a digest of the code and templates. It is part of every cache key, so a
release never reads what another one stored (core/versions.py)."""

import hashlib
import os
from pathlib import Path

SKIPPED = {".venv", "node_modules", "staticfiles", "media", "tests", ".git", "bench"}
SUFFIXES = (".py", ".html", ".txt", ".mo")


def code_digest(base_dir):
    """A short digest of every source file and template under ``base_dir``."""
    digest = hashlib.sha1(usedforsecurity=False)
    base = Path(base_dir)
    for folder, folders, files in os.walk(base):
        folders[:] = sorted(
            name for name in folders if name not in SKIPPED and not name.startswith(".")
        )
        for name in sorted(files):
            if name.endswith(SUFFIXES):
                path = Path(folder, name)
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def release(base_dir):
    return os.environ.get("PORTAL_RELEASE", "").strip() or code_digest(base_dir)
