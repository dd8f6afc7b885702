"""The name meant, for a message about a misspelt one ("did you mean 'backend'?")."""

from __future__ import annotations


def close_matches(word: str, possibilities: list[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches``, imported only when a name is wrong: a clean run never needs it."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)
