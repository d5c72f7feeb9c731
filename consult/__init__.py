"""Consult's core: the library of proposals, its storage and the `consult` command. No Qt here."""

__version__ = "0.1.0"
