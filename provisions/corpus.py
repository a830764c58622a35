"""The curated corpus: which fixture files make it up, and in which order they load."""

# Order matters only for readability; loaddata resolves natural-key forward references.
CORPUS_FIXTURES = [
    "topics",
    "laws",
    "sources",
    "amendments",
    "articles",
    "changes",
    "statistics",
    "citations",
]
