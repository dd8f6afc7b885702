"""Loading deliverable files into immutable documents with positions."""
