# Issue 16: the model Lesezugriff now belongs to the kernel (jvg_case 0006). State only: the table stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('protokoll', '0002_lesezugriff_nur_anfuegen'),
        ('jvg_case', '0006_lesezugriff_im_kern'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name='Lesezugriff')],
        ),
    ]
