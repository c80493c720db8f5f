"""The project's extension points: Wagtail hook names and their contracts.

A lower layer calls a hook; a higher layer registers with it in its own
``wagtail_hooks.py`` (Wagtail imports every app's ``wagtail_hooks`` module at start-up),
so no lower app ever imports a higher one. The names live here, at the bottom of the
layer map, so any app may register without importing the app that calls the hook.
docs/ARCHITECTURE.md lists each hook with its caller and its registrants.

Register with ``@hooks.register(USER_DATA_EXPORT)``; call with ``hooks.get_hooks(name)``.
"""

from __future__ import annotations

# ``fn(*, user) -> dict[str, JSON]``: the keys this app adds to the reader's export
# (``/people/me/export/``), holding everything the app keeps about ``user`` and nothing
# about anyone else. Keys must be unique across registrants. Called by accounts.
USER_DATA_EXPORT = "newsdesk_user_data_export"

# ``fn(*, user) -> None``: erase or anonymise what the app keeps about ``user``. Called
# inside the account deletion's transaction, before the user row is deleted (rows that
# cascade need no eraser). Must not fail for a user with no data. Called by accounts.
ACCOUNT_ERASE = "newsdesk_account_erase"

# ``fn() -> dict[str, FeedSelector]``: feeds to serve at ``/feeds/<name>/{rss,atom,json}/``;
# a selector is ``selector(request, site, **url_kwargs) -> FeedSource | None`` (see
# ``newsdesk.core.feeds``); None means 404. Names must be unique. Called by distribution.
FEED_SOURCES = "newsdesk_feed_sources"

# ``fn(*, article_ids: list[int]) -> dict[int, int]``: comment counts per article, for the
# contributor's "My contributions" page. Counts from several registrants add up; with no
# registrant the page leaves counts out. Called by contributions.
ARTICLE_COMMENT_COUNTS = "newsdesk_article_comment_counts"

# ``fn(*, page, user) -> Iterable[wagtail.admin.widgets.Button]``: admin buttons on an
# article's header and in page listings. Called by articles for article pages only.
ARTICLE_ADMIN_BUTTONS = "newsdesk_article_admin_buttons"

# ``fn(*, apps) -> None``: re-create rows that data migrations made (groups, workflows,
# places), after a test flush. Idempotent; ``apps`` may be historical or real. Register
# with ``order=`` (roles first: they reset the groups). Called by core.testing.
BASELINE_STEPS = "newsdesk_baseline_steps"

# ``fn() -> Iterable[LocalComponent]``: boxes whose content depends on the reader's chosen
# place (``newsdesk.local.components.base`` has the component's contract). Names must be
# unique. Called by local (the built-ins register the same way an add-on would).
LOCAL_COMPONENTS = "newsdesk_local_components"

# ``fn() -> DemoContent``: the object that loads demo content (``is_loaded()``,
# ``is_allowed(*, allow_in_production) -> bool``, ``refusal`` (the message when it is not),
# ``load(*, allow_in_production=False)``, ``sign_in_lines() -> list[str]``); ``newsdesk
# serve`` uses the first registered. Registered by the demo app. Called by core's ``serve`` command.
DEMO_CONTENT = "newsdesk_demo_content"

# ``fn(*, password) -> None``: add one app's part of the demo (reader contributions,
# local news) once the demo's pages and staff exist; ``password`` is the demo accounts'
# password. Register with ``order=``. Called by the demo app's ``demo_load``.
DEMO_LOADERS = "newsdesk_demo_loaders"

# ``fn(*, site) -> None``: everything ``site`` shows may have changed (its address, its
# menu, branding or language): drop every cached copy. Registered by caching. Called by
# core (its ``apps``) whenever an existing ``Site`` or ``SiteSettings`` row is saved: in the
# admin, or by ``serve`` pointing a local site at the host and port it serves.
SITE_CHANGED = "newsdesk_site_changed"

# ``fn(profile) -> Iterable[tuple[Site, str]]``: public pages (site, path) that show a
# reader's name or picture besides their profile page (community story bylines, User
# Galleries). Run inside the writing transaction, after the write. Called by profiles;
# registered by contributions.
PROFILE_PURGE_PATHS = "newsdesk_profile_purge_paths"

# ``fn(*, articles) -> dict[int, str]``: a short label for some of the stories a listing
# shows ("Live" on a live blog still running), keyed by article id. Given the cards'
# ArticlePage rows (their ``content_type_id`` says the page type without a query); must
# cost at most one query per call and none when it has nothing to label. Called by
# ``articles.selectors.article_cards``; registered by liveblogs.
ARTICLE_CARD_LABELS = "newsdesk_article_card_labels"
