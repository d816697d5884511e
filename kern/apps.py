from django.apps import AppConfig
from django.db.models.signals import post_migrate

from kern import historien_id

# Before any models module is imported (the registry imports every app config first): history ids bigint.
historien_id.einschalten()


class KernConfig(AppConfig):
    """The kernel: users and roles, tasks, running numbers, audit, Fristen, PDF, events, extension points,
    the batch-job runner and the web toolkit (docs/architektur.md).

    The one exception to "folder = app label": the label stays `jvg_case`, the label these models had
    before the kernel got its own folder. `AUTH_USER_MODEL = "jvg_case.Benutzer"`, the table names
    (`jvg_case_benutzer`, …), the migration history and every other app's migration dependency on
    ("jvg_case", …) stay valid without rewriting a single migration of an existing database.
    """

    name = "kern"
    label = "jvg_case"
    verbose_name = "JVG-Fallführung (Kern)"

    def ready(self):
        from kern import contributions, dateien, freitext, nur_anfuegen

        contributions.registrieren()
        freitext.begrenzen()  # issue 18: every free-text field of every app is bounded
        dateien.uploads_pruefen()  # issue 18 item 5: every upload field checks its content type

        from django.contrib.auth import signals

        from kern import anmeldung

        # Issue 18 item 2: every sign-in, failure and sign-out in the security log.
        signals.user_logged_in.connect(anmeldung.bei_anmeldung, dispatch_uid="kern.anmeldung.ein")
        signals.user_login_failed.connect(anmeldung.bei_fehlversuch, dispatch_uid="kern.anmeldung.fehl")
        signals.user_logged_out.connect(anmeldung.bei_abmeldung, dispatch_uid="kern.anmeldung.aus")

        # Sent after `migrate`, also when the test database is built without migrations.
        post_migrate.connect(nur_anfuegen.nach_migrate, dispatch_uid="kern.nur_anfuegen")
