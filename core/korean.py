"""Korean text for the search index, on any database: Hangul runs are indexed as
overlapping two-syllable grams (as Lucene's CJKAnalyzer does), so part of a compound
word finds the whole (`부엌` finds `공유부엌`, `성북` finds `성북구`). Queries are cut
the same way after dropping a trailing particle (`공유부엌에서` → `공유부엌`). English
words are indexed and queried as their Snowball (Porter2) stems besides, so `kitchens`
finds "Kitchen" on SQLite too, whose full-text index does not stem.

A deployment on OpenSearch/Elasticsearch with the Nori analyzer does this in the engine
instead (docs/search.md); the gram fields then simply add recall.
"""

import re
from functools import lru_cache

import snowballstemmer

HANGUL = r"\uac00-\ud7a3"
_HANGUL_RUN = re.compile(f"[{HANGUL}]+")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_TAGS = re.compile(r"<[^>]+>")
_HANGUL_ONLY = re.compile(f"^[{HANGUL}]+$")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=20_000)
def english_stem(word):
    return _stemmer.stemWord(word.lower())


# Particles and endings a query word commonly carries, longest first. Only stripped
# when a stem of two or more syllables remains.
PARTICLES = sorted(
    [
        "에서는",
        "에서도",
        "에서",
        "에게서",
        "에게",
        "한테",
        "께서",
        "으로는",
        "으로",
        "로는",
        "부터",
        "까지",
        "이랑",
        "랑",
        "하고",
        "처럼",
        "보다",
        "마다",
        "이나",
        "나",
        "이든",
        "든",
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "와",
        "과",
        "도",
        "만",
        "에",
        "로",
        "요",
        "이요",
        "입니다",
        "이에요",
        "예요",
        "하는",
        "하기",
        "해요",
    ],
    key=len,
    reverse=True,
)


def has_hangul(text):
    """Whether ``text`` holds any Hangul syllable."""
    return bool(_HANGUL_RUN.search(text or ""))


def plain(text):
    """Text without HTML tags."""
    return _TAGS.sub(" ", text or "")


def grams(text):
    """The distinct two-syllable grams of the Hangul in ``text``, space-separated (a
    one-syllable run stays whole)."""
    seen = {}
    for run in _HANGUL_RUN.findall(plain(text)):
        if len(run) == 1:
            seen.setdefault(run, None)
        for i in range(len(run) - 1):
            seen.setdefault(run[i : i + 2], None)
    return " ".join(seen)


def index_terms(text):
    """What the search index holds besides the words: Hangul grams, English stems."""
    text = plain(text)
    stems = dict.fromkeys(english_stem(word) for word in _LATIN_WORD.findall(text))
    return " ".join(filter(None, [grams(text), " ".join(stems)]))


def stem(word):
    """``word`` without a trailing particle, when two syllables or more remain."""
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def query_terms(query):
    """The query as search terms: Hangul words as their grams (every gram must match),
    other words as they are. Punctuation and symbols are dropped."""
    terms = []
    for token in _TOKEN.findall(query):
        if _HANGUL_ONLY.match(token):
            word = stem(token)
            if len(word) == 1:
                terms.append(word)
            else:
                terms.extend(word[i : i + 2] for i in range(len(word) - 1))
        elif _HANGUL_RUN.search(token):  # mixed scripts, e.g. "3층공간": both parts
            for part in re.split(f"([{HANGUL}]+)", token):
                if part:
                    terms.extend(query_terms(part))
        elif _LATIN_WORD.fullmatch(token):
            terms.append(english_stem(token))
        else:
            terms.append(token)
    return list(dict.fromkeys(terms))


def words(query):
    """What a reader would call the words of the query (stems of Hangul words), for
    highlighting."""
    return [stem(token) if _HANGUL_ONLY.match(token) else token for token in _TOKEN.findall(query)]
