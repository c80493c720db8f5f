"""The newsroom's roles and workflow come back first after a test flush."""

from wagtail import hooks

from newsdesk.core.hooks import BASELINE_STEPS
from newsdesk.editorial.roles import create_roles


# First: the roles reset the groups' permissions that later steps add to.
@hooks.register(BASELINE_STEPS, order=-100)
def editorial_baseline(*, apps):
    create_roles(apps)
