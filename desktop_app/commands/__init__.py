"""Headless subcommands of ``brain-glossary`` (each imports only what it needs)."""
