import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings.dev")

app = Celery("factcheck")
# Every Celery setting lives in Django settings, prefixed CELERY_.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The queues a worker serving them all consumes, in the order it takes from them (the Redis
# transport's queue_order_strategy is "priority", see settings): the sweeper's, then
# verification, then extraction. docker-compose.yml spells the same list.
WORKER_QUEUES = "celery,verify,nlp"
