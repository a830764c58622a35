"""The law an imported text belongs to: made from the text where it is new (title, number,
signing date under the act), and the Source that cites the portal's export."""

import re
from datetime import date

from pravo.parsing.document import ParsedDocument
from provisions.models import Certainty, Law, Origin, Source

OFFICIAL_URL = "http://pravo.gov.ru/proxy/ips/?docbody=&nd={nd}"

MONTHS = {
    name: number
    for number, name in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
        start=1,
    )
}
SIGNED_RE = re.compile(r"(\d{1,2})\s+([а-я]+)\s+(\d{4})\s+года")


def signature_date(document: ParsedDocument) -> date | None:
    """The signing date under the act ("13 июня 1996 года"), where the export has one."""
    for line in document.signature:
        match = SIGNED_RE.search(line)
        if match and match.group(2) in MONTHS:
            day, month, year = match.groups()
            return date(int(year), MONTHS[month], int(day))
    return None


def law_of(document: ParsedDocument, nd: str, law_slug: str, law_title: str | None) -> Law:
    """The law `law_slug`, made from the text where it is new."""
    law, _ = Law.objects.get_or_create(
        slug=law_slug,
        defaults={
            "short_name": law_title or document.title,
            "title_en": law_title or document.title,
            "title_ru": document.title,
            "kind": Law.Kind.CODE,
            "official_url": OFFICIAL_URL.format(nd=nd),
            "origin": Origin.OFFICIAL,
            "certainty": Certainty.EXTRACTED,
            "adopted_on": signature_date(document),
            "number": next(
                (
                    line.lstrip("№ ").replace("ФЗ", "FZ")
                    for line in document.signature
                    if line.startswith("№")
                ),
                "",
            ),
        },
    )
    if law.adopted_on is None and law.in_force_on is None and document.amending_laws:
        # A law with no date (the Constitution's export; a curated law without one): the
        # signing date under the act where the text has it; otherwise it was in force at
        # least by the first amendment the export names. A curated note is kept.
        signed = signature_date(document)
        law.adopted_on = signed or min(ref.signed_on for ref in document.amending_laws)
        why = (
            f"Signing date {signed:%d.%m.%Y} as the imported text gives it under the act."
            if signed
            else "Adoption date not in the export; the first amending act's date stands in."
        )
        law.note = f"{law.note} {why}".strip() if law.origin == Origin.CURATED else why
        law.save(update_fields=["adopted_on", "note"])
    return law


def official_source(nd: str, title: str) -> Source:
    """The Source for an export: the curated one where it exists, otherwise a new record."""
    url = OFFICIAL_URL.format(nd=nd)
    found = Source.objects.filter(url=url).first()
    if found is not None:
        return found
    return Source.objects.create(
        slug=f"pravo-{nd}",
        title=f"{title} (official text, pravo.gov.ru nd={nd})",
        publisher="Official legal information portal (pravo.gov.ru)",
        kind=Source.Kind.OFFICIAL_TEXT,
        url=url,
        language="ru",
        reliability_note="Primary source. The article texts are held on the articles themselves.",
    )
