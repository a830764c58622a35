"""Articles repealed with their act: where an export opens with the act's own repeal
(pravo.parsing.act_repeal: "Утратил силу - Федеральный закон от 03.06.2006 г. N 73-ФЗ"), the
import repeals each of its articles from the repealing law's (estimated) in-force date, with
the line quoted as its note; never the chapters the line excepts, nor an article a law amended
on or after that day (the repeal took effect later, on a day the text does not give), and
nothing at all where the line excepts what is not chapters. The summary says which."""

from datetime import date

from pravo.parsing.document import CHAPTER_RE, AmendmentRef, ParsedArticle, ParsedDocument
from pravo.summary import ImportSummary
from provisions.models import Amendment, EditorialNote


def amendment_key(ref: AmendmentRef) -> tuple[str, date]:
    """How the import keys the amending laws the notes name: Latin number, signing date."""
    return ref.number_latin, ref.signed_on


def repealing_law(
    document: ParsedDocument, summary: ImportSummary, amendments: dict
) -> Amendment | None:
    """The Amendment that repealed the whole act (`amendments`: by key, as the importer's
    ensure_amendments made them), or None: also where the line excepts something other than
    chapters, which no article can be matched against (the summary says why)."""
    repeal = document.repealed_by
    if repeal is None:
        return None
    summary.act_repeal = repeal.note
    if repeal.unread_exception:
        summary.unparsed.append(
            f"the act's repeal excepts «{repeal.unread_exception[:80]}», not read as "
            "chapters: no article is marked repealed by it"
        )
        return None
    return amendments[amendment_key(document.act_repeal_ref())]


def repealed_with_act(
    document: ParsedDocument,
    act: Amendment | None,
    amendments: dict,
    parsed: ParsedArticle,
    summary: ImportSummary,
) -> bool:
    """Whether the act's repeal (`act`, from repealing_law) repeals this article: not already
    repealed by its own note, outside the chapters the line excepts, and amended by no law in
    force on or after the repeal's day (counted in the summary)."""
    if act is None or parsed.repealed:
        return False
    chapter = CHAPTER_RE.match(parsed.chapter)
    if chapter is not None and chapter.group(1) in document.repealed_by.kept_chapters:
        summary.kept_by_act_repeal += 1
        return False
    if any(
        amendments[amendment_key(ref)].in_force_on >= act.in_force_on for ref in parsed.amendments
    ):
        summary.act_repeal_unplaced.append(parsed.number.replace("-", "."))
        return False
    return True


def act_repeal_note(document: ParsedDocument, act: Amendment, article) -> EditorialNote:
    """The note of the act's repeal on one of its articles: the head line, verbatim."""
    return EditorialNote(
        amendment=act, article=article, kind="repealed", parts="", note=document.repealed_by.note
    )
