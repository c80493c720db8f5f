"""Queue newsletter issues that are due and restart sends whose sender died (run_scheduler)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsdesk.newsletters.sending import issue_send, issues_due, sends_recover
from newsdesk.newsletters.tasks import newsletter_issue_send


class Command(BaseCommand):
    help = "Queue due newsletter issues and resume stalled sends (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--claim-timeout",
            type=int,
            default=None,
            help="Seconds without a heartbeat after which a sender counts as dead "
            "(default NEWSLETTERS_CLAIM_TIMEOUT).",
        )
        parser.add_argument("--now", action="store_true", help="Send here instead of queueing.")

    def handle(self, *args, claim_timeout, now, **options):
        timeout = settings.NEWSLETTERS_CLAIM_TIMEOUT if claim_timeout is None else claim_timeout
        issues = issues_due(now=timezone.now())
        stalled = sends_recover(older_than=datetime.timedelta(seconds=timeout))
        for issue in [*issues, *[i for i in stalled if i not in issues]]:
            if now:
                issue_send(issue_id=issue.pk)
            else:
                newsletter_issue_send.enqueue(issue.pk)
            if options["verbosity"]:
                self.stdout.write(
                    f"{'Sent' if now else 'Queued'} issue {issue.pk}: {issue.subject}"
                )
