"""What ``interop review`` says of scoring sheets and criteria sets, and
how ``interop diff`` writes values."""
import json

from interop import cli
from interop.tests.workflow.test_gerrit import sheet_repo  # noqa: F401
from interop.tests.workflow.test_review import commit, edit, repo  # noqa
from interop.workflow.review import review, to_text


def said(rv):
    return [c.message for i in rv.items for c in i.changes]


def test_a_weight_changed_is_said_with_the_scores_it_moves(
        sheet_repo):  # noqa: F811
    edit(sheet_repo, "criteria/core.yaml", "Atomic\n    weight: 6\n",
         "Atomic\n    weight: 7\n")
    edit(sheet_repo, "criteria/core.yaml", "Foundation\n    weight: 9\n",
         "Foundation\n    weight: 8\n")  # the total stays 100
    commit(sheet_repo, "Reweigh")
    rv = review(sheet_repo.working_tree_dir)
    messages = said(rv)
    assert "weight of atomic changed from 6 to 7 in core" in messages
    assert "weight of foundation changed from 9 to 8 in core" in messages
    # the sheet was not touched, but its totals moved with the weights
    assert "score of compute-servers-create moved 77 → 78 " \
        "(weights of core)" in messages
    text = to_text(rv)
    assert "criteria/core.yaml (criteria set core):" in text


def test_a_cutoff_and_marks(sheet_repo):  # noqa: F811
    edit(sheet_repo, "criteria/core.yaml", "cutoff: 74", "cutoff: 75")
    edit(sheet_repo, "criteria/scoring/powered/next.yaml",
         '"deployed": 1', '"deployed": "?"')
    commit(sheet_repo, "Unsure")
    messages = said(review(sheet_repo.working_tree_dir))
    assert "cutoff of core changed from 74 to 75" in messages
    assert "score of compute-servers-create moved 77 → 69..77? " \
        "(deployed 1 → ?)" in messages


def test_diff_writes_values_as_the_source_does(repo, capsys,  # noqa: F811
                                               monkeypatch):
    edit(repo, "guidelines/next.yaml", "    admin: false\n",
         "    admin: true\n")
    commit(repo, "Admin")
    monkeypatch.chdir(repo.working_tree_dir)
    assert cli.main(["diff", "HEAD~1:guidelines/next.yaml",
                     "guidelines/next.yaml"]) == 0
    out = capsys.readouterr().out
    # one plain form, as the Board documents write it (diff.words/said)
    assert "capability compute-servers-create: admin: true (was false)" \
        in out
    assert "True" not in out and "'" not in out
    assert cli.main(["diff", "guidelines/2026.06.yaml",
                     "guidelines/next.yaml", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    changes = json.loads(out)
    assert {"kind": "metadata-changed", "subject": "status",
            "message": "status: draft (was approved)"} in changes
    assert "different programs" not in err


def test_diff_warns_across_programs(repo, capsys, monkeypatch):  # noqa
    import os
    root = repo.working_tree_dir
    os.makedirs(os.path.join(root, "add-ons", "dns"))
    with open(os.path.join(root, "guidelines", "next.yaml")) as handle:
        text = handle.read()
    with open(os.path.join(root, "add-ons", "dns", "next.yaml"), "w") as out:
        out.write(text.replace("id: next", "id: dns.next"))
    monkeypatch.chdir(root)
    assert cli.main(["diff", "guidelines/next.yaml",
                     "add-ons/dns/next.yaml"]) == 0
    err = capsys.readouterr().err
    assert "OpenStack Powered" in err and "the add-on dns" in err
    assert "two different programs" in err
