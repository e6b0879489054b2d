"""Topic alerts: each new story matching a chat's topic or query, pushed once, folded.

Framework-free like `digests.subscriptions`, whose ledger, leases and senders alerts reuse:
an alert subscription is a ``subscriptions`` row of kind ``alert``, and each (alert
subscription, story) is one ``deliveries`` row keyed ``story:<first article id>``.
"""
