"""Operating newsdigest: metrics, health and readiness, status, log format.

Nothing here imports `telegram`: `newsdigest poll --forever` serves the same endpoints as
the bot, and the bot adds its Telegram-side measurements through the same seam.
"""
