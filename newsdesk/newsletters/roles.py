"""What Editors may do with newsletters: define them, send issues and alerts, see subscribers.

Idempotent; takes historical or real ``apps`` (data migration and BASELINE_STEPS).
"""

from newsdesk.editorial.roles import EDITORS, permission_ensure

PERMISSIONS = {
    EDITORS: [
        ("newsletters", "newsletter", "add_newsletter"),
        ("newsletters", "newsletter", "change_newsletter"),
        ("newsletters", "newsletter", "delete_newsletter"),
        ("newsletters", "newsletter", "view_newsletter"),
        ("newsletters", "subscriber", "view_subscriber"),
        ("newsletters", "subscriber", "change_subscriber"),
    ],
}


def grant_permissions(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in permissions:
            group.permissions.add(permission_ensure(apps, app_label, model, codename))
