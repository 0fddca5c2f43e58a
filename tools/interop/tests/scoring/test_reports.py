"""``scoring.reports.reports_text``: several sheets' reports in one."""
import json
from types import SimpleNamespace

from interop.scoring import tabulate
from interop.scoring.reports import reports_text


def test_several_reports_are_headed_or_one_json_list(monkeypatch):
    monkeypatch.setitem(tabulate.FORMATS, "text",
                        lambda rep: f"report {rep.n}\n")
    reports = [(f"/r/s{n}.yaml", SimpleNamespace(n=n, as_dict=lambda n=n:
                                                  {"n": n}))
               for n in (1, 2)]
    rel = lambda path: path[3:]  # noqa: E731
    assert reports_text(reports, "text", rel) == (
        "== s1.yaml\nreport 1\n\n== s2.yaml\nreport 2\n")
    assert reports_text(reports[:1], "text", rel) == "report 1\n"
    assert json.loads(reports_text(reports, "json", rel)) == [
        {"n": 1}, {"n": 2}]
