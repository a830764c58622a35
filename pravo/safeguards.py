"""What an import changed in a law, counted before and after inside its transaction, and the
stop on an import that would take much away.

A new edition adds wordings and repeals a few articles; it never takes away a large share of a
code's penalties or citations, nor rewrites many wordings of the same period. When an import
would (the wrong file, a parser gone wrong), it is rolled back and reported unless the operator
says --allow-shrink. --dry-run rolls every import back and prints the same figures.
"""

from django.db.models import Q

from provisions.models import ArticleVersion, Citation, EditorialNote, Penalty

# A count may fall by this share of its value before the import, and at least FLOOR rows
# (a small code repealing two of its twelve articles is an ordinary edition).
SHRINK_SHARE = 0.05
SHRINK_FLOOR = 10
COUNTED = (
    "articles",
    "articles in force",
    "versions",
    "penalties",
    "citations",
    "editorial notes",
)
# Falls in these counts stop an import ("articles in force" falls when articles are repealed,
# which a text is trusted to say; "versions" when editions' wordings are merged).
GUARDED = ("articles", "penalties", "citations", "editorial notes")


def law_counts(law) -> dict[str, int]:
    """How many rows of each kind the law holds: its articles, those with a wording in force
    (an open version), all versions, penalties, citations (of the law, its articles,
    versions and penalties) and editorial notes."""
    versions = ArticleVersion.objects.filter(article__law=law)
    return {
        "articles": law.articles.count(),
        "articles in force": versions.filter(valid_to__isnull=True)
        .values("article_id")
        .distinct()
        .count(),
        "versions": versions.count(),
        "penalties": Penalty.objects.filter(version__article__law=law).count(),
        "citations": Citation.objects.filter(
            Q(law=law)
            | Q(article__law=law)
            | Q(version__article__law=law)
            | Q(penalty__version__article__law=law)
        ).count(),
        "editorial notes": EditorialNote.objects.filter(article__law=law).count(),
    }


def change_lines(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """ "penalties: 812 → 547 (−265)" for each count that moved."""
    lines = []
    for name in COUNTED:
        old, new = before.get(name, 0), after.get(name, 0)
        if old != new:
            lines.append(f"{name}: {old} → {new} ({new - old:+d})".replace("-", "−"))
    return lines


def shrinkage(before: dict[str, int], after: dict[str, int], replaced: int = 0) -> list[str]:
    """Why the import takes too much away ([] when it does not): each guarded count that fell
    by more than SHRINK_SHARE of its value (and SHRINK_FLOOR rows), and `replaced` wordings
    of the same period rewritten beyond the same share of the articles."""
    problems = []
    for name in GUARDED:
        lost = before.get(name, 0) - after.get(name, 0)
        if lost > max(SHRINK_FLOOR, SHRINK_SHARE * before.get(name, 0)):
            problems.append(f"{lost} of {before[name]} {name} would go")
    articles = before.get("articles", 0)
    if replaced > max(SHRINK_FLOOR, SHRINK_SHARE * articles):
        problems.append(f"{replaced} of {articles} articles' wordings would be replaced")
    return problems
