"""Sanctions read exactly (issue #18): the Criminal Code's military penalties (restriction in
military service, detention in a disciplinary military unit) as kinds; a fine as a multiple of a
sum (unit "multiple", with multiple_of); every penalty's alternative, so an additional penalty
belongs to the alternative it is attached to and one part may hold the same kind once per
alternative; UnparsedSanction, the clauses a reader could not place; and the edition date of an
official text kept beside a curated article.

The kinds' bits and search words are literals in SQL (see migration 0008, whose steps are
reused here): the kinds triggers and, on PostgreSQL, provisions_penalty_words() are rewritten
with the two new kinds; on SQLite every trigger is dropped around the table rebuilds and created
again after. No stored penalty has a new kind yet, so no stored figure changes.
"""

import importlib

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


administrative = importlib.import_module("provisions.migrations.0008_administrative_penalties")

NEW_BITS = {
    **administrative.NEW_BITS,
    "military_service_restriction": 131072,
    "disciplinary_military_unit": 262144,
}
NEW_WORDS = [
    *administrative.NEW_WORDS,
    ("military_service_restriction", "restriction in military service",
     "ограничение по военной службе"),
    ("disciplinary_military_unit", "disciplinary military unit",
     "содержание в дисциплинарной воинской части"),
]
OLD_BITS, OLD_WORDS = administrative.NEW_BITS, administrative.NEW_WORDS
before_rebuild, after_rebuild = administrative.before_rebuild, administrative.after_rebuild


class Migration(migrations.Migration):

    dependencies = [
        ('provisions', '0008_administrative_penalties'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # Forward: drop the triggers (SQLite), rebuild, create them again with the new kinds;
    # backward the same steps in reverse order, with the old kinds.
    operations = [
        migrations.RunPython(before_rebuild, after_rebuild(OLD_BITS, OLD_WORDS)),
        migrations.CreateModel(
            name='HistoricalUnparsedSanction',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('part', models.CharField(help_text='Part of the article: "1", "2", "3.1".', max_length=10)),
                ('text', models.TextField(help_text='The clause as the official text words it.')),
                ('reason', models.CharField(blank=True, help_text='Why it was not read.', max_length=300)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical unparsed sanction',
                'verbose_name_plural': 'historical unparsed sanctions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='UnparsedSanction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('part', models.CharField(help_text='Part of the article: "1", "2", "3.1".', max_length=10)),
                ('text', models.TextField(help_text='The clause as the official text words it.')),
                ('reason', models.CharField(blank=True, help_text='Why it was not read.', max_length=300)),
            ],
            options={
                'ordering': ['version', 'part', 'id'],
            },
        ),
        migrations.AlterModelOptions(
            name='changedpenalty',
            options={'ordering': ['change', 'part', 'subject', 'alternative', 'role', 'id'], 'verbose_name_plural': 'penalties after the change'},
        ),
        migrations.AlterModelOptions(
            name='penalty',
            options={'ordering': ['version', 'part', 'subject', 'alternative', 'role', 'id'], 'verbose_name_plural': 'penalties'},
        ),
        migrations.RemoveConstraint(
            model_name='changedpenalty',
            name='changedpenalty_unique_per_part',
        ),
        migrations.RemoveConstraint(
            model_name='changedpenalty',
            name='changedpenalty_unit_fits_kind',
        ),
        migrations.RemoveConstraint(
            model_name='penalty',
            name='penalty_unique_per_version_part',
        ),
        migrations.RemoveConstraint(
            model_name='penalty',
            name='penalty_unit_fits_kind',
        ),
        migrations.AddField(
            model_name='changedpenalty',
            name='alternative',
            field=models.PositiveSmallIntegerField(default=0, help_text='As Penalty.alternative: the alternative, or the one attached to.'),
        ),
        migrations.AddField(
            model_name='changedpenalty',
            name='multiple_of',
            field=models.CharField(blank=True, choices=[('', '—'), ('bribe', 'the bribe'), ('commercial_bribe', 'the commercial bribe'), ('subornation', 'the subornation sum'), ('smuggled_cash', 'the cash and (or) monetary instruments illegally moved across the border')], default='', max_length=20),
        ),
        migrations.AddField(
            model_name='historicalchangedpenalty',
            name='alternative',
            field=models.PositiveSmallIntegerField(default=0, help_text='As Penalty.alternative: the alternative, or the one attached to.'),
        ),
        migrations.AddField(
            model_name='historicalchangedpenalty',
            name='multiple_of',
            field=models.CharField(blank=True, choices=[('', '—'), ('bribe', 'the bribe'), ('commercial_bribe', 'the commercial bribe'), ('subornation', 'the subornation sum'), ('smuggled_cash', 'the cash and (or) monetary instruments illegally moved across the border')], default='', max_length=20),
        ),
        migrations.AddField(
            model_name='historicalpenalty',
            name='alternative',
            field=models.PositiveSmallIntegerField(default=0, help_text="A main penalty's place among the part's alternatives (0, 1, …); for an additional penalty, the alternative it is attached to."),
        ),
        migrations.AddField(
            model_name='historicalpenalty',
            name='multiple_of',
            field=models.CharField(blank=True, choices=[('', '—'), ('bribe', 'the bribe'), ('commercial_bribe', 'the commercial bribe'), ('subornation', 'the subornation sum'), ('smuggled_cash', 'the cash and (or) monetary instruments illegally moved across the border')], default='', help_text='What a fine in unit "multiple" multiplies ("суммы взятки": the bribe).', max_length=20),
        ),
        migrations.AddField(
            model_name='officialtext',
            name='edition_date',
            field=models.DateField(blank=True, help_text="The day the text is current to, where known: an older edition's text never replaces a newer one's here.", null=True),
        ),
        migrations.AddField(
            model_name='penalty',
            name='alternative',
            field=models.PositiveSmallIntegerField(default=0, help_text="A main penalty's place among the part's alternatives (0, 1, …); for an additional penalty, the alternative it is attached to."),
        ),
        migrations.AddField(
            model_name='penalty',
            name='multiple_of',
            field=models.CharField(blank=True, choices=[('', '—'), ('bribe', 'the bribe'), ('commercial_bribe', 'the commercial bribe'), ('subornation', 'the subornation sum'), ('smuggled_cash', 'the cash and (or) monetary instruments illegally moved across the border')], default='', help_text='What a fine in unit "multiple" multiplies ("суммы взятки": the bribe).', max_length=20),
        ),
        migrations.AlterField(
            model_name='changedpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions'), ('military_service_restriction', 'Restriction in military service'), ('disciplinary_military_unit', 'Detention in a disciplinary military unit')], max_length=30),
        ),
        migrations.AlterField(
            model_name='changedpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('multiple', 'times'), ('', '—')], max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalchangedpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions'), ('military_service_restriction', 'Restriction in military service'), ('disciplinary_military_unit', 'Detention in a disciplinary military unit')], max_length=30),
        ),
        migrations.AlterField(
            model_name='historicalchangedpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('multiple', 'times'), ('', '—')], max_length=10),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions'), ('military_service_restriction', 'Restriction in military service'), ('disciplinary_military_unit', 'Detention in a disciplinary military unit')], max_length=30),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='optional',
            field=models.BooleanField(default=False, help_text='An additional penalty the court may add to its alternative ("or without").'),
        ),
        migrations.AlterField(
            model_name='historicalpenalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('multiple', 'times'), ('', '—')], help_text="For a fine in years or months, the convict's income for that period; in multiple, a multiple of the sum named in multiple_of.", max_length=10),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='kind',
            field=models.CharField(choices=[('imprisonment', 'Imprisonment'), ('life_imprisonment', 'Life imprisonment'), ('death_penalty', 'Death penalty'), ('fine', 'Fine'), ('forced_labour', 'Forced labour'), ('restriction_of_freedom', 'Restriction of freedom'), ('compulsory_work', 'Compulsory work'), ('correctional_labour', 'Correctional labour'), ('arrest', 'Arrest'), ('deprivation_of_right', 'Deprivation of the right to hold posts'), ('warning', 'Warning'), ('confiscation', 'Confiscation of the instrument or object of the offence'), ('deprivation_of_special_right', 'Deprivation of a special right'), ('expulsion', 'Administrative expulsion from the Russian Federation'), ('disqualification', 'Disqualification'), ('suspension_of_activity', 'Administrative suspension of activity'), ('sports_event_ban', 'Ban on attending official sports competitions'), ('military_service_restriction', 'Restriction in military service'), ('disciplinary_military_unit', 'Detention in a disciplinary military unit')], max_length=30),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='optional',
            field=models.BooleanField(default=False, help_text='An additional penalty the court may add to its alternative ("or without").'),
        ),
        migrations.AlterField(
            model_name='penalty',
            name='unit',
            field=models.CharField(blank=True, choices=[('years', 'years'), ('months', 'months'), ('hours', 'hours'), ('days', 'days'), ('rub', 'RUB'), ('multiple', 'times'), ('', '—')], help_text="For a fine in years or months, the convict's income for that period; in multiple, a multiple of the sum named in multiple_of.", max_length=10),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'fine'), ('unit', 'multiple'), models.Q(('multiple_of', ''), _negated=True)), models.Q(models.Q(('unit', 'multiple'), _negated=True), ('multiple_of', '')), _connector='OR'), name='changedpenalty_multiple_names_its_sum', violation_error_message='A fine counted as a multiple names what it multiplies (the bribe, …); no other penalty does.'),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), ('unit', '')), models.Q(('kind', 'imprisonment'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'fine'), ('unit__in', ('rub', 'years', 'months', 'multiple'))), models.Q(('kind', 'forced_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'restriction_of_freedom'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'compulsory_work'), ('unit__in', ('hours',))), models.Q(('kind', 'correctional_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'arrest'), ('unit__in', ('months', 'days'))), models.Q(('kind', 'deprivation_of_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'deprivation_of_special_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disqualification'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'suspension_of_activity'), ('unit__in', ('days',))), models.Q(('kind', 'sports_event_ban'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'military_service_restriction'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disciplinary_military_unit'), ('unit__in', ('years', 'months'))), _connector='OR'), name='changedpenalty_unit_fits_kind', violation_error_message='This unit is not one this kind of penalty is counted in.'),
        ),
        migrations.AddConstraint(
            model_name='changedpenalty',
            constraint=models.UniqueConstraint(fields=('change', 'part', 'subject', 'alternative', 'role', 'kind', 'unit'), name='changedpenalty_unique_per_alternative'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'fine'), ('unit', 'multiple'), models.Q(('multiple_of', ''), _negated=True)), models.Q(models.Q(('unit', 'multiple'), _negated=True), ('multiple_of', '')), _connector='OR'), name='penalty_multiple_names_its_sum', violation_error_message='A fine counted as a multiple names what it multiplies (the bribe, …); no other penalty does.'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind__in', ('life_imprisonment', 'death_penalty', 'warning', 'confiscation', 'expulsion')), ('unit', '')), models.Q(('kind', 'imprisonment'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'fine'), ('unit__in', ('rub', 'years', 'months', 'multiple'))), models.Q(('kind', 'forced_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'restriction_of_freedom'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'compulsory_work'), ('unit__in', ('hours',))), models.Q(('kind', 'correctional_labour'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'arrest'), ('unit__in', ('months', 'days'))), models.Q(('kind', 'deprivation_of_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'deprivation_of_special_right'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disqualification'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'suspension_of_activity'), ('unit__in', ('days',))), models.Q(('kind', 'sports_event_ban'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'military_service_restriction'), ('unit__in', ('years', 'months'))), models.Q(('kind', 'disciplinary_military_unit'), ('unit__in', ('years', 'months'))), _connector='OR'), name='penalty_unit_fits_kind', violation_error_message='This unit is not one this kind of penalty is counted in.'),
        ),
        migrations.AddConstraint(
            model_name='penalty',
            constraint=models.UniqueConstraint(fields=('version', 'part', 'subject', 'alternative', 'role', 'kind', 'unit'), name='penalty_unique_per_alternative'),
        ),
        migrations.AddField(
            model_name='historicalunparsedsanction',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalunparsedsanction',
            name='version',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='provisions.articleversion'),
        ),
        migrations.AddField(
            model_name='unparsedsanction',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unparsed_sanctions', to='provisions.articleversion'),
        ),
        migrations.AddConstraint(
            model_name='unparsedsanction',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='unparsedsanction_has_text', violation_error_message='An unparsed clause keeps its words.'),
        ),
        migrations.RunPython(after_rebuild(NEW_BITS, NEW_WORDS), before_rebuild),
]
