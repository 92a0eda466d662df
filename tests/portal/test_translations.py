"""Every interface string has a Korean translation, and the catalogue is current."""

import shutil
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PO_FILE = BASE_DIR / "locale" / "ko" / "LC_MESSAGES" / "django.po"
# The project's settings and templates, and every app of ours (a folder with apps.py).
SOURCE_DIRS = ["portal", "templates"] + sorted(
    path.parent.name for path in BASE_DIR.glob("*/apps.py")
)


def untranslated(po_file):
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = [line for line in result.stdout.splitlines() if line.startswith("msgid ")]
    entries += [line for line in fuzzy.stdout.splitlines() if line.startswith("msgid ")]
    return [e for e in entries if e != 'msgid ""']


def test_korean_catalogue_compiles_and_has_no_gaps():
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(PO_FILE)], check=True)
    assert untranslated(PO_FILE) == []


def test_every_string_in_code_and_templates_is_in_the_catalogue(tmp_path):
    """Extract strings afresh from a copy of the source: a string added without a
    Korean translation fails here (run `make messages` and translate it)."""
    for name in SOURCE_DIRS:
        shutil.copytree(
            BASE_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(BASE_DIR / "locale", tmp_path / "locale")
    shutil.copy(BASE_DIR / "manage.py", tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ko",
            "--no-obsolete",
            "-v0",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    missing = untranslated(tmp_path / "locale" / "ko" / "LC_MESSAGES" / "django.po")
    assert missing == [], "strings without a Korean translation: run `make messages`"
