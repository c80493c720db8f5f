from django.db import migrations

from newsdesk.newsletters.roles import grant_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_newsletters_subscribers_issues_deliveries"),
        ("editorial", "0001_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
