"""Application services: what the interfaces (the bot, the CLI) call, one capability each.

Each service holds the rules of its capability and reaches the store, the fetcher and the
pipelines itself; the interfaces parse input and render results. Modules are imported by
their users (`digests.services.sources`, ...), so importing this package costs nothing.
"""
