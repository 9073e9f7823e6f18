"""The `grant-intake` command."""
