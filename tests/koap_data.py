"""Where the КоАП texts are: never copied into this repository, read where they lie.

LAWBASE_KOAP_DIR names them; otherwise ../shared/data/koap beside the project, as in the
workplace's layout, or the workplace's own copy when the project is cloned elsewhere (CI).
"""

import os
from pathlib import Path

KOAP_2024 = "koap_2024-08-08_consultant.txt"

CANDIDATES = [
    os.environ.get("LAWBASE_KOAP_DIR"),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "koap",
    "/work/shared/data/koap",
]

KOAP_DIR = next(
    (Path(c) for c in CANDIDATES if c and (Path(c) / KOAP_2024).exists()),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "koap",
)
