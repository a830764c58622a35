import sys
import time

from django.core.management.base import BaseCommand, CommandError

from benchdata import synthetic


class Progress:
    """A one-line progress bar on stderr, drawn only on a terminal (logs stay clean)."""

    def __init__(self, total: int, stream=sys.stderr, enabled: bool = True):
        self.total, self.done, self.stream = total, 0, stream
        self.enabled = enabled and stream.isatty()
        self.started = time.monotonic()

    def __call__(self, n: int):
        self.done += n
        if not self.enabled:
            return
        share = self.done / self.total
        bar = "#" * int(share * 30)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r  articles [{bar:<30}] {self.done:,}/{self.total:,} {share:4.0%} {elapsed:5.1f}s"
        )
        self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Generate a deterministic synthetic corpus for benchmarks (laws marked 'Synthetic'). "
        "Refuses to run twice unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same corpus.")
        parser.add_argument("--laws", type=int, help="How many laws (default: 1 per 20,000).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the synthetic laws already there, and everything under them, first.",
        )

    def handle(self, *args, articles, seed, laws, replace, verbosity, **options):
        if not 1 <= articles <= synthetic.MAX_ARTICLES:
            raise CommandError(f"--articles must be between 1 and {synthetic.MAX_ARTICLES:,}.")
        if laws is not None and not 1 <= laws <= articles:
            raise CommandError("--laws must be between 1 and the number of articles.")
        if synthetic.synthetic_laws().exists() and not replace:
            raise CommandError(
                "Synthetic laws already exist; pass --replace to delete them and generate anew."
            )
        progress = Progress(articles, enabled=verbosity > 0)
        started = time.monotonic()
        try:
            counts = synthetic.generate(
                articles=articles, seed=seed, laws=laws, replace=replace, progress=progress
            )
        finally:
            progress.close()
        if verbosity > 0:
            rows = ", ".join(f"{n:,} {name}" for name, n in counts.items())
            self.stdout.write(f"Wrote {rows}.")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Generated {articles:,} synthetic articles (seed {seed}) "
                    f"in {time.monotonic() - started:.1f}s."
                )
            )
