"""`python -m consult …`: the same as the `consult` command."""

from consult.cli import main

if __name__ == "__main__":  # not when merely imported (pkgutil.walk_packages, pydoc)
    raise SystemExit(main())
