"""Default limits on what is read, shared by the loaders and the settings."""

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
