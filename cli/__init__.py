"""The `newsdigest` command line: parses arguments, calls the core, renders the results.

An interface beside `bot/`: `main` is the console script's entry point; `console` prints
with rich or as JSON. Heavy modules are imported by the commands that use them, so
`newsdigest --help` stays fast (`tests/cli/test_startup.py`).
"""
