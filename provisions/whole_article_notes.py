"""Which editorial notes speak of the whole article: the note that added it and the note that
repealed it, by itself or with its act (provisions.timeline reads an article's life from them).
A note on a part, point or note of the article ("Дополнение частью", "(часть 2 введена …)",
"Часть утратила силу") is not one of them.
"""

import re

# "(Дополнение статьей - Федеральный закон от …)" (the portal) or "(введена Федеральным
# законом от …)" under an article's heading (ConsultantPlus): the note added the whole
# article; notes that added a part, point or note ("Дополнение частью", "(часть 2 введена …)")
# do not.
ARTICLE_ADDED_RE = re.compile(r"Дополнение\s+стать[её]", re.IGNORECASE)
ARTICLE_INTRODUCED_RE = re.compile(r"^\(\s*(?:статья\s+)?введена\s+федеральн", re.IGNORECASE)
# "(Статья утратила силу - …)", "(Утратила силу - …)" on the article itself (no parts): the
# whole article repealed; "Часть / Пункт утратил(а) силу" repeals a part only.
ARTICLE_REPEALED_RE = re.compile(r"^\(\s*(Статья\s+)?утратила\s+силу", re.IGNORECASE)
# The head line of a repealed act, quoted on each article it repeals (the import's
# pravo.parsing.act_repeal): "Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ",
# unbracketed, as the portal prints it above the act's title.
ACT_REPEALED_RE = re.compile(r"^Утратил\s+силу\b.*\s-\s.+\sот\s", re.IGNORECASE | re.S)
ACT_REPEAL_NOTE_START = "Утратил силу"  # how such a note starts, for a database filter


def adds_the_article(note) -> bool:
    """Whether an editorial note says the whole article was added."""
    if ARTICLE_ADDED_RE.search(note.note):
        return True
    return not note.parts and bool(ARTICLE_INTRODUCED_RE.search(note.note.strip()))


def repeals_the_article(note) -> bool:
    """Whether an editorial note says the whole article was repealed, by itself or with its
    act."""
    text = note.note.strip()
    return not note.parts and bool(ARTICLE_REPEALED_RE.search(text) or ACT_REPEALED_RE.match(text))
