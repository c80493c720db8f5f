"""The demo offers itself to ``newsdesk serve`` (core), which cannot import it."""

from wagtail import hooks

from newsdesk.core.hooks import DEMO_CONTENT
from newsdesk.demo.services import DemoContent


@hooks.register(DEMO_CONTENT)
def demo_content():
    return DemoContent()
