"""T007, and the program policy that T006, C007 and the V rules read.

What a program's policy allows comes from the data in
``criteria/process/programs.yaml`` (:mod:`interop.load.policy`): where its
tests may come from and whether a required capability may need admin
credentials.  Without that file the process documents' defaults hold.
"""
from __future__ import annotations

from collections.abc import Iterator

from interop.checks.engine import Document, Problem, rule
from interop.errors import LoadError, Location
from interop.load.policy import Policy, default_policies, load_policies
from interop.load.policy import source_of as _source_of

_WHERE = {"tempest-api": "Tempest's API tests", "tempest": "Tempest",
          "own-plugin": "the program's own team's Tempest plugin",
          "plugins": "a Tempest plugin",
          "xtesting": "an adjacent suite (xtesting)"}


def policy_of(doc: Document) -> tuple[Policy, LoadError | None]:
    """The document's program policy, and the error that kept the
    repository's from being read (then the defaults hold)."""
    def load() -> tuple[Policy, LoadError | None]:
        g = doc.guideline
        root = getattr(doc.repo, "root", None)
        error = None
        try:
            policies = load_policies(root)
        except LoadError as exc:
            policies, error = default_policies(), exc
        policy = policies.of(g.program.kind, g.program.name)
        if policy.team is None and doc.repo is not None:
            try:
                team = doc.repo.ownership.team_of(g.program.name)
            except LoadError:
                team = None
            if team:
                import dataclasses
                policy = dataclasses.replace(policy, team=team)
        return policy, error
    return doc.memo("program policy", load)


def source_of(doc: Document, test: str) -> str:
    """Where a test comes from; where no owner names the program's team
    (a published file checked on its own), a plugin may be its own."""
    team = policy_of(doc)[0].team
    found = _source_of(test, team)
    return "own-plugin" if found == "plugins" and team is None else found


def _unreadable(doc: Document, error: LoadError) -> Problem:
    f = error.finding
    file = doc.repo.rel(f.path) if doc.repo is not None and \
        f.path.startswith("/") else f.path
    return Problem(f"{f.code} {f.message} (the process documents' policy "
                   "holds meanwhile)", loc=Location(f.line, f.col),
                   file=file)


def not_allowed(doc: Document, code_kind: bool) -> Iterator[Problem]:
    """Tests from a source the policy does not allow; ``code_kind``:
    Powered (T006) or the others (T007)."""
    policy, error = policy_of(doc)
    if error is not None:
        yield _unreadable(doc, error)
    allowed = ", ".join(_WHERE[s] for s in policy.tests_from)
    for cap in doc.guideline.iter_capabilities():
        for test in cap.iter_tests():
            source = source_of(doc, test.name)
            if not policy.allows(source):
                yield Problem(f"test '{test.name}' of '{cap.name}' comes "
                              f"from {_WHERE[source]}; the "
                              f"{doc.guideline.program.name} program's "
                              f"policy allows {allowed} "
                              "(criteria/process/programs.yaml)", test.path)


@rule("T007", "error", "test-source-not-allowed")
def test_source_not_allowed(doc: Document) -> Iterator[Problem]:
    """A test of an add-on or a vertical comes from a source its
    program's policy does not allow: an add-on uses Tempest and its own
    project team's plugin, a vertical Tempest, the plugins and the adjacent
    suites it names, unless ``criteria/process/programs.yaml`` says
    otherwise for the program.  (Powered's is T006.)

    Fails::

        program: {kind: add-on, name: dns}
        capabilities:
          compute-servers-create:
            tests:
              manila_tempest_tests.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f

    Passes::

        program: {kind: add-on, name: dns}
        capabilities:
          compute-servers-create:
            tests:
              designate_tempest_plugin.tests.api.T.test_x:
                idempotent_id: id-5de47127-9977-400a-936f-abcfbec1218f
    """
    if doc.guideline.program.kind == "powered":
        return
    yield from not_allowed(doc, False)
