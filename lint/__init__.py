"""worker-lint: validate the deliverables that AI workers hand in."""

__version__ = "0.1.0"
