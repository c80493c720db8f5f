"""Test support that must live in the package: restoring what migrations create.

Tests that commit (browser tests against a live server) end with a flush that empties
every table, including rows Wagtail's and our data migrations made. ``baseline_ensure``
puts them back so the next such test starts from a freshly migrated database.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django_rq.queues import DjangoRQ
from rq.timeouts import TimerDeathPenalty
from wagtail import hooks
from wagtail.models import Collection, Locale, Page, Site

from newsdesk.core.hooks import BASELINE_STEPS


def baseline_ensure() -> None:
    # The flush re-created content types with new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if not Site.objects.exists():
        # Wagtail's initial data: a welcome page served by a default site on localhost.
        root = Page.get_first_root_node()
        welcome = root.add_child(
            instance=Page(title="Welcome to your new Wagtail site!", slug="home", locale=locale)
        )
        Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    # The apps' data-migration steps, through the BASELINE_STEPS hook (in hook order).
    for step in hooks.get_hooks(BASELINE_STEPS):
        step(apps=apps)


class ThreadSafeSyncQueue(DjangoRQ):
    """RQ's synchronous mode timed by a timer thread instead of SIGALRM.

    Tests run RQ jobs as they are enqueued (scale-out profile), and the live server
    enqueues from its own threads, where signals cannot be used.
    """

    def __init__(self, *args, **kwargs):
        kwargs["death_penalty_class"] = TimerDeathPenalty
        super().__init__(*args, **kwargs)
