"""Words as the search index holds them, and every form a query word may take.

The index holds each Russian word as written (lower case, ё as е) and each Latin word as its
English Snowball stem; the same tokens on PostgreSQL (the `lawbase` text search
configuration of search migration 0003) and on SQLite (`index_text`, which the FTS5 triggers
call). A query word is widened to the forms of its lemmas instead, by pymorphy3 over the
OpenCorpora dictionary: "измене" -> every form of "измена" (измена, измены, изменой, …) and
none of "изменить". Suffix cutting (Snowball) could not tell them apart.

A token is a run of Latin or Cyrillic letters and digits; everything else separates tokens,
on both databases alike, so phrase positions agree.
"""

import re
from functools import lru_cache

import Stemmer

TOKEN_RE = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_WORD_RE = re.compile(r"[A-Za-z]+")
MAX_FORMS = 400  # a verb has about 50 forms, an adjective about 30; a bound, not a limit met

_english = Stemmer.Stemmer("english")


def fold(word: str) -> str:
    return word.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def index_token(word: str) -> str:
    """One token as the index holds it: Latin words stemmed (English Snowball), the rest
    (Russian words, numbers, mixed) folded to lower case with ё as е."""
    if LATIN_WORD_RE.fullmatch(word):
        return _english.stemWord(word.lower())
    return fold(word)


def tokens(text: str | None) -> list[str]:
    return TOKEN_RE.findall(text or "")


def index_text(text: str | None) -> str:
    """The text as space-separated index tokens: what the SQLite index holds (registered as
    the SQL function lawbase_tokens)."""
    return " ".join(index_token(word) for word in tokens(text))


@lru_cache(maxsize=1)
def analyzer():
    """pymorphy3's analyzer over the OpenCorpora dictionary (pymorphy3-dicts-ru): loaded
    once per process, about 0.2 s and 15 MB."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def is_dictionary_parse(parse) -> bool:
    return any(type(method).__name__ == "DictionaryAnalyzer" for method, *_ in parse.methods_stack)


@lru_cache(maxsize=50_000)
def word_forms(word: str) -> frozenset[str]:
    """Every index token the query word `word` matches: for a Russian word, all forms of
    every lemma the dictionary reads it as (of the analyzer's best guess for a word the
    dictionary lacks); for a Latin word its stem; else the word itself."""
    token = index_token(word)
    if not CYRILLIC_RE.search(word) or not word.isalpha():
        return frozenset({token})
    parses = analyzer().parse(fold(word))
    known = [parse for parse in parses if is_dictionary_parse(parse)]
    forms = {token}
    for parse in known or parses[:1]:
        for form in parse.lexeme:
            if TOKEN_RE.fullmatch(form.word):
                forms.add(fold(form.word))
        if len(forms) >= MAX_FORMS:
            break
    return frozenset(forms)


def lemmas(word: str) -> frozenset[str]:
    """The dictionary lemmas of a Russian word (for display and tests)."""
    parses = analyzer().parse(fold(word))
    known = [parse for parse in parses if is_dictionary_parse(parse)] or parses[:1]
    return frozenset(fold(parse.normal_form) for parse in known)
