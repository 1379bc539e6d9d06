"""Settings shared by every environment. Everything that differs between machines comes from the
environment (12-factor); with nothing set the desk runs on SQLite and a serverless broker."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("FACTCHECK_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_celery_results",
    "django_celery_beat",
    "django_htmx",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "factcheck",
    "editorial",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Everything needs a login except views marked @login_not_required (login, health).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite runs in WAL mode so that the web process and the worker can write at the same time.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'factcheck.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Celery pool processes on PostgreSQL bind parameters on the server and prepare the statements
# they run again (factcheck.worker_signals): the pipeline repeats a few dozen statements whose
# text is the same for any batch, and parsing and planning them took a seventh of the database's
# CPU. The web process keeps Django's default. Turn off behind a PgBouncer in transaction mode
# older than 1.21, which cannot carry prepared statements between server connections.
FACTCHECK_WORKER_PREPARED_STATEMENTS = env.bool("FACTCHECK_WORKER_PREPARED_STATEMENTS",
                                                default=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://factcheck")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "editorial:queue"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security ---------------------------------------------------------------------------------
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie.
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}
# Repeated failed logins lock a username out for a while, from the address they came from.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
# Username and address together: a stranger guessing the chief's password locks out only
# themselves, and a newsroom behind one NAT is not locked out as a whole.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- Articles ---------------------------------------------------------------------------------
# Larger texts are refused with a form error: news articles are far below this.
FACTCHECK_MAX_ARTICLE_BYTES = env.int("FACTCHECK_MAX_ARTICLE_BYTES", default=2 * 1024 * 1024)
# Pasted text up to 4× the limit reaches the form, which explains the limit; beyond, a 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * FACTCHECK_MAX_ARTICLE_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = FACTCHECK_MAX_ARTICLE_BYTES + 512 * 1024
# The best-scored claims an article keeps; the article page says how many more were found.
FACTCHECK_MAX_CLAIMS_PER_ARTICLE = env.int("FACTCHECK_MAX_CLAIMS_PER_ARTICLE", default=200)
# Work left pending or started for longer than this is enqueued again by the sweeper.
FACTCHECK_STALE_AFTER_SECONDS = env.int("FACTCHECK_STALE_AFTER_SECONDS", default=300)
# A worker whose last heartbeat (written every 10 s) is older than this is taken for dead: the
# work it held is sent again by the recovery task, which beat runs this often.
FACTCHECK_WORKER_LOST_AFTER_SECONDS = env.int("FACTCHECK_WORKER_LOST_AFTER_SECONDS", default=30)
FACTCHECK_RECOVER_EVERY_SECONDS = env.int("FACTCHECK_RECOVER_EVERY_SECONDS", default=15)
# Verifiers that run on each claim: name -> dotted path of the class.
FACTCHECK_VERIFIERS = {
    "corroboration": "factcheck.verifiers.corroboration.CorroborationVerifier",
    "earlier_verdicts": "factcheck.verifiers.earlier_verdicts.EarlierVerdictsVerifier",
    "reference_facts": "factcheck.verifiers.reference_facts.ReferenceFactsVerifier",
    "wording": "factcheck.verifiers.wording.WordingVerifier",
}
FACTCHECK_ENABLED_VERIFIERS = env.list(
    "FACTCHECK_ENABLED_VERIFIERS", default=list(FACTCHECK_VERIFIERS)
)
# More verifiers from the environment ("name=dotted.Path,…"), always enabled: test doubles, plug-ins.
FACTCHECK_EXTRA_VERIFIERS = env.dict("FACTCHECK_EXTRA_VERIFIERS", default={})
# Verifications per `verify` task: 1 is one task per (claim, verifier); larger batches cut broker
# round trips (see docs/pipeline.md for the measurements).
FACTCHECK_VERIFY_BATCH_SIZE = env.int("FACTCHECK_VERIFY_BATCH_SIZE", default=64)
# Batches of one article queued or running at once: its next batch is sent when one is done, so
# a big article holds one worker process at a time and the others serve everyone else.
FACTCHECK_VERIFY_BATCHES_PER_ARTICLE = env.int("FACTCHECK_VERIFY_BATCHES_PER_ARTICLE", default=1)
# A verification run this many times without finishing (its worker keeps dying) is marked failed.
FACTCHECK_MAX_VERIFY_ATTEMPTS = env.int("FACTCHECK_MAX_VERIFY_ATTEMPTS", default=5)
# The same for an article's extraction (out of memory on a huge text?).
FACTCHECK_MAX_EXTRACTION_ATTEMPTS = env.int("FACTCHECK_MAX_EXTRACTION_ATTEMPTS", default=5)

# --- Review desk ------------------------------------------------------------------------------
# A take lasts this long unless the claim page renews it (it does so every fifth of this).
EDITORIAL_LEASE_SECONDS = env.int("EDITORIAL_LEASE_SECONDS", default=300)
# Four-eyes: a checker's verdict on a claim at least this check-worthy (score 0–1) awaits a chief.
# 0.9: 9% of the labelled documents' factual claims (0.7 held back 81%; docs/review.md).
EDITORIAL_FOUR_EYES_MIN_SCORE = env.float("EDITORIAL_FOUR_EYES_MIN_SCORE", default=0.9)
# Which verdicts wait for a chief (a chief's own included: another chief approves it). Flags:
# disputed, correction_note (a public correction note), against_suggestion (against the
# verifiers' suggestion), score (a claim at least EDITORIAL_FOUR_EYES_MIN_SCORE check-worthy),
# hedged (a claim worded as hedged), quote (a claim quoting a named person).
EDITORIAL_APPROVAL_POLICY = env.list(
    "EDITORIAL_APPROVAL_POLICY",
    default=["disputed", "correction_note", "against_suggestion", "score", "hedged", "quote"],
)
# Verdicts that need a rationale and at least one source URL.
EDITORIAL_VERDICTS_NEEDING_SOURCES = env.list(
    "EDITORIAL_VERDICTS_NEEDING_SOURCES", default=["confirmed", "disputed"]
)

# --- Publishing -------------------------------------------------------------------------------
# The organisation named as the author of published fact-checks (schema.org ClaimReview).
FACTCHECK_ORGANISATION_NAME = env.str("FACTCHECK_ORGANISATION_NAME", default="factcheck")
FACTCHECK_ORGANISATION_URL = env.str("FACTCHECK_ORGANISATION_URL", default="")
# The desk's public address, for links sent outside a request (notification e-mails, webhooks'
# ClaimReview URLs).
FACTCHECK_SITE_URL = env.str("FACTCHECK_SITE_URL", default="http://127.0.0.1:8000")
# Webhooks: attempts per delivery, the first retry's delay (doubling after each failure, at most
# an hour) and the receiver's time to answer.
FACTCHECK_WEBHOOK_MAX_ATTEMPTS = env.int("FACTCHECK_WEBHOOK_MAX_ATTEMPTS", default=6)
FACTCHECK_WEBHOOK_RETRY_SECONDS = env.int("FACTCHECK_WEBHOOK_RETRY_SECONDS", default=30)
FACTCHECK_WEBHOOK_TIMEOUT_SECONDS = env.float("FACTCHECK_WEBHOOK_TIMEOUT_SECONDS", default=10)
# Requests the desk makes (webhooks) may go to private, loopback and link-local addresses: off,
# so that a webhook cannot reach inside the newsroom's network; tests turn it on.
FACTCHECK_FETCH_ALLOW_PRIVATE = env.bool("FACTCHECK_FETCH_ALLOW_PRIVATE", default=False)
# Fetching articles and feeds: seconds to connect and between bytes, redirects followed (each one
# checked as above), largest page read.
FACTCHECK_FETCH_TIMEOUT_SECONDS = env.float("FACTCHECK_FETCH_TIMEOUT_SECONDS", default=10)
FACTCHECK_FETCH_MAX_REDIRECTS = env.int("FACTCHECK_FETCH_MAX_REDIRECTS", default=5)
FACTCHECK_FETCH_MAX_BYTES = env.int("FACTCHECK_FETCH_MAX_BYTES", default=5 * 1024 * 1024)
# Largest bulk file (JSON Lines, CSV) the desk's upload form takes; `ingest --format` has none.
FACTCHECK_BULK_MAX_BYTES = env.int("FACTCHECK_BULK_MAX_BYTES", default=50 * 1024 * 1024)

# --- REST API (editorial/api) -----------------------------------------------------------------
REST_FRAMEWORK = {
    # A token per user (Authorization: Token …, stored as a digest) for scripts; the session for
    # the browsable API.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "editorial.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "editorial.api.pagination.NewestFirst",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": "Articles, claims, evidence, verdicts and published fact-checks of the desk.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI served from this site (drf-spectacular-sidecar): the CSP allows no other.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ArticleStateEnum": "factcheck.models.Article.STATE_CHOICES",
        "VerdictStateEnum": "editorial.models.Verdict.STATE_CHOICES",
        "ClaimStatusEnum": "factcheck.models.Claim.STATUS_CHOICES",
        "SuggestionEnum": "factcheck.models.Claim.SUGGESTION_CHOICES",
    },
}

# --- Celery -----------------------------------------------------------------------------------
# With no broker configured, kombu's filesystem transport needs no server at all.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for folder in ("queue", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # A worker serving several queues takes from them in the order its -Q lists them
    # (factcheck.celery.WORKER_QUEUES: celery,verify,nlp), instead of in turn. Verification before extraction: an article
    # already extracted is finished before the next one starts, and fewer claims wait for
    # verification in view of each other's (each such pair is searched and compared from both
    # sides). The sweeper's queue first: one short task a minute, never starved by a backlog.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600,
                                       "queue_order_strategy": "priority"}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# django-celery-results' table: the monitoring page reads the tasks' outcomes there.
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_CACHE_BACKEND = "django-cache"
CELERY_TASK_TRACK_STARTED = True
# Celery's Django fixup closes every database connection before and after each task unless this
# is set: a new PostgreSQL backend per task (fork, authentication, cold catalog caches) cost
# as much database CPU as the tasks' own queries. Connections are kept instead, and
# factcheck.worker_signals recycles them as Django does between requests (CONN_MAX_AGE,
# health checks, a connection broken by an error).
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# At-least-once: a task is acknowledged only once done, and given back if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "factcheck.tasks.extraction.*": {"queue": "nlp"},
    "factcheck.tasks.verification.*": {"queue": "verify"},
}
# Extraction workers hold a spaCy model: recycle a child that grows past this (KiB).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=1_500_000)
# Task events feed Flower and exporters; nothing else here reads them, and sending three per task
# cost about 4% of a worker's CPU. Flower switches them on in the workers it watches (its
# enable_events option, on by default); set these for other event consumers.
CELERY_WORKER_SEND_TASK_EVENTS = env.bool("CELERY_WORKER_SEND_TASK_EVENTS", default=False)
CELERY_TASK_SEND_SENT_EVENT = env.bool("CELERY_TASK_SEND_SENT_EVENT", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "sweep-stale-work": {
        "task": "factcheck.tasks.sweeper.sweep_stale_work",
        "schedule": env.int("FACTCHECK_SWEEP_EVERY_SECONDS", default=60),
    },
    "poll-feeds": {
        "task": "factcheck.tasks.ingesting.poll_feeds",
        "schedule": 60,
    },
    "resume-bulk-imports": {
        "task": "factcheck.tasks.ingesting.resume_bulk_imports",
        "schedule": 300,
    },
    "recover-lost-work": {
        "task": "factcheck.tasks.sweeper.recover_lost_work",
        "schedule": FACTCHECK_RECOVER_EVERY_SECONDS,
    },
    "sweep-webhooks": {
        "task": "editorial.tasks.sweep_webhooks",
        "schedule": 300,
    },
    "announce-pipeline-events": {
        "task": "editorial.tasks.announce_pipeline_events",
        "schedule": 60,
    },
}
CELERY_TIMEZONE = TIME_ZONE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
