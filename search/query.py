"""Language-aware text handling for search, independent of the database.

- `parse_websearch` reads PostgreSQL's websearch syntax ("quoted phrase", -excluded, or) into
  clauses; `plan` turns them into what both backends search for: each Russian word widened to
  every form of its lemmas (search.morphology, pymorphy3), each Latin word as its English stem,
  each quoted phrase as its words' exact forms in order.
- `highlight` marks the words of a text that a query word matches, for snippets that show the
  text as written.
- Citations ("ч. 1 ст. 275.1 УК РФ") are read by search.citations.
"""

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from django.utils.safestring import SafeString, mark_safe

# What each penalty kind is called, so "life imprisonment" or "штраф" finds articles by penalty.
from provisions.penalties import PENALTY_WORDS
from search.morphology import fold, index_text, index_token, word_forms

WORD_RE = re.compile(r"[^\W_]+")
MAX_QUERY_LENGTH = 300


def words(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def stems_text(text: str | None) -> str:
    """The text as the SQLite index holds it (search.morphology.index_text)."""
    return index_text(text)


def penalty_words(kinds: str | None) -> str:
    """'fine life_imprisonment' -> the English and Russian names of those penalties."""
    names = []
    for kind in sorted(set((kinds or "").split())):
        names.extend(PENALTY_WORDS.get(kind, ()))
    return " ".join(names)


# Words too common to search for: the function words (prepositions, conjunctions, pronouns,
# particles) of the stop lists PostgreSQL's english and russian configurations use (Snowball's;
# /usr/share/postgresql/15/tsearch_data/russian.stop), not its words with a meaning of their
# own ("два", "можно", "более"). A word searched for alone is dropped from any-word matching,
# where "над" in "насилие над представителем власти" would match most articles.
STOPWORDS = set(
    """a an and are as at be by for from in into is it of on or the to with
    и в во на не что с со а но по к ко у о об от до из за для при как же ли или бы
    над под перед через между без про после ни да то так же ж вот если когда чтобы чтоб тоже
    будто уж уже еще ещё ведь хоть разве чем тем том этот эта это эти этой этом этого эту того
    тот он она оно они я ты мы вы его ее её их им ним них нее ней него ему ей мне меня тебя нас
    вас вам себя себе""".split()
)


@dataclass
class Term:
    words: list[str]  # one word, or several for a "quoted phrase"
    negated: bool = False
    quoted: bool = False


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
    def phrases(self) -> list[Term]:
        return [
            term
            for group in self.groups
            for term in group
            if term.quoted and not term.negated and len(term.words) > 1
        ]

    @property
    def is_empty(self) -> bool:
        return not self.positive_words


TOKEN_RE = re.compile(r'"([^"]*)"?|(-?)([^\s"]+)')


def parse_websearch(query: str) -> ParsedQuery:
    """Parse websearch syntax: words AND, "phrases", -excluded, `or` between alternatives.

    Unbalanced quotes close at the end; punctuation-only tokens are dropped; a token of
    several words ("уголовно-процессуальный") is several words.
    """
    parsed = ParsedQuery()
    pending_or = False
    for match in TOKEN_RE.finditer(query[:MAX_QUERY_LENGTH]):
        phrase, minus, bare = match.groups()
        if phrase is not None:
            terms = [Term(words(phrase), quoted=True)]
        elif bare.lower() == "or" and not minus:
            pending_or = bool(parsed.groups)
            continue
        elif minus:
            terms = [Term(words(bare), negated=True)]
        else:
            terms = [Term([word]) for word in words(bare)]
        for i, term in enumerate(terms):
            if not term.words:
                continue
            if pending_or and i == 0 and not term.negated:
                parsed.groups[-1].append(term)
            else:
                parsed.groups.append([term])
        pending_or = False
    return parsed


# --- what the backends search for ---------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of the query: any of these index tokens matches it."""

    forms: frozenset[str]


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: these index tokens, exactly, one after another."""

    tokens: tuple[str, ...]


Match = Word | Phrase


@dataclass
class SearchPlan:
    """An AND of groups, each an OR of words and phrases, without the negatives; empty when
    nothing is left to search for. `title_only`: in article titles only."""

    groups: list[list[Match]]
    negatives: list[Match] = field(default_factory=list)
    title_only: bool = False

    def __bool__(self) -> bool:
        return bool(self.groups)


def word_match(word: str) -> Word:
    return Word(word_forms(word))


def term_match(term: Term) -> Match | None:
    kept = term.words if term.quoted else [w for w in term.words if w.lower() not in STOPWORDS]
    if not kept:
        return None
    if len(kept) == 1:
        return word_match(kept[0])
    return Phrase(tuple(index_token(w) for w in kept))


def plan(parsed: ParsedQuery, *, any_word: bool = False) -> SearchPlan:
    """What to search for. Every group must match; with `any_word`, any positive word may
    (phrases loosened into their words); the excluded terms rule documents out either way."""
    negatives = [m for term in parsed.negative_terms if (m := term_match(Term(term.words)))]
    if any_word:
        alternatives = [word_match(w) for w in dict.fromkeys(parsed.positive_words)]
        return SearchPlan([alternatives] if alternatives else [], negatives)
    groups = []
    for group in parsed.groups:
        alternatives = [m for t in group if not t.negated and (m := term_match(t))]
        if alternatives:
            groups.append(alternatives)
    return SearchPlan(groups, negatives)


def passage_plan(parsed: ParsedQuery) -> SearchPlan:
    """The whole query as one phrase of its words as typed (stopwords too): a pasted
    passage of an article's text."""
    tokens = tuple(
        index_token(w) for group in parsed.groups for t in group if not t.negated for w in t.words
    )
    return SearchPlan([[Phrase(tokens)]]) if len(tokens) > 1 else SearchPlan([])


def title_plan(parsed: ParsedQuery) -> SearchPlan:
    """Every positive word in the title (any of its forms)."""
    words_plan = plan(parsed, any_word=True)
    groups = [[word] for word in words_plan.groups[0]] if words_plan else []
    return SearchPlan(groups, title_only=True)


def highlight(text: str, query_words: list[str], *, window: int = 32) -> SafeString:
    """The passage of `text` with most query words, those words in <mark>; all else escaped.

    The text reads as tokens: its words (split on whitespace) and the runs of whitespace
    between them; the passage is `window * 2` tokens, from six before the first hit of the
    window holding most hits. Only the runs between the hits and those of the passage are
    read: a long text is never split whole."""
    wanted = set()
    for word in query_words:
        if word.lower() not in STOPWORDS:
            wanted |= word_forms(word)
    text = text or ""
    found = sorted(set(word_starts(text, wanted)))
    if not found:
        return SafeString("")
    # Each hit's token, numbered as re.split would from the first hit's (two per run of
    # whitespace), with where its first word found starts.
    hit_at, index, at = {}, 0, found[0]
    for offset in found:
        index += 2 * len(SPACE_RUN_RE.findall(text, at, offset))
        hit_at.setdefault(index, offset)
        at = offset
    hits = list(hit_at)
    best = best_window_start(hits, window * 2)
    before = runs_before(text, hit_at[best], 4)
    # Six tokens (three runs) before the best hit, or from the text's start where it has fewer.
    start = best - 2 * min(len(before), 3)
    from_char = before[0].end() if len(before) == 4 else 0
    runs = list(islice(SPACE_RUN_RE.finditer(text, from_char), window))
    cut = len(runs) == window  # tokens remain after the passage's last run
    end_char = runs[-1].end() if cut else len(text)
    # The passage's words that hold a hit, as character ranges: word n ends at run n.
    word_ends = [run.start() for run in runs] + ([] if cut else [len(text)])
    word_starts_at = [from_char, *(run.end() for run in runs)]
    marked = [
        (word_starts_at[n], end) for n, end in enumerate(word_ends) if start + 2 * n in hit_at
    ]
    pieces, at = ["… " if len(before) == 4 else ""], from_char
    for first, last in marked:
        pieces += [html.escape(text[at:first]), "<mark>", html.escape(text[first:last]), "</mark>"]
        at = last
    pieces += [html.escape(text[at:end_char]), " …" if cut else ""]
    return mark_safe("".join(pieces).strip())


SPACE_RUN_RE = re.compile(r"\s+")


def runs_before(text: str, offset: int, count: int) -> list[re.Match]:
    """The last `count` runs of whitespace before `offset` (fewer where the text has fewer),
    looked for in a stretch before it that widens until they are found."""
    span = 256
    while True:
        low = max(0, offset - span)
        runs = list(SPACE_RUN_RE.finditer(text, low, offset))
        if len(runs) >= count or not low:
            return runs[-count:]
        span *= 4


def word_starts(text: str, wanted: set[str]):
    """The offsets of the words of `text` whose index token (search.morphology.index_token)
    is in `wanted`. Russian words and numbers index as written (lower case, ё as е), so one
    regular expression of the wanted forms finds them over the folded text, in C; a word of
    Latin letters only indexes as its stem, so those are stemmed one by one."""
    folded = fold(text)
    if len(folded) != len(text):  # a character whose lower case is longer: word by word
        yield from (m.start() for m in WORD_RE.finditer(text) if index_token(m.group()) in wanted)
        return
    as_written = frozenset(t for t in wanted if not STEM_RE.fullmatch(t))
    if as_written:
        # The pattern starts with its words (so the engine can skip to their first letters),
        # and a match inside a longer word is dropped here: it ends where that word ends.
        for match in forms_pattern(as_written).finditer(folded):
            start = match.start()
            if not start or not WORD_CHAR_RE.match(folded, start - 1):
                yield start
    if len(as_written) < len(wanted):
        # Snowball keeps a word's first letter, so only words starting like a wanted stem
        # are stemmed: most words of an English text are never looked at.
        initials = frozenset(t[0] for t in wanted - as_written)
        latin = latin_words_starting(initials).finditer(text)
        yield from (m.start() for m in latin if index_token(m.group()) in wanted)


WORD_CHAR_RE = re.compile(r"[^\W_]")
STEM_RE = re.compile(r"[a-z]+")  # what a Latin word indexes as; nothing else does


@lru_cache(maxsize=64)
def latin_words_starting(initials: frozenset[str]) -> re.Pattern:
    """Words of Latin letters only, starting with one of `initials` (lower case) in either case.

    The initial comes first and the look back for a letter before it second: a pattern that
    starts with a set of letters lets the engine skip to them, in C (seven times faster over
    the synthetic English texts than with the look back first)."""
    letters = "".join(sorted(initials | {c.upper() for c in initials}))
    return re.compile(rf"[{letters}](?<![^\W_][{letters}])[A-Za-z]*(?![^\W_])")


@lru_cache(maxsize=256)
def forms_pattern(forms: frozenset[str]) -> re.Pattern:
    """Any of `forms` ending a word (WORD_RE's: no letter or digit after it); word_starts
    drops those that do not start one. The forms are written as a tree of their common
    beginnings ("служб(?:а|ам|…)?"): at each letter the engine tries one branch per next
    letter, not every form (two or three times faster for a query of two words)."""
    return re.compile(rf"(?:{tree_pattern(forms)})(?![^\W_])")


def tree_pattern(words) -> str:
    """A regular expression matching exactly `words` (non-empty strings), as a letter tree."""
    tree = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here

    def branches(node) -> str:
        ends = "" in node
        parts = [
            re.escape(letter) + branches(child) for letter, child in sorted(node.items()) if letter
        ]
        if not parts:
            return ""
        if len(parts) == 1 and not ends:
            return parts[0]
        return f"(?:{'|'.join(parts)})" + ("?" if ends else "")

    return branches(tree)


def best_window_start(hits: list[int], width: int) -> int:
    """The first hit of the `width`-token window holding most hits (the earliest of equals)."""
    best, best_count, last = hits[0], 0, 0
    for first, start in enumerate(hits):
        while last < len(hits) and hits[last] < start + width:
            last += 1
        if last - first > best_count:
            best, best_count = start, last - first
    return best
