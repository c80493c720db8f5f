"""What an issue says: its stories, chosen by the site's own selectors, as HTML and text.

Bodies are rendered once per issue. The per-reader links (manage, unsubscribe) are left
as placeholders and filled in for each mail, so 10,000 mails cost one render.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.selectors import (
    article_list_for_section,
    article_list_for_tag,
    article_list_published,
    home_page_stories,
)
from newsdesk.network.selectors import site_language, site_settings_for
from newsdesk.newsletters.models import Newsletter

MANAGE_URL = "%%NEWSLETTER_MANAGE_URL%%"
UNSUBSCRIBE_URL = "%%NEWSLETTER_UNSUBSCRIBE_URL%%"
DIGEST_WINDOW = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Story:
    title: str
    url: str
    summary: str
    section: str


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str
    stories: list[Story]


def _story(article: ArticlePage, section: str = "") -> Story:
    return Story(
        title=article.title,
        url=article.get_full_url() or "",
        summary=article.summary,
        section=section,
    )


def newsletter_stories(*, newsletter: Newsletter, now: datetime.datetime) -> list[Story]:
    """The stories of the next issue: what the site leads with, or the section's/tag's news."""
    site = newsletter.site
    count = newsletter.story_count
    if newsletter.kind == Newsletter.Kind.DAILY:
        home = site.root_page.specific
        if hasattr(home, "top_stories"):
            stories = home_page_stories(home=home, request=None)
            cards = [*stories["top_stories"], *stories["latest_stories"]][:count]
            return [_story(card.article, card.section_title) for card in cards]
        articles = article_list_published(site_root=site.root_page)[:count]
    elif newsletter.kind == Newsletter.Kind.SECTION and newsletter.section:
        articles = article_list_for_section(section=newsletter.section).filter(
            first_published_at__gte=now - DIGEST_WINDOW
        )[:count]
    elif newsletter.kind == Newsletter.Kind.TAG and newsletter.tag:
        articles = article_list_for_tag(tag=newsletter.tag, site_root=site.root_page).filter(
            first_published_at__gte=now - DIGEST_WINDOW
        )[:count]
    else:
        return []
    return [_story(article) for article in articles]


def _render(*, newsletter: Newsletter, site: Site, subject: str, intro: str, stories) -> dict:
    site_settings = site_settings_for(site=site)
    context = {
        "newsletter": newsletter,
        "brand": site_settings.brand_name,
        "site_url": site.root_url,
        "subject": subject,
        "intro": intro,
        "stories": stories,
        "manage_url": MANAGE_URL,
        "unsubscribe_url": UNSUBSCRIBE_URL,
    }
    return {
        "html": render_to_string("newsletters/email/issue.html", context),
        "text": render_to_string("newsletters/email/issue.txt", context),
    }


def issue_render(
    *, newsletter: Newsletter, now: datetime.datetime | None = None
) -> RenderedIssue | None:
    """The next scheduled issue of ``newsletter``; None when there is nothing to send."""
    now = now or timezone.now()
    stories = newsletter_stories(newsletter=newsletter, now=now)
    if not stories:
        return None
    site = newsletter.site
    # Subject, intro and body in the site's language, whatever the sender's (a worker, or
    # an editor's admin in another language) is.
    with translation.override(site_language(site=site)):
        return _issue_render(newsletter=newsletter, site=site, now=now, stories=stories)


def _issue_render(
    *, newsletter: Newsletter, site: Site, now: datetime.datetime, stories: list[Story]
) -> RenderedIssue:
    local_day = timezone.localtime(now, _site_zone(site)).date()
    subject = _("%(newsletter)s: %(headline)s") % {
        "newsletter": newsletter.name,
        "headline": stories[0].title,
    }
    intro = _("Your %(newsletter)s for %(day)s.") % {
        "newsletter": newsletter.name,
        "day": date_format(local_day, "l j F Y"),  # names in the site's language
    }
    bodies = _render(
        newsletter=newsletter, site=site, subject=subject, intro=intro, stories=stories
    )
    return RenderedIssue(subject=subject, html=bodies["html"], text=bodies["text"], stories=stories)


def alert_render(*, newsletter: Newsletter, article: Page) -> RenderedIssue:
    """A breaking-news alert about one article, in its site's language."""
    with translation.override(site_language(site=newsletter.site)):
        return _alert_render(newsletter=newsletter, article=article)


def _alert_render(*, newsletter: Newsletter, article: Page) -> RenderedIssue:
    story = _story(article.specific)
    subject = _("Breaking: %(headline)s") % {"headline": story.title}
    intro = _("Breaking news from %(newsletter)s.") % {"newsletter": newsletter.name}
    bodies = _render(
        newsletter=newsletter, site=newsletter.site, subject=subject, intro=intro, stories=[story]
    )
    return RenderedIssue(subject=subject, html=bodies["html"], text=bodies["text"], stories=[story])


def _site_zone(site: Site) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(site_settings_for(site=site).time_zone)


def site_local_now(*, site: Site, now: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(now, _site_zone(site))
