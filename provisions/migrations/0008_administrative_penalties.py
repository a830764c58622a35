"""The administrative penalties of КоАП (art. 3.2 part 1): new kinds (warning, confiscation of
the instrument or object of the offence, deprivation of a special right, administrative
expulsion, disqualification, administrative suspension of activity, the sports competitions
ban), the unit days, the subject "individual entrepreneurs"; each kind's term rule as a check
constraint; and the SQL that spells the kinds out.

The kinds' bits (provisions.penalties.PENALTY_KIND_BITS) are literals in the kinds triggers of
migration 0004, rewritten here by replacing their CASE over the kinds. On PostgreSQL the kinds'
search words (PENALTY_WORDS) are literals in provisions_penalty_words() of search migration
0001 too: where that function exists already it is replaced here; a new database gets the new
words from search 0001 itself, which runs after this migration there.

SQLite rebuilds a table to change its check constraints. That drops the table's triggers (the
list figures and kinds of 0004, the search index of search 0001, the data-generation counter
of search 0002), and renaming the rebuilt table fails while another table's trigger names it.
So every trigger of the database is read from sqlite_master and dropped before, and created
again after, with the new CASE. No stored penalty has a new kind yet, so no stored figure
changes.
"""

import re

from django.db import migrations, models

# Never renumber: stored rows hold these bits.
OLD_BITS = {
    "imprisonment": 1,
    "life_imprisonment": 2,
    "death_penalty": 4,
    "fine": 8,
    "forced_labour": 16,
    "restriction_of_freedom": 32,
    "compulsory_work": 64,
    "correctional_labour": 128,
    "arrest": 256,
    "deprivation_of_right": 512,
}
NEW_BITS = {
    **OLD_BITS,
    "warning": 1024,
    "confiscation": 2048,
    "deprivation_of_special_right": 4096,
    "expulsion": 8192,
    "disqualification": 16384,
    "suspension_of_activity": 32768,
    "sports_event_ban": 65536,
}

OLD_WORDS = [
    ("imprisonment", "imprisonment prison", "лишение свободы"),
    ("life_imprisonment", "life imprisonment", "пожизненное лишение свободы"),
    ("death_penalty", "death penalty", "смертная казнь"),
    ("fine", "fine", "штраф"),
    ("forced_labour", "forced labour", "принудительные работы"),
    ("restriction_of_freedom", "restriction of freedom", "ограничение свободы"),
    ("compulsory_work", "compulsory work", "обязательные работы"),
    ("correctional_labour", "correctional labour", "исправительные работы"),
    ("arrest", "arrest", "арест"),
    ("deprivation_of_right", "deprivation of the right to hold posts", "лишение права"),
]
NEW_WORDS = [
    *OLD_WORDS,
    ("warning", "warning", "предупреждение"),
    ("confiscation", "confiscation", "конфискация"),
    ("deprivation_of_special_right", "deprivation of a special right", "лишение специального права"),
    ("expulsion", "administrative expulsion", "административное выдворение"),
    ("disqualification", "disqualification", "дисквалификация"),
    ("suspension_of_activity", "suspension of activity", "приостановление деятельности"),
    ("sports_event_ban", "sports competitions ban", "запрет на посещение спортивных соревнований"),
]

CASE_RE = re.compile(r"CASE p\.kind\s+(?:WHEN '\w+' THEN \d+\s+)+ELSE 0 END")


def kind_case(bits: dict) -> str:
    whens = "\n        ".join(f"WHEN '{kind}' THEN {bit}" for kind, bit in bits.items())
    return f"CASE p.kind\n        {whens}\n        ELSE 0 END"


def with_case(sql: str, bits: dict) -> tuple[str, int]:
    return CASE_RE.subn(lambda m: kind_case(bits), sql)


def penalty_words(words: list) -> str:
    values = ",\n        ".join(f"('{kind}', '{en}', '{ru}')" for kind, en, ru in words)
    return f"""
CREATE OR REPLACE FUNCTION provisions_penalty_words(version bigint, english boolean) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(CASE WHEN english THEN names.en ELSE names.ru END, ' '), '')
    FROM (SELECT DISTINCT kind FROM provisions_penalty WHERE version_id = version) AS used
    JOIN (VALUES
        {values}
    ) AS names (kind, en, ru) ON names.kind = used.kind
$$
"""


# --- PostgreSQL: rewrite the functions in place -------------------------------------------

KINDS_FUNCTIONS = ["provisions_penalty_kinds_trigger", "provisions_version_kinds_trigger"]


def postgres_rewrite(schema_editor, bits: dict, words: list):
    with schema_editor.connection.cursor() as cursor:
        for name in KINDS_FUNCTIONS:
            cursor.execute(
                "SELECT pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.proname = %s", [name]
            )
            (definition,) = cursor.fetchone()
            definition, found = with_case(definition, bits)
            if not found:
                raise RuntimeError(f"{name}() spells out no kinds to rewrite")
            cursor.execute(definition)
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'provisions_penalty_words'")
        if cursor.fetchone():  # search 0001 has run; otherwise it creates the new words itself
            cursor.execute(penalty_words(words))


# --- SQLite: drop every trigger around the rebuilds, create them again after --------------

KEPT: dict[str, list[tuple[str, str]]] = {}  # connection alias -> [(name, CREATE TRIGGER …)]


def drop_triggers(schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        KEPT[connection.alias] = kept = cursor.fetchall()
    for name, _ in kept:
        schema_editor.execute(f"DROP TRIGGER {name}", params=None)


def restore_triggers(schema_editor, bits: dict):
    kept = KEPT.pop(schema_editor.connection.alias)
    rewritten = 0
    for _, sql in kept:
        sql, found = with_case(sql, bits)
        rewritten += found
        schema_editor.execute(sql, params=None)
    if not rewritten:
        raise RuntimeError("no kinds trigger found to rewrite")


def vendor_of(schema_editor) -> str:
    vendor = schema_editor.connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"No SQL written for {vendor}.")
    return vendor


def before_rebuild(apps, schema_editor):
    if vendor_of(schema_editor) == "sqlite":
        drop_triggers(schema_editor)


def after_rebuild(bits: dict, words: list):
    def run(apps, schema_editor):
        if vendor_of(schema_editor) == "sqlite":
            restore_triggers(schema_editor, bits)  # SQLite's search words are Python's
        else:
            postgres_rewrite(schema_editor, bits, words)

    return run


class Migration(migrations.Migration):
    dependencies = [("provisions", "0007_version_source")]

    # Forward: drop the triggers (SQLite), rebuild, create them again with the new kinds;
    # backward the same steps in reverse order, creating them again with the old kinds.
    operations = [
        migrations.RunPython(before_rebuild, after_rebuild(OLD_BITS, OLD_WORDS)),
        migrations.RemoveConstraint(
            model_name='changedpenalty',
            name='changedpenalty_life_and_death_have_no_term',
        ),
        migrations.RemoveConstraint(
            model_name='changedpenalty',
            name='changedpenalty_term_has_unit_and_bound',
        ),
        migrations.RemoveConstraint(
            model_name='penalty',
            name='penalty_life_and_death_have_no_term',
        ),
        migrations.RemoveConstraint(
            model_name='penalty',
            name='penalty_term_has_unit_and_bound',
        ),
        migrations.AlterField(
            model_name='changedpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions')], max_length=30),
        ),
        migrations.AlterField(
            model_name='changedpenalty',
            name='subject',
            field=models.CharField(blank=True, choices=[('', 'Anyone'), ('citizen', 'Citizens'), ('official', 'Officials'), ('legal_entity', 'Legal entities'), ('entrepreneur', 'Individual entrepreneurs')], default='', max_length=20),
        ),
        migrations.AlterField(
            model_name='changedpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('', '—')], max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalchangedpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions')], max_length=30),
        ),
        migrations.AlterField(
            model_name='historicalchangedpenalty',
            name='subject',
            field=models.CharField(blank=True, choices=[('', 'Anyone'), ('citizen', 'Citizens'), ('official', 'Officials'), ('legal_entity', 'Legal entities'), ('entrepreneur', 'Individual entrepreneurs')], default='', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalchangedpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('', '—')], max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions')], max_length=30),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='subject',
            field=models.CharField(blank=True, choices=[('', 'Anyone'), ('citizen', 'Citizens'), ('official', 'Officials'), ('legal_entity', 'Legal entities'), ('entrepreneur', 'Individual entrepreneurs')], default='', help_text='Administrative fines differ for citizens, officials, individual entrepreneurs and legal entities.', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('', '—')], help_text="For a fine in years or months, the convict's income for that period.", max_length=10),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions')], max_length=30),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='subject',
            field=models.CharField(blank=True, choices=[('', 'Anyone'), ('citizen', 'Citizens'), ('official', 'Officials'), ('legal_entity', 'Legal entities'), ('entrepreneur', 'Individual entrepreneurs')], default='', help_text='Administrative fines differ for citizens, officials, individual entrepreneurs and legal entities.', max_length=20),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('', '—')], help_text="For a fine in years or months, the convict's income for that period.", max_length=10),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), _negated=True), models.Q(('max__isnull', True), ('min__isnull', True), ('unit', '')), _connector='OR'), name='changedpenalty_no_term_kinds_have_no_term', violation_error_message='Life imprisonment, death, a warning, a confiscation and an expulsion have no term or unit.'),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), models.Q(models.Q(('unit', ''), _negated=True), models.Q(('min__isnull', False), ('max__isnull', False), _connector='OR')), _connector='OR'), name='changedpenalty_term_has_unit_and_bound', violation_error_message='A penalty with a term needs a unit and a maximum or minimum.'),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), ('unit', '')), models.Q(('kind', 'imprisonment'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'fine'), ('unit__in', ('rub', 'years', 'months'))), models.Q(('kind', 'forced_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'restriction_of_freedom'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'compulsory_work'), ('unit__in', ('hours',))), models.Q(('kind', 'correctional_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'arrest'), ('unit__in', ('months', 'days'))), models.Q(('kind', 'deprivation_of_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'deprivation_of_special_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disqualification'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'suspension_of_activity'), ('unit__in', ('days',))), models.Q(('kind', 'sports_event_ban'), ('unit__in', ('years', 'months'))), _connector='OR'), name='changedpenalty_unit_fits_kind', violation_error_message='This unit is not one this kind of penalty is counted in.'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), _negated=True), models.Q(('max__isnull', True), ('min__isnull', True), ('unit', '')), _connector='OR'), name='penalty_no_term_kinds_have_no_term', violation_error_message='Life imprisonment, death, a warning, a confiscation and an expulsion have no term or unit.'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), models.Q(models.Q(('unit', ''), _negated=True), models.Q(('min__isnull', False), ('max__isnull', False), _connector='OR')), _connector='OR'), name='penalty_term_has_unit_and_bound', violation_error_message='A penalty with a term needs a unit and a maximum or minimum.'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), ('unit', '')), models.Q(('kind', 'imprisonment'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'fine'), ('unit__in', ('rub', 'years', 'months'))), models.Q(('kind', 'forced_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'restriction_of_freedom'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'compulsory_work'), ('unit__in', ('hours',))), models.Q(('kind', 'correctional_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'arrest'), ('unit__in', ('months', 'days'))), models.Q(('kind', 'deprivation_of_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'deprivation_of_special_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disqualification'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'suspension_of_activity'), ('unit__in', ('days',))), models.Q(('kind', 'sports_event_ban'), ('unit__in', ('years', 'months'))), _connector='OR'), name='penalty_unit_fits_kind', violation_error_message='This unit is not one this kind of penalty is counted in.'),
        ),
        migrations.RunPython(after_rebuild(NEW_BITS, NEW_WORDS), before_rebuild),
    ]
