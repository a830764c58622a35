"""Where the official texts are: never copied into this repository, read where they lie.

LAWBASE_PRAVO_DIR (LAWBASE_KOAP_DIR, LAWBASE_EDITIONS_DIR) names a folder; otherwise
../shared/data/<folder> beside the project, as in the workplace's layout, or the workplace's own
copy when the project is cloned elsewhere (CI). Tests that need a file skip when it is absent.
"""

import os
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def located(variable: str, folder: str, marker: str) -> Path:
    """The first candidate folder holding `marker`; the layout's default when none does."""
    candidates = [os.environ.get(variable), SHARED / folder, f"/work/shared/data/{folder}"]
    return next((Path(c) for c in candidates if c and (Path(c) / marker).exists()), SHARED / folder)


PRAVO_DIR = located("LAWBASE_PRAVO_DIR", "pravo", "102041891.html")
# ConsultantPlus texts of the Code of Administrative Offences (2024 .txt and .docx, 2017 .txt).
KOAP_DIR = located("LAWBASE_KOAP_DIR", "koap", "koap_2024-08-08_consultant.txt")
# Other editions of the Criminal Code: ConsultantPlus 2005 and 2017, per-article Markdown 2025.
EDITIONS_DIR = located("LAWBASE_EDITIONS_DIR", "editions", "uk_red-2005-07-21.txt")
