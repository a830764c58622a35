"""The portal's number (nd) of an export, read from the export itself.

An export does not print its own nd, but every link out of it says which document it leaves:
``…/proxy/ips/?docbody=&prevDoc=102041891&backlink=1&&nd=102053149``. The nd most links leave
from is the document's (pravo.identity compares it with the nd the file is imported as).
"""

import re
from collections import Counter

PREV_DOC_RE = re.compile(r"[?&;]prevDoc=(\d{6,12})\b")


def own_portal_number(html: str) -> str:
    """The document's own nd: the one its links most often leave from ("" when none do)."""
    found = Counter(PREV_DOC_RE.findall(html))
    return found.most_common(1)[0][0] if found else ""
