"""What the official texts' imports remember: which file, read as which law, with which
SHA-256, so `import_corpus` skips a text already imported and unchanged."""

from django.db import models


class ImportedText(models.Model):
    """One text imported (a portal export, a consolidated edition, a folder of articles), or
    the curated corpus loaded (`name` "fixtures"): `sha256` of what was read, `law` it was
    imported as, when, and the import's summary."""

    name = models.CharField(max_length=300, unique=True, help_text="File or folder name.")
    law = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.law or 'curated'}, {self.sha256[:12]})"
