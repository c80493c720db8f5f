"""The newsroom's roles: who may write, publish and moderate. Used by the data migration.

Reporters write and submit stories for review; Editors edit, approve, publish and
schedule anything; Moderators look after readers' comments and contributions.
"""

REPORTERS = "Reporters"
EDITORS = "Editors"
MODERATORS = "Moderators"

WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editor approval"

# (app_label, model, codename, human name) for object permissions per group.
PAGE_PERMISSIONS = {
    REPORTERS: ["add_page", "change_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
              "bulk_delete_page"],
    MODERATORS: [],
}
IMAGE_PERMISSIONS = {
    REPORTERS: ["add_customimage", "choose_customimage"],
    EDITORS: ["add_customimage", "change_customimage", "choose_customimage",
              "delete_customimage"],
    MODERATORS: ["choose_customimage"],
}
GLOBAL_PERMISSIONS = {
    REPORTERS: [("wagtailadmin", "admin", "access_admin")],
    EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("tags", "tag", "add_tag"),
        ("tags", "tag", "change_tag"),
        ("tags", "tag", "delete_tag"),
        ("wagtailredirects", "redirect", "add_redirect"),
        ("wagtailredirects", "redirect", "change_redirect"),
        ("wagtailredirects", "redirect", "delete_redirect"),
    ],
    MODERATORS: [("wagtailadmin", "admin", "access_admin")],
}
