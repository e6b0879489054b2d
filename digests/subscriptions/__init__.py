"""Subscriptions and scheduled digests: pure schedule rules and the delivery core.

* `schedule`, `weekdays`, `zones`, `args`: pure parsing and time computation.
* `manage.SubscriptionManager`: what commands and membership updates change.
* `delivery.DeliveryService`: the scheduler core the bot's job calls every tick.

The values they share with the store (chats, subscriptions, ledger rows) live at the
bottom, in `digests.models.subscriptions`, so the store imports nothing from here.
"""
