"""Markdown in and out: front matter, text files."""
