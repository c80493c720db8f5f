import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.backups.services import NOT_A_BACKUP
from newsdesk.images.models import CustomImage
from newsdesk.images.tests.factories import CustomImageFactory

# pg_dump reads committed data from its own connection, so these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    from newsdesk.core.testing import baseline_ensure
    from newsdesk.sections.tests.factories import SectionPageFactory, news_site

    baseline_ensure()
    return SectionPageFactory(parent=news_site().root_page, title="World", slug="world")


def _content_snapshot() -> dict:
    return {
        "articles": sorted(ArticlePage.objects.values_list("title", "live")),
        "images": sorted(CustomImage.objects.values_list("title", flat=True)),
    }


def test_backup_and_restore_round_trip_database_and_media(newsroom, tmp_path, settings):
    image = CustomImageFactory(title="Harbour")
    article_factory(section=newsroom, title="Kept story", lead_image=image)
    image_file = Path(settings.MEDIA_ROOT) / image.file.name
    before = _content_snapshot()
    original_bytes = image_file.read_bytes()

    archive = tmp_path / "site.tar"
    call_command("backup", str(archive), verbosity=0)

    ArticlePage.objects.all().delete()
    image_file.unlink()
    article_factory(section=newsroom, title="Story written after the backup")

    call_command("restore", str(archive), "--yes", verbosity=0)
    assert _content_snapshot() == before
    assert image_file.read_bytes() == original_bytes


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(newsroom, tmp_path):
    article_factory(section=newsroom, title="Untouched")
    bogus = tmp_path / "bogus.tar"
    with tarfile.open(bogus, "w") as archive:
        archive.add(__file__, arcname="hello.py")
    with pytest.raises(CommandError, match="not a newsdesk backup"):
        call_command("restore", str(bogus), "--yes")
    assert NOT_A_BACKUP.format(path=bogus).startswith(str(bogus))
    assert ArticlePage.objects.filter(title="Untouched").exists()
