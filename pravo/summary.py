"""What an import did, line by line: the summary `import_pravo` prints."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class ImportSummary:
    law: str = ""
    articles: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    curated_kept: int = 0
    repealed: int = 0
    # The act's own repeal (its head line, pravo.parsing.act_repeal): the articles it repeals,
    # those it keeps in force (an excepted chapter), and the line itself.
    repealed_with_act: int = 0
    kept_by_act_repeal: int = 0
    act_repeal_unplaced: list[str] = field(default_factory=list)  # amended after it: not marked
    act_repeal: str = ""
    parts: int = 0
    notes: int = 0
    amendments_created: int = 0
    amendments_linked: int = 0
    amendments_estimated: int = 0  # earlier imports' signing-date stand-ins, now re-dated
    in_force: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # provisions.topic_map's report
    penalties: int = 0
    wordings_new: int = 0
    wordings_same: int = 0  # already held from this text
    wordings_reread: int = 0  # held from this text, now read with other punctuation
    wordings_also: int = 0  # already held from another text: this one is cited beside it
    wordings_replaced: int = 0  # a text of higher standing, or this one re-exported
    wordings_disagreeing: int = 0  # another text holds a different wording: both kept
    # Curated articles: their version of this text's period given its full wording (filled),
    # already holding it (same), reading otherwise (differs: kept as a reading), a newer
    # wording than every curated version added as a version of its own (added_later), one
    # inside a curated version's period cutting it short (split), or neither (no_period).
    curated_wordings: Counter = field(default_factory=Counter)
    sanctions: int = 0
    sanctions_complete: int = 0
    unparsed_clauses: int = 0  # kept as UnparsedSanction rows, shown on the article page
    penalties_by_kind: Counter = field(default_factory=Counter)  # "fine in multiple" -> n
    not_stored: Counter = field(default_factory=Counter)
    incomplete: list[tuple[str, str, str]] = field(default_factory=list)
    differences: dict[str, list[str]] = field(default_factory=dict)
    unparsed: list[str] = field(default_factory=list)
    # What the import changed in the law's row counts (pravo.safeguards.change_lines); a dry
    # run's figures are what it would have changed (everything was rolled back).
    changes: list[str] = field(default_factory=list)
    dry_run: bool = False
    wrote: bool = True  # False: the text changed nothing (the import was rolled back)

    def act_repeal_count(self) -> str:
        """ ", 439 more repealed with the act" for the first line, where the act is repealed."""
        return f", {self.repealed_with_act} more repealed with the act" if self.act_repeal else ""

    def act_repeal_lines(self) -> list[str]:
        if not self.act_repeal:
            return []
        kept = (
            f", {self.kept_by_act_repeal} kept in force (the chapters it excepts)"
            if self.kept_by_act_repeal
            else ""
        )
        lines = [
            f"the act is repealed: «{self.act_repeal}»; {self.repealed_with_act} articles "
            f"repealed with it{kept}; the day the repeal took effect is not in the text (the "
            "repealing law's in-force date is estimated as for any amending law)"
        ]
        if self.act_repeal_unplaced:
            lines.append(
                f"not marked repealed with the act: {len(self.act_repeal_unplaced)} articles "
                "a law amended on or after the repeal's estimated day, so it took effect later, "
                f"on a day the text does not give: {', '.join(self.act_repeal_unplaced)}"
            )
        return lines

    def lines(self) -> list[str]:
        lines = [
            f"{self.law}: {self.articles} articles ({self.created} new, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.curated_kept} curated kept as they are, "
            f"{self.repealed} repealed{self.act_repeal_count()}), {self.parts} parts, "
            f"{self.notes} editorial notes",
            f"amendments: {self.amendments_created} new, {self.amendments_linked} linked"
            + (
                f" ({self.amendments_estimated} of those, recorded by an earlier import with "
                "their signing date, now dated by the rule below)"
                if self.amendments_estimated
                else ""
            ),
            "amendments' in-force dates: estimated as signing date + 11 days (Federal Law 5-FZ "
            "of 14.06.1994, art. 6) for federal laws; unknown for other acts; curated kept",
            *self.in_force,
            *self.act_repeal_lines(),
            *self.topics,
            f"wordings: {self.wordings_new} new, {self.wordings_same} already held, "
            f'{self.wordings_reread} read again from this text ("205.2" for "2052"), '
            f"{self.wordings_also} already held from another text, "
            f"{self.wordings_replaced} replaced, {self.wordings_disagreeing} held differently "
            "by another text (both kept)",
            *(
                [
                    "curated versions' full wording from this text: "
                    + ", ".join(f"{n} {what}" for what, n in sorted(self.curated_wordings.items()))
                ]
                if self.curated_wordings
                else []
            ),
        ]
        if self.sanctions:
            lines.append(
                f"sanctions: {self.sanctions_complete} of {self.sanctions} read completely, "
                f"{self.sanctions - self.sanctions_complete} with clauses not read "
                f"({self.unparsed_clauses} clauses kept as unparsed and shown on the page); "
                f"{self.penalties} penalties stored"
            )
            if self.penalties_by_kind:
                lines.append(
                    "penalties by kind and unit: "
                    + ", ".join(f"{k} {n}" for k, n in sorted(self.penalties_by_kind.items()))
                )
        for reason, count in sorted(self.not_stored.items()):
            lines.append(f"not stored: {count} penalties ({reason})")
        for number, part, problem in self.incomplete:
            lines.append(f"could not fully read art. {number} part {part or '1'}: {problem}")
        for number, differences in self.differences.items():
            lines.append(f"curated art. {number} differs from the official text:")
            lines += [f"    {difference}" for difference in differences]
        lines += [f"could not place: {text[:120]}" for text in self.unparsed]
        verb = "would change" if self.dry_run else "changed"
        lines.append(f"{verb}: " + ("; ".join(self.changes) or "no row counts"))
        if self.dry_run:
            lines.append("dry run: nothing was written")
        elif not self.wrote:
            lines.append("nothing to write: the database already holds this text as it is")
        return lines
