"""Finding the symptoms, medicines, conditions, nutrients and foods a text mentions.

Query (through [KnowledgeBase][muscle_nutrients.knowledge_base.KnowledgeBase]): ``find_terms``.

Index, built on first use: every name and alias of the symptoms, factors (with their member
drugs and brand names), nutrients and common foods, as a sequence of word stems. A text is
split into words (with their character spans) and clauses. Names that mean something only
whole ("feeling low", not "low") are matched word for word first; then the longest run of
words that is a name of two or more words, then names whose words all appear close together in
one clause in another order ("legs cramp at night" finds "night leg cramps"), then single words. A name shared by a symptom and a factor
("vomiting") gives both. A name is *negated* when a negation ("no",
"not", "without", "don't", "denies" ...) comes before it in its clause, with at most three
words between ("no numbness or weakness" denies both).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ._fields import maker
from ._lazy import Sealed
from ._store import Store
from .model import Factor, Food, Nutrient, Symptom
from .results import Term

if TYPE_CHECKING:
    from .knowledge_base import KnowledgeBase

__all__ = ["MAX_TEXT", "TermIndex", "age_in", "find_terms", "stem"]

#: Longest text ``find_terms`` reads, in characters.
MAX_TEXT = 10_000

# Words that carry nothing in a name or a report of one ("my legs", "I take", "a lot of").
_STOP = frozenset("""a about after all also am an and any are as at be been before being can could did do does doing during every
feel feeling feels felt for from get gets getting got had has have having i i'm im is it it's its just like lot lots me my of off
often on or our really since so some sometimes such take takes taking than that the their them then there these they this
those took too very was we were what when where which while who will with would you your use uses used using""".split())
_NEGATION_WORDS = "no not without never none nor denies deny denied negative don't doesn't didn't isn't aren't wasn't haven't hasn't cannot can't"
# after a negation, these words carry its scope on ("no numbness or weakness")
_CARRY = frozenset({"or", "nor"})
_SCOPE = 3  # words a negation reaches past
_WINDOW = 3  # extra words allowed between the words of a name found out of order
_IRREGULAR = {"feet": "foot", "teeth": "tooth", "women": "woman", "men": "man", "children": "child", "mice": "mouse"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_BREAK = re.compile(r"[.;:!?\n()]|\bbut\b|\bhowever\b|\balthough\b", re.IGNORECASE)
_SCOPE_BREAK = re.compile(r"[.;:!?\n(),]|\bbut\b|\bhowever\b|\balthough\b", re.IGNORECASE)  # a comma ends a negation
_KINDS: tuple[tuple[str, type[Any]], ...] = (("symptom", Symptom), ("factor", Factor), ("nutrient", Nutrient), ("food", Food))

_new_term = maker(Term)


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A word's stem for matching names: plurals and verb endings folded ("tingling", "tingles"
    and "tingle" all give "tingl"; "cramps", "cramped" give "cramp"; "dropped" gives "drop")."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").casefold().replace("'", "").replace("’", "")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for ending in ("ing", "ed"):
        if len(w) > len(ending) + 3 and w.endswith(ending):
            w = w[: -len(ending)]
            if w[-1] == w[-2] and w[-1] not in "lsz":  # "dropped", "dropping" -> "drop"
                w = w[:-1]
            break
    else:
        if len(w) > 3 and w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


_NEGATIONS = frozenset(stem(w) for w in _NEGATION_WORDS.split())


def _words(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) of each word of ``text``, stop words included (they count for distance)."""
    return [(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


class TermIndex(Sealed):
    """Every name of the records a text may mention, as word stems."""

    __slots__ = ("_phrases", "_prefixes", "_exact", "_by_word", "_longest", "_longest_exact")

    def __init__(self, store: Store) -> None:
        phrases: dict[tuple[str, ...], dict[str, Any]] = {}
        exact: dict[tuple[str, ...], dict[str, Any]] = {}
        for kind, cls in _KINDS:
            records: Iterable[Any] = store.table(cls)
            if cls is Food:  # the common foods: the rest of USDA's descriptions are not everyday words
                common = getattr(records, "common", None)
                records = common if common is not None else [f for f in records if f.common] or records
            for record in records:
                for name in _names(record):
                    every = tuple(s for s, _, _ in _words(name))
                    key = tuple(s for s in every if s not in _STOP)
                    if len(key) == 1 and len(every) > 1:
                        # "feeling low", "lots of urine": only the whole phrase means it, not "low"
                        exact.setdefault(every, {}).setdefault(kind, record)
                    elif key and (len(key) > 1 or len(key[0]) > 2):  # "K", "Mg", "D" alone are not mentions
                        # one record per kind: "vomiting" is a symptom and a cause of losses
                        phrases.setdefault(key, {}).setdefault(kind, record)
        by_word: dict[str, list[tuple[str, ...]]] = {}
        for key in phrases:
            if len(key) > 1:
                for word in set(key):
                    by_word.setdefault(word, []).append(key)
        self._phrases: Mapping[tuple[str, ...], tuple[tuple[str, Any], ...]] = _frozen(phrases)
        self._exact: Mapping[tuple[str, ...], tuple[tuple[str, Any], ...]] = _frozen(exact)
        # every beginning of a name, so a run of words stops growing as soon as no name starts so
        self._prefixes = frozenset(key[:n] for key in phrases for n in range(1, len(key) + 1))
        # longer names first: "night leg cramps" before "leg cramps"; each with its set of words
        self._by_word: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = MappingProxyType(
            {k: tuple((key, frozenset(key)) for key in sorted(v, key=lambda key: (-len(key), key))) for k, v in by_word.items()})
        self._longest = max((len(k) for k in phrases), default=1)
        self._longest_exact = max((len(k) for k in exact), default=1)

    def find(self, text: str) -> tuple[Term, ...]:
        """The terms ``text`` mentions, in text order."""
        words = _words(text)
        if not words:
            return ()
        clause = _clauses(text, words, _BREAK)
        scope = _clauses(text, words, _SCOPE_BREAK)
        taken: set[int] = set()
        found: list[tuple[int, int, tuple[tuple[str, Any], ...]]] = []  # (first word, last word, hits)
        # 1. phrases that only mean something whole, word for word
        stems = [w[0] for w in words]
        for i in range(len(words)):
            for length in range(min(self._longest_exact, len(words) - i), 1, -1):
                if i in taken or clause[i] != clause[i + length - 1]:
                    continue
                hit = self._exact.get(tuple(stems[i:i + length]))
                if hit is not None:
                    found.append((i, i + length - 1, hit))
                    taken.update(range(i, i + length))
                    break
        # 2. the longest run of two or more content words that is a name, within a clause
        content = [i for i, s in enumerate(stems) if s not in _STOP and i not in taken]  # a negation may be part of a name ("no dairy")
        self._runs(content, stems, clause, 2, taken, found)
        # 3. names whose words are all near each other in one clause, in another order
        #    ("thighs and shoulders are weak" is weak thighs before it is "weak")
        where: dict[tuple[int, str], list[int]] = {}
        present: dict[int, set[str]] = {}
        for j in content:
            if j not in taken:
                where.setdefault((clause[j], stems[j]), []).append(j)
                present.setdefault(clause[j], set()).add(stems[j])
        for j in content:
            if j in taken:
                continue
            c = clause[j]
            for key, words_of_key in self._by_word.get(stems[j], ()):
                if not words_of_key <= present[c]:
                    continue  # a word of the name is missing from this clause
                spots = _place(key, j, where, c, taken)
                if spots is not None:
                    found.append((min(spots), max(spots), self._phrases[key]))
                    taken.update(spots)
                    break
        # 4. single words that are names
        self._runs([j for j in content if j not in taken], stems, clause, 1, taken, found)
        found.sort(key=lambda item: item[0])
        return tuple(
            _new_term(kind, record, text[words[a][1]:words[b][2]], words[a][1], words[b][2], _negated(a, words, scope))
            for a, b, hits in found
            for kind, record in hits
        )

    def _runs(self, content: Sequence[int], stems: Sequence[str], clause: Sequence[int], shortest: int,
              taken: set[int], found: list[tuple[int, int, tuple[tuple[str, Any], ...]]]) -> None:
        """Add the longest runs (at least ``shortest`` words) of adjacent ``content`` words that are
        names, left to right, each within one clause."""
        i, n = 0, len(content)
        while i < n:
            best = 0
            key: tuple[str, ...] = ()
            for end in range(i, min(i + self._longest, n)):  # grow the run while some name begins so
                j = content[end]
                if j in taken or clause[j] != clause[content[i]]:
                    break
                key = (*key, stems[j])
                if key not in self._prefixes:
                    break
                if end - i + 1 >= shortest and key in self._phrases:
                    best = end - i + 1
            if best:
                span = content[i:i + best]
                found.append((span[0], span[-1], self._phrases[tuple(stems[j] for j in span)]))
                taken.update(span)
                i += best
            else:
                i += 1


def _frozen(phrases: Mapping[tuple[str, ...], Mapping[str, Any]]) -> Mapping[tuple[str, ...], tuple[tuple[str, Any], ...]]:
    return MappingProxyType({key: tuple(hits.items()) for key, hits in phrases.items()})


def _place(key: tuple[str, ...], at: int, where: Mapping[tuple[int, str], list[int]], c: int, taken: set[int]) -> list[int] | None:
    """Word positions in clause ``c`` holding every word of ``key``, nearest to ``at``, all within
    the name's length plus ``_WINDOW``; None if there are none."""
    reach = len(key) + _WINDOW
    spots: list[int] = []
    for word in key:
        free = [j for j in where[c, word] if j not in taken and j not in spots and abs(j - at) <= reach]
        if not free:
            return None
        spots.append(min(free, key=lambda j: abs(j - at)))
    return spots if max(spots) - min(spots) < reach else None


def _names(record: Any) -> list[str]:
    names = [record.name, *getattr(record, "aliases", ())]
    if isinstance(record, Factor):
        names += [*record.members, *record.brands]
    if isinstance(record, Nutrient):
        names.append(record.deficiency)
    return names


def _clauses(text: str, words: Sequence[tuple[str, int, int]], pattern: re.Pattern[str]) -> list[int]:
    """The clause number of each word: a new clause after each match of ``pattern`` (``. ; : ! ? ( )``,
    a line break, "but"; for negations a comma too)."""
    breaks = [m.start() for m in pattern.finditer(text)]
    out, b, n = [], 0, 0
    for _, start, _ in words:
        while b < len(breaks) and breaks[b] < start:
            b += 1
            n += 1
        out.append(n)
    return out


def _negated(first: int, words: Sequence[tuple[str, int, int]], clause: Sequence[int]) -> bool:
    """Whether a negation comes before word ``first`` in its clause, at most ``_SCOPE`` words back
    (or further back across "or"/"nor")."""
    gap = 0
    for j in range(first - 1, -1, -1):
        if clause[j] != clause[first]:
            return False
        word = words[j][0]
        if word in _NEGATIONS:
            return True
        if word == "and":
            return False
        if word not in _CARRY:
            gap += 1
            if gap > _SCOPE:
                return False
    return False


# ---------------------------------------------------------------------------- query


# "I'm 70", "I am over 90", "aged 85", "a 67-year-old", "72 years old" -- not "I'm 5 weeks pregnant"
_AGE = re.compile(
    r"\b(?:i'?m|i am|aged?)\s+(?:over|nearly|almost|about|around)?\s*(\d{1,3})\b"
    r"(?!\s*(?:%|percent|kg|kilos?|g|grams?|lbs?|pounds?|stone|st|mg|mcg|ml|cm|mm|m|km|miles?|foot|feet|ft|inch(?:es)?|"
    r"weeks?|months?|days?|hours?|hrs?|minutes?|mins?|times?|am|pm|units?|cups?|glasses|bottles?|cans?|pills?|tablets?)\b)"
    r"|\b(\d{1,3})[- ](?:years?|yrs?)[- ]old\b",
    re.IGNORECASE,
)


def age_in(text: str) -> float | None:
    """The age a person states in a text ("I'm 70", "I am over 90", "a 67-year-old"), in years,
    or None. A number followed by a unit or a word ("I'm 5 weeks pregnant") is not an age."""
    for match in _AGE.finditer(text[:MAX_TEXT]):
        years = int(match.group(1) or match.group(2))
        if 0 < years <= 130:
            return float(years)
    return None


def find_terms(kb: KnowledgeBase, text: str) -> tuple[Term, ...]:
    """The symptoms, factors (medicines by generic or brand name, conditions, diets, behaviours,
    situations), nutrients and common foods a free text mentions, in text order, each with the
    words that matched, their character span, and whether the text denies it.

    ``"my legs cramp at night and my feet tingle; I take lasix, no numbness"`` gives night leg
    cramps, tingling (paresthesia), loop diuretics (from the brand Lasix) and numbness (negated).

    Raises:
        TypeError: ``text`` is not a string.
        ValueError: ``text`` is longer than ``MAX_TEXT`` characters.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_terms reads a text (a string), not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"a text for find_terms is at most {MAX_TEXT:,} characters, got {len(text):,}")
    return kb._terms.find(text)
