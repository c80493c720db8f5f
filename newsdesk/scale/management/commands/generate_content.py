"""``newsdesk generate_content --articles N``: many realistic stories, fast."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from newsdesk.demo.services import demo_is_loaded, demo_load
from newsdesk.scale.services import NO_SECTIONS, articles_generate


class Command(BaseCommand):
    help = "Add N generated, published articles with tags and shared pictures (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many to add.")
        parser.add_argument("--images", type=int, default=12, help="Shared pictures (default 12).")
        parser.add_argument(
            "--seed", type=int, default=8, help="Random seed (same seed, same text)."
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument(
            "--load-demo",
            action="store_true",
            help="Load the demo site first if the database is empty.",
        )

    def handle(self, *args, articles, images, seed, batch_size, load_demo, **options):
        if articles < 1:
            raise CommandError("--articles must be at least 1.")
        if load_demo and not demo_is_loaded():
            demo_load()
        started = time.monotonic()
        try:
            summary = articles_generate(
                count=articles,
                seed=seed,
                images=images,
                batch_size=batch_size,
                stdout=self.stdout if options["verbosity"] > 1 else None,
            )
        except ValueError as error:
            if str(error) == NO_SECTIONS:
                raise CommandError(NO_SECTIONS) from error
            raise
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {summary.articles} articles ({summary.tags} tags, "
                f"{summary.images} shared pictures) in {elapsed:.1f} s."
            )
        )
