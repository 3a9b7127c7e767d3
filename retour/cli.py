"""Kept for environments installed before the console script moved to
``retour.platform.cli`` (their ``.venv/bin/retour`` imports this module);
`make` re-syncs the environment, after which nothing imports it."""

from retour.platform.cli import main

if __name__ == "__main__":
    main()
