"""Topics across the codes: fixtures/topic_map.json, applied after every load and import."""

import json
import re

import pytest
from django.core.management import call_command

from pravo.parsing.document import parse_file
from provisions.corpus import CORPUS_FIXTURES
from provisions.models import Article, Law, Topic
from provisions.topic_map import (
    KEYS,
    TOPIC_MAP,
    TopicMapError,
    apply_topic_map,
    read_topic_map,
    stale_topics,
)
from provisions.validation import corpus_problems
from tests.factories import make_article
from tests.pravo_data import PRAVO_DIR

pytestmark = pytest.mark.django_db

FIXTURES = TOPIC_MAP.parent
CRIMINAL_CODE = PRAVO_DIR / "102041891.html"
KOAP = PRAVO_DIR.parent / "koap" / "koap_2024-08-08_consultant.txt"
# Mapped, but added after the 04.08.2023 official text (510-FZ of 28.12.2024): the map keeps
# it for an edition that holds it.
NOT_IN_THE_2023_TEXT = {"276.1"}

requires_criminal_code = pytest.mark.skipif(
    not CRIMINAL_CODE.exists(), reason=f"the official export is not at {CRIMINAL_CODE}"
)
requires_koap = pytest.mark.skipif(not KOAP.exists(), reason=f"the КоАП text is not at {KOAP}")


def numbers_of(law: str) -> set[str]:
    return {n for entry in read_topic_map() if entry.law == law for n in entry.articles}


def topics_of(number: str, law: str = "criminal-code") -> set[str]:
    article = Article.objects.get(law__slug=law, number=number)
    return set(article.topics.values_list("slug", flat=True))


def fixture_slugs(name: str, model: str) -> set[str]:
    rows = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return {row["fields"]["slug"] for row in rows if row["model"] == model}


def test_the_map_is_a_list_of_entries_with_a_reason_each():
    rows = json.loads(TOPIC_MAP.read_text(encoding="utf-8"))
    assert isinstance(rows, list) and rows
    for row in rows:
        assert list(row) == list(KEYS)
        assert row["articles"] and all(isinstance(n, str) for n in row["articles"])
        assert row["why"].strip().endswith("."), row
    assert len(read_topic_map()) == len(rows)
    assert "topic_map" not in CORPUS_FIXTURES, "plain JSON read by code, not a fixture"


def test_every_mapped_topic_and_law_exists():
    entries = read_topic_map()
    topics = {entry.topic for entry in entries}
    laws = {entry.law for entry in entries}
    assert laws == {"criminal-code", "administrative-code"}
    assert topics <= fixture_slugs("topics", "provisions.topic")
    assert topics <= set(Topic.objects.values_list("slug", flat=True))
    assert laws <= fixture_slugs("laws", "provisions.law")
    assert {"extremism", "sanctions-calls"} <= topics


def test_the_issue_s_starting_point_is_mapped():
    pairs = {(e.topic, e.law, n) for e in read_topic_map() for n in e.articles}
    cc = "criminal-code"
    koap = "administrative-code"
    expected = {("treason", cc, n) for n in ("275", "275.1", "276", "276.1")}
    expected |= {("state-secrets", cc, n) for n in ("283", "283.1", "283.2", "284")}
    expected |= {("extremism", cc, n) for n in ("280", "282", "282.1", "282.2", "282.3")}
    expected |= {("speech", cc, n) for n in ("205.2", "354.1", "207.3", "280.1", "280.4")}
    expected |= {("libel", cc, "128.1"), ("assembly", cc, "212.1")}
    expected |= {("assembly", koap, n) for n in ("20.2", "20.2.2", "20.2.3")}
    expected |= {("foreign-agents", cc, "330.1"), ("foreign-agents", koap, "19.34")}
    expected |= {("undesirable-organisations", cc, "284.1")}
    expected |= {("undesirable-organisations", koap, "20.33")}
    expected |= {("military-censorship", cc, n) for n in ("207.3", "280.3")}
    expected |= {("military-censorship", koap, "20.3.3")}
    expected |= {("sanctions-calls", cc, "284.2"), ("sanctions-calls", koap, "20.3.4")}
    assert expected <= pairs


@requires_criminal_code
def test_mapped_criminal_code_numbers_are_articles_of_the_official_text():
    held = {a.number.replace("-", "."): a for a in parse_file(CRIMINAL_CODE).articles}
    mapped = numbers_of("criminal-code")
    assert mapped - set(held) == NOT_IN_THE_2023_TEXT
    assert not [n for n in mapped & set(held) if held[n].repealed]


@requires_koap
def test_mapped_koap_numbers_are_articles_of_the_code():
    """Read where it lies (../shared/data/koap), never copied: headings "Статья 20.2. …"."""
    headings = {}
    for line in KOAP.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*Статья (\d+(?:\.\d+)*)\. (.*)", line)
        if match:
            headings[match.group(1)] = match.group(2)
    mapped = numbers_of("administrative-code")
    assert mapped <= set(headings)
    assert not [n for n in mapped if headings[n].startswith("Утратила силу")]


@pytest.mark.parametrize(
    "rows, complaint",
    [
        ({"topic": "x"}, "a list"),
        ([{"topic": "speech", "law": "criminal-code", "articles": ["280"]}], "exactly the keys"),
        (
            [{"topic": "speech", "law": "criminal-code", "articles": ["280-282"], "why": "W."}],
            "280-282",
        ),
        ([{"topic": "speech", "law": "criminal-code", "articles": [], "why": "W."}], "non-empty"),
        ([{"topic": "", "law": "criminal-code", "articles": ["280"], "why": "W."}], "non-empty"),
        (
            [
                {"topic": "speech", "law": "criminal-code", "articles": ["280"], "why": "W."},
                {"topic": "speech", "law": "criminal-code", "articles": ["280"], "why": "W."},
            ],
            "mapped twice",
        ),
    ],
)
def test_a_malformed_map_is_refused_saying_why(tmp_path, rows, complaint):
    path = tmp_path / "topic_map.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(TopicMapError, match=re.escape(complaint)):
        read_topic_map(path)


def test_the_loaded_corpus_holds_its_mapped_topics():
    assert topics_of("276") == {"espionage", "treason"}
    assert topics_of("207.3") == {"military-censorship", "speech"}
    assert stale_topics() == []
    assert corpus_problems() == []


def test_applying_is_idempotent_and_keeps_editors_topics():
    internet = Topic.objects.get(slug="internet")
    Article.objects.get(law__slug="criminal-code", number="275").topics.add(internet)
    make_article(law=Law.objects.get(slug="criminal-code"), number="282.1")

    first = apply_topic_map()
    assert first.added == {"extremism": 1}
    assert topics_of("282.1") == {"extremism"}
    assert topics_of("275") == {"treason", "internet"}, "an editor's topic stays"
    assert topics_of("280.4") == {"speech", "internet"}, "curated topics stay"
    assert "282.1" not in first.not_found["criminal-code"]

    second = apply_topic_map()
    assert sum(second.added.values()) == 0
    assert second.held == first.held
    assert topics_of("275") == {"treason", "internet"}


def test_applying_one_law_touches_only_that_law():
    Article.objects.get(law__slug="administrative-code", number="20.2").topics.clear()
    Article.objects.get(law__slug="criminal-code", number="276").topics.clear()

    report = apply_topic_map(laws=["administrative-code"])
    assert report.added == {"assembly": 1}
    assert set(report.not_found) == {"administrative-code"}
    assert topics_of("276") == set()
    assert apply_topic_map(laws=["civil-code-1"]).lines() == []


def test_the_report_names_the_numbers_not_found():
    report = apply_topic_map()
    # Only the curated articles are held without an import: 282.1 and 20.2.2 are not.
    assert "282.1" in report.not_found["criminal-code"]
    assert "20.2.2" in report.not_found["administrative-code"]
    assert "275" not in report.not_found["criminal-code"]
    assert report.held["treason"] == 4  # 275, 275.1, 276, 276.1
    text = "\n".join(report.lines())
    assert "treason 4" in text
    assert re.search(r"criminal-code: [\d., ]*\b282\.1\b", text)


def test_a_topic_missing_from_the_database_is_reported_not_applied(tmp_path):
    path = tmp_path / "topic_map.json"
    rows = [{"topic": "no-such-topic", "law": "criminal-code", "articles": ["275"], "why": "W."}]
    path.write_text(json.dumps(rows), encoding="utf-8")
    report = apply_topic_map(path=path)
    assert report.unknown_topics == ["no-such-topic"]
    assert sum(report.added.values()) == 0
    assert "“no-such-topic” is not in the database" in "\n".join(report.lines())


def test_validation_reports_a_stale_map_not_an_absent_article():
    treason = Topic.objects.get(slug="treason")
    Article.objects.get(law__slug="criminal-code", number="276").topics.remove(treason)

    problems = [p for p in corpus_problems() if "topic_map" in p]
    assert len(problems) == 1
    assert "art. 276:" in problems[0] and "“treason”" in problems[0]
    assert "stale map" in problems[0]
    assert not [p for p in corpus_problems() if "282.1" in p], "an absent article is no problem"

    apply_topic_map()
    assert corpus_problems() == []


def test_load_corpus_says_what_it_tagged(capsys):
    Article.objects.get(law__slug="criminal-code", number="276").topics.clear()
    call_command("load_corpus", verbosity=1)
    output = capsys.readouterr().out
    assert "topics (fixtures/topic_map.json), mapped articles holding each:" in output
    assert "criminal-code: " in output and "282.1" in output
    assert topics_of("276") == {"espionage", "treason"}


@requires_criminal_code
@pytest.mark.usefixtures("no_result_cache")
def test_the_imported_criminal_code_is_browsable_by_topic(client, capsys):
    call_command("import_pravo", str(CRIMINAL_CODE))
    output = capsys.readouterr().out
    assert "topics (fixtures/topic_map.json), mapped articles holding each:" in output
    assert "criminal-code:" not in output.split("mapped but not in the database")[-1]

    def listed(topic):
        page = client.get("/provisions/", {"topic": topic, "format": "json"}).json()
        assert page["num_pages"] == 1
        return {row["number"] for row in page["results"]}

    assert {"275", "275.1", "276"} <= listed("treason")
    assert {"280", "282", "282.1", "282.2", "282.3", "282.4"} <= listed("extremism")
    assert listed("sanctions-calls") == {"284.2"}
    html = client.get("/provisions/", {"topic": "extremism"}).content.decode()
    assert "/provisions/criminal-code/282.1/" in html
    report = apply_topic_map(laws=["criminal-code"])
    assert sum(report.added.values()) == 0, "the import applied the map already"
    assert "criminal-code" not in report.not_found  # every mapped article is held now
    assert corpus_problems() == []
