"""Purge when Wagtail publishes, unpublishes, moves or deletes a page (events we don't own);
mark editors' browsers at sign-in so that they bypass the page cache.

Deleting a live page makes Wagtail unpublish it first, so ``page_unpublished`` covers
deletion too. Sections and the homepage appear on every page (the menu), so changing
one purges the whole site. So does a view restriction (a password, sign-in or group
rule on a story or a whole section): what it hides may be listed on any page of the site.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from newsdesk.caching import services
from newsdesk.caching.middleware import has_admin_access


def _is_article(page) -> bool:
    from newsdesk.articles.models import ArticlePage

    return isinstance(page, ArticlePage)


def _is_site_wide(page) -> bool:
    from newsdesk.sections.models import HomePage, SectionPage

    return isinstance(page, HomePage | SectionPage)


def _purge_other_versions(article) -> None:
    """The story's versions in other languages link to it (hreflang, "Read in ...")."""
    from newsdesk.articles.models import ArticlePage

    others = (
        ArticlePage.objects.live()
        .filter(translation_key=article.translation_key)
        .exclude(pk=article.pk)
        .defer_streamfields()
    )
    for other in others:
        site, path = services.site_relative_path(page=other)
        if site is not None:
            services.purge_paths(site=site, paths=[path])


def _purge(page, *, revision=None, extra_paths=()):
    page = page.specific
    if _is_article(page):
        services.purge_article(
            article=page,
            extra_paths=extra_paths,
            exclude_revision_id=getattr(revision, "pk", None),
        )
        _purge_other_versions(page)
    elif _is_site_wide(page):
        site, _path = services.site_relative_path(page=page)
        for each in [site] if site else Site.objects.all():
            services.purge_site(site=each)
    else:
        services.purge_page(page=page, extra_paths=extra_paths)


def on_page_published(sender, instance, revision=None, **kwargs):
    _purge(instance, revision=revision)


def on_page_unpublished(sender, instance, **kwargs):
    _purge(instance)


def on_page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before == url_path_after or not instance.live:
        return
    # The old address and the old section listed the story until now.
    site, _path = services.site_relative_path(page=instance)
    old_paths = []
    if site is not None:
        root = site.root_page.url_path
        if url_path_before.startswith(root):
            old_path = "/" + url_path_before[len(root) :]
            old_paths = [old_path, old_path.rstrip("/").rsplit("/", 1)[0] + "/"]
    parent_before = kwargs.get("parent_page_before")
    if parent_before is not None and _is_article(instance.specific):
        old_paths += services.feed_paths(kind="section", slug=parent_before.slug)
    _purge(instance, extra_paths=old_paths)


def on_view_restriction_changed(sender, instance, **kwargs):
    """A page was restricted (or opened again): its site's cached pages may list it."""
    # On a cascade the page may already be gone: then every site is purged.
    page = Page.objects.filter(pk=instance.page_id).first()
    site = services.site_relative_path(page=page)[0] if page is not None else None
    for each in [site] if site else Site.objects.all():
        services.purge_site(site=each)


def on_user_logged_in(sender, request, user, **kwargs):
    if request is not None:
        # EditorMarkerMiddleware sets or clears the cookie on this response.
        request.newsdesk_editor_marker = has_admin_access(user)


def on_user_logged_out(sender, request, user=None, **kwargs):
    if request is not None:
        request.newsdesk_editor_marker = False


def connect() -> None:
    user_logged_in.connect(on_user_logged_in, dispatch_uid="newsdesk.caching.logged_in")
    user_logged_out.connect(on_user_logged_out, dispatch_uid="newsdesk.caching.logged_out")
    page_published.connect(on_page_published, dispatch_uid="newsdesk.caching.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="newsdesk.caching.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="newsdesk.caching.moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"newsdesk.caching.view-restriction-{signal}",
        )
