"""Several editions of one code held side by side.

An edition is a text current to a date E (the official export of 04.08.2023, a consolidated text
of 21.07.2005, …). It holds each article's wording as last amended by the latest law its notes
name, in force from that law's in-force date S. Importing an edition adds that wording to the
article's versions, keyed by S, and never removes what other editions hold. Then every version
of the article is cut where the next law the notes of any edition name came into force (its
wording after that law is held by a later edition, or is not held here), so the versions of all
editions and the editions known only from the notes tile the article's timeline.

Where two texts give the same period different wordings, both are kept: the one from the text of
higher standing is the version's, the other a citation marked as another reading, which the page
and `validate_corpus` show. Standing: the official portal's export, then a consolidated database
text, then a third-party conversion.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.db.models import Q

from provisions.models import (
    ANOTHER_READING,
    ArticleVersion,
    Certainty,
    Citation,
    EditorialNote,
    Origin,
    Penalty,
    Source,
    UnparsedSanction,
)
from provisions.whole_article_notes import adds_the_article

ONE_DAY = timedelta(days=1)
ALSO_HELD_IN = "the same wording is held in this text"
STANDING = {
    Source.Kind.OFFICIAL_TEXT: 3,
    Source.Kind.CONSOLIDATED_TEXT: 2,
    Source.Kind.CONVERSION: 1,
}


def edition_date(document) -> date | None:
    """The day the text is current to: as its reader found it, else the latest amending law
    its preamble lists or the law its head line says repealed the act (the portal's
    exports)."""
    found = getattr(document, "edition_date", None)
    if found is not None:
        return found
    laws = list(document.amending_laws)
    # An export that names the law repealing the act knows of that law too.
    repeal = document.act_repeal_ref() if hasattr(document, "act_repeal_ref") else None
    laws += [repeal] if repeal is not None else []
    return max((ref.signed_on for ref in laws), default=None)


# What publishers print differently around the same wording: a repealed point's marker
# ("н) утратил силу. - Федеральный закон от 08.12.2003 N 162-ФЗ", the portal's "н) (Пункт
# утратил силу - …)"), a law named in a note.
PUBLISHER_MARKS = re.compile(
    r"(?:(?:под)?пункт\s+|часть\s+|абзац\s+)?утратил[аио]?\s+силу\.?"
    r"|(?:федеральн\w+\s+закон\w*\s+)?от\s+\d\d\.\d\d\.\d{4}\s*(?:n|№)\s*\d+-фз",
    re.IGNORECASE,
)
# A repealed part as the portal prints it, "3. (Часть утратила силу - …)": ConsultantPlus
# texts leave the part out.
REPEALED_PART_LINE = re.compile(
    r"^\d{1,3}(?:\.\d{1,2})?\.\s*\(\s*часть\s+утратила\s+силу[^)]*\)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def wording_key(text: str) -> str:
    """A wording reduced to its letters and digits, without what publishers print around it:
    two texts of the same wording (different dashes, line breaks, ё, "е.1)" for "е1)", a
    repealed point's marker, a repealed part one prints and another leaves out) compare
    equal."""
    text = REPEALED_PART_LINE.sub(" ", text.lower().replace("ё", "е"))
    text = PUBLISHER_MARKS.sub(" ", text)
    return re.sub(r"[\W_]+", "", text)


def standing(source: Source | None) -> int:
    """How far a text is to be preferred; a version with no source was written by the portal
    importer before sources were recorded on versions."""
    return (
        STANDING.get(source.kind, 0) if source is not None else STANDING[Source.Kind.OFFICIAL_TEXT]
    )


def merge_notes(article, wanted: dict[int, EditorialNote]) -> int:
    """Add the editorial notes of this edition the article lacks, and the parts a known note
    gains; returns how many notes were added. Notes of other editions stay."""
    held = {note.amendment_id: note for note in article.editorial_notes.all()}
    new, grown = [], []
    for amendment_id, note in wanted.items():
        known = held.get(amendment_id)
        if known is None:
            new.append(note)
            continue
        parts = [p for p in known.parts.split(", ") if p]
        more = [p for p in note.parts.split(", ") if p and p not in parts]
        if more:
            known.parts = ", ".join(parts + more)
            grown.append(known)
    EditorialNote.objects.bulk_create(new)
    EditorialNote.objects.bulk_update(grown, ["parts"])
    return len(new)


def reconcile_periods(article) -> None:
    """Cut each version of `article` where the next law its notes name comes into force, or
    the next version starts, or the article is repealed; the latest stays open only where no
    later law is known. Writes only what changes, closing before opening (one version in force
    per article is a database constraint)."""
    notes = list(EditorialNote.objects.filter(article=article).select_related("amendment"))
    if article.origin == Origin.OFFICIAL:
        redate_before_added(article, notes)
    versions = list(ArticleVersion.objects.filter(article=article).order_by("valid_from"))
    cuts = sorted(
        {note.amendment.in_force_on for note in notes}
        | {version.valid_from for version in versions}
    )
    ends = {}
    for version in versions:
        later = [day for day in cuts if day > version.valid_from]
        if article.repealed_on is not None and article.repealed_on > version.valid_from:
            later.append(article.repealed_on)
        ends[version.pk] = min(later) - ONE_DAY if later else None
    changed = [v for v in versions if v.valid_to != ends[v.pk]]
    for version in sorted(changed, key=lambda v: ends[v.pk] is None):
        version.valid_to = ends[version.pk]
        ArticleVersion.objects.filter(pk=version.pk).update(valid_to=version.valid_to)


def redate_before_added(article, notes) -> None:
    """A text that names no law for an article (the 2017 consolidated text's 200.3) gives its
    wording from the code's start; where another edition's note says a law added the article
    later, that wording starts when that law came into force (or, where a wording is held
    from that day already, is the same period's and goes)."""
    added = [note.amendment for note in notes if adds_the_article(note)]
    if not added:
        return
    law = max(added, key=lambda amendment: amendment.in_force_on)
    misdated = ArticleVersion.objects.filter(
        article=article, introduced_by__isnull=True, valid_from__lt=law.in_force_on
    )
    for version in misdated:
        if ArticleVersion.objects.filter(article=article, valid_from=law.in_force_on).exists():
            version.delete()
            continue
        ArticleVersion.objects.filter(pk=version.pk).update(
            valid_from=law.in_force_on, valid_to=law.in_force_on, introduced_by=law
        )


def record_reading(version, source: Source, text: str, note: str) -> None:
    """Keep another text's reading of `version` as a citation, once."""
    if not version.citations.filter(source=source, note=note).exists():
        Citation.objects.create(source=source, version=version, quote=text, note=note)


@dataclass
class Wording:
    """One edition's wording of an article: its text and heading, its penalties (the
    importer's dicts, each with its quote), the day it came into force, the law that set it."""

    text: str
    heading: str
    penalties: list
    start: date
    introduced_by: object
    note: str
    # The sanction clauses the reader could not place: {"part", "text", "reason"} each.
    unparsed: list = field(default_factory=list)


PENALTY_KEY = (
    "part",
    "subject",
    "alternative",
    "role",
    "kind",
    "unit",
    "multiple_of",
    "min",
    "max",
    "optional",
)
PENALTY_DEFAULTS = {"subject": "", "alternative": 0, "multiple_of": ""}


def penalty_key(values) -> tuple:
    return tuple(values.get(k, PENALTY_DEFAULTS.get(k)) for k in PENALTY_KEY)


def unparsed_key(rows) -> list[tuple]:
    return sorted((row["part"], row["text"]) for row in rows)


def hold_wording(article, wording: Wording, source: Source, *, compare_penalties: bool) -> str:
    """Hold `wording` of `article` from `source`; returns what happened: "new", "same" (held
    from this text), "reread" (held from this text, now read with other punctuation: reread),
    "also" (held from another: this one is cited beside it), "replaced" (this
    text re-exported, or of higher standing: the wording it replaces stays as a reading) or
    "disagreeing" (a text of higher standing holds another wording: this one is a reading)."""
    if article.origin != Origin.OFFICIAL:
        raise ValueError(f"{article}: only imported articles' wordings are replaced here.")
    # A version without a source was written by the portal importer before sources were
    # recorded on versions: it is the portal export's.
    mine = {None, source.pk} if source.kind == Source.Kind.OFFICIAL_TEXT else {source.pk}
    versions = list(article.versions.all())
    # A text holds one wording per article: its wording of another day is out of date.
    stale = [v for v in versions if v.source_id in mine and v.valid_from != wording.start]
    for version in stale:
        version.delete()
    versions = [v for v in versions if v not in stale]
    held = next((v for v in versions if v.valid_from == wording.start), None)
    if held is None:
        write_version(article, wording, source)
        return "new"
    same_penalties = sorted(
        tuple(getattr(p, k) for k in PENALTY_KEY) for p in held.penalties.all()
    ) == sorted(penalty_key(values) for values in wording.penalties) and unparsed_key(
        {"part": u.part, "text": u.text} for u in held.unparsed_sanctions.all()
    ) == unparsed_key(wording.unparsed)
    if wording_key(held.text_ru) == wording_key(wording.text) and (
        same_penalties or not compare_penalties
    ):
        if held.source_id in mine:
            return reread(held, wording.text)
        record_reading(held, source, wording.heading, ALSO_HELD_IN)
        return "also"
    if held.source_id in mine or standing(source) > standing(held.source):
        other = None if held.source_id in mine else (held.source, held.text_ru)
        held.delete()
        version = write_version(article, wording, source)
        if other is not None:
            record_reading(version, *other, ANOTHER_READING)
        return "replaced"
    record_reading(held, source, wording.text, ANOTHER_READING)
    return "disagreeing"


def reread(version, text: str) -> str:
    """ "same" where `version`, held from the text being imported, holds `text` as read now;
    else "reread": the same wording (wording_key ignores punctuation) read with other
    punctuation by a newer reader ("статьями 205.2" for "статьями 2052"), written over it."""
    if version.text_ru == text:
        return "same"
    version.text_ru = text
    version._change_reason = "The same text read again"
    version.save(update_fields=["text_ru"])
    return "reread"


def write_version(article, wording: Wording, source: Source):
    """A new version of `wording`, closed on its first day until reconcile_periods cuts it
    (one open version per article, and no overlap, are constraints): any version running
    over its start is closed the day before first."""
    start = wording.start
    ArticleVersion.objects.filter(article=article, valid_from__lt=start).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    ).update(valid_to=start - ONE_DAY)
    version = ArticleVersion.objects.create(
        article=article,
        valid_from=start,
        valid_to=start,
        text_ru=wording.text,
        introduced_by=wording.introduced_by,
        certainty=Certainty.EXTRACTED,
        note=wording.note,
        source=source,
    )
    citations = [Citation(source=source, version=version, quote=wording.heading)]
    for values in wording.penalties:
        penalty = Penalty.objects.create(
            version=version,
            certainty=Certainty.EXTRACTED,
            **{key: values[key] for key in ("part", "role", "kind", "unit", "min", "max")},
            optional=values["optional"],
            subject=values.get("subject", ""),
            alternative=values.get("alternative", 0),
            multiple_of=values.get("multiple_of", ""),
            note=values.get("note", ""),
        )
        citations.append(Citation(source=source, penalty=penalty, quote=values["quote"]))
    Citation.objects.bulk_create(citations)
    UnparsedSanction.objects.bulk_create(
        UnparsedSanction(version=version, **row) for row in wording.unparsed
    )
    return version


# An editorial note inside a quoted passage, "(В редакции Федерального закона от …)": the
# publisher's, not the wording's.
NOTE_IN_QUOTE = re.compile(
    r"\([^()]*(?:редакци|в\s+ред\.|Дополнен|[Уу]тратил|введен)[^()]*\)", re.IGNORECASE
)


def quoted_in(fragment_text: str, full: str) -> bool:
    """Whether every passage of a curated quote ("…"-separated fragments, editorial notes
    left out) is in `full`."""
    whole = wording_key(full)
    passages = re.split(r"…|\.\.\.|\n", NOTE_IN_QUOTE.sub(" ", fragment_text))
    pieces = [wording_key(piece) for piece in passages]
    return all(piece in whole for piece in pieces if piece)


def fill_curated_wording(article, wording: Wording, source: Source) -> str:
    """Give a curated article's version the full wording this text holds for its period, where
    the version was set by the same law (or both are the original wording from the same day)
    and holds only quoted passages of it, or nothing. The quotes stay as its citations; the
    edit is recorded in the version's history. Returns "filled", "same", "reread" (held from
    this text, now read with other punctuation: reread), "differs" (the text
    does not contain the curated passages: kept as another reading) or "no_period"."""
    law_id = wording.introduced_by.pk if wording.introduced_by else None
    version = next(
        (
            v
            for v in article.versions.all()
            if v.introduced_by_id == law_id
            and (law_id is not None or v.valid_from == wording.start)
        ),
        None,
    )
    if version is None:
        return "no_period"
    if wording_key(version.text_ru) == wording_key(wording.text):
        return reread(version, wording.text) if version.source_id == source.pk else "same"
    if not quoted_in(version.text_ru, wording.text):
        record_reading(version, source, wording.text, ANOTHER_READING)
        return "differs"
    version.text_ru = wording.text
    version.source = source
    version._change_reason = f"Full wording from {source.title}"[:100]  # the column's size
    version.save(update_fields=["text_ru", "source"])
    return "filled"


# How each reader's texts stand: (Source.Kind, publisher).
FORMAT_SOURCES = {
    "consultant_text": (Source.Kind.CONSOLIDATED_TEXT, "ConsultantPlus (consultant.ru)"),
    "consultant_docx": (Source.Kind.CONSOLIDATED_TEXT, "ConsultantPlus (consultant.ru)"),
    "article_markdown": (Source.Kind.CONVERSION, "Third-party conversion of the portal's text"),
}


def edition_source(path, document, law) -> Source:
    """The Source for an edition read from `path` in a format other than the portal's export:
    one per file, named by the file, its edition date and its SHA-256 (what was read)."""
    path = Path(path)
    files = sorted(path.glob("*.md")) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    kind, publisher = FORMAT_SOURCES[document.source_format]
    day = edition_date(document)
    current_to = f", current to {day:%d.%m.%Y}" if day else ""
    found, _ = Source.objects.update_or_create(
        slug=f"{law.slug}-{path.stem}"[:100].lower().replace(".", "-"),
        defaults={
            "title": f"{law.short_name}{current_to} ({Source.Kind(kind).label.lower()}, "
            f"{path.name})",
            "publisher": publisher,
            "kind": kind,
            "published_on": day,
            "language": "ru",
            "reliability_note": (
                "The wording is the law's official wording; the editorial notes and headers are "
                f"the publisher's. Read from {path.name} (SHA-256 {digest.hexdigest()})."
            ),
        },
    )
    return found
