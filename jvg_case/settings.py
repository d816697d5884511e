"""Settings of jvg-case: one module, every deployment difference comes from the environment.

Embedded defaults (SQLite, a file-system Celery broker) let `make run` start on a bare machine;
production sets `JVG_PROFIL=production` plus DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY and
ALLOWED_HOSTS, and then passes `manage.py check --deploy` without warnings.
"""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from betrieb.protokollierung import logging_konfiguration  # stdlib only: safe to import from settings
from kern.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("JVG_VAR_DIR", str(BASE_DIR / "var")))

PROFIL = env_str("JVG_PROFIL", "entwicklung")
if PROFIL not in {"entwicklung", "production"}:
    raise ImproperlyConfigured(f"JVG_PROFIL={PROFIL!r}: erlaubt sind 'entwicklung' und 'production'.")
PRODUCTION = PROFIL == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY ist für den Produktionsbetrieb zu schwach (mind. 50 Zeichen).")
else:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-nur-fuer-entwicklung-und-tests-jvg-case")

# Issue 18 item 11: off unless asked for (`make run` sets DEBUG=true); a forgotten variable never shows
# tracebacks with personal data.
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG darf im Produktionsbetrieb nicht eingeschaltet sein.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",  # only for migration jvg_case 0015, which hashes the old plain-text keys
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "kern",  # label `jvg_case` (kern/apps.py): users, tasks, audit, Fristen, extension points
    "verfuegungen",
    "protokoll",
    "fristenkontrolle",
    "oauth2_provider",
    "behoerden",  # §§ 12, 21: partner agencies (OAuth2 clients), purpose binding, disclosure log
    "benachrichtigungen",  # webhooks to partner agencies
    "datenschutz",  # §§ 22, 23: experts, secrecy/consent, subject access
    "vollzug",
    "aufschub",  # § 14
    "disziplinar",
    "zwangsmassnahmen",  # §§ 25, 26, 28, 32
    "sicherheitsmassnahmen",  # § 31
    "zwang",  # § 33
    "zwangsmedizin",  # §§ 34–39
    "ueberwachung",  # §§ 27, 29, 30
    "kosten",
    "inkasso",
    "bedrohung",
    "vollzugsgestaltung",  # Art. 75a, 77a, 84 StGB; § 16, § 19, § 51 JVG
    "vollzugsdaten",  # issue 21: Strafzeitberechnung, Art. 86–87, 59–64b StGB
    "arbeitskorb",  # the start page
    "betrieb",  # operations: health, readiness, heartbeat of the legal jobs, metrics, backup (docs/betrieb.md)
]

MIDDLEWARE = [
    # First: the request id (logs, Celery tasks) and the latency metric cover the whole request.
    "betrieb.middleware.BetriebMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Issue 18 (ASVS V14.3.2): `no-store, private` on every response built below WhiteNoise.
    "kern.web.middleware.KeinCacheMiddleware",
    # Issue 17 item 8: header values as `str` (runserver), a missing stored file 404 instead of 500.
    "kern.web.middleware.RobusteAntwortMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Issue 18 item 1: a session whose second factor is open reaches only the code page.
    "kern.web.anmeldung.SitzungMiddleware",
    "kern.web.anmeldung.ZweiterFaktorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Issue 17 item 7: a form posted after the session expired is kept for the next sign-in.
    "kern.web.aufbewahren.AufbewahrenMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # R-0-AUDIT-1: puts the request's user on every history row written during the request.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "jvg_case.urls"
WSGI_APPLICATION = "jvg_case.wsgi.application"
AUTH_USER_MODEL = "jvg_case.Benutzer"

# Plain language (issue 17): form errors and flash messages show the §, not the rule ID (kern/klartext.py).
FORM_RENDERER = "kern.klartext.KlartextRenderer"
MESSAGE_STORAGE = "kern.klartext.KlartextMeldungen"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Issue 17 item 6: the main navigation by role, from the access policy.
                "jvg_case.navigation.navigation",
                "kern.web.aufbewahren.kontext",
            ],
        },
    },
]

# Issue 17 item 8: the options of a SQLite database (also used by the concurrency test).
SQLITE_OPTIONEN = {
    "timeout": 20,  # seconds a writer waits for the lock (busy timeout)
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jvg_case.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        # Issue 18 item 9 (PITFALLS): a dropped connection is replaced, not answered with a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # SQLite for the embedded demo (`make run`, issue 17 item 8, PITFALLS): every page view writes (session,
    # read log). With the default deferred transactions a second writer fails at once with "database is
    # locked" (a read lock cannot be upgraded while another connection writes, the busy timeout is not
    # consulted). IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies; WAL lets readers
    # go on while one connection writes.
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONEN
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Issue 19: PostgreSQL's JIT compiles the list queries (cost above jit_above_cost at 1M rows) and adds
    # ~180 ms to each; our queries are short OLTP queries that never win it back.
    # random_page_cost 1.1: the data sits on SSD, where an index lookup costs about as much as a sequential
    # read; with the default 4 the planner scans whole tables for a search matching a few thousand cases.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Issue 18: the lockout sits in the backend, so every sign-in form (also the admin's) is locked.
AUTHENTICATION_BACKENDS = ["kern.anmeldung.SperrBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "de-ch"
LANGUAGES = [("de-ch", "Deutsch (Schweiz)")]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["kern.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"  # built into the image by collectstatic, not on the data volume
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("JVG_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = (
    "/media-nicht-oeffentlich/"  # never served directly: documents go through permission-checked views
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves straight from the app folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Sessions and security -------------------------------------------------------------------
# Sensitive data: a short idle timeout instead of Django's two weeks (PITFALLS: sessions).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60, minimum=60)
# Issue 19: the age counts from the session's last save, which `kern.web.anmeldung.SitzungMiddleware` renews at
# most once a minute (JVG_SITZUNG_AUFFRISCHEN_S) instead of on every request (3 of a page's queries, and the write
# that made SQLite lock under two users). So a session ends after at most SESSION_COOKIE_AGE of idleness, and at
# the earliest one interval before.
SESSION_SAVE_EVERY_REQUEST = False
JVG_SITZUNG_AUFFRISCHEN_S = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# No CDN: every script, style and font comes from this app (django-csp 4).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- REST API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kern.web.api_token.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Issue 18 item 6: bounded limit/offset, and one JSON reader with bounded depth and numbers.
    "DEFAULT_PAGINATION_CLASS": "kern.web.eingabe.Seitenweise",
    "DEFAULT_PARSER_CLASSES": [
        "kern.web.eingabe.JsonParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kern.web.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "jvg-case API",
    "DESCRIPTION": "Schnittstelle der Vollzugsbehörde des Kantons Luzern (JVG, SRL Nr. 305).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Choice sets that share a field name with another module's ("art", "ergebnis"): named explicitly.
    "ENUM_NAME_OVERRIDES": {
        "EntlassungsergebnisEnum": "vollzugsdaten.recht.Ergebnis",
        "MassnahmenpruefungsartEnum": "vollzugsdaten.recht.Pruefungsart",
        "GerichtsantragsartEnum": "vollzugsdaten.recht.Antragsart",
        "GerichtsantwortEnum": "vollzugsdaten.recht.Antwort",
        "MassnahmenartikelEnum": "vollzugsdaten.recht.Massnahmenartikel",
        "EntlassungspruefungsstatusEnum": "vollzugsdaten.recht.Pruefungsstatus",
        "FallstatusEnum": "vollzug.recht.Fallstatus",
    },
    # Issue 17: API users read the § of the law, not internal rule IDs (kern.web.openapi).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kern.web.openapi.regel_ids_durch_paragrafen",
    ],
    # No call to swagger.io's validator: nothing leaves this app.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# --- Celery ------------------------------------------------------------------------------------
# Embedded default: kombu's file-system transport needs no server; CI and production use Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = VAR_DIR / "celery" / "queue"
    # kombu's file-system transport does not create its folders.
    _queue.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "processed").mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
else:
    # A message not acknowledged within this time is redelivered (a worker killed as a whole; a killed pool
    # child is rejected at once: reject_on_worker_lost). Longer than the hard time limit of any task (else
    # a running task is delivered twice), far shorter than the longest schedule gap (one day), so a lost
    # daily run is repeated before the next beat (tests/betrieb/test_celery_fehlertoleranz.py).
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("JVG_CELERY_VISIBILITY_TIMEOUT_S", 3600, minimum=60)
    }
# Time limits of every task (a job may set its own lower ones): the soft limit raises in the task so it can
# close its run record; the hard limit kills the pool child (its message is then redelivered).
CELERY_TASK_SOFT_TIME_LIMIT = env_int("JVG_CELERY_SOFT_TIME_LIMIT_S", 900, minimum=10)
CELERY_TASK_TIME_LIMIT = env_int("JVG_CELERY_TIME_LIMIT_S", 1200, minimum=20)
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured("JVG_CELERY_TIME_LIMIT_S muss grösser sein als JVG_CELERY_SOFT_TIME_LIMIT_S.")
# One message at a time per pool process: with acks_late a prefetched message would wait behind a long sweep.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Cache (issue 18 item 9): the agencies' throttle and the like must hold across all workers ---------
# Production: Redis (JVG_CACHE_URL, default: the Celery broker's Redis server, database 15); without
# Redis (`make run`): a file cache under var/, shared by every process of the machine. Never the
# per-process memory cache, which made the limit three times too loose with three workers.
_CACHE_URL = env_str("JVG_CACHE_URL", "")
if not _CACHE_URL and CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    _CACHE_URL = urlunsplit(urlsplit(CELERY_BROKER_URL)._replace(path="/15"))
if _CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Legal parameters (configurable where the law leaves a number open) -----------------------
# One place for every number the rulebook calls "configurable"; the § is in the comment.
JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE = env_int(
    "JVG_VOLLZUGSBEGINN_UEBERFAELLIG_TAGE", 30, minimum=1
)  # §13, R-13-1
# R-18-1: a required Vollzugsplan is due this many days after Vollzugsbeginn.
JVG_VOLLZUGSPLAN_FRIST_TAGE = env_int("JVG_VOLLZUGSPLAN_FRIST_TAGE", 60, minimum=1)
# R-18-3: the plan is reviewed at this interval (months) after its last version.
JVG_VOLLZUGSPLAN_UEBERPRUEFUNG_MONATE = env_int("JVG_VOLLZUGSPLAN_UEBERPRUEFUNG_MONATE", 6, minimum=1)
# R-14-4: a medical certificate is current when issued at most this many days before the request.
JVG_ARZTZEUGNIS_MAX_ALTER_TAGE = env_int("JVG_ARZTZEUGNIS_MAX_ALTER_TAGE", 30, minimum=1)
# R-14-6: the summons task before the end of a granted deferral is due this many days ahead.
JVG_AUFGEBOT_VORLAUF_TAGE = env_int("JVG_AUFGEBOT_VORLAUF_TAGE", 14, minimum=1)
# R-41-1 (§41 Abs. 1 lit. d): the law sets no amount for the Busse; the canton configures the maximum (CHF).
JVG_DISZIPLINAR_BUSSE_MAX_CHF = env_int("JVG_DISZIPLINAR_BUSSE_MAX_CHF", 500, minimum=1)
# R-41-5a: warning in the Fristenkontrolle this many days before a proceeding becomes time-barred.
JVG_DISZIPLINAR_WARNUNG_TAGE = env_int("JVG_DISZIPLINAR_WARNUNG_TAGE", 30, minimum=1)
# R-BM-3: closed threat-management cases are deleted this many years after closing.
JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE = env_int("JVG_BEDROHUNG_AUFBEWAHRUNG_JAHRE", 5, minimum=1)
# Rows per transaction of the legal deletion of recordings and ED material (set-based SQL, docs/leistung.md).
JVG_LOESCHUNG_BATCH = env_int("JVG_LOESCHUNG_BATCH", 5000, minimum=1)
JVG_JUGEND_ALTERSGRENZE = 18  # R-1-JUV-1: jugendlich = unter 18 Jahren (Art. 1 JStG)
# --- vollzugsdaten (Art. 86–87, 59–64b StGB; issue 21) ---
# R-STGB-86-2: the ex-officio examination of conditional release is due this many months before the
# earliest date (two thirds, Art. 86 Abs. 1 StGB).
JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE = env_int("JVG_BEDINGTE_ENTLASSUNG_VORLAUF_MONATE", 3, minimum=1)
# R-STGB-86-2: the facility management's report is due this many days after the request.
JVG_BEDINGTE_ENTLASSUNG_BERICHT_TAGE = env_int("JVG_BEDINGTE_ENTLASSUNG_BERICHT_TAGE", 30, minimum=1)
# R-STGB-MAX-1 / R-4-1: the application to the court is due this many months before a measure's maximum.
JVG_GERICHTSANTRAG_VORLAUF_MONATE = env_int("JVG_GERICHTSANTRAG_VORLAUF_MONATE", 6, minimum=1)
# --- zwangsmassnahmen (§§ 25, 26, 28, 32) ---
# R-25-2 (§ 25 Abs. 2): reminders to file the extension with the Zwangsmassnahmengericht, in hours after
# the arrest (to the minute, kern.fristen.stundenfrist); each must lie before the 48-hour deadline.
_ERINNERUNG_ROH = env_list("JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN", ["24", "40"])
JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN = sorted({int(h) for h in _ERINNERUNG_ROH if h.isdigit()})
if len(JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN) != len(_ERINNERUNG_ROH) or not all(
    0 < h < 48 for h in JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN
):
    raise ImproperlyConfigured(
        "JVG_SICHERHEITSHAFT_ERINNERUNG_STUNDEN: verschiedene ganze Stunden zwischen 1 und 47, z. B. '24,40'."
    )
# --- sicherheitsmassnahmen (§ 31) ---
# R-31-5 (§ 31 Abs. 5: only while a compelling reason exists): a measure of § 31 Abs. 2 lit. f
# (besonders gesicherter Raum) or lit. g (Fesselung) is reviewed at this interval in hours (to the minute,
# kern.fristen.stundenfrist) ...
JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG = env_int(
    "JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_STUNDEN_FG", 24, minimum=1
)
# ... every other measure (lit. a–e) at this interval in calendar days (Zurich wall clock, kalendertage_lokal).
JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE = env_int(
    "JVG_SICHERHEITSMASSNAHME_UEBERPRUEFUNG_TAGE", 7, minimum=1
)
# --- zwang (§ 33) ---
# R-33-1 (§ 33 Abs. 4): each involved staff member states his view of a use of force within this many
# hours after the protocol was submitted (to the minute, kern.fristen.stundenfrist); overdue → reminder.
JVG_ZWANG_STELLUNGNAHME_STUNDEN = env_int("JVG_ZWANG_STELLUNGNAHME_STUNDEN", 24, minimum=1)
# --- zwangsmedizin (§§ 34–39) ---
# R-38-1 (§ 38 Abs. 4): a long-term measure-indicated forced medication is reviewed and re-ordered at
# this interval (months, Art. 77 OR counting via kern.fristen.monatsfrist).
JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE = env_int(
    "JVG_ZWANGSMEDIKATION_38_UEBERPRUEFUNG_MONATE", 3, minimum=1
)
# --- ueberwachung (§§ 27, 29, 30) ---
# R-27-3, R-29-2, R-30-3: the periods (10 years, 100 days) are fixed by the law, so they are constants in
# ueberwachung/recht.py, not settings. Only the storage of recordings and ED material is
# configurable: JVG_UEBERWACHUNG_MEDIA_ROOT puts them on their own volume (storage alias "ueberwachung";
# any other Django storage, e.g. an S3-compatible backend, can be set as STORAGES["ueberwachung"]).
if _ueberwachung_ablage := env_str("JVG_UEBERWACHUNG_MEDIA_ROOT", ""):
    STORAGES["ueberwachung"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": _ueberwachung_ablage, "file_permissions_mode": 0o640},
    }
# --- kosten (§§ 46–50) ---
# R-KOST-1 (PITFALLS WeasyPrint): a statement with more lines than this gets its PDF from the Celery task
# `kosten.abrechnung_pdf_erzeugen` instead of at download.
JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN = env_int("JVG_KOSTEN_PDF_SYNCHRON_MAX_ZEILEN", 200, minimum=1)
# --- QR-bill (R-2D-QR-1, kern/qrrechnung.py): creditor of every payment request (Inkasso, invoices) ---
# Defaults are the SIX example accounts (test system); production sets the canton's accounts.
# Issue 18 item 7: staff API tokens expire after this many days (a token issued today works on day 90,
# not on day 91).
JVG_API_TOKEN_TAGE = env_int("JVG_API_TOKEN_TAGE", 90, minimum=1)
JVG_QR_GLAEUBIGER_NAME = env_str("JVG_QR_GLAEUBIGER_NAME", "Kanton Luzern, Vollzugs- und Bewährungsdienst")
JVG_QR_GLAEUBIGER_STRASSE = env_str("JVG_QR_GLAEUBIGER_STRASSE", "Murbacherstrasse 20")
JVG_QR_GLAEUBIGER_ORT = env_str("JVG_QR_GLAEUBIGER_ORT", "6002 Luzern")
JVG_QR_IBAN_QR = env_str("JVG_QR_IBAN_QR", "CH4431999123000889012")  # QR-IBAN: with QR references
JVG_QR_IBAN = env_str("JVG_QR_IBAN", "CH9300762011623852957")  # IBAN: with creditor references (ISO 11649)
# --- inkasso (§ 2 Abs. 1 lit. d JVG, Art. 35 StGB) ---
# R-2D-MAHN-1: days after the due date at which reminder 1, 2, … is sent (ascending, comma-separated);
# the Betreibungsbegehren becomes due JVG_INKASSO_BETREIBUNG_NACH_TAGEN after the last reminder.
JVG_INKASSO_MAHNFOLGE_TAGE = tuple(
    int(t) for t in env_str("JVG_INKASSO_MAHNFOLGE_TAGE", "10,30").split(",") if t.strip()
)
JVG_INKASSO_MAHNFRIST_TAGE = env_int("JVG_INKASSO_MAHNFRIST_TAGE", 10, minimum=1)
JVG_INKASSO_BETREIBUNG_NACH_TAGEN = env_int("JVG_INKASSO_BETREIBUNG_NACH_TAGEN", 20, minimum=1)
if not JVG_INKASSO_MAHNFOLGE_TAGE or list(JVG_INKASSO_MAHNFOLGE_TAGE) != sorted(
    set(JVG_INKASSO_MAHNFOLGE_TAGE)
):
    raise ImproperlyConfigured("JVG_INKASSO_MAHNFOLGE_TAGE: aufsteigende Tageszahlen, z. B. 10,30.")
# --- behoerden (§§ 12, 21) ---
# OAuth2 client credentials for partner agencies (django-oauth-toolkit; secrets stored hashed).
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": {
        "auskunft": "Auskünfte über verurteilte oder eingewiesene Personen (§ 21 Abs. 2 JVG)",
        "urteile": "Zustellung rechtskräftiger Entscheide und Akten (§ 12 JVG)",
    },
    "DEFAULT_SCOPES": ["auskunft"],
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("JVG_BEHOERDEN_TOKEN_SEKUNDEN", 3600, minimum=60),
    # Agencies use only the client-credentials grant; everything else follows RFC 9700 (OAuth 2.0
    # Security BCP): no implicit/password grant, tokens stored hashed, only https redirect URIs.
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # An agency's client gets only the scopes of its type (behoerden.recht); inactive agency: no token.
    "SCOPES_BACKEND_CLASS": "behoerden.permissions.BehoerdenScopes",
    "OAUTH2_VALIDATOR_CLASS": "behoerden.permissions.BehoerdenValidator",
}
# Throttling per agency client (DRF rate syntax, e.g. "120/min"); not a security control (PITFALLS).
JVG_BEHOERDEN_RATE = env_str("JVG_BEHOERDEN_RATE", "120/min")
# R-21-1 (§ 21 Abs. 2; Art. 4 DSV benchmark): the disclosure log (Bekanntgabeprotokoll) is kept at least
# this many years; the retention job deletes only older rows.
JVG_BEKANNTGABE_AUFBEWAHRUNG_JAHRE = env_int("JVG_BEKANNTGABE_AUFBEWAHRUNG_JAHRE", 2, minimum=1)
# R-12-1 (§ 12): size limit of one document delivered with a judgment through the API (bytes, decoded).
JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES = env_int("JVG_ZUSTELLUNG_DOKUMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
# --- benachrichtigungen (webhooks) ---
# Issue 9 item 4: a webhook delivery is tried this many times in all (first try + retries), with exponential
# backoff (seconds, capped) between the tries; after the last failure an admin task is raised.
JVG_WEBHOOK_MAX_VERSUCHE = env_int("JVG_WEBHOOK_MAX_VERSUCHE", 6, minimum=1)
JVG_WEBHOOK_BACKOFF_BASIS_S = env_int("JVG_WEBHOOK_BACKOFF_BASIS_S", 30, minimum=1)
JVG_WEBHOOK_BACKOFF_MAX_S = env_int("JVG_WEBHOOK_BACKOFF_MAX_S", 900, minimum=1)
# Server key the per-subscription signing secrets are derived from (HMAC with a stored salt; the secrets
# themselves are never stored). Default: SECRET_KEY — set it separately so rotating SECRET_KEY keeps them.
JVG_WEBHOOK_SCHLUESSEL = env_str("JVG_WEBHOOK_SCHLUESSEL", "") or SECRET_KEY
# Connect + read timeout of one delivery (seconds): a slow receiver must not block the worker.
JVG_WEBHOOK_TIMEOUT_S = env_int("JVG_WEBHOOK_TIMEOUT_S", 5, minimum=1)
# Production posts only to https URLs; tests and local demos may allow http://127.0.0.1 / localhost.
JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT = env_bool("JVG_WEBHOOK_HTTP_LOKAL_ERLAUBT", not PRODUCTION)
# --- datenschutz (§§ 22, 23) ---
# R-22-1 (§ 22): an expert's access for an assessment (Begutachtung) ends this many months after its start
# unless the mandate names another end (Art. 77 OR counting, kern.fristen.monatsfrist).
JVG_FACHPERSON_ZUGRIFF_MONATE = env_int("JVG_FACHPERSON_ZUGRIFF_MONATE", 6, minimum=1)
# --- Security (issue 18) ---
# § 20 JVG (only what the task requires): the longest free text one field takes (kern/freitext.py).
JVG_FREITEXT_MAX_ZEICHEN = env_int("JVG_FREITEXT_MAX_ZEICHEN", 20000, minimum=100)
# Issue 18 item 2: lockout after failed sign-ins (per user name; per address with a higher limit, since a
# whole office may share one address behind the proxy), counted within this window (minutes).
JVG_ANMELDUNG_MAX_FEHLVERSUCHE = env_int("JVG_ANMELDUNG_MAX_FEHLVERSUCHE", 5, minimum=1)
JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP = env_int("JVG_ANMELDUNG_MAX_FEHLVERSUCHE_IP", 20, minimum=1)
# Addresses of the reverse proxy: only from these is X-Forwarded-For believed (lockout per client address).
JVG_VERTRAUTE_PROXIES = env_list("JVG_VERTRAUTE_PROXIES", [])
JVG_ANMELDUNG_SPERRFENSTER_MINUTEN = env_int("JVG_ANMELDUNG_SPERRFENSTER_MINUTEN", 15, minimum=1)
# Issue 18 item 1: second factor (TOTP) for every role with case data; mandatory in production, optional
# (per user, once enrolled) in `make run` and the tests.
JVG_MFA_PFLICHT = env_bool("JVG_MFA_PFLICHT", PRODUCTION)
if PRODUCTION and not JVG_MFA_PFLICHT:
    raise ImproperlyConfigured("JVG_MFA_PFLICHT darf im Produktionsbetrieb nicht ausgeschaltet sein.")
# Issue 18 item 8 (ASVS V7.3.2): a session ends this many hours after sign-in, however active it is.
JVG_SITZUNG_HOECHSTDAUER_STUNDEN = env_int("JVG_SITZUNG_HOECHSTDAUER_STUNDEN", 10, minimum=1)
# Key of the audit hash chain (kern/audit_kette.py). Kept out of the database, so an owner-level rewrite of
# a log cannot write matching links; set it separately from SECRET_KEY so rotating that keeps the chains.
JVG_AUDIT_SCHLUESSEL = env_str("JVG_AUDIT_SCHLUESSEL", "") or SECRET_KEY
# Key(s) of the field encryption (kern/verschluesselung.py: TOTP secrets), comma-separated, the first
# encrypts. Empty: derived from SECRET_KEY (development); production sets its own, outside the database.
JVG_FELD_SCHLUESSEL = env_str("JVG_FELD_SCHLUESSEL", "")
# WebAuthn (passkeys, kern/passkeys.py): relying party id and origin; empty = the request's host.
JVG_WEBAUTHN_RP_ID = env_str("JVG_WEBAUTHN_RP_ID", "")
JVG_WEBAUTHN_ORIGIN = env_str("JVG_WEBAUTHN_ORIGIN", "")
# --- end of legal parameters ---

# --- Operations (betrieb, docs/betrieb.md) -------------------------------------------------------
# Structured JSON lines in production (one object per line, with the request id), text otherwise.
JVG_LOG_FORMAT = env_str("JVG_LOG_FORMAT", "json" if PRODUCTION else "text")
if JVG_LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"JVG_LOG_FORMAT={JVG_LOG_FORMAT!r}: erlaubt sind 'json' und 'text'.")
LOGGING = logging_konfiguration(format_=JVG_LOG_FORMAT, stufe=env_str("LOG_LEVEL", "INFO"))
# Bearer token of the Prometheus endpoint /betrieb/metriken/; empty: the endpoint answers 404.
JVG_METRIKEN_TOKEN = env_str("JVG_METRIKEN_TOKEN", "")
