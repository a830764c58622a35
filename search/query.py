"""Language-aware text handling for search, independent of the database.

- Words are stemmed with Snowball (PyStemmer): Russian for Cyrillic words, English for Latin
  ones — the same algorithms PostgreSQL's `russian` and `english` configurations use — so the
  SQLite FTS5 index and its queries meet on the same stems.
- `parse_websearch` reads PostgreSQL's websearch syntax ("quoted phrase", -excluded, or) into
  clauses both backends can use.
- `highlight` marks the original words whose stems match, for snippets that show the text as
  written.
- `article_reference` recognises "275.1", "ст. 275.1", "статья 275.1 УК", "Art. 275.1",
  "20.2 КоАП".
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# What each penalty kind is called, so "life imprisonment" or "штраф" finds articles by penalty
# (migration 0005 reads it from here too).
from provisions.penalties import PENALTY_WORDS

WORD_RE = re.compile(r"[^\W_]+")
CYRILLIC_RE = re.compile(r"[а-яё]")
MAX_QUERY_LENGTH = 300

_russian = Stemmer.Stemmer("russian")
_english = Stemmer.Stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    word = word.lower().replace("ё", "е")
    if word.isdigit():
        return word
    if CYRILLIC_RE.search(word):
        return _russian.stemWord(word)
    return _english.stemWord(word)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def stems_text(text: str | None) -> str:
    """The text as space-separated stems: what the SQLite index holds."""
    return " ".join(stem(word) for word in words(text or ""))


def penalty_words(kinds: str | None) -> str:
    """'fine life_imprisonment' -> the English and Russian names of those penalties."""
    names = []
    for kind in sorted(set((kinds or "").split())):
        names.extend(PENALTY_WORDS.get(kind, ()))
    return " ".join(names)


# Words too common to search for, as PostgreSQL's russian and english configurations drop them.
STOPWORDS = set(
    """a an and are as at be by for from in into is it of on or the to with
    и в во на не что с со а но по к ко у о об от до из за для при как же ли или бы""".split()
)


@dataclass
class Term:
    words: list[str]  # one word, or several for a "quoted phrase"
    negated: bool = False


@dataclass
class ParsedQuery:
    """AND of groups; each group is an OR of terms (websearch semantics)."""

    groups: list[list[Term]] = field(default_factory=list)

    @property
    def positive_words(self) -> list[str]:
        return [
            w
            for group in self.groups
            for term in group
            if not term.negated
            for w in term.words
            if w.lower() not in STOPWORDS
        ]

    @property
    def negative_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group if term.negated]

    @property
    def is_empty(self) -> bool:
        return not self.positive_words


TOKEN_RE = re.compile(r'"([^"]*)"?|(-?)([^\s"]+)')


def parse_websearch(query: str) -> ParsedQuery:
    """Parse websearch syntax: words AND, "phrases", -excluded, `or` between alternatives.

    Unbalanced quotes close at the end; punctuation-only tokens are dropped.
    """
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN_RE.finditer(query[:MAX_QUERY_LENGTH]):
        phrase, minus, bare = match.groups()
        if phrase is not None:
            term = Term(words(phrase))
        elif bare.lower() == "or" and not minus:
            pending_or = bool(parsed.groups)
            continue
        else:
            term = Term(words(bare), negated=bool(minus))
        if not term.words:
            continue
        if pending_or and not term.negated:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        pending_or = False
    return parsed


def highlight(text: str, query_words: list[str], *, window: int = 32) -> SafeString:
    """The passage of `text` with most query words, those words in <mark>; all else escaped."""
    tokens = re.split(r"(\s+)", text or "")
    wanted = {stem(w) for w in query_words if w.lower() not in STOPWORDS}
    hits = [i for i, token in enumerate(tokens) if any(stem(w) in wanted for w in words(token))]
    if not hits:
        return SafeString("")
    start = max(0, best_window_start(hits, window * 2) - 6)
    end = min(len(tokens), start + window * 2)
    pieces = ["… " if start else ""]
    hit_set = set(hits)
    for i in range(start, end):
        piece = escape(tokens[i])
        pieces.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
    pieces.append(" …" if end < len(tokens) else "")
    return mark_safe("".join(pieces).strip())


def best_window_start(hits: list[int], width: int) -> int:
    best, best_count = hits[0], 0
    for i, start in enumerate(hits):
        count = sum(1 for h in hits[i:] if h < start + width)
        if count > best_count:
            best, best_count = start, count
    return best


LAW_HINTS = {
    "criminal-code": ("ук", "ук рф", "criminal code", "cc", "uk", "uk rf"),
    "administrative-code": ("коап", "коап рф", "koap", "coao", "administrative code"),
}
REFERENCE_RE = re.compile(
    r"^\s*(?:(?:ст|стат\w*|art|article)\.?\s*)?(\d{1,6}(?:\.\d{1,6}){0,3})\.?\s*(.*?)\s*$",
    re.IGNORECASE,
)


def article_reference(query: str) -> tuple[str | None, str] | None:
    """(law slug or None, number) when the query is only an article reference, else None."""
    match = REFERENCE_RE.match(query[:MAX_QUERY_LENGTH])
    if not match:
        return None
    number, rest = match.groups()
    rest = " ".join(words(rest.lower()))
    if not rest:
        return None, number
    for slug, hints in LAW_HINTS.items():
        if rest in hints:
            return slug, number
    return None
