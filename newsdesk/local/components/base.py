"""The contract for a local component: a box on the homepage and on articles whose
content depends on a place the reader chose in Location Settings.

To add one (from any app, including an add-on outside newsdesk):

1. Subclass ``LocalComponent`` and set:

   - ``name``: a short, stable slug (``"weather"``). It appears in URLs
     (``/local/components/<name>/``), in the location cookie and in ``LocationChoice``
     rows, so never rename it once readers have saved choices.
   - ``title``: what readers see as the box's heading and in Location Settings.
   - ``description``: one sentence for Location Settings.
   - ``template_name``: the HTML fragment it renders (no ``<html>``, no scripts).
   - ``order``: where it sits among the others (smaller first).

2. Implement ``get_context(*, request, place)``. ``place`` is the reader's chosen
   ``Place`` for this component, or the site's default place when they chose none
   (``is_default`` in the template says which). Read through selectors: the method
   runs on every fragment request, so keep it to a fixed, small number of queries.
   It must not raise for a failing third party: catch, and return a state the
   template can show ("unavailable").

3. Offer it from your app's ``wagtail_hooks.py`` through the ``LOCAL_COMPONENTS`` hook::

       @hooks.register(LOCAL_COMPONENTS)
       def my_components():
           return [MyComponent()]

   newsdesk's built-ins register the same way (``local/wagtail_hooks.py``).

The fragment is personal (it depends on the reader's cookie or account), so its
endpoint sends ``Cache-Control: private, no-store`` and the public page only holds an
empty slot that ``static/js/local.js`` fills. Without JavaScript the slot shows a link to
Location Settings, and the page is still the same bytes for every reader.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.functional import Promise


class LocalComponent:
    name: ClassVar[str] = ""
    title: ClassVar[str | Promise] = ""
    description: ClassVar[str] = ""
    template_name: ClassVar[str] = ""
    order: ClassVar[int] = 100

    def get_context(self, *, request, place) -> dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
