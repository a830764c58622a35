"""`manage.py export` publishing to /data/: several formats at once, --if-changed (what `make run`
does), the zip of a large export, CSV cells safe in spreadsheets, and how fresh /data/ says the
exports are."""

import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opendata.exports import writers
from opendata.exports.tables import MANIFEST
from provisions.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(settings, tmp_path):
    settings.DATA_EXPORT_ROOT = tmp_path / "exports"
    return settings.DATA_EXPORT_ROOT


def publish(*formats, **options) -> str:
    out = io.StringIO()
    args = [arg for fmt in formats for arg in ("--format", fmt)]
    call_command("export", *args, "--if-changed", stdout=out, **options)
    return out.getvalue()


def manifest_of(directory) -> dict:
    return json.loads((directory / MANIFEST).read_text())


def test_publishing_writes_each_format_once_until_the_data_changes(root, client):
    first = publish("json", "csv")
    directories = sorted(path.name for path in root.iterdir())
    assert [name.rsplit("-", 1)[1] for name in directories] == ["csv", "json"]
    assert first.count("Wrote") == 2

    again = publish("json", "csv")
    assert "Wrote" not in again and again.count("skipped") == 2

    Source.objects.create(slug="new-source", title="New", publisher="P", kind="news")
    third = publish("json")
    assert third.count("Wrote") == 1
    # The same day's export was replaced, not added beside it.
    assert sorted(path.name for path in root.iterdir()) == directories
    data = json.loads((root / directories[1] / "sources.json").read_text())
    assert "new-source" in {row["slug"] for row in data}


def test_manifest_records_the_data_it_holds(root):
    publish("json")
    (directory,) = root.iterdir()
    manifest = manifest_of(directory)
    assert isinstance(manifest["data_generation"], int)
    assert manifest["data_changed_at"].endswith("Z")


def test_options_that_cannot_combine_are_refused(root, tmp_path):
    with pytest.raises(CommandError, match="one --format"):
        call_command("export", "--format", "json", "--format", "csv", "--out", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="--if-changed"):
        call_command("export", "--if-changed", "--out", str(tmp_path / "y"))


def test_a_large_export_is_zipped_with_its_hash(root, monkeypatch):
    monkeypatch.setattr(writers, "ARCHIVE_ABOVE_BYTES", 0)
    publish("csv")
    (directory,) = root.iterdir()
    manifest = manifest_of(directory)
    archive = manifest["archive"]
    path = directory / archive["path"]
    assert archive["path"] == f"{directory.name}.zip"
    assert archive["bytes"] == path.stat().st_size
    assert archive["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as zipped:
        names = set(zipped.namelist())
        listed = {f"{directory.name}/{entry['path']}" for entry in manifest["files"]}
        assert names == listed | {f"{directory.name}/{MANIFEST}"}
        for entry in manifest["files"]:
            content = zipped.read(f"{directory.name}/{entry['path']}")
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]


def test_a_small_export_is_not_zipped(root):
    publish("json")
    (directory,) = root.iterdir()
    assert "archive" not in manifest_of(directory)


def test_csv_export_cells_run_no_formula(root):
    Source.objects.create(slug="formula", title="=cmd|' /C calc'!A0", publisher="-2+3", kind="news")
    publish("csv")
    (directory,) = root.iterdir()
    text = (directory / "sources.csv").read_text(encoding="utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(text)) if row["slug"] == "formula")
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert row["publisher"] == "'-2+3"
    # The JSON export keeps every text exactly.
    publish("json")
    json_dir = next(path for path in root.iterdir() if path.name.endswith("-json"))
    sources = json.loads((json_dir / "sources.json").read_text())
    assert next(s for s in sources if s["slug"] == "formula")["title"] == "=cmd|' /C calc'!A0"


def test_data_page_offers_the_zip_and_says_how_fresh(root, client, monkeypatch):
    monkeypatch.setattr(writers, "ARCHIVE_ABOVE_BYTES", 0)
    assert "No export has been published yet" in client.get("/data/").content.decode()
    publish("json")
    (directory,) = root.iterdir()
    html = client.get("/data/").content.decode()
    assert "The data last changed" in html
    assert "holds the data as it is now" in html
    zip_url = f"/data/{directory.name}/{directory.name}.zip"
    assert zip_url in html
    assert manifest_of(directory)["archive"]["sha256"] in html
    response = client.get(zip_url)
    assert response.status_code == 200
    assert zipfile.is_zipfile(io.BytesIO(b"".join(response.streaming_content)))

    Source.objects.create(slug="later", title="Later", publisher="P", kind="news")
    html = client.get("/data/").content.decode()
    assert "it has changed since" in html
    assert "changed after the newest downloads were made" in html
