"""pages.amendment_html writes exactly what includes/_amendment_change.html writes, for every
curated change of every amendment held, applied or not, merged, same-day or plain."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from pages.amendment_html import change_section
from pages.amendments import amendment_detail_context
from provisions.models import Amendment, Article
from tests.factories import make_amendment, make_change
from tests.pages.test_views_amendments import same_day_pair  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

COMPARE_URL = "/compare/"


def both(amendment) -> list[tuple[str, str, dict]]:
    """(the include's HTML, the Python's HTML, the row) for each change of `amendment`."""
    found = []
    for row in amendment_detail_context(amendment)["rows"]:
        context = {"row": row, "amendment": amendment, "compare_url": COMPARE_URL}
        include = render_to_string("includes/_amendment_change.html", context)
        found.append((include, change_section(row, amendment, COMPARE_URL), row))
    return found


def test_every_curated_change_is_written_as_the_include_writes_it(same_day_pair):  # noqa: F811
    shapes = set()
    for amendment in Amendment.objects.all():
        for include, python, row in both(amendment):
            assert python == include, (amendment.slug, row["change"].pk)
            shapes |= {
                key for key in ("penalty_rows", "same_day", "before", "merged_into") if row[key]
            }
            shapes |= {"applied"} if row["applied"] else {"not applied"}
    # The corpus holds every shape the section has, so none goes unchecked.
    assert shapes >= {"penalty_rows", "same_day", "before", "merged_into", "applied"}


def test_an_unapplied_change_with_markup_in_its_words_is_escaped_alike():
    amendment = make_amendment(signed_on=date(2024, 1, 1), in_force_on=date(2024, 2, 1))
    article = Article.objects.get(law__slug="criminal-code", number="275")
    make_change(amendment, article, parts="1 & 2", description='<b>"quoted"</b> & more')
    [(include, python, row)] = both(amendment)
    assert not row["applied"]
    assert python == include
    assert "&lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; more" in python
