"""Settings: each declared once; configuration files, globs and limits."""
