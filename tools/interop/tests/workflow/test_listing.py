"""``interop guidelines``: one listing of every program's guidelines for
the command, the docs index and the packets (issue 24, item 4)."""
from __future__ import annotations

import datetime
import json

from interop import cli
from interop.repository import Repository
from interop.workflow.listing import listing


def test_the_repositorys_baselines_may_be_used_now(root):
    """The index said "no" for every guideline: baselines had no date to
    count from.  Each now has one (its Board date, or its name's month
    when no source gives the day), so the two most recent may be used."""
    rows = {r.id: r for program in listing(Repository(root))
            for r in program}
    for gid in ("2020.06", "2019.11", "dns.2020.06", "dns.2019.11",
                "orchestration.2020.06", "orchestration.2019.11"):
        assert rows[gid].usable_now, gid
        assert rows[gid].baseline and rows[gid].status == "approved"
    assert not rows["next"].usable_now and rows["next"].status == "draft"
    assert rows["2020.06"].board_date == "2020-06-01"
    assert not rows["2020.06"].board_date_exact  # no source gave the day
    # before the Board's vote on 2020.06, it could not be used
    early = {r.id: r for program in listing(Repository(root),
                                            datetime.date(2020, 5, 31))
             for r in program}
    assert not early["2020.06"].usable_now and early["2019.11"].usable_now


def test_the_command_lists_every_program(root, capsys):
    assert cli.main(["guidelines", "--repo", root]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "powered powered:"
    assert "board 2020-06 (month)" in out
    assert "add-on dns:" in out and "vertical nfv:" in out
    assert cli.main(["guidelines", "--repo", root, "--format", "json",
                     "--day", "2020-05-31"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["2020.06"]["usable_now"] is False
    assert set(rows["next"]) == {
        "id", "kind", "program", "version", "status", "board_date",
        "board_date_exact", "target_approval", "usable_now", "baseline",
        "file"}
    assert cli.main(["guidelines", "--repo", root, "--day", "June"]) == 2
