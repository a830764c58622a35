"""Where the official exports are: never copied into this repository, read where they lie.

LAWBASE_PRAVO_DIR names them; otherwise ../shared/data/pravo beside the project, as in the
workplace's layout, or the workplace's own copy when the project is cloned elsewhere (CI).
"""

import os
from pathlib import Path

CANDIDATES = [
    os.environ.get("LAWBASE_PRAVO_DIR"),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "pravo",
    "/work/shared/data/pravo",
]

PRAVO_DIR = next(
    (Path(c) for c in CANDIDATES if c and (Path(c) / "102041891.html").exists()),
    Path(__file__).resolve().parents[2] / "shared" / "data" / "pravo",
)
