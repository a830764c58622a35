"""Import a parsed pravo.gov.ru export into the corpus: one law, its articles and their
current version with the official Russian text, editorial notes as Amendment links, and (for
the Criminal Code) the penalties read out of the sanction prose.

Curated records win: a curated article is never written; its official text and the
importer's reading of its penalties are kept beside it (OfficialText), with the differences.
Re-running an import with the same file changes nothing.
"""

from datetime import date

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from pravo.dates import (
    amendment_in_force,
    is_signing_stand_in,
    settle_law_in_force,
    version_note,
)
from pravo.editions import (
    Wording,
    edition_date,
    fill_curated_wording,
    hold_wording,
    merge_notes,
    reconcile_periods,
    write_version,
)
from pravo.identity import ImportRefused, check_identity
from pravo.law_record import law_of, official_source, signature_date
from pravo.parsing.administrative_sanctions import read_administrative_sanction
from pravo.parsing.document import AmendmentRef, ParsedArticle, ParsedDocument
from pravo.parsing.in_force import read_in_force
from pravo.parsing.sanctions import ExtractedPenalty, read_sanction
from pravo.repealed_acts import (
    act_repeal_note,
    amendment_key,
    repealed_with_act,
    repealing_law,
)
from pravo.safeguards import change_lines, law_counts, shrinkage
from pravo.summary import ImportSummary
from provisions.changes import store_change_effects
from provisions.in_force import store_in_force
from provisions.models import (
    Amendment,
    Article,
    ArticleChange,
    Certainty,
    Citation,
    EditorialNote,
    Law,
    OfficialText,
    Origin,
    Source,
    natural_sort_key,
)
from provisions.penalties import Kind, Unit
from provisions.penalties.differences import penalty_differences
from provisions.topic_map import apply_topic_map
from search.index import rebuild_search_index, search_triggers_suspended
from search.result_cache import current_generation

PENALTY_KINDS = set(Kind.values)
PENALTY_UNITS = set(Unit.values)
NOTE_KINDS = {
    "added": "added",
    "amended": "amended",
    "restated": "restated",
    "repealed": "repealed",
}


def part_label(number: str) -> str:
    return number or "1"


def amendment_title(ref: AmendmentRef) -> str:
    if "FKZ" in ref.number_latin:
        kind = "Federal Constitutional Law"
    elif "FZ" in ref.number_latin:
        kind = "Federal Law"
    else:
        kind = "Act"
    return f"{kind} No. {ref.number_latin} of {ref.signed_on:%d.%m.%Y}"


def ensure_amendments(document: ParsedDocument, summary: ImportSummary, source: Source) -> dict:
    """Amendment records for every law the notes name; existing (curated) ones are reused.

    The notes give only the signing date: a new record's in-force date is estimated
    (pravo.dates.estimated_in_force, Federal Law 5-FZ art. 6) and marked so. A record an earlier
    import made with the signing date standing in for the in-force date gets the estimate too;
    curated records keep their dates."""
    refs: dict[tuple[str, date], AmendmentRef] = {}
    act_repeal = document.act_repeal_ref()
    for ref in [*document.amending_laws, *([act_repeal] if act_repeal else [])]:
        refs.setdefault(amendment_key(ref), ref)
    for article in document.articles:
        for ref in article.amendments:
            refs.setdefault(amendment_key(ref), ref)
    existing = {
        (amendment.number, amendment.signed_on): amendment
        for amendment in Amendment.objects.filter(number__in={key[0] for key in refs})
    }
    taken = set(Amendment.objects.values_list("slug", flat=True))
    created = []
    now = timezone.now()
    stand_ins = [existing[key] for key in refs if key in existing]
    stand_ins = [amendment for amendment in stand_ins if is_signing_stand_in(amendment)]
    for amendment in stand_ins:
        amendment.in_force_on, amendment.in_force_certainty, amendment.note = amendment_in_force(
            amendment.number, amendment.signed_on
        )
    Amendment.objects.bulk_update(stand_ins, ["in_force_on", "in_force_certainty", "note"])
    summary.amendments_estimated = len(stand_ins)
    for key, ref in refs.items():
        if key in existing:
            continue
        slug = f"{ref.number_latin.lower()}-{ref.signed_on.year}"
        if slug in taken:
            slug = f"{ref.number_latin.lower()}-{ref.signed_on:%Y-%m-%d}"
        taken.add(slug)
        in_force_on, in_force_certainty, note = amendment_in_force(ref.number_latin, ref.signed_on)
        created.append(
            Amendment(
                slug=slug,
                number=ref.number_latin,
                title_en=amendment_title(ref),
                signed_on=ref.signed_on,
                in_force_on=in_force_on,
                in_force_certainty=in_force_certainty,
                certainty=Certainty.EXTRACTED,
                summary="Named in the editorial notes of the official text.",
                note=note,
                applied_at=now,
            )
        )
    Amendment.objects.bulk_create(created, batch_size=500)
    # Each new amendment cites the editorial note that names it.
    fresh = Amendment.objects.filter(slug__in=[amendment.slug for amendment in created])
    Citation.objects.bulk_create(
        [
            Citation(
                source=source,
                amendment=amendment,
                quote=note_fragment(refs[(amendment.number, amendment.signed_on)]),
            )
            for amendment in fresh
        ],
        batch_size=500,
    )
    summary.amendments_created = len(created)
    summary.amendments_linked = len(refs) - len(created)
    return {
        (amendment.number, amendment.signed_on): amendment
        for amendment in Amendment.objects.filter(number__in={key[0] for key in refs})
    }


def note_fragment(ref: AmendmentRef) -> str:
    """The words of the note that name this law ("от 27.05.1998 № 77-ФЗ"), not a long list."""
    wanted = f"от {ref.signed_on:%d.%m.%Y} № {ref.number}"
    if wanted in ref.note:
        return wanted if len(ref.note) > 300 else ref.note
    return ref.note or amendment_title(ref)


def stored_penalties(
    article: ParsedArticle, summary: ImportSummary, *, administrative: bool = False
) -> list[dict]:
    """The penalties of every part as rows to store (dicts of Penalty's fields and the part's
    sanction as "quote"), each in its own alternative: nothing is merged across alternatives.
    What the reader could not read is counted in `summary` and kept by unparsed_sanctions().
    `administrative`: read with the Code of Administrative Offences' reader (fines per subject,
    arrest in days; pravo.parsing.administrative_sanctions)."""
    return read_penalties(article, summary, administrative=administrative)[0]


def read_penalties(
    article: ParsedArticle, summary: ImportSummary, *, administrative: bool = False
) -> tuple[list[dict], list[dict]]:
    """(penalties, unparsed): the penalty rows of every part (see stored_penalties) and the
    clauses not read, as {"part", "text", "reason"} rows for UnparsedSanction."""
    read = read_administrative_sanction if administrative else read_sanction
    rows: dict[tuple, dict] = {}
    unparsed: dict[tuple, dict] = {}
    for part in article.parts:
        if not part.sanction:
            continue
        reading = read(part.sanction)
        summary.sanctions += 1
        label = part_label(part.number)
        if reading.complete:
            summary.sanctions_complete += 1
        else:
            summary.incomplete.append((article.number, part.number, reading.problems[0]))
        for clause, reason in zip(reading.unparsed, reading.problems, strict=True):
            unparsed.setdefault(
                (label, clause), {"part": label, "text": clause, "reason": reason[:300]}
            )
        for penalty in reading.penalties:
            if penalty.kind not in PENALTY_KINDS or penalty.unit not in PENALTY_UNITS:
                # The contract holds every kind and unit the readers give; a new one is said.
                reason = f"{penalty.kind} in {penalty.unit or 'no unit'} is outside the contract"
                summary.not_stored[reason] += 1
                unparsed.setdefault(
                    (label, penalty.text), {"part": label, "text": penalty.text, "reason": reason}
                )
                continue
            add_penalty(rows, label, penalty, part.sanction, summary)
    summary.unparsed_clauses += len(unparsed)
    return list(rows.values()), list(unparsed.values())


def add_penalty(
    rows: dict, part: str, penalty: ExtractedPenalty, sanction: str, summary: ImportSummary
) -> None:
    """Add one read penalty to `rows`, keyed as Penalty's unique constraint is. Two measures of
    one kind and unit in one alternative (never seen in the codes) keep the first and are
    counted, not merged."""
    subject = getattr(penalty, "subject", "")
    key = (part, subject, penalty.alternative, penalty.role, penalty.kind, penalty.unit)
    if key in rows:
        summary.not_stored["a second measure of one kind in one alternative"] += 1
        return
    rows[key] = {
        "part": part,
        "subject": subject,
        "alternative": penalty.alternative,
        "role": penalty.role,
        "kind": penalty.kind,
        "unit": penalty.unit,
        "multiple_of": penalty.multiple_of,
        "min": penalty.min,
        "max": penalty.max,
        "optional": penalty.optional,
        "note": getattr(penalty, "note", "")[:500],
        "quote": sanction,
    }


def curated_differences(article: Article, extracted: list[dict]) -> list[str]:
    """Where the official text's penalties differ from the curated version in force
    (provisions.penalties.differences)."""
    current = next((v for v in article.versions.all() if v.valid_to is None), None)
    return penalty_differences(current.penalties.all() if current else [], extracted)


def version_start(article: ParsedArticle, amendments: dict, law: Law):
    """The wording holds every change its notes name, so it is in force once the last of
    those laws came into force: that law introduces it, from its in-force date (an estimate
    where only its signing date is known). Ties go to the later signed."""
    named = [amendments[amendment_key(ref)] for ref in article.amendments]
    if named:
        amendment = max(named, key=lambda a: (a.in_force_on, a.signed_on, a.number))
        return amendment.in_force_on, amendment
    # Never amended: in force since the law was (or, failing that, since it was signed).
    return law.in_force_on or law.adopted_on, None


ARTICLE_COLUMNS = ["title_ru", "section", "chapter", "repealed_on", "sort_key"]


class Importer:
    def __init__(self, document: ParsedDocument, *, law: Law, source: Source, sanctions: bool):
        self.document = document
        self.law = law
        self.source = source
        self.sanctions = sanctions
        self.summary = ImportSummary(law=law.short_name, unparsed=list(document.unparsed))
        self.edition = edition_date(document)

    def run(self, progress=None) -> ImportSummary:
        amendments = ensure_amendments(self.document, self.summary, self.source)
        self.amendments = amendments
        self.act_repeal = repealing_law(self.document, self.summary, amendments)
        existing = {
            article.number: article
            for article in Article.objects.filter(law=self.law).prefetch_related(
                "versions__penalties",
                "versions__unparsed_sanctions",
                "versions__source",
                "editorial_notes",
                Prefetch(
                    "editorial_notes",
                    queryset=EditorialNote.objects.select_related("amendment"),
                    to_attr="held_notes",
                ),
            )
        }
        official_texts = {
            text.article_id: text for text in OfficialText.objects.filter(article__law=self.law)
        }
        for parsed in self.unique_articles():
            number = parsed.number.replace("-", ".")
            self.import_article(parsed, existing.get(number), amendments, official_texts)
            if progress:
                progress()
        return self.summary

    def unique_articles(self) -> list[ParsedArticle]:
        """One article per number: where a text repeats a heading (a repealed article and a new
        one of the same number, as the Budget Code does), the one in force wins."""
        chosen: dict[str, ParsedArticle] = {}
        for parsed in self.document.articles:
            number = parsed.number.replace("-", ".")
            previous = chosen.get(number)
            if previous is None or (previous.repealed and not parsed.repealed):
                chosen[number] = parsed
            skipped = previous if chosen[number] is parsed else parsed
            if previous is not None:
                self.summary.unparsed.append(
                    f"art. {number} appears twice; skipped the heading "
                    f"{'(repealed) ' if skipped.repealed else ''}“{skipped.title[:60]}”"
                )
        return list(chosen.values())

    def import_article(self, parsed, article, amendments, official_texts):
        summary = self.summary
        # Old exports write 65.1 as "65-1"; one form keeps numbers and addresses uniform.
        parsed.number = parsed.number.replace("-", ".")
        summary.articles += 1
        summary.parts += len(parsed.parts)
        summary.repealed += parsed.repealed
        with_act = repealed_with_act(
            self.document, self.act_repeal, self.amendments, parsed, self.summary
        )
        summary.repealed_with_act += with_act
        administrative = self.law.slug == "administrative-code"
        penalties, unparsed = (
            read_penalties(parsed, summary, administrative=administrative)
            if self.sanctions
            else ([], [])
        )
        start, introduced_by = version_start(parsed, amendments, self.law)
        if article is not None and article.origin == Origin.CURATED:
            summary.curated_kept += 1
            self.keep_official_text(article, parsed, penalties, official_texts.get(article.pk))
            # The text's notes are facts of the article's history, curated or not: they bound
            # its timeline (the law that added it, the editions not held).
            self.write_notes(article, parsed, amendments, with_act)
            if not parsed.repealed and start is not None:
                wording = self.wording(parsed, penalties, start, introduced_by, unparsed)
                summary.curated_wordings[self.complete_curated(article, wording)] += 1
            return
        created = article is None
        if created:
            article = Article(law=self.law, number=parsed.number, origin=Origin.OFFICIAL)
        before = (article.title_ru, article.section, article.chapter, article.repealed_on)
        if created or self.is_latest_for(article):
            # The latest edition holding the article says what it is called and whether it
            # is repealed; an older edition only adds its wording and notes.
            article.title_ru = parsed.title
            article.section = parsed.section
            article.chapter = parsed.chapter
            article.repealed_on = start if parsed.repealed else None
            if with_act:
                article.repealed_on = self.act_repeal.in_force_on
        article.sort_key = natural_sort_key(parsed.number)
        if created or before != (
            article.title_ru,
            article.section,
            article.chapter,
            article.repealed_on,
        ):
            # Only these columns: the row's derived ones (current version, its figures) are
            # kept by the database and may have moved since the article was read.
            article.save(update_fields=None if created else ARTICLE_COLUMNS)
        changed = created or before[3] != article.repealed_on
        changed |= self.write_notes(article, parsed, amendments, with_act) > 0
        if not parsed.repealed and start is not None:
            changed |= self.hold_wording(article, parsed, penalties, start, introduced_by, unparsed)
        reconcile_periods(article)
        summary.penalties += len(penalties)
        summary.penalties_by_kind.update(
            f"{p['kind']} in {p['unit'] or 'no unit'}" for p in penalties
        )
        if created:
            summary.created += 1
        elif changed:
            summary.updated += 1
        else:
            summary.unchanged += 1

    def complete_curated(self, article, wording) -> str:
        """Give a curated article this text's wording: its version set by the same law takes
        the full wording (pravo.editions.fill_curated_wording); a wording set by a law no
        curated version names becomes a version of its own beside them, after every one
        (the article is current to this text's date) or inside one, which it cuts short (a
        law the curated record did not see). Returns the outcome counted in the summary."""
        outcome = fill_curated_wording(article, wording, self.source)
        versions = list(article.versions.all())
        if outcome != "no_period" or any(v.valid_from == wording.start for v in versions):
            return outcome
        later = all(version.valid_from < wording.start for version in versions)
        # Never through hold_wording: a curated version is never replaced or removed. The
        # one this wording falls inside ends the day before it (write_version), as the
        # text's notes show a law changed the article then.
        write_version(article, wording, self.source)
        reconcile_periods(article)
        return "added_later" if later else "split"

    def is_latest_for(self, article) -> bool:
        """Whether this edition is the newest that holds the article: an edition current to
        E knows every law signed by E, so a note naming a law signed later came from a newer
        edition (whose title and repeal state stand); and a text already read for the article
        that is current to a later day is newer, even where no law amended the article since
        (the portal's text of 2023 over the consolidated edition of 2017, whose chapter
        headings are set in another case)."""
        if self.edition is None:
            return True
        if any(note.amendment.signed_on > self.edition for note in article.held_notes):
            return False
        newer = [
            version.source.current_to
            for version in article.versions.all()
            if version.source is not None and version.source.current_to is not None
        ]
        return all(day <= self.edition for day in newer)

    def wording(self, parsed, penalties, start, introduced_by, unparsed=()) -> Wording:
        """This edition's wording of `parsed`, with its penalties and the sanction clauses
        not read (kept beside them as UnparsedSanction rows)."""
        return Wording(
            text=parsed.text,
            heading=f"Статья {parsed.number}. {parsed.title}".strip(),
            penalties=penalties,
            start=start,
            introduced_by=introduced_by,
            note=version_note(introduced_by, self.law),
            unparsed=list(unparsed),
        )

    def hold_wording(self, article, parsed, penalties, start, introduced_by, unparsed) -> bool:
        """Add this edition's wording from `start` (pravo.editions.hold_wording); returns
        whether anything was written."""
        wording = self.wording(parsed, penalties, start, introduced_by, unparsed)
        outcome = hold_wording(article, wording, self.source, compare_penalties=self.sanctions)
        counter = f"wordings_{outcome}"
        setattr(self.summary, counter, getattr(self.summary, counter) + 1)
        return outcome != "same"

    def write_notes(self, article, parsed, amendments, with_act: bool = False) -> int:
        """This edition's notes on the article, merged with those other editions hold, and
        (`with_act`) the act's repeal, quoted from its head line; returns how many were new."""
        by_amendment: dict[int, EditorialNote] = {}
        if with_act:
            by_amendment[self.act_repeal.pk] = act_repeal_note(
                self.document, self.act_repeal, article
            )
        for ref in parsed.amendments:
            amendment = amendments[amendment_key(ref)]
            note = by_amendment.get(amendment.pk)
            part = part_label(ref.part) if ref.part is not None else ""
            if note is None:
                by_amendment[amendment.pk] = EditorialNote(
                    amendment=amendment,
                    article=article,
                    kind=NOTE_KINDS.get(ref.note_kind, "amended"),
                    parts=part,
                    note=ref.note or f"{ref.number} of {ref.signed_on}",
                )
            elif part and part not in note.parts.split(", "):
                note.parts = ", ".join(filter(None, [note.parts, part]))
        self.summary.notes += len(by_amendment)
        return merge_notes(article, by_amendment)

    def keep_official_text(self, article, parsed, penalties, official):
        """Keep this text of a curated article beside it, with what its penalties differ in;
        the newest edition's text stands (an older edition's never replaces it)."""
        held = official.edition_date if official is not None else None
        if held is not None and (self.edition is None or self.edition < held):
            return
        differences = curated_differences(article, penalties) if self.sanctions else []
        if differences:
            self.summary.differences[article.number] = differences
        values = {
            "source": self.source,
            "text_ru": parsed.text,
            "current_to": self.current_to(),
            "edition_date": self.edition,
            "extracted_penalties": [
                {key: value for key, value in p.items() if key != "quote"} for p in penalties
            ],
            "differences": differences,
        }
        if official is not None and all(
            getattr(official, key) == value for key, value in values.items()
        ):
            return
        OfficialText.objects.update_or_create(article=article, defaults=values)

    def current_to(self) -> str:
        latest = max(self.document.amending_laws, key=lambda ref: ref.signed_on, default=None)
        return amendment_title(latest) if latest else ""


def import_document(
    document: ParsedDocument,
    *,
    nd: str,
    law_slug: str,
    law_title: str | None = None,
    sanctions: bool = False,
    progress=None,
    source: Source | None = None,
    dry_run: bool = False,
    allow_shrink: bool = False,
) -> ImportSummary:
    """Import `document` as the law `law_slug`, in one transaction. `source`: the text it
    was read from, where it is not the portal's export `nd` (a consolidated edition, a
    conversion); its wordings join the editions already held (pravo.editions).

    Raises pravo.identity.ImportRefused, with nothing written, when the text is not that act
    (pravo.identity.check_identity) or would take away more than a small share of the law's
    rows (pravo.safeguards.shrinkage) unless `allow_shrink`. `dry_run`: everything is rolled
    back; the summary says what would have changed. A text that changes nothing is rolled back
    too, so the data generation (and every cached page) stays where it was."""
    held_law = Law.objects.filter(slug=law_slug).first()
    nd = check_identity(document, held_law, nd, signature_date(document))
    with transaction.atomic():
        before = law_counts(held_law) if held_law else {}
        with search_triggers_suspended():
            generation = current_generation()
            law = law_of(document, nd, law_slug, law_title)
            source = source or official_source(nd, law.short_name)
            hold_currency(source, edition_date(document))
            # Before the articles: a never-amended article's version starts when the code came
            # into force.
            in_force = settle_law_in_force(law, read_in_force(document), source)
            importer = Importer(document, law=law, source=source, sanctions=sanctions)
            summary = importer.run(progress)
            summary.in_force = in_force
            # Nothing written (the counter moves on every write): nothing to recompute.
            summary.wrote = current_generation() != generation
            if summary.wrote:
                refresh_derived(law, summary)
        after = law_counts(law)
        summary.changes = change_lines(before, after)
        stop = shrinkage(before, after, summary.wordings_replaced)
        if stop and not (allow_shrink or dry_run):
            raise ImportRefused(
                f"not imported as {law.short_name}: it would take away too much ("
                + "; ".join(stop)
                + "). Check the file, or give --allow-shrink if this is right. It would change: "
                + "; ".join(summary.changes)
                + ". Nothing was written."
            )
        summary.changes += [f"stops without --allow-shrink: {line}" for line in stop]
        summary.dry_run = dry_run
        if dry_run or not summary.wrote:
            transaction.set_rollback(True)
    return summary


def hold_currency(source: Source, day) -> None:
    """Record that `source` is current to `day` (pravo.editions.edition_date), the latest of
    the days its texts were read as: the pages say that no later change is known here
    (provisions.timeline), never that a wording held is today's."""
    if day is not None and (source.current_to is None or source.current_to < day):
        source.current_to = day
        source.save(update_fields=["current_to"])


def refresh_derived(law: Law, summary: ImportSummary) -> None:
    """What the imported rows imply, recomputed for the law's articles."""
    # An import creates no changes, but rewrites the versions an editor's change to an
    # imported article may sit between: its stored effect is recomputed.
    store_change_effects(
        ArticleChange.objects.filter(article__law=law, article__origin=Origin.OFFICIAL)
    )
    # The notes just written bound each article's timeline: store when it came into force.
    store_in_force(Article.objects.filter(law=law))
    rebuild_search_index(
        "SELECT v.id FROM provisions_articleversion v JOIN provisions_article a "
        f"ON a.id = v.article_id WHERE a.law_id = {int(law.pk)}"
    )
    summary.topics = apply_topic_map(laws=[law.slug]).lines()
