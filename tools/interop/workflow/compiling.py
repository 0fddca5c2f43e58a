"""``interop compile``: the sources published, unless the catalogue
refuses them (a source that breaks it must not reach consumers)."""
from __future__ import annotations

from interop.repository import Repository
from interop.workflow.writing import writing


def compiled(repo: Repository, paths: list[str], check: bool = False,
             force: bool = False, verbose: bool = False
             ) -> tuple[str, str, bool]:
    """(the report, the refusal for standard error, whether every
    published file matches or was written) of compiling ``paths``.

    What compile itself refuses (unreadable, outside the layout) raises
    first; then the catalogue's errors refuse the write, unless
    ``force``.  ``check`` writes nothing and compares."""
    from interop.publish.outputs import compile_sources
    from interop.publish.report import compile_report, refused_text
    if not check and not force:
        from interop.checks import check_files
        from interop.checks.formatters import failing
        compile_sources(repo, paths, check=True)
        errors = failing(check_files(paths, repo))
        if errors:
            return "", refused_text(errors), False
    if check:
        outcomes = compile_sources(repo, paths, check=True)
    else:
        with writing(repo.root):
            outcomes = compile_sources(repo, paths)
    text, matches = compile_report(outcomes, check, verbose)
    return text, "", matches
