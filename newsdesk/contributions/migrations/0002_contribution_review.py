"""Create the "Contribution review" workflow for submissions, approved by Editors."""

from django.db import migrations

from newsdesk.contributions.review import contribution_review_ensure


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("editorial", "0001_newsroom_roles"),
    ]

    operations = [migrations.RunPython(contribution_review_ensure, migrations.RunPython.noop)]
