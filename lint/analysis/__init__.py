"""Facts about a loaded deliverable that several rules share."""
