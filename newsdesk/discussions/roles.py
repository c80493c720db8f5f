"""What Moderators and Editors may do with comments and sanctions (data migration).

``grant_permissions`` is idempotent and takes historical or real ``apps``, so tests that
flush the database (browser tests) can put the rights back after ``baseline_ensure``.
"""

from newsdesk.editorial.roles import EDITORS, MODERATORS, permission_ensure

PERMISSIONS = {
    MODERATORS: [
        ("discussions", "comment", "view_comment"),
        ("discussions", "comment", "change_comment"),
        ("discussions", "comment", "moderate_comment"),
        ("discussions", "comment", "feature_comment"),
        ("discussions", "commentreport", "view_commentreport"),
        ("discussions", "moderationaction", "view_moderationaction"),
        ("discussions", "commentersettings", "change_commentersettings"),
        ("discussions", "articlediscussion", "change_articlediscussion"),
        ("discussions", "discussionsettings", "change_discussionsettings"),
        ("sanctions", "sanction", "add_sanction"),
        ("sanctions", "sanction", "change_sanction"),
        ("sanctions", "sanction", "view_sanction"),
    ],
    EDITORS: [
        ("discussions", "comment", "feature_comment"),
        ("discussions", "articlediscussion", "change_articlediscussion"),
        ("discussions", "discussionsettings", "change_discussionsettings"),
    ],
}


def grant_permissions(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in permissions:
            group.permissions.add(permission_ensure(apps, app_label, model, codename))
