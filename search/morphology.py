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
    once per process, about 0.2 s and 20 MB of RSS (each web worker
    loads it before its first request: lawbase.worker_start)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def is_dictionary_parse(parse) -> bool:
    return any(type(method).__name__ == "DictionaryAnalyzer" for method, *_ in parse.methods_stack)


# The doctrine and its follower share a stem the dictionary keeps apart: "экстремизм" is the
# noun the laws' titles never use, "экстремистская деятельность", "экстремистское сообщество"
# (Criminal Code arts. 280, 282.1–282.4) the adjective they do. Each of the words in -изм,
# -ист, -истский and -истический of one stem reaches the others, where the dictionary holds
# them (терроризм: террорист, террористический; туризм: турист, туристский).
# An adjective in -истический of a stem with a noun in -истика is that noun's ("статистический":
# статистика, not статист), so it is left out of the group.
DERIVED_ENDINGS = ("истический", "истский", "изм", "ист")  # longest first
SCIENCE = "истика"


def derived_lemmas(lemma: str) -> list[str]:
    """The other -изм / -ист / -истский / -истический words of `lemma`'s stem (unchecked:
    dictionary_lexeme says which exist); none for a stem of two letters or fewer, or for the
    stem of a science in -истика."""
    for ending in DERIVED_ENDINGS:
        if lemma.endswith(ending) and len(lemma) > len(ending) + 2:
            stem = lemma[: -len(ending)]
            if dictionary_lexeme(stem + SCIENCE) is not None:
                return []
            return [stem + other for other in DERIVED_ENDINGS if other != ending]
    return []


def dictionary_lexeme(lemma: str):
    """The dictionary's lexeme whose normal form is `lemma`, or None where it has none: the
    word itself is in the dictionary, not guessed from a known part ("экстрем" + "истика")."""
    for parse in analyzer().parse(lemma):
        from_dictionary = [type(method).__name__ for method, *_ in parse.methods_stack]
        if from_dictionary == ["DictionaryAnalyzer"] and fold(parse.normal_form) == lemma:
            return parse.lexeme
    return None


@lru_cache(maxsize=50_000)
def word_forms(word: str) -> frozenset[str]:
    """Every index token the query word `word` matches: for a Russian word, all forms of
    every lemma the dictionary reads it as (of the analyzer's best guess for a word the
    dictionary lacks) and of the dictionary's words of the same -изм / -ист stem
    (derived_lemmas); for a Latin word its stem; else the word itself."""
    token = index_token(word)
    if not CYRILLIC_RE.search(word) or not word.isalpha():
        return frozenset({token})
    parses = analyzer().parse(fold(word))
    known = [parse for parse in parses if is_dictionary_parse(parse)]
    lexemes = [parse.lexeme for parse in known or parses[:1]]
    for lemma in dict.fromkeys(fold(parse.normal_form) for parse in known):
        for related in derived_lemmas(lemma):
            lexemes.append(dictionary_lexeme(related) or [])
    forms = {token}
    for lexeme in lexemes:
        for form in lexeme:
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
