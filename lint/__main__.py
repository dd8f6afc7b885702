"""Allow ``python -m lint``.

``python -m`` puts the current folder first on the module path, and the current
folder is often the project being linted, which workers write to: a ``click.py``
or ``re.py`` planted there would run in place of the real one. That entry is
removed before anything else is imported (the package's ``__init__`` imports
nothing). A ``lint/`` package planted in the current folder is imported by
Python itself before this file runs, which no code here can prevent: the README
recommends the ``worker-lint`` command, or ``python -P -m lint``.
"""

import os
import sys


def _forget_the_current_folder() -> None:
    """Take the current folder off the front of the module path, where ``-m`` put it."""
    if sys.flags.safe_path or not sys.path:
        return
    try:
        here = os.getcwd()
    except OSError:  # the current folder was removed: the entry leads nowhere either way
        here = None
    if sys.path[0] == "" or (here is not None and os.path.abspath(sys.path[0]) == here):
        del sys.path[0]


if __name__ == "__main__":
    _forget_the_current_folder()
    from lint.cli import main

    main()
