"""Readers of the official and consolidated texts (the portal's HTML, ConsultantPlus text and
.docx, per-article Markdown)."""

# Part of every text's fingerprint in `import_corpus` (pravo.models.ImportedText): a text
# imported unchanged is skipped, so a change to what a reader makes of the same bytes must
# move this, or the texts already imported would keep the old reading. Raise it with any such
# change. 2: raised numbers after a numeral word or a point's letter, and the Markdown
# conversion's merged numbers read against the law's articles held ("2052" is 205.2). 3: the
# day each text is current to is recorded on its Source (pravo.importer.hold_currency). 4: an
# act's own repeal, read from its head line (pravo.parsing.act_repeal), repeals its articles.
# 5: an older edition no longer renames an article a newer text already holds (its chapter
# heading in another case split a chapter on the law's page: pravo.importer.is_latest_for).
READERS_VERSION = "5"
