"""The "Contribution review" workflow: Editors approve or decline readers' submissions.

``contribution_review_ensure`` is used by the data migration (with historical models)
and by tests that start from a flushed database (with the real ones).
"""

from newsdesk.editorial.roles import EDITORS, permission_ensure

WORKFLOW_NAME = "Contribution review"
TASK_NAME = "Editors approve reader contribution"
# Snippet permissions Editors need to review, edit, lock and publish submissions.
EDITOR_PERMISSIONS = [
    "add_submission",
    "change_submission",
    "delete_submission",
    "publish_submission",
    "lock_submission",
    "unlock_submission",
]


def contribution_review_ensure(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    submission_type, _ = ContentType.objects.get_or_create(
        app_label="contributions", model="submission"
    )
    for codename in EDITOR_PERMISSIONS:
        editors.permissions.add(permission_ensure(apps, "contributions", "submission", codename))

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([editors])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(
        content_type=submission_type, defaults={"workflow": workflow}
    )
