"""The network's Afrikaans site, Nuus (nuus.localhost): its own page tree in locale "af".

Each site of the network has one language, and its pages live in a tree of that locale:
Nuus's home page is a root of its own in the "af" locale, so every page filed under it is
in Afrikaans by default (Wagtail gives a new page its parent's locale). Its sections are
linked as translations of News's where they match (Nuus of South Africa, Wêreld of World,
Sake of Business), so the admin's "Translate" action on a News story lands in the right
Nuus section. The home pages are deliberately not linked: Wagtail would then treat Nuus's
tree as a language version of News's site and build News addresses for Nuus pages.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale, Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.services import article_create
from newsdesk.authors.selectors import author_list_for_byline
from newsdesk.discussions.demo import demo_comment_list_load
from newsdesk.network.models import SiteSettings
from newsdesk.profiles.models import Profile
from newsdesk.sections.models import HomePage, HomePageTopStory, SectionPage

NUUS_HOSTNAME = "nuus.localhost"
NUUS_LANGUAGE = "af"


def _nuus_home_and_site() -> tuple[HomePage, Site]:
    locale, _ = Locale.objects.get_or_create(language_code=NUUS_LANGUAGE)
    home = HomePage.objects.filter(slug="nuus-home").first()
    if home is None:
        home = HomePage(title="Tuis", slug="nuus-home", live=True, locale=locale)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site, _ = Site.objects.update_or_create(
        hostname=NUUS_HOSTNAME,
        port=80,
        defaults={"site_name": "Nuus", "root_page": home, "is_default_site": False},
    )
    settings = SiteSettings.for_site(site)
    settings.brand_name = "Nuus"
    settings.tagline = "Die nuus wat saak maak, soos dit gebeur"
    settings.language = NUUS_LANGUAGE
    settings.save()
    return home, site


def _nuus_sections(home: HomePage, spec: list[dict], news_home: Page) -> dict[str, SectionPage]:
    sections = {}
    for item in spec:
        section = SectionPage.objects.child_of(home).filter(slug=item["slug"]).first()
        if section is None:
            section = SectionPage(
                title=item["title"], slug=item["slug"], intro=item["intro"], show_in_menus=True
            )
            original = (
                SectionPage.objects.child_of(news_home).filter(slug=item["translation_of"]).first()
                if item["translation_of"]
                else None
            )
            if original is not None:
                section.translation_key = original.translation_key
            home.add_child(instance=section)
            section.save_revision().publish()
        sections[item["slug"]] = section
    return sections


def _body(blocks: list[dict]) -> list[dict]:
    body: list[dict] = []
    for block in blocks:
        if block["type"] == "paragraph":
            body.append({"type": "paragraph", "value": f"<p>{escape(block['text'])}</p>"})
        elif block["type"] == "subheading":
            body.append({"type": "subheading", "value": block["text"]})
        else:
            value = {"quote": block["text"], "attribution": block.get("attribution", "")}
            body.append({"type": "quote", "value": value})
    return body


def demo_nuus_load(*, content_path, news_home: Page, picture) -> list[ArticlePage]:
    """Nuus's site, sections, stories (one a translation of a News story) and comments.

    ``picture`` makes a demo image: ``picture(title=, caption=, credit=, palette=, motif=,
    seed=)``, the demo's own generator.
    """
    spec = json.loads(content_path.read_text(encoding="utf-8"))
    home, _site = _nuus_home_and_site()
    sections = _nuus_sections(home, spec["sections"], news_home)
    now = timezone.now()
    stories = []
    for seed, item in enumerate(spec["stories"], start=5000):
        fields = {}
        if item.get("translation_of"):
            original = ArticlePage.objects.filter(title=item["translation_of"]).first()
            if original is not None:
                fields["translation_key"] = original.translation_key
        image_spec = item["image"]
        stories.append(
            article_create(
                section=sections[item["section"]],
                title=item["headline"],
                summary=item["summary"],
                dateline=item["dateline"],
                byline=item["byline"],
                authors=author_list_for_byline(byline=item["byline"]),
                agency=item["agency"],
                lead_image=picture(
                    title=item["headline"],
                    caption=image_spec["caption"],
                    credit=image_spec["credit"],
                    palette=image_spec["palette"],
                    motif=image_spec["motif"],
                    seed=seed,
                ),
                body=_body(item["body"]),
                tags=[(tag["name"], tag["kind"]) for tag in item["tags"]],
                published_at=now - timedelta(hours=item["hours_ago"]),
                **fields,
            )
        )
    newest = sorted(stories, key=lambda story: story.first_published_at, reverse=True)
    for order, article in enumerate(newest[:3]):
        HomePageTopStory.objects.create(home=home, article=article, sort_order=order)
    # The network's readers comment here too: one account for every site.
    readers = {
        profile.username: profile.user
        for profile in Profile.objects.filter(user__isnull=False).select_related("user")
    }
    by_story: dict[int, list] = {}
    for comment in spec["comments"]:
        if comment["reader"] in readers:
            by_story.setdefault(comment["story"], []).append(
                (comment["minutes_ago"], readers[comment["reader"]], comment["text"])
            )
    for index, comments in by_story.items():
        demo_comment_list_load(article=stories[index], comments=comments)
    return stories
