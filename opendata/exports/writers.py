"""Writing an export (JSON, CSV, Akoma Ntoso) with its manifest, and reading one back."""

import csv
import hashlib
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from lawbase.tabular import neutralised
from opendata.exports.tables import (
    CHUNK,
    CSV_LIST_SEPARATOR,
    FORMATS,
    LICENCE,
    MANIFEST,
    PUBLISHER,
    SCHEMA_VERSION,
    TABLES,
    Column,
    Table,
    export_root,
    plain,
)
from search.result_cache import current_generation, data_moved_at

# --- writing ------------------------------------------------------------------------------


class ExportError(Exception):
    """The export could not be written or read; the message says why."""


@dataclass(slots=True)
class Written:
    """One file of an export, as its manifest lists it (slots: an AKN export has 300,000)."""

    path: str  # relative to the export directory, with forward slashes
    table: str
    records: int
    bytes: int | None = None  # measured after writing unless the writer knows it
    sha256: str | None = None

    def entry(self) -> dict:
        return {
            "path": self.path,
            "table": self.table,
            "records": self.records,
            "bytes": self.bytes,
            "sha256": self.sha256,
        }


@contextmanager
def snapshot():
    """One consistent, read-only view of the corpus while editors keep writing.

    PostgreSQL: REPEATABLE READ, set as the transaction's first statement. SQLite: one read
    transaction already sees a single snapshot. Inside an enclosing transaction (tests), that
    transaction's view is used as it is.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def write_json(out: Path) -> list[Written]:
    return [write_json_table(out, table) for table in TABLES]


def write_json_table(out: Path, table: Table) -> Written:
    # One record per line: readable, diffable, and loadable item by item.
    count = 0
    with open(out / table.filename, "w", encoding="utf-8", newline="\n") as stream:
        stream.write("[")
        for row in table.rows():
            stream.write(",\n" if count else "\n")
            stream.write(json.dumps(row, ensure_ascii=False))
            count += 1
        stream.write("\n]\n")
    return Written(table.filename, table.name, count)


def write_csv(out: Path) -> list[Written]:
    return [write_csv_table(out, table) for table in TABLES]


def write_csv_table(out: Path, table: Table) -> Written:
    # utf-8-sig writes a BOM, so spreadsheets read the Cyrillic correctly.
    name = f"{table.name}.csv"
    count = 0
    with open(out / name, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column.name for column in table.columns])
        for row in table.rows():
            writer.writerow([csv_cell(row[column.name], column) for column in table.columns])
            count += 1
    return Written(name, table.name, count)


def csv_cell(value, column: Column):
    """A CSV cell; text beginning with =, +, -, @, tab or CR gets a leading "'" (OWASP's rule
    against CSV injection, lawbase.tabular), so opening the file in a spreadsheet runs nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if column.many:
        return neutralised(CSV_LIST_SEPARATOR.join(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return neutralised(value)
    return value


def write_akn(out: Path) -> list[Written]:
    from opendata.exports.akn import write_akn_documents  # lxml and cobalt only when asked for

    return write_akn_documents(out)


WRITERS = {"json": write_json, "csv": write_csv, "akn": write_akn}


def write_export(directory: Path, fmt: str, *, force: bool = False) -> dict:
    """Write the whole corpus in `fmt` into `directory` with its manifest; return the manifest
    (without its file list).

    Files are written into a hidden sibling directory and moved into place at the end, so
    /data/ never lists a half-written export.
    """
    if fmt not in WRITERS:
        raise ExportError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    directory = Path(directory).resolve()
    check_target(directory, force=force)
    workdir, in_place = make_workdir(directory)
    try:
        generated_at = timezone.now().replace(microsecond=0)
        with snapshot():
            data = {"data_generation": current_generation(), "data_changed_at": data_moved_at()}
            written = WRITERS[fmt](workdir)
        manifest = build_manifest(workdir, fmt, written, generated_at)
        manifest.update({key: plain(value) for key, value in data.items()})
        if needs_archive(manifest):
            manifest["archive"] = write_archive(workdir, directory.name, manifest, written)
        write_manifest(workdir / MANIFEST, manifest, written)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=not in_place)
        raise
    if not in_place:
        move_into_place(workdir, directory)
    return manifest


# An export this large, or of this many files, is offered as one zip as well.
ARCHIVE_ABOVE_BYTES = 5_000_000
ARCHIVE_ABOVE_FILES = 50


def needs_archive(manifest: dict) -> bool:
    return (
        manifest["total_bytes"] > ARCHIVE_ABOVE_BYTES
        or manifest["file_count"] > ARCHIVE_ABOVE_FILES
    )


def write_archive(out: Path, name: str, manifest: dict, written: list[Written]) -> dict:
    """`<name>.zip` beside the files: every file under `<name>/`, with the manifest as it
    stands (its own "archive" entry, which names the zip's hash, cannot be inside it).
    Returns the manifest's "archive" entry: path, bytes, sha256, compression."""
    path = out / f"{name}.zip"
    write_manifest(out / MANIFEST, manifest, written)  # replaced by the full one after
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        for item in written:
            zipped.write(out / item.path, f"{name}/{item.path}")
        zipped.write(out / MANIFEST, f"{name}/{MANIFEST}")
    return {
        "path": path.name,
        "bytes": path.stat().st_size,
        "sha256": file_sha256(path),
        "compression": "zip (deflate)",
        "contains": "every file listed in files, under one folder, and this manifest "
        "without this archive entry",
    }


def latest_export(fmt: str) -> dict | None:
    """The manifest (without its file list) of the newest readable export of `fmt` in the
    export root, with its directory as "directory"; None when there is none."""
    root = export_root()
    if not root.is_dir():
        return None
    for directory in sorted(root.iterdir(), reverse=True):
        if not (directory.is_dir() and directory.name.endswith(f"-{fmt}")):
            continue
        try:
            manifest = read_manifest(directory)
        except ExportError:
            continue
        if manifest.get("format") == fmt:
            manifest.pop("files", None)
            return {**manifest, "directory": directory}
    return None


def check_target(directory: Path, *, force: bool) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} exists and is not a directory.")
    if directory.is_dir() and any(directory.iterdir()):
        if not force:
            raise ExportError(f"{directory} is not empty; use --force to replace an export.")
        if not (directory / MANIFEST).is_file():
            # --force replaces earlier exports only, never an arbitrary directory.
            raise ExportError(
                f"{directory} is not empty and holds no {MANIFEST}; not replacing it."
            )


def make_workdir(directory: Path) -> tuple[Path, bool]:
    """A fresh hidden directory beside the target; or the (empty) target itself when only it is
    writable, e.g. a mounted volume."""
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        return Path(
            tempfile.mkdtemp(prefix=f".{directory.name}.partial-", dir=directory.parent)
        ), False
    except OSError as error:
        empty = directory.is_dir() and not any(directory.iterdir())
        if empty and os.access(directory, os.W_OK):
            return directory, True
        raise ExportError(f"Cannot write to {directory}: {error.strerror or error}.") from error


def move_into_place(workdir: Path, directory: Path) -> None:
    old = None
    if directory.exists():
        old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
        directory.rename(old)
    workdir.rename(directory)
    if old is not None:
        shutil.rmtree(old)


def build_manifest(out: Path, fmt: str, written: list[Written], generated_at) -> dict:
    """The manifest without its file list; write_manifest adds that, streamed."""
    counts: dict[str, int] = {}
    for item in written:
        counts[item.table] = counts.get(item.table, 0) + item.records
        if item.sha256 is None:
            item.bytes = (out / item.path).stat().st_size
            item.sha256 = file_sha256(out / item.path)
    manifest = {
        "name": f"{PUBLISHER} open data",
        "publisher": PUBLISHER,
        "format": fmt,
        "schema_version": SCHEMA_VERSION,
        "generated_at": plain(generated_at),
        "licence": LICENCE,
        "counts": counts,
        "file_count": len(written),
        "total_bytes": sum(item.bytes for item in written),
    }
    if fmt in ("json", "csv"):
        manifest["columns"] = {t.name: [c.name for c in t.columns] for t in TABLES}
    return manifest


def write_manifest(path: Path, manifest: dict, written: list[Written]) -> None:
    """manifest.json with "files" last, one file per line, written entry by entry."""
    head = json.dumps(manifest, ensure_ascii=False, indent=1)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(head[: -len("\n}")] + ',\n "files": [')
        for index, item in enumerate(written):
            stream.write(",\n  " if index else "\n  ")
            stream.write(json.dumps(item.entry(), ensure_ascii=False))
        stream.write("\n ]\n}\n")


def file_sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


# --- reading ------------------------------------------------------------------------------

SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def safe_relative_path(path: str) -> bool:
    """A manifest path names a file inside the export: plain names, no "..", no absolute paths."""
    parts = path.split("/")
    return bool(path) and all(SAFE_PART.match(part) and ".." not in part for part in parts)


def read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((Path(directory) / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ExportError(f"No {MANIFEST} in {directory}.") from error
    except (ValueError, OSError) as error:
        raise ExportError(f"Cannot read {MANIFEST}: {error}.") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise ExportError(f"{MANIFEST} does not describe an export.")
    return manifest


def verify_files(directory: Path, manifest: dict) -> None:
    """Every file the manifest lists exists and has the listed SHA-256."""
    problems = []
    for entry in manifest["files"]:
        path = str(entry.get("path", ""))
        if not safe_relative_path(path):
            problems.append(f"{path!r}: not a plain file name")
        elif not (Path(directory) / path).is_file():
            problems.append(f"{path}: missing")
        elif file_sha256(Path(directory) / path) != entry.get("sha256"):
            problems.append(f"{path}: SHA-256 differs from the manifest")
    if problems:
        raise ExportError(
            "The export is damaged; nothing was imported:\n- " + "\n- ".join(problems)
        )


def iter_json_array(path: Path, read_size: int = 1 << 20) -> Iterator[dict]:
    """The items of a top-level JSON array, decoded one at a time so memory stays flat."""
    decoder = json.JSONDecoder()
    blank = re.compile(r"[\s,]*")
    with open(path, encoding="utf-8") as stream:
        buffer = stream.read(read_size).lstrip()
        if not buffer.startswith("["):
            raise ExportError(f"{path.name}: not a JSON array.")
        position = 1
        while True:
            position = blank.match(buffer, position).end()
            if buffer.startswith("]", position):
                return
            try:
                item, position = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                more = stream.read(read_size)
                if not more:
                    raise ExportError(f"{path.name}: invalid JSON ({error}).") from error
                buffer, position = buffer[position:] + more, 0
                continue
            yield item


def batched(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
