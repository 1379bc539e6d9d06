"""Webhooks: events recorded as deliveries (events.py), sent and signed by Celery
(delivery.py, editorial.tasks), to addresses that must not point inside the network
(factcheck.addresses)."""
