"""Default limits on what is read, and the highest a user may set: shared by the
loaders and the settings, and light to import (the settings need them at every start)."""

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 128  # the default limit on nesting (max-json-depth)
JSON_DEPTH_CEILING = 500  # the highest limit one may set: Python's reader recurses once per level
MAX_MARKDOWN_DEPTH = 20  # the default limit (max-markdown-depth); mistune's own default level
MARKDOWN_DEPTH_CEILING = 100  # the highest limit one may set: well below where mistune's recursion fails
