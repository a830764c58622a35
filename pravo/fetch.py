"""Download a document's HTML export from the official portal (pravo.gov.ru).

`fetch_export(nd)` asks PRAVO_DOCUMENT_URL (a setting; by default the portal's
``http://pravo.gov.ru/proxy/ips/?docbody=&nd={nd}``) with a timeout and a few retries, and
returns the page as text in the encoding the portal declares (the Content-Type header, else the
page's own <meta charset>, else UTF-8 or Windows-1251 as pravo.parsing.document reads them).
Requests (with urllib3's retry policy) rather than hand-written retries: both are maintained and
already installed with the project.
"""

import re

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from pravo.law_record import OFFICIAL_URL

TIMEOUT_SECONDS = (10, 60)  # connect, read: a 4 MB code comes slowly from the portal
RETRIES = 3
ND_RE = re.compile(r"^\d{4,12}$")


class FetchError(Exception):
    """The export could not be downloaded; the message says why and what to do."""


def document_url(nd: str) -> str:
    return getattr(settings, "PRAVO_DOCUMENT_URL", OFFICIAL_URL).format(nd=nd)


def session() -> requests.Session:
    retry = Retry(
        total=RETRIES,
        backoff_factor=getattr(settings, "PRAVO_FETCH_BACKOFF", 1.0),
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=("GET",),
    )
    client = requests.Session()
    client.mount("http://", HTTPAdapter(max_retries=retry))
    client.mount("https://", HTTPAdapter(max_retries=retry))
    client.headers["User-Agent"] = "LawBase importer"
    return client


def fetch_export(nd: str) -> str | bytes:
    """The export of portal document `nd`: text when the portal declared its encoding, else
    the bytes (pravo.parsing.document.parse_document reads the page's own declaration).
    Raises FetchError when `nd` is not a number or the portal cannot be reached."""
    if not ND_RE.match(nd or ""):
        raise FetchError(f"{nd!r} is not a portal document number (nd): digits only.")
    url = document_url(nd)
    try:
        response = session().get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
    except requests.ConnectionError as error:
        raise FetchError(
            f"cannot reach {url} ({type(error).__name__}): offline, or the portal is down. "
            "Download the page in a browser and give the file to import_pravo instead."
        ) from error
    except requests.Timeout as error:
        raise FetchError(f"{url} did not answer within {TIMEOUT_SECONDS[1]} s.") from error
    except requests.RequestException as error:
        raise FetchError(f"{url}: {error}") from error
    declared = requests.utils.get_encoding_from_headers(response.headers)
    # requests assumes ISO-8859-1 for text/* without a charset: that is no declaration.
    if declared and "charset" in response.headers.get("Content-Type", "").lower():
        try:
            return response.content.decode(declared)
        except (LookupError, UnicodeDecodeError) as error:
            raise FetchError(f"{url} is not the {declared} it declares: {error}") from error
    return response.content
