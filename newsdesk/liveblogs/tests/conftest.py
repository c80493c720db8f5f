import pytest

from newsdesk.liveblogs.tests.factories import editor_factory, live_blog_factory


@pytest.fixture
def blog(section):
    return live_blog_factory(section=section, tags=[("Elections", None)])


@pytest.fixture
def editor(db):
    return editor_factory()
