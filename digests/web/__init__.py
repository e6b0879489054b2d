"""News from the web: safe fetching, canonical URLs, feeds, pages, polling and OPML.

Stages: `safety` (which addresses may be reached) -> `fetch` (polite async HTTP) ->
`feeds` / `pages` (bytes to drafts) -> the core ingest pipeline. `poller` strings them
together for sources; `links` does it for one URL a user sent.
"""
