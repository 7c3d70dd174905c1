"""The words of a food's name, as food search indexes and matches them.

One function, [tokens][muscle_nutrients._foodtext.tokens], is used both when the search index
is built (``scripts/build_foods.py``) and when a query is read, so the two always agree:
accents and case are dropped, punctuation splits words, plurals are folded to the singular
("almonds", "berries", "tomatoes") and a few words that carry no meaning in a food name
("with", "and", "of") are left out.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["STOP_WORDS", "stem", "tokens", "words"]

#: Words left out of names and queries alike.
STOP_WORDS = frozenset({"a", "an", "and", "as", "for", "in", "of", "or", "the", "to", "with", "ns", "nfs"})

_SPLIT = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """Lower-case ASCII words of ``text`` (accents removed, punctuation splits)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    return [w for w in _SPLIT.split(plain) if w]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A word's singular: ``berries`` -> ``berry``, ``peaches`` -> ``peach``, ``almonds`` -> ``almond``."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and word[:-2].endswith(("ss", "x", "z", "ch", "sh", "o")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The search tokens of ``text``, in order, stop words left out."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
