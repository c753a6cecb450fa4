"""Load N published, tagged articles for benchmarks at agency scale.

    python manage.py seed_bench --articles 1000000

Ten years of a provincial agency is about a million articles. The work is done by
``articles.bulk.bench_articles_load``; -v 2 prints progress as batches are stored.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.bulk import bench_articles_load


class Command(BaseCommand):
    help = "Add N published, tagged articles quickly, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, required=True, help="how many articles to add"
        )
        parser.add_argument(
            "--seed", type=int, default=1405, help="random seed (default: 1405)"
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=20_000,
            help="articles per COPY or insert batch (default: 20000)",
        )

    def handle(self, *args, **options):
        if options["articles"] < 1:
            raise CommandError("--articles must be at least 1.")
        if options["batch"] < 1:
            raise CommandError("--batch must be at least 1.")
        started = time.perf_counter()
        count = bench_articles_load(
            articles=options["articles"],
            seed=options["seed"],
            batch=options["batch"],
            stdout=self.stdout if options["verbosity"] > 1 else None,
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"seed_bench: {count} articles in {seconds:.1f} s "
            f"({count / seconds:.0f} rows/s)"
        )
