"""Whether a capitalised name is made of everyday English words ("Resort", "Keep", "Police").

Such a name is a place only with stronger evidence than its capital letter: spaCy labels a
sentence-initial or title-case common word a GPE ("Resort", "Fly"), and GeoNames holds a
village for most words ("Police" in Poland, "Commerce" in Georgia). The test reads word
frequencies from the `wordfreq` package (its data ships with it and works offline), loaded
once on first use and cached per word.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Zipf frequency (log10 of uses per billion words) from which a word counts as common: 4.0 is
#: ten uses per million words, about the 6,000 most used English words. Everyday nouns and
#: verbs sit above it ("resort" 4.4, "police" 5.3, "commerce" 4.4, "keep" 5.7), while most place
#: names that are not also words sit below it ("Rochester" 3.8, "Concord" 3.5, "Dover" 3.6,
#: "Saakashvili" 2.2). wordfreq folds case, so a name that is frequent as a name ("Paris" 4.8,
#: "Washington" 5.1) passes too: callers exempt countries, divisions and large towns.
COMMON_ZIPF = 4.0

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Short words that join a name's parts ("Bank of America", "Hall of Fame") and say nothing.
_JOINERS = frozenset("of the and de la le del".split())


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a word in English (0.0 for an unknown word)."""
    from wordfreq import zipf_frequency  # loads its word list on first use only

    return zipf_frequency(word.lower(), "en")


def common_word(word: str) -> bool:
    """Whether one word is an everyday English word (`COMMON_ZIPF` or more)."""
    return zipf(word) >= COMMON_ZIPF


def common_name(text: str) -> bool:
    """Whether a name is one everyday English word ("Resort", "Commerce", "the Lot"). Names of
    several words are left alone: places are often named with common words put together
    ("Post Falls", "Franklin County", "Red River"), and the whole is then a name."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _JOINERS]
    return len(words) == 1 and common_word(words[0])
