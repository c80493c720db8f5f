from django.db import migrations

from newsdesk.discussions.roles import grant_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0001_initial"),
        ("sanctions", "0001_initial"),
        ("editorial", "0001_newsroom_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
