"""The database task worker, quiet unless asked.

django-tasks' ``db_worker`` logs every task's start and end at INFO at the default
verbosity: hundreds of lines while the demo's reference index builds, which push
``serve``'s addresses and sign-in details off the operator's screen. Here the default
shows only warnings and failures; ``--verbosity 2`` shows each task, 3 everything.
"""

from __future__ import annotations

import logging

from django_tasks_db.management.commands.db_worker import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

LEVELS = {0: logging.ERROR, 1: logging.WARNING, 2: logging.INFO}


class Command(DbWorkerCommand):
    help = "Run the database task worker (problems only; -v 2 logs each task)."

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)  # attaches the handlers
        level = LEVELS.get(verbosity, logging.DEBUG)
        for name in (TASKS_LOGGER, "django_tasks_db"):
            logging.getLogger(name).setLevel(level)
