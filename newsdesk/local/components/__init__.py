"""The registry of local components (see ``base.py`` for the contract)."""

from __future__ import annotations

from newsdesk.local.components.base import LocalComponent

DUPLICATE_COMPONENT = "A local component named {name!r} is already registered."


class ComponentRegistry:
    def __init__(self):
        self._components: dict[str, LocalComponent] = {}

    def register(self, component: LocalComponent) -> LocalComponent:
        if not component.name or not component.template_name:
            raise ValueError(f"{component!r} needs a name and a template_name.")
        existing = self._components.get(component.name)
        if existing is not None and type(existing) is not type(component):
            raise ValueError(DUPLICATE_COMPONENT.format(name=component.name))
        self._components[component.name] = component
        return component

    def unregister(self, name: str) -> None:
        self._components.pop(name, None)

    def get(self, name: str) -> LocalComponent | None:
        return self._components.get(name)

    def all(self) -> list[LocalComponent]:
        return sorted(self._components.values(), key=lambda c: (c.order, c.name))

    def names(self) -> list[str]:
        return [c.name for c in self.all()]


registry = ComponentRegistry()

__all__ = ["ComponentRegistry", "LocalComponent", "registry"]
