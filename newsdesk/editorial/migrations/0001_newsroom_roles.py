"""Create the newsroom groups and the 'Editorial review' workflow on the whole tree."""

from django.db import migrations

from newsdesk.editorial import roles


def _permission(apps, app_label, model, codename):
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


def create_roles(apps, schema_editor):
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
    for name in (roles.REPORTERS, roles.EDITORS, roles.MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # Wagtail's initial data gives its own Editors/Moderators page rights; ours replace them.
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        for codename in roles.PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        for codename in roles.IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, "images", "customimage", codename),
            )
        for app_label, model, codename in roles.GLOBAL_PERMISSIONS[name]:
            group.permissions.add(_permission(apps, app_label, model, codename))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=roles.TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([groups[roles.EDITORS]])
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The whole tree goes through editorial review (replaces Wagtail's default workflow).
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("images", "0001_initial"),
        ("tags", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
