"""The dashboard's figure tables: one row per group, every count linked to its dossiers."""

from motcua.reports.stats import Figures
from motcua.reports.templatetags.reports import figure_rows


def test_each_count_links_to_its_measure_and_labels_are_escaped():
    figures = Figures(received=1234, resolved=10, early=3, on_time=5, late=2)
    html = str(figure_rows([("Phường <b>Tây</b> & Mỗ", figures, "unit=a&b")], "/thong-ke/ho-so/"))

    assert "<b>" not in html and "Phường &lt;b&gt;Tây&lt;/b&gt; &amp; Mỗ" in html
    for measure in ("received", "online", "resolved", "early", "on_time", "late",
                    "open_in_time", "open_overdue"):  # fmt: skip
        assert f'href="/thong-ke/ho-so/?unit=a&amp;b&amp;measure={measure}"' in html
    assert ">1.234</a>" in html  # Vietnamese thousands
    assert 'measure=late" data-measure="late">2</a>' in html
    assert "<td>80,00%</td>" in html  # on time: (3 + 5) ÷ 10
