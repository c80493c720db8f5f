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
    EDITORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
    MODERATORS: [],
}
IMAGE_PERMISSIONS = {
    REPORTERS: ["add_customimage", "choose_customimage"],
    EDITORS: ["add_customimage", "change_customimage", "choose_customimage", "delete_customimage"],
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


def permission_ensure(apps, app_label, model, codename):
    """The permission, made now if migrate has not made it yet; shared by the role setups."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # Permissions are normally made after migrate; make the ones we need now.
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def create_roles(apps, schema_editor=None):
    """Create or reset the groups and the workflow; ``apps`` may be historical or real."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name in (REPORTERS, EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # Wagtail's initial data gives its own Editors/Moderators page rights; ours replace them.
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=permission_ensure(apps, "wagtailcore", "page", codename),
            )
        for codename in IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=permission_ensure(apps, "images", "customimage", codename),
            )
        for app_label, model, codename in GLOBAL_PERMISSIONS[name]:
            group.permissions.add(permission_ensure(apps, app_label, model, codename))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups[EDITORS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The whole tree goes through editorial review (replaces Wagtail's default workflow).
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})
