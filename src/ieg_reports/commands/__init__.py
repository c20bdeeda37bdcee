"""The CLI's verbs as plain functions; `cli.py` only parses arguments and prints."""
