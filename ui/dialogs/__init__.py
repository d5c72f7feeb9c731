"""Dialogs of the desktop client (new proposal, recovery of working drafts …)."""
