import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from newsdesk.articles.models import ArticlePage
from newsdesk.articles.tests.factories import article_factory
from newsdesk.editorial import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(django_user_model):
    user = django_user_model.objects.create_user("rita", password="pw")
    user.groups.add(Group.objects.get(name=roles.REPORTERS))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("eddie", password="pw")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


def test_newsroom_groups_have_the_rights_of_their_role(section, reporter, editor):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    policy = PagePermissionPolicy()
    assert policy.user_has_permission(reporter, "add")
    assert not policy.user_has_permission(reporter, "publish")
    assert policy.user_has_permission(editor, "publish")
    assert reporter.has_perm("wagtailadmin.access_admin")
    moderators = Group.objects.get(name=roles.MODERATORS)
    assert moderators.permissions.filter(codename="access_admin").exists()


def test_the_whole_tree_goes_through_editorial_review(section):
    workflow = section.get_workflow()
    assert workflow is not None and workflow.name == roles.WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.EDITORS]


def test_reporter_submits_and_editor_approves_and_publishes(section, reporter, editor):
    article = article_factory(section=section, title="Reporter's story", publish=False)
    workflow = article.get_workflow()
    workflow.start(article, reporter)
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(article, editor)
    task_state.task.specific.on_action(task_state, editor, "approve")
    article.refresh_from_db()
    assert article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


@pytest.mark.django_db(transaction=True)  # the scheduler recycles connections between jobs
def test_scheduled_article_is_published_by_the_scheduler_job(section):
    article = article_factory(section=section, title="Scheduled story", publish=False)
    revision = article.latest_revision
    article.go_live_at = timezone.now() + timezone.timedelta(seconds=1)
    revision = article.save_revision()
    revision.publish()  # with go_live_at in the future this schedules, not publishes
    article.refresh_from_db()
    assert not article.live
    # The scheduled time passes: move it into the past rather than wait for it (on the
    # page, its scheduled revision, and the revision's own copy of the page).
    past = timezone.now() - timezone.timedelta(seconds=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    ArticlePage.objects.filter(pk=article.pk).update(go_live_at=past)
    call_command("run_scheduler", "--once")
    assert ArticlePage.objects.get(pk=article.pk).live
