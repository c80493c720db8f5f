"""``serve`` collects static files again only when they changed."""

import os

import pytest

from newsdesk.core.staticfiles import collectstatic_if_changed, static_sources_fingerprint


@pytest.fixture
def static_folders(tmp_path, settings):
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    # The plain storage copies files without hashing or compressing them: the same
    # collection, in a fraction of the time.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return source, settings.STATIC_ROOT


def _later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_a_second_start_skips_the_collection_and_a_changed_file_collects_again(static_folders):
    source, collected = static_folders
    assert collectstatic_if_changed() is True
    assert (collected / "site.css").read_text() == "body { color: black; }"
    assert collectstatic_if_changed() is False

    (source / "site.css").write_text("body { color: navy; }")
    _later(source / "site.css")  # collectstatic compares modification times to the second
    assert collectstatic_if_changed() is True
    assert (collected / "site.css").read_text() == "body { color: navy; }"


def test_a_new_file_or_a_touched_one_changes_the_fingerprint(static_folders):
    source, _collected = static_folders
    before = static_sources_fingerprint()
    (source / "extra.js").write_text("// new")
    added = static_sources_fingerprint()
    assert added != before
    _later(source / "site.css")
    assert static_sources_fingerprint() != added


def test_an_emptied_static_folder_is_collected_again(static_folders):
    _source, collected = static_folders
    collectstatic_if_changed()
    (collected / "site.css").unlink()
    (collected / ".newsdesk-static-fingerprint").unlink()
    assert collectstatic_if_changed() is True
    assert (collected / "site.css").exists()
