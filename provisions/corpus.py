"""The curated corpus: which fixture files make it up, and in which order they load."""

import json
from pathlib import Path

from django.conf import settings

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


def curated_version_keys() -> set[tuple[str, str, str]]:
    """(law slug, article number, valid_from) of every version the articles fixture holds."""
    keys = set()
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / "articles.json"
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                if row["model"] == "provisions.articleversion":
                    law, number = row["fields"]["article"]
                    keys.add((law, number, row["fields"]["valid_from"]))
    return keys


def curated_penalty_keys() -> set[tuple]:
    """The natural key (Penalty.natural_key: law, number, valid_from, part, subject, role,
    kind, unit, alternative) of every penalty the articles fixture holds."""
    keys = set()
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / "articles.json"
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                if row["model"] == "provisions.penalty":
                    f = row["fields"]
                    keys.add(
                        (
                            *f["version"],
                            f["part"],
                            f.get("subject", ""),
                            f.get("role", "main"),
                            f["kind"],
                            f.get("unit", ""),
                            f.get("alternative", 0),
                        )
                    )
    return keys
