"""Local components, gathered from the ``LOCAL_COMPONENTS`` hook (see ``base.py`` for the
contract of a component, ``newsdesk.core.hooks`` for the hook's)."""

from __future__ import annotations

from wagtail import hooks

from newsdesk.core.hooks import LOCAL_COMPONENTS
from newsdesk.local.components.base import LocalComponent

DUPLICATE_COMPONENT = "A local component named {name!r} is already registered."
INCOMPLETE_COMPONENT = "{component!r} needs a name and a template_name."


def local_components() -> list[LocalComponent]:
    """Every registered component, in display order; a name offered twice is a mistake."""
    found: dict[str, LocalComponent] = {}
    for fn in hooks.get_hooks(LOCAL_COMPONENTS):
        for component in fn():
            if not component.name or not component.template_name:
                raise ValueError(INCOMPLETE_COMPONENT.format(component=component))
            if component.name in found:
                raise ValueError(DUPLICATE_COMPONENT.format(name=component.name))
            found[component.name] = component
    return sorted(found.values(), key=lambda c: (c.order, c.name))


def local_component_get(*, name: str) -> LocalComponent | None:
    return next((c for c in local_components() if c.name == name), None)


__all__ = ["LocalComponent", "local_component_get", "local_components"]
