"""Subscriptions and scheduled digests: pure schedule rules and the delivery core.

* `schedule`, `weekdays`, `zones`, `args`: pure parsing and time computation.
* `manage.SubscriptionManager`: what commands and membership updates change.
* `delivery.DeliveryService`: the scheduler core the bot's job calls every tick.
"""

from digests.subscriptions.models import ChatInfo, Delivery, EmptyPolicy, Status, Subscription
from digests.subscriptions.schedule import Schedule, latest_run_at, next_run_at, period_key

__all__ = [
    "ChatInfo",
    "Delivery",
    "EmptyPolicy",
    "Schedule",
    "Status",
    "Subscription",
    "latest_run_at",
    "next_run_at",
    "period_key",
]
