"""What a pravo.gov.ru export says of itself beyond its text: the portal's number of the
document (its nd), which the export does not print but every link out of it carries."""

import re
from collections import Counter

PREV_DOC_RE = re.compile(r"[?&;]prevDoc=(\d{6,12})\b")


def own_portal_number(html: str) -> str:
    """The document's own nd: the one its links most often leave from ("" when none do)."""
    found = Counter(PREV_DOC_RE.findall(html))
    return found.most_common(1)[0][0] if found else ""
