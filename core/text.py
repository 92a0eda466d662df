"""Plain text from what a visitor typed."""

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text):
    """``text`` on one line: control characters (a NUL no database stores, line breaks,
    tabs) read as spaces, and runs of spaces become one."""
    return " ".join(CONTROL.sub(" ", text).split())


def fold(text):
    """``text`` as it is compared when matching words: composed (a Mac types Hangul
    decomposed) and case-folded."""
    return unicodedata.normalize("NFC", text).casefold()
