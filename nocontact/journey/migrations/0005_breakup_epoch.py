import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("journey", "0004_breakup_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="breakup",
            name="epoch",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
