"""The /data/ page (dated open-data downloads and the field reference) and the file download.

Exports live in DATA_EXPORT_ROOT, one directory per export named by date and format
(2026-11-25-json), each with its manifest.json. A file is served only if its export directory
has a valid name and the file is the manifest or is listed in it: nothing else under the root,
and nothing outside it, can be reached.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from opendata.exports.reference import field_reference
from opendata.exports.tables import FORMATS, LICENCE, MANIFEST, NOT_EXPORTED, export_root
from opendata.exports.writers import ExportError, read_manifest, safe_relative_path
from search.result_cache import current_generation, data_moved_at

EXPORT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-[a-z0-9]+)*$")
# Exports with more files than this (Akoma Ntoso: one per version) are summarised on the page.
LIST_FILES_UP_TO = 50


def data_page(request):
    """The dated exports, newest first, each saying whether it holds the data as it is now;
    when the data last changed; the field reference."""
    generation = current_generation()
    exports = [
        {**export.summary, "current": export.summary["data_generation"] == generation}
        for export in find_exports()
    ]
    context = {
        "exports": exports,
        "data_changed_at": data_moved_at(),
        "newest": exports[0] if exports else None,
        "tables": field_reference(),
        "not_exported": NOT_EXPORTED,
        "licence": LICENCE,
        "formats": FORMATS,
    }
    return render(request, "provisions/data.html", context)


def download(request, export: str, filename: str):
    if not EXPORT_NAME.match(export) or not safe_relative_path(filename):
        raise Http404("No such file.")
    root = export_root().resolve()
    directory = root / export
    try:
        listed = load_export(directory).paths
    except ExportError:
        raise Http404("No such export.") from None
    if filename != MANIFEST and filename not in listed:
        raise Http404("No such file.")
    path = (directory / filename).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("No such file.")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=path.name)


@dataclass(frozen=True)
class Export:
    summary: dict  # what the page shows
    paths: frozenset[str]  # every file the manifest lists: the only ones served


def find_exports() -> list[Export]:
    """Every readable export, newest first; half-written or damaged ones are not offered."""
    root = export_root()
    if not root.is_dir():
        return []
    found = []
    for directory in sorted(root.iterdir(), reverse=True):
        if directory.is_dir() and EXPORT_NAME.match(directory.name):
            try:
                found.append(load_export(directory))
            except ExportError:
                continue
    return found


def load_export(directory: Path) -> Export:
    try:
        modified = (directory / MANIFEST).stat().st_mtime_ns
    except OSError as error:
        raise ExportError(f"No {MANIFEST} in {directory}.") from error
    return _load_export(str(directory), modified)


@lru_cache(maxsize=8)
def _load_export(directory: str, modified: int) -> Export:
    # Keyed by the manifest's modification time, so a replaced export is read afresh. Only the
    # summary and the set of paths are kept, not the manifest (300,000 entries for AKN).
    manifest = read_manifest(Path(directory))
    archive = manifest.get("archive")
    return Export(
        summary=export_summary(Path(directory).name, manifest),
        paths=frozenset(
            [str(entry.get("path")) for entry in manifest["files"]]
            + ([str(archive.get("path"))] if isinstance(archive, dict) else [])
        ),
    )


def export_summary(name: str, manifest: dict) -> dict:
    files = manifest["files"]
    archive = manifest.get("archive") if isinstance(manifest.get("archive"), dict) else None
    return {
        "name": name,
        "format": manifest.get("format", ""),
        "generated_at": manifest.get("generated_at", ""),
        "generated": parse_time(manifest.get("generated_at")),
        "data_generation": manifest.get("data_generation"),
        "data_changed": parse_time(manifest.get("data_changed_at")),
        "archive": {**archive, "url": download_url(name, archive["path"])} if archive else None,
        "schema_version": manifest.get("schema_version"),
        "counts": manifest.get("counts", {}),
        "file_count": len(files),
        "total_bytes": sum(entry.get("bytes") or 0 for entry in files),
        "manifest_url": download_url(name, MANIFEST),
        "files": [
            {**entry, "url": download_url(name, entry["path"])}
            for entry in files[:LIST_FILES_UP_TO]
        ],
        "all_files_listed": len(files) <= LIST_FILES_UP_TO,
    }


def parse_time(value) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def download_url(export: str, filename: str) -> str:
    return reverse("provisions:data-download", kwargs={"export": export, "filename": filename})
