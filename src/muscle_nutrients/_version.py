"""Versions: the code's, and the knowledge base's own (they change independently)."""

__version__ = "0.1.0"

#: Version of the packaged knowledge base: the date its content was last reviewed, then a
#: serial for same-day revisions. Every packaged data file carries the same value.
DATA_VERSION = "2026.11.30.9"
