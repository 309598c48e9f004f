"""The real settings, with a throwaway data directory so tests never touch the user's."""

import os
import tempfile

os.environ.setdefault("NOCONTACT_DATA_DIR", tempfile.mkdtemp(prefix="nocontact-tests-"))

from nocontact.settings import *  # noqa: F403
