"""Load the demo: a network of three sites (News, Sport, Afrikaans Nuus), stories, accounts.

Everything goes through the same services editors and importers use, so the demo shows
what the product really does. Pictures are generated, never downloaded.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.html import escape
from wagtail import hooks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.services import article_create
from newsdesk.authors.selectors import author_list_for_byline
from newsdesk.core.hooks import DEMO_LOADERS
from newsdesk.demo.authors import demo_authors_load
from newsdesk.demo.nuus import demo_nuus_load
from newsdesk.discussions.demo import demo_comments_load
from newsdesk.discussions.policy_page import comments_policy_page_create
from newsdesk.editorial import roles
from newsdesk.galleries.models import GalleryIndexPage, GalleryPage, GalleryPhoto
from newsdesk.images.models import CustomImage
from newsdesk.images.pictures import demo_picture_jpeg
from newsdesk.ingest.page_text import parse_page_text, source_id_for_page
from newsdesk.ingest.services import article_import_parsed
from newsdesk.network.models import SiteSettings
from newsdesk.profiles.models import Profile
from newsdesk.profiles.services import profile_create, profile_set_avatar
from newsdesk.sections.models import HomePage, HomePageTopStory, SectionPage

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEMO_PASSWORD = "newsdesk-demo"
SECTIONS = [
    ("south-africa", "South Africa", "News from across South Africa."),
    ("world", "World", "International news from our correspondents and the wires."),
    ("business", "Business", "Markets, companies and the economy."),
    ("tech", "Tech", "Technology, science and the internet."),
]
# The Sport site of the network (sport.localhost): its own home, sections and brand.
SPORT_HOSTNAME = "sport.localhost"
SPORT_SECTIONS = [
    ("rugby", "Rugby", "Springboks, URC and the Currie Cup."),
    ("cricket", "Cricket", "Proteas, the SA20 and the domestic game."),
    ("football", "Football", "Bafana Bafana, the PSL and football around the world."),
]
DEMO_READER = {
    "username": "thandi",
    "email": "thandi@example.com",
    "first_name": "Thandi",
    "last_name": "Mokoena",
    "display_name": "Thandi Mokoena",
    "bio": (
        "Durban reader, Sharks supporter and weekend birder. I send in pictures of "
        "storms over the harbour."
    ),
}
DEMO_REFUSED_IN_PRODUCTION = (
    "Not loading the demo: these are production settings, and the demo creates staff "
    "accounts ('editor', 'reporter', 'moderator') with a published password. Pass "
    "--allow-in-production to load it anyway (then change those passwords)."
)
DEMO_ACCOUNTS = [
    ("editor", "Ed", "Itor", roles.EDITORS),
    ("reporter", "Rita", "Porter", roles.REPORTERS),
    ("moderator", "Mo", "Derator", roles.MODERATORS),
]


@dataclass(frozen=True)
class DemoSummary:
    articles: int
    site: Site


def demo_allowed(*, allow_in_production: bool) -> bool:
    """Whether these settings may load the demo (production needs to be asked by name)."""
    return settings.NEWSDESK_DEMO_ALLOWED or allow_in_production


def demo_is_loaded() -> bool:
    return ArticlePage.objects.exists()


def _picture(*, title: str, caption: str, credit: str, palette, motif: str, seed: int):
    data = demo_picture_jpeg(palette=palette, motif=motif, seed=seed)
    image = CustomImage(
        title=title[:255],
        caption=caption,
        credit=credit,
        description=caption,
        file=ImageFile(io.BytesIO(data), name=f"demo-{seed}.jpg"),
    )
    image.save()
    return image


def _home_and_site() -> tuple[HomePage, Site]:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's "Welcome to your new Wagtail site!" page is not part of a newsroom.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = HomePage(title="Home", slug="home", live=True)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "News", home
    site.save()
    settings = SiteSettings.for_site(site)
    settings.brand_name, settings.tagline = "newsdesk", "News you can trust, as it happens"
    settings.save()
    return home, site


def _sport_home_and_site() -> tuple[HomePage, Site]:
    home = HomePage.objects.filter(slug="sport-home").first()
    if home is None:
        home = HomePage(title="Sport", slug="sport-home", live=True)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site, _ = Site.objects.update_or_create(
        hostname=SPORT_HOSTNAME,
        port=80,
        defaults={"site_name": "Sport", "root_page": home, "is_default_site": False},
    )
    settings = SiteSettings.for_site(site)
    settings.brand_name, settings.tagline = "newsdesk Sport", "Every score, every story"
    settings.save()
    return home, site


def _sections(home: HomePage, sections_spec=SECTIONS) -> dict[str, SectionPage]:
    sections = {}
    for slug, title, intro in sections_spec:
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = SectionPage(title=title, slug=slug, intro=intro, show_in_menus=True)
            home.add_child(instance=section)
            section.save_revision().publish()
        sections[slug] = section
    return sections


def _accounts() -> None:
    User = get_user_model()
    for username, first, last, group_name in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=group_name))


def _section_for(item: dict, sections: dict[str, SectionPage]) -> SectionPage:
    if item["section"] != "sport":
        return sections[item["section"]]
    # Sport stories go to the Sport site, in the section their first tag names.
    tag_names = [tag["name"] for tag in item["tags"]]
    return next(sections[slug] for slug, _, _ in SPORT_SECTIONS if slug in tag_names)


def _reader() -> None:
    """A reader with a verified email and a profile, so a newcomer sees what one looks like."""
    from allauth.account.models import EmailAddress
    from django.core.files.uploadedfile import SimpleUploadedFile

    User = get_user_model()
    spec = DEMO_READER
    user = User.objects.create_user(
        username=spec["username"],
        email=spec["email"],
        password=DEMO_PASSWORD,
        first_name=spec["first_name"],
        last_name=spec["last_name"],
    )
    EmailAddress.objects.create(user=user, email=spec["email"], verified=True, primary=True)
    profile = profile_create(
        user=user,
        username=spec["username"],
        display_name=spec["display_name"],
    )
    profile.bio = spec["bio"]
    profile.save(update_fields=["bio"])
    picture = demo_picture_jpeg(palette=["#6a4c93", "#ffca3a"], motif="sea", seed=3000)
    profile_set_avatar(
        profile=profile,
        upload=SimpleUploadedFile("thandi.jpg", picture, content_type="image/jpeg"),
    )


def _stories(sections: dict[str, SectionPage]) -> list[ArticlePage]:
    now = timezone.now()
    stories = []
    items = json.loads((CONTENT_DIR / "articles.json").read_text(encoding="utf-8"))
    for seed, item in enumerate(items, start=1):
        picture = item["image"]
        image = _picture(
            title=item["headline"],
            caption=picture["caption"],
            credit=picture["credit"],
            palette=picture["palette"],
            motif=picture["motif"],
            seed=seed,
        )
        body: list[dict[str, Any]] = []
        for block in item["body"]:
            if block["type"] == "paragraph":
                body.append({"type": "paragraph", "value": f"<p>{escape(block['text'])}</p>"})
            elif block["type"] == "subheading":
                body.append({"type": "subheading", "value": block["text"]})
            else:
                body.append(
                    {
                        "type": "quote",
                        "value": {
                            "quote": block["text"],
                            "attribution": block.get("attribution", ""),
                        },
                    }
                )
        stories.append(
            article_create(
                section=_section_for(item, sections),
                title=item["headline"],
                summary=item["summary"],
                dateline=item["dateline"],
                byline=item["byline"],
                authors=author_list_for_byline(byline=item["byline"]),
                agency=item["agency"],
                lead_image=image,
                body=body,
                tags=[(tag["name"], tag["kind"]) for tag in item["tags"]],
                published_at=now - timedelta(hours=item["hours_ago"]),
            )
        )
    return stories


def _reference_story(sections: dict[str, SectionPage]) -> ArticlePage:
    """The reference News24 page, imported exactly as an operator would import it."""
    parsed = parse_page_text((CONTENT_DIR / "news24_japan_us.txt").read_text(encoding="utf-8"))
    article = article_import_parsed(
        parsed=parsed, section=sections["world"], source_id=source_id_for_page(parsed)
    ).article
    article.lead_image = _picture(
        title=parsed.headline,
        caption=parsed.caption,
        credit=parsed.credit,
        palette=["#2b2d42", "#8d99ae"],
        motif="mountain",
        seed=1000,
    )
    article.summary = (
        "Washington and Tokyo agree to update their defence guidelines for the first time "
        "since 1997, with drones, radar and Marines on the move."
    )
    article.save_revision().publish()
    # Re-publishing to add the picture is not a news update: keep the original time.
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=article.first_published_at)
    return article


def _gallery(home: HomePage) -> None:
    index = GalleryIndexPage.objects.child_of(home).first()
    if index is None:
        index = GalleryIndexPage(
            title="News in Pictures",
            slug="galleries",
            show_in_menus=True,
            intro="The week in photographs, chosen by our picture desk.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    gallery = GalleryPage(
        title="The week in pictures",
        slug="the-week-in-pictures",
        intro="Storms on the coast, a new skyline and a day at the cricket.",
    )
    motifs = [
        ("sea", ["#023e8a", "#90e0ef"]),
        ("city", ["#3d405b", "#f2cc8f"]),
        ("field", ["#386641", "#a7c957"]),
        ("mountain", ["#22223b", "#c9ada7"]),
    ]
    captions = [
        "Waves break over the harbour wall during a winter storm.",
        "Office lights come on across the city centre at dusk.",
        "Spectators watch from the grass embankment at a provincial match.",
        "Early snow on the mountains above a farming valley.",
    ]
    for order, ((motif, palette), caption) in enumerate(zip(motifs, captions, strict=True)):
        image = _picture(
            title=caption,
            caption=caption,
            credit="newsdesk picture desk",
            palette=palette,
            motif=motif,
            seed=2000 + order,
        )
        gallery.photos.add(GalleryPhoto(image=image, sort_order=order))
    index.add_child(instance=gallery)
    gallery.save_revision().publish()


VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def _video_story(sections: dict[str, SectionPage]) -> ArticlePage:
    """A story with an embedded video, so Multimedia opens on one.

    Its oEmbed answer is stored with it, as Wagtail would cache it after a first fetch, so
    the demo renders offline; the player itself loads from YouTube's privacy-enhanced host.
    """
    Embed.objects.update_or_create(
        hash=get_embed_hash(VIDEO_URL),
        defaults={
            "url": VIDEO_URL,
            "max_width": None,
            "type": "video",
            "html": (
                '<iframe width="640" height="360" src="https://www.youtube-nocookie.com/embed/'
                'aqz-KE-bpKQ" title="Big Buck Bunny" allowfullscreen></iframe>'
            ),
            "title": "Big Buck Bunny",
            "provider_name": "YouTube",
            "width": 640,
            "height": 360,
            "thumbnail_url": "",
        },
    )
    return article_create(
        section=sections["tech"],
        title="Watch: the open film every video player is tested with",
        summary="Big Buck Bunny, made with free software in 2008, still opens test suites.",
        dateline="Amsterdam",
        byline="newsdesk video desk",
        agency="",
        lead_image=_picture(
            title="A meadow at dawn",
            caption="A meadow at dawn, as in the film's opening.",
            credit="newsdesk video desk",
            palette=["#386641", "#f2e8cf"],
            motif="field",
            seed=4000,
        ),
        body=[
            {
                "type": "paragraph",
                "value": "<p>The Blender Foundation's short film is free to share, which "
                "is why engineers reach for it whenever they test a video player.</p>",
            },
            {"type": "embed", "value": {"embed": VIDEO_URL, "caption": "Big Buck Bunny (2008)"}},
        ],
        tags=[("Video", None), ("Open source", None)],
        published_at=timezone.now() - timedelta(hours=3, minutes=30),
    )


def demo_load(*, allow_in_production: bool = False) -> DemoSummary:
    """Create the demo site; call only on an empty database (see ``demo_is_loaded``).

    The demo makes staff accounts whose password is printed in the README, so under the
    production settings it refuses unless asked for by name. The demo's own workflow
    steps would mail the demo editors; nobody reads those, so mail is discarded while it
    loads.
    """
    if not demo_allowed(allow_in_production=allow_in_production):
        raise PermissionDenied(DEMO_REFUSED_IN_PRODUCTION)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _demo_load()


@transaction.atomic
def _demo_load() -> DemoSummary:
    home, site = _home_and_site()
    sections = _sections(home)
    sport_home, _sport_site = _sport_home_and_site()
    sport_sections = _sections(sport_home, SPORT_SECTIONS)
    _accounts()
    _reader()
    demo_authors_load()
    stories = _stories({**sections, **sport_sections})
    _reference_story(sections)
    # Editors' choice leads the homepage: three of today's stories. The 2013 reference
    # story stays in World and its tag pages, where a reader looking for it finds it.
    news = [a for a in stories if a.get_parent().get_parent().pk == home.pk]
    today = sorted(news, key=lambda a: a.first_published_at, reverse=True)
    for order, article in enumerate(today[:3]):
        HomePageTopStory.objects.create(home=home, article=article, sort_order=order)
    sport = [a for a in stories if a.get_parent().get_parent().pk == sport_home.pk]
    for order, article in enumerate(sorted(sport, key=lambda a: a.first_published_at)[::-1]):
        HomePageTopStory.objects.create(home=sport_home, article=article, sort_order=order)
    _gallery(home)
    comments_policy_page_create(home=home)
    # The apps' own parts of the demo (reader contributions, local news), in hook order.
    for loader in hooks.get_hooks(DEMO_LOADERS):
        loader(password=DEMO_PASSWORD)
    _video_story(sections)
    readers = {
        profile.username: profile.user
        for profile in Profile.objects.filter(user__isnull=False).select_related("user")
    }
    demo_comments_load(live_article=today[0], other_article=today[1], readers=readers)
    # The Afrikaans site last: it links a story to its News original and has readers' comments.
    demo_nuus_load(content_path=CONTENT_DIR / "nuus.json", news_home=home, picture=_picture)
    return DemoSummary(articles=len(stories) + 1, site=site)


class DemoContent:
    """What ``newsdesk serve`` needs of the demo (the ``DEMO_CONTENT`` hook's contract)."""

    refusal = DEMO_REFUSED_IN_PRODUCTION

    def is_loaded(self) -> bool:
        return demo_is_loaded()

    def is_allowed(self, *, allow_in_production: bool) -> bool:
        return demo_allowed(allow_in_production=allow_in_production)

    def load(self, *, allow_in_production: bool = False) -> None:
        demo_load(allow_in_production=allow_in_production)

    def sign_in_lines(self, *, base: str, port: int) -> list[str]:
        return [
            f"  Demo editor: username 'editor', password '{DEMO_PASSWORD}' "
            "(also 'reporter' and 'moderator'). Change these before going public.",
            f"  Demo reader: thandi@example.com, password '{DEMO_PASSWORD}' "
            f"(profile at {base}/people/thandi/).",
            f"  The network: News at http://news.localhost:{port}/, Sport at "
            f"http://sport.localhost:{port}/ and Nuus (Afrikaans) at "
            f"http://nuus.localhost:{port}/",
        ]
