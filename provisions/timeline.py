"""An article's life from the data held: when it came into force, every edition (редакция) the
official text's editorial notes and the curated changes bound, which of them hold a wording
here, and its repeals and restorations.

Unknown is not absent: an edition known only from the notes is an edition ("wording not held
here"), never a period out of force. The rules:
- An article came into force with its code (`Law.in_force_on`: the Criminal Code on 01.01.1997
  under Federal Law 64-FZ of 13.06.1996, art. 1), or with the law that added it (a curated change
  "added", or a note "(Дополнение статьей …)"), on that law's in-force date.
- Every law the notes or the curated changes name is an edition boundary on its in-force date.
  A date that is only estimated (an amending law known from a note by its signing date: Federal
  Law 5-FZ of 14.06.1994, art. 6) leaves the days from signing to that date uncertain.
- A whole-article repeal ("(Статья утратила силу …)", a curated change "repealed",
  `Article.repealed_on`) ends the article's force; a later "(Дополнение статьей …)" restores it.

Works on prefetched objects (ArticleQuerySet.for_detail) and issues no queries of its own.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from provisions.currency import currency_of
from provisions.models.common import Certainty
from provisions.whole_article_notes import adds_the_article, repeals_the_article

# Certainties that leave the days from signing to the in-force date in doubt.
UNSURE = {Certainty.ESTIMATED, Certainty.UNKNOWN}
# From the best supported to the least: a boundary of several laws is as weak as its weakest.
WEAKNESS = {
    certainty: rank
    for rank, certainty in enumerate(
        [
            Certainty.CONFIRMED,
            Certainty.EXTRACTED,
            Certainty.INFERRED,
            Certainty.UNVERIFIED,
            Certainty.ESTIMATED,
            Certainty.UNKNOWN,
        ]
    )
}

IN_FORCE = "in_force"
NOT_YET_IN_FORCE = "not_yet_in_force"
REPEALED = "repealed"
UNKNOWN = "unknown"  # whether the article was in force that day is not known

HELD = "held"
NOT_HELD = "not_held"
UNCERTAIN = "uncertain"

EDITION = "edition"
REPEAL = "repealed"

# Where a held wording comes from (Timeline.origin_of).
ORIGINAL = "original"  # the article's first edition, set by no amending law
AMENDED = "amended"  # set by an amending law held here
UNIDENTIFIED = "unidentified"  # a later edition whose amending law is not identified here

# A held version whose own dates are no better supported than this is a wording "as held":
# the data does not say it stayed unchanged over its whole period.
UNVERIFIED_DATES = {Certainty.UNVERIFIED, Certainty.ESTIMATED, Certainty.UNKNOWN}

ONE_DAY = timedelta(days=1)


def on(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else "an unknown date"


@dataclass(frozen=True)
class Boundary:
    """The laws that come into force on `day` and change the article; `certainty` is the
    weakest of their in-force dates' certainties."""

    day: date
    amendments: tuple = ()

    @property
    def certainty(self) -> str:
        certainties = [a.in_force_certainty for a in self.amendments] or [Certainty.CONFIRMED]
        return max(certainties, key=lambda c: WEAKNESS.get(c, len(WEAKNESS)))

    @property
    def signed_on(self) -> date | None:
        return min((a.signed_on for a in self.amendments), default=None)

    @property
    def uncertain_from(self) -> date | None:
        """The first day whose wording is in doubt: the signing date, when the in-force date
        is estimated or unknown; else None."""
        if self.certainty in UNSURE and self.signed_on and self.signed_on < self.day:
            return self.signed_on
        return None

    @property
    def numbers(self) -> list[str]:
        return [a.number for a in self.amendments]

    def describe(self) -> str:
        laws = ", ".join(f"{a.number} of {a.signed_on:%d.%m.%Y}" for a in self.amendments)
        if self.certainty == Certainty.ESTIMATED:
            return f"{laws}, in force from {on(self.day)} (estimated)"
        if self.certainty == Certainty.UNKNOWN:
            return f"{laws}, in force from an unknown date (not before {on(self.signed_on)})"
        return f"{laws}, in force from {on(self.day)}"


@dataclass
class Period:
    """One stretch of the article's life: an edition (held when `version` is set) or a repeal.
    `valid_from` is None where the article's start is unknown; `valid_to` None while open."""

    kind: str
    valid_from: date | None
    valid_to: date | None
    version: object = None
    opened_by: Boundary | None = None
    closed_by: Boundary | None = None

    @property
    def held(self) -> bool:
        return self.version is not None

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class StatusOn:
    """What can be said of the article on `day`. `status`: in_force, not_yet_in_force,
    repealed or unknown; `wording`: held, not_held or uncertain (None when not in force);
    `reason`: why, in a sentence; `version`: the held wording of that day; `nearest`: the held
    version closest to the day, offered where that day's wording is not held; `caveat`: why
    a held wording, or a repeal's date, is not verified for that day ("" when it is)."""

    day: date
    status: str
    wording: str | None
    reason: str
    version: object = None
    nearest: object = None
    period: Period | None = None
    # Why the answer is not verified for that day: a held wording's (Timeline.caveat_of) or a
    # repeal's whose date is estimated (Timeline.repeal_caveat); "" when nothing is in doubt.
    caveat: str = ""

    def as_dict(self) -> dict:
        return {
            "date": self.day.isoformat(),
            "status": self.status,
            "wording": self.wording,
            "reason": self.reason,
            "caveat": self.caveat,
        }


@dataclass
class Timeline:
    """`in_force_from` (None: unknown) with its certainty and basis (a sentence); `periods`
    tile the article's life in order, from its start to today or its repeal."""

    in_force_from: date | None
    in_force_from_certainty: str
    basis: str
    periods: list[Period] = field(default_factory=list)
    added_by: frozenset = frozenset()  # ids of the amendments that added the article
    # The last day the data held covers (provisions.currency): after it no change or repeal
    # is known here, and none is excluded; None where nothing held gives a day.
    known_to: date | None = None
    known_basis: str = ""  # where `known_to` comes from, a clause

    def unknown_after(self, day: date) -> bool:
        """Whether `day` is after the last day the data held covers (`known_to`)."""
        return self.known_to is not None and day > self.known_to

    @property
    def unknown_after_reason(self) -> str:
        """Why a day after `known_to` is not covered, a clause ("" where it is not known)."""
        if self.known_to is None:
            return ""
        return f"{self.known_basis}; a change or repeal after that day is not known here"

    @property
    def editions(self) -> list[Period]:
        return [period for period in self.periods if period.kind == EDITION]

    @property
    def held_versions(self) -> list:
        return [period.version for period in self.periods if period.held]

    def gaps(self) -> list[str]:
        """Where the periods fail to tile the article's life (a gap, an overlap, a start
        other than its coming into force, or an end short of today), one line each."""
        found = []
        first = self.periods[0] if self.periods else None
        if first is not None and first.valid_from != self.in_force_from:
            if self.in_force_from_certainty != Certainty.UNKNOWN or first.valid_from is None:
                found.append(
                    f"starts {on(first.valid_from)}, in force from {on(self.in_force_from)}"
                )
        for earlier, later in zip(self.periods, self.periods[1:], strict=False):
            if earlier.valid_to is None or later.valid_from is None:
                found.append(f"an open period before {on(later.valid_from)}")
            elif earlier.valid_to + ONE_DAY != later.valid_from:
                found.append(f"{on(earlier.valid_to)} is not followed by {on(later.valid_from)}")
        if self.periods and self.periods[-1].valid_to is not None:
            found.append(f"ends {on(self.periods[-1].valid_to)} with nothing after")
        return found

    def period_of(self, version) -> Period | None:
        """The held period of `version` (an ArticleVersion of this timeline), or None."""
        for period in self.periods:
            held = period.version
            if held is not None and (
                held is version or (version.pk is not None and held.pk == version.pk)
            ):
                return period
        return None

    def origin_of(self, version) -> str:
        """ORIGINAL, AMENDED or UNIDENTIFIED: a wording set by no law held here is the original
        only when it is the article's first edition; a later one was set by a law not
        identified here (never shown as "original wording")."""
        if version.introduced_by_id is not None:
            return AMENDED
        first = next((period for period in self.periods if period.kind == EDITION), None)
        if first is not None and self.period_of(version) is first:
            return ORIGINAL
        return UNIDENTIFIED

    def caveat_of(self, version) -> str:
        """Why the wording held for `version`'s period is not verified for the whole of it, as
        a clause ("" when nothing is in doubt): its own dates unverified, estimated or
        unknown; a start estimated from the signing date; the next edition not held."""
        period = self.period_of(version)
        reasons = []
        if version.certainty in UNVERIFIED_DATES:
            if version.valid_to is not None:
                reasons.append(
                    f"its dates are {version.certainty}: amendments between "
                    f"{on(version.valid_from)} and {on(version.valid_to + ONE_DAY)} are not "
                    "known here"
                )
            else:
                reasons.append(f"its start ({on(version.valid_from)}) is {version.certainty}")
        if period is not None:
            opened = period.opened_by
            if (
                version.certainty not in UNVERIFIED_DATES
                and opened is not None
                and opened.certainty in UNSURE
            ):
                reasons.append(f"its start ({on(period.valid_from)}) is {opened.certainty}")
            later = self.periods[self.periods.index(period) + 1 :]
            if later and later[0].kind == EDITION and not later[0].held:
                reasons.append(f"the wording in force from {on(later[0].valid_from)} is not held")
        return "; ".join(reasons)

    def repeal_pending(self, period: Period, day: date) -> bool:
        """Whether the period after `period` is a repeal signed by `day` whose estimated or
        unknown in-force date is later."""
        index = self.periods.index(period)
        following = self.periods[index + 1] if index + 1 < len(self.periods) else None
        boundary = following.opened_by if following and following.kind == REPEAL else None
        return bool(boundary and boundary.uncertain_from and boundary.uncertain_from <= day)

    def period_caveat(self, period: Period) -> str:
        """The caveat of any period: a held wording's (caveat_of), a repeal's (repeal_caveat),
        or "" for an edition whose wording is not held (it says so itself)."""
        if period.held:
            return self.caveat_of(period.version)
        return self.repeal_caveat(period) if period.kind == REPEAL else ""

    def repeal_caveat(self, period: Period) -> str:
        """Why a repeal's start is not verified, as a clause ("" when it is): the repealing
        law's in-force date is estimated (a law may set a later one, Federal Law 5-FZ art. 6:
        "если самими законами … не установлен другой порядок") or unknown, so on days after
        that date the article may still have been in force."""
        boundary = period.opened_by
        if boundary is None or boundary.certainty not in UNSURE:
            return ""
        if boundary.certainty == Certainty.ESTIMATED:
            return (
                f"the day the repeal took effect ({on(period.valid_from)}) is estimated from "
                f"the signing of {', '.join(boundary.numbers)}; the law may have set a later "
                "day, not held here, until which the article stayed in force"
            )
        return (
            f"the day the repeal took effect is not known (not before {on(boundary.signed_on)});"
            " until then the article stayed in force"
        )

    def period_on(self, day: date) -> Period | None:
        return next((period for period in self.periods if period.covers(day)), None)

    def nearest_held(self, day: date):
        return min(self.held_versions, key=lambda v: abs((v.valid_from - day).days), default=None)

    def previous_edition(self, period: Period) -> Period | None:
        index = self.periods.index(period)
        earlier = self.periods[:index]
        return earlier[-1] if earlier and earlier[-1].kind == EDITION else None

    def status_on(self, day: date) -> StatusOn:
        nearest = self.nearest_held(day)
        period = self.period_on(day)
        doubt = self.doubt_on(day)
        if period is None:
            first = self.periods[0] if self.periods else None
            if self.in_force_from is not None and day < self.in_force_from:
                if doubt:
                    return StatusOn(day, UNKNOWN, UNCERTAIN, doubt, nearest=nearest)
                reason = f"it came into force on {on(self.in_force_from)}: {self.basis}"
                return StatusOn(day, NOT_YET_IN_FORCE, None, reason, nearest=nearest)
            reason = "whether the article was in force that day is not known here"
            if first is not None and first.valid_from is not None:
                reason += f" (the first date held is {on(first.valid_from)})"
            return StatusOn(day, UNKNOWN, NOT_HELD, reason, nearest=nearest)
        if period.kind == REPEAL:
            by = f" by {period.opened_by.describe()}" if period.opened_by else ""
            reason = f"it was repealed with effect from {on(period.valid_from)}{by}"
            if doubt:
                return StatusOn(day, UNKNOWN, UNCERTAIN, doubt, nearest=nearest, period=period)
            caveat = self.repeal_caveat(period)
            return StatusOn(
                day, REPEALED, None, reason, nearest=nearest, period=period, caveat=caveat
            )
        if (
            doubt
            and self.in_force_from_certainty == Certainty.UNKNOWN
            and period is self.periods[0]
        ):
            return StatusOn(day, UNKNOWN, UNCERTAIN, doubt, nearest=nearest, period=period)
        if doubt:
            # A repeal signed by then but not yet in force by its estimate: in force or not
            # is itself in doubt, not only the wording.
            status = UNKNOWN if self.repeal_pending(period, day) else IN_FORCE
            return StatusOn(
                day, status, UNCERTAIN, doubt, version=period.version, nearest=nearest,
                period=period,
            )  # fmt: skip
        if period.held and period.valid_to is None and self.unknown_after(day):
            return StatusOn(
                day, IN_FORCE, UNCERTAIN, self.unknown_after_reason, version=period.version,
                nearest=nearest, period=period,
            )  # fmt: skip
        if period.held:
            caveat = self.caveat_of(period.version)
            return StatusOn(
                day, IN_FORCE, HELD, "", version=period.version, period=period, caveat=caveat
            )
        if period.valid_from is None:
            reason = (
                f"a law amended the article with effect from {on(period.valid_to + ONE_DAY)}, "
                "so it existed before; when it came into force is not held here"
            )
            return StatusOn(day, UNKNOWN, NOT_HELD, reason, nearest=nearest, period=period)
        until = f"to {on(period.valid_to)}" if period.valid_to else f"({self.open_end})"
        reason = f"the wording in force from {on(period.valid_from)} {until} is not held here"
        return StatusOn(day, IN_FORCE, NOT_HELD, reason, nearest=nearest, period=period)

    @property
    def open_end(self) -> str:
        """How an open period's end is said: never "today", which the texts held cannot
        vouch for."""
        if self.known_to is None:
            return "no later change known here"
        return f"no later change known here after {on(self.known_to)}"

    def doubt_on(self, day: date) -> str:
        """Why the wording of `day` is uncertain (a law signed by then whose in-force date is
        estimated or unknown, and not yet in force by that estimate), or ""."""
        first = self.periods[0] if self.periods else None
        if (
            self.in_force_from_certainty == Certainty.UNKNOWN
            and first is not None
            and first.valid_from is not None
            and first.covers(day)
            and day < date.today()  # the wording held is today's; the start is unknown
        ):
            return f"{self.basis}, so whether the article was in force that day is not known"
        for period in self.periods:
            boundary = period.opened_by
            if boundary is None or boundary.uncertain_from is None:
                continue
            if boundary.uncertain_from <= day < boundary.day:
                return (
                    f"{boundary.describe()} was signed by then; the date it came into force "
                    "is not held here, so the wording of that day is uncertain"
                )
        return ""

    def editions_from(self, day: date, today: date) -> list[Period]:
        """The periods from the one in force on `day` to the one in force on `today`."""
        return [
            period
            for period in self.periods
            if (period.valid_to is None or period.valid_to >= day)
            and (period.valid_from is None or period.valid_from <= today)
        ]


def build_timeline(article, versions, notes=(), changes=()) -> Timeline:
    """The article's timeline. `versions`: its held versions; `notes`: its editorial notes
    (amendment selected); `changes`: its curated ArticleChanges (amendment selected), of
    which only applied amendments' count."""
    versions = sorted(versions, key=lambda v: v.valid_from)
    notes = sorted(notes, key=lambda n: (n.amendment.in_force_on, n.amendment.signed_on))
    applied = [c for c in changes if c.amendment.applied_at is not None]
    adding = [n for n in notes if adds_the_article(n)]  # read once: a code's article has ~300
    start, certainty, basis = first_in_force(article, versions, adding, applied)
    boundaries = edition_boundaries(notes, applied, versions)
    spans = in_force_spans(article, start, notes, adding, applied, boundaries)
    periods = []
    for span_from, span_to, opened_by, closed_by in spans:
        periods += span_periods(span_from, span_to, opened_by, versions, boundaries)
        if closed_by is not None:
            periods.append(Period(REPEAL, closed_by.day, None, opened_by=closed_by))
    for earlier, later in zip(periods, periods[1:], strict=False):
        if earlier.valid_to is None and later.valid_from is not None:
            earlier.valid_to = later.valid_from - ONE_DAY
        if earlier.closed_by is None:
            earlier.closed_by = later.opened_by
    added_by = {c.amendment_id for c in applied if c.action == "added"}
    added_by |= {n.amendment_id for n in adding}
    return Timeline(start, certainty, basis, periods, frozenset(added_by))


def first_in_force(article, versions, adding, changes) -> tuple[date | None, str, str]:
    """(date, certainty, basis) of the article's coming into force. `adding`: the editorial
    notes that say the whole article was added (adds_the_article)."""
    added = [c.amendment for c in changes if c.action == "added"]
    added += [n.amendment for n in adding]
    found = []
    if added:
        law = min(added, key=lambda a: a.in_force_on)
        verb = "estimated" if law.in_force_certainty in UNSURE else "in force"
        found.append(
            (
                law.in_force_on,
                law.in_force_certainty,
                f"added by {law.number} of {law.signed_on:%d.%m.%Y} ({verb} "
                f"{law.in_force_on:%d.%m.%Y})",
            )
        )
    else:
        code = article.law
        if code.in_force_on is not None:
            found.append(
                (
                    code.in_force_on,
                    code.in_force_certainty,
                    f"an original article of the {code.short_name}, in force from "
                    f"{code.in_force_on:%d.%m.%Y}",
                )
            )
        elif code.adopted_on is not None:
            found.append(
                (
                    code.adopted_on,
                    Certainty.UNKNOWN,
                    f"an original article of the {code.short_name}, signed on "
                    f"{code.adopted_on:%d.%m.%Y}; the date it came into force is not held here",
                )
            )
    original = next((v for v in versions if v.introduced_by_id is None), None)
    if original is not None and (not found or original.valid_from < found[0][0]):
        found = [
            (
                original.valid_from,
                original.certainty,
                f"its original wording held here is in force from {original.valid_from:%d.%m.%Y}",
            )
        ]
    if not found:
        return None, Certainty.UNKNOWN, "the date it came into force is not held here"
    return found[0]


def edition_boundaries(notes, changes, versions) -> dict[date, Boundary]:
    """Every day a law the notes or the curated changes name came into force, with its laws."""
    laws: dict[date, dict] = {}
    for amendment in [n.amendment for n in notes] + [c.amendment for c in changes]:
        laws.setdefault(amendment.in_force_on, {})[amendment.pk] = amendment
    for version in versions:
        if version.introduced_by is not None:
            found = laws.setdefault(version.valid_from, {})
            found[version.introduced_by.pk] = version.introduced_by
        else:
            laws.setdefault(version.valid_from, {})
    return {
        day: Boundary(day, tuple(sorted(found.values(), key=lambda a: a.number)))
        for day, found in sorted(laws.items())
    }


def in_force_spans(article, start, notes, adding, changes, boundaries):
    """[(from, to, opened_by, repealed_by)]: the stretches the article was in force, each
    ended by a repeal (`repealed_by`, a Boundary) or open. `adding`: the notes among `notes`
    that add the whole article (a restoration after a repeal)."""
    repeals = [n.amendment for n in notes if repeals_the_article(n)]
    repeals += [c.amendment for c in changes if c.action == "repealed"]
    restorations = [n.amendment for n in adding]
    events = sorted(
        [(a.in_force_on, "repeal", a) for a in repeals]
        + [(a.in_force_on, "restore", a) for a in restorations],
        key=lambda event: event[0],
    )
    if article.repealed_on is not None and not any(e[1] == "repeal" for e in events):
        events.append((article.repealed_on, "repeal", None))
    spans, span_from, in_force = [], start, True
    opened_by = boundaries.get(start) if start is not None else None
    for day, what, _amendment in events:
        if what == "repeal" and in_force and (span_from is None or day > span_from):
            boundary = boundaries.get(day) or Boundary(day)
            spans.append((span_from, day - ONE_DAY, opened_by, boundary))
            in_force = False
        elif what == "restore" and not in_force:
            span_from, opened_by, in_force = day, boundaries.get(day), True
    if in_force:
        spans.append((span_from, None, opened_by, None))
    return spans


def span_periods(span_from, span_to, opened_by, versions, boundaries) -> list[Period]:
    """The editions of one in-force stretch: the held versions within it, and between them
    editions not held, cut at every boundary."""
    inside = [
        v
        for v in versions
        if (span_to is None or v.valid_from <= span_to)
        and (span_from is None or v.valid_to is None or v.valid_to >= span_from)
    ]
    periods, cursor, cursor_opened = [], span_from, opened_by
    for version in inside:
        start = version.valid_from if span_from is None else max(version.valid_from, span_from)
        if cursor is None or start > cursor:
            periods += unheld(cursor, start - ONE_DAY, cursor_opened, boundaries)
        elif periods and start < cursor:
            continue  # overlaps the one before: validate_corpus reports it
        end = version.valid_to if span_to is None else min(version.valid_to or span_to, span_to)
        periods.append(Period(EDITION, start, end, version, boundaries.get(start)))
        if end is None:
            return periods
        cursor, cursor_opened = end + ONE_DAY, boundaries.get(end + ONE_DAY)
    if not inside or cursor is None or span_to is None or cursor <= span_to:
        periods += unheld(cursor, span_to, cursor_opened, boundaries)
    return periods


def unheld(start, end, opened_by, boundaries) -> list[Period]:
    """Editions not held from `start` to `end` (either may be None), cut at each boundary."""
    cuts = [
        boundary
        for day, boundary in boundaries.items()
        if (start is None or day > start) and (end is None or day <= end)
    ]
    periods, cursor, cursor_opened = [], start, opened_by
    for boundary in cuts:
        periods.append(Period(EDITION, cursor, boundary.day - ONE_DAY, None, cursor_opened))
        cursor, cursor_opened = boundary.day, boundary
    periods.append(Period(EDITION, cursor, end, None, cursor_opened))
    return periods


def timeline_of(article) -> Timeline:
    """The timeline of an article fetched with ArticleQuerySet.for_detail(), with the last
    day its data covers (provisions.currency)."""
    versions = article.versions.all()
    timeline = build_timeline(
        article,
        versions,
        getattr(article, "timeline_notes", ()),
        getattr(article, "timeline_changes", ()),
    )
    timeline.known_to, timeline.known_basis = currency_of(article, versions, timeline.periods)
    return timeline
