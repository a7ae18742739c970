from django.db import migrations


def add_formula(apps, schema_editor):
    from motcua.reports.formula766 import FORMULA_2022

    ScorecardFormula = apps.get_model("reports", "ScorecardFormula")
    ScorecardFormula.objects.update_or_create(
        effective_from=FORMULA_2022["effective_from"],
        defaults={
            "name": FORMULA_2022["name"],
            "indicators": FORMULA_2022["indicators"],
            "bands": FORMULA_2022["bands"],
        },
    )


def remove_formula(apps, schema_editor):
    from motcua.reports.formula766 import FORMULA_2022

    ScorecardFormula = apps.get_model("reports", "ScorecardFormula")
    ScorecardFormula.objects.filter(effective_from=FORMULA_2022["effective_from"]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(add_formula, remove_formula)]
