"""The demo's live blogs: one on each demo site, eight entries each (two key events, one
pinned), loaded through the demo app's DEMO_LOADERS hook."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.authors.models import Author
from newsdesk.liveblogs.models import LiveBlogPage
from newsdesk.liveblogs.services import entry_create, live_blog_create
from newsdesk.sections.models import HomePageTopStory, SectionPage

# (minutes ago, title, text, key event, pinned); a quote is (text, attribution).
BUDGET = {
    "section": "business",
    "title": "Budget speech 2026: live updates",
    "summary": "The finance minister tables the budget in Parliament. Follow every "
    "announcement, the market's reaction and what it means for your pocket.",
    "tags": [("Budget 2026", None), ("Economy", None)],
    "author": "megan-van-der-merwe",
    "entries": [
        (
            150,
            "",
            "Good afternoon and welcome to our live coverage of the 2026 budget speech. "
            "The minister is due to rise in the National Assembly at 14:00.",
            False,
            True,
        ),
        (
            135,
            "",
            "MPs are taking their seats. Traders say the rand is steady ahead of the "
            "speech, at about R17.80 to the dollar.",
            False,
            False,
        ),
        (
            120,
            "The speech begins",
            "The minister opens with a warning that growth remains "
            "too slow to bring down unemployment.",
            True,
            False,
        ),
        (
            105,
            "",
            ("We will not tax our way out of a growth problem.", "The finance minister"),
            False,
            False,
        ),
        (
            90,
            "VAT stays at 15%",
            "No change to VAT, the minister confirms, after months of "
            "speculation about an increase.",
            True,
            False,
        ),
        (
            70,
            "",
            "Personal income tax brackets will be adjusted for inflation in full, "
            "giving most earners a small real increase in take-home pay.",
            False,
            False,
        ),
        (
            45,
            "",
            "The JSE All Share index is up 0.6% since the speech began; banks lead.",
            False,
            False,
        ),
        (
            20,
            "",
            "Economists we spoke to call the budget 'cautious but credible'. We will "
            "bring you their full reaction shortly.",
            False,
            False,
        ),
    ],
}
TEST_MATCH = {
    "section": "rugby",
    "title": "Springboks v All Blacks: live",
    "summary": "Every try, every kick, every talking point from Ellis Park.",
    "tags": [("Springboks", None), ("Rugby Championship", None)],
    "author": "lwazi-dube",
    "entries": [
        (
            130,
            "",
            "Welcome to Ellis Park, where 62,000 fans are in and the anthems are "
            "minutes away. Team news below.",
            False,
            True,
        ),
        (115, "Kick-off", "We are under way in Johannesburg.", False, False),
        (
            100,
            "Try! Springboks 7-0",
            "Kurt-Lee Arendse finishes in the corner after a "
            "break from deep; the conversion is good.",
            True,
            False,
        ),
        (88, "", "Penalty to New Zealand, kicked. 7-3.", False, False),
        (
            75,
            "",
            ("The forwards gave us the platform we wanted.", "The Springbok coach, at half-time"),
            False,
            False,
        ),
        (50, "", "Second half under way. Rain is starting to fall.", False, False),
        (
            30,
            "Try! All Blacks level at 10-10",
            "A driving maul over the line; the conversion drifts wide.",
            True,
            False,
        ),
        (
            8,
            "",
            "Ten minutes left and it is all square. Handre Pollard is warming up.",
            False,
            False,
        ),
    ],
}


def _body(text) -> list[dict]:
    if isinstance(text, tuple):
        quote, attribution = text
        return [{"type": "quote", "value": {"quote": quote, "attribution": attribution}}]
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def _load(spec: dict) -> LiveBlogPage | None:
    section = SectionPage.objects.filter(slug=spec["section"]).first()
    if section is None:
        return None
    author = Author.objects.filter(slug=spec["author"]).first()
    # The section's own picture: the demo's images are drawn for its stories.
    pictured = ArticlePage.objects.child_of(section).exclude(lead_image=None).first()
    now = timezone.now()
    blog = live_blog_create(
        section=section,
        title=spec["title"],
        summary=spec["summary"],
        tags=spec["tags"],
        authors=[author] if author else [],
        coverage_start=now - timedelta(minutes=spec["entries"][0][0] + 5),
        lead_image=pictured.lead_image if pictured else None,
    )
    # Published when coverage began, as a newsroom's would have been.
    LiveBlogPage.objects.filter(pk=blog.pk).update(
        first_published_at=blog.coverage_start, last_published_at=blog.coverage_start
    )
    for minutes, title, text, key_event, pinned in spec["entries"]:
        entry_create(
            blog=blog,
            body=_body(text),
            title=title,
            author=author,
            is_key_event=key_event,
            is_pinned=pinned,
            published_at=now - timedelta(minutes=minutes),
        )
    # A running live blog is a top story, second to the editors' lead.
    home = section.get_parent()
    HomePageTopStory.objects.filter(home_id=home.pk, sort_order__gte=1).update(
        sort_order=F("sort_order") + 1
    )
    HomePageTopStory.objects.create(home_id=home.pk, article=blog, sort_order=1)
    return blog


def live_blogs_demo_load() -> list[LiveBlogPage]:
    """One live blog on the News site (Business) and one on the Sport site (Rugby)."""
    return [blog for blog in (_load(BUDGET), _load(TEST_MATCH)) if blog is not None]
