"""The field reference of an export, documented from the models, for the /data/ page."""

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from opendata.exports.tables import TABLES, Column


def field_reference() -> list[dict]:
    """Every exported table with every column documented, for the /data/ page."""
    return [
        {
            "name": table.name,
            "model": table.model._meta.verbose_name,
            "description": table.description,
            "columns": [column_doc(table.model, column) for column in table.columns],
        }
        for table in TABLES
    ]


# Meanings for fields whose model gives only a bare verbose name; the model's help text is
# used where it has one. Keys: "table.column" for one table, else the column name anywhere.
FIELD_DOCS = {
    "slug": "Stable name used in URLs and as the natural reference.",
    "name_en": "Name in English.",
    "name_ru": "Name in Russian.",
    "description": "What the topic covers.",
    "title_en": "Title in English.",
    "title_ru": "Title in Russian (the official wording).",
    "title": "Title of the document.",
    "publisher": "Who published it.",
    "url": "Where it was published.",
    "published_on": "Date of publication.",
    "sources.current_to": "For a text of a law: the day it is current to (changes after it are "
    "not in it), where known.",
    "reliability_note": "How far the source can be trusted, and why.",
    "summary": "What the act does, in plain words.",
    "signed_on": "Date signed.",
    "in_force_certainty": "How well the date in force is supported.",
    "applied_at": "When the amendment was applied, deriving the new versions; empty if not yet.",
    "laws.kind": "Kind of act.",
    "laws.in_force_on": "Date the law came into force.",
    "laws.official_url": "The official text on pravo.gov.ru.",
    "origin": "Where the record came from: curated by editors, imported from an official "
    "text, or synthetic benchmark data.",
    "certainty": "How well the fact is supported: confirmed by a source, inferred (e.g. a date "
    "by the 10-day rule), unverified, or extracted from the official text.",
    "note": "Caveats and conflicts between sources.",
    "text_ru": "The text in Russian; empty where not recorded.",
    "text_en": "English translation; empty where not recorded.",
    "new_text_en": "English translation of the new wording; empty keeps the previous one.",
    "sources.kind": "Kind of document.",
    "part": 'Part of the article: "1", "2", "3.1".',
    "subject": "Who the penalty applies to; empty for anyone (administrative fines differ for "
    "citizens, officials, individual entrepreneurs and legal entities).",
    "role": "A main penalty, or one additional to a main penalty.",
    "kind": "Kind of penalty.",
    "unit": "Unit of min and max; for a fine in years or months, the convict's income for "
    "that period; days for administrative arrest and suspension of activity; empty for life "
    "imprisonment, death, a warning, a confiscation and an expulsion.",
    "optional": 'An additional penalty the court may add ("or without").',
    "min": "Lowest term or amount, in unit; empty where the law states only a maximum.",
    "max": "Highest term or amount, in unit.",
    "action": "What the amendment does to the article.",
    "editorial_notes.kind": "What the note says the amending law did.",
    "year": "Year counted.",
    "period": "Part of the year counted.",
    "measure": "What was counted.",
    "count": "The number reported.",
    "qualifier": "Whether the source gives an exact number or a lower bound.",
    "citations.note": "What the quote supports, where not obvious.",
    "imported_at": "When the official text was last imported.",
}


def column_doc(model, column: Column) -> dict:
    model_field, nullable = resolve_field(model, column)
    doc = column.doc or FIELD_DOCS.get(f"{table_name(model)}.{column.name}", "")
    if not doc and model_field is not None and model_field.help_text:
        doc = str(model_field.help_text)
    doc = doc or FIELD_DOCS.get(column.name, "")
    choices = ""
    if model_field is not None and model_field.choices and not column.many:
        choices = ", ".join(repr(value) for value, _ in model_field.choices)
    kind = "list of text" if column.many else describe_type(model_field, nullable)
    return {"name": column.name, "type": kind, "doc": doc, "choices": choices}


def table_name(model) -> str:
    return next(table.name for table in TABLES if table.model is model)


def resolve_field(model, column: Column):
    """The model field a column's lookup ends at, and whether any step of it may be empty."""
    if column.field is None and not isinstance(column.lookup, str):
        return None, True  # an expression documented by hand
    path = (column.field or column.lookup).split("__")
    nullable = False
    for step in path[:-1]:
        relation = model._meta.get_field(step)
        nullable = nullable or relation.null
        model = relation.related_model
    try:
        found = model._meta.get_field(path[-1])
    except FieldDoesNotExist:
        return None, True
    return found, nullable or found.null


def describe_type(model_field, nullable: bool) -> str:
    if model_field is None:
        return "text or empty"
    nullable = " or empty" if nullable else ""
    if isinstance(model_field, models.DateTimeField):
        return "date and time (ISO 8601, UTC)" + nullable
    if isinstance(model_field, models.DateField):
        return "date (YYYY-MM-DD)" + nullable
    if isinstance(model_field, models.BooleanField):
        return "true / false"
    if isinstance(model_field, models.JSONField):
        return "JSON (CSV: as JSON text)"
    if isinstance(model_field, models.IntegerField | models.AutoField | models.ForeignKey):
        return "integer" + nullable
    return "text" + nullable
