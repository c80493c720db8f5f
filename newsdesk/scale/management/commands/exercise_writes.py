"""Make many small editor-like writes and report which were acknowledged (for tests).

Each write is one transaction that creates a tag and saves a revision of the root page,
like an editor saving a draft. Run several copies at once to check that concurrent
writers lose nothing and fail nothing; prints one JSON object when done.
"""

import json

from django.core.management.base import BaseCommand
from django.db import DatabaseError, transaction
from wagtail.models import Page

from newsdesk.tags.models import Tag


class Command(BaseCommand):
    help = "Make N editor-like writes (tag + page revision) and report them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--writes", type=int, default=20)
        parser.add_argument("--label", required=True, help="Unique per process.")

    def handle(self, *args, writes, label, **options):
        acknowledged, errors = [], {}
        for number in range(writes):
            name = f"{label}-{number}"
            try:
                with transaction.atomic():
                    Tag.objects.get_or_create(name=name, defaults={"slug": name})
                    Page.objects.get(depth=1).save_revision(log_action=False)
                acknowledged.append(name)
            except DatabaseError as error:
                errors[str(error)] = errors.get(str(error), 0) + 1
        self.stdout.write(json.dumps({"acknowledged": acknowledged, "errors": errors}))
