"""Local development and the demo: SQLite by default, console e-mail."""

import os

from retour.core.private_files import private_dir

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
# Serve static files from the finders too so a fresh checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
private_dir(VAR_DIR)  # owner-only: keys and the SQLite file live here
