"""`motcua deadline`: the due on the last line, an explanation, and Vietnamese errors (exit 2)."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from motcua.workcalendar.models import CalendarOverride, OfficeHours
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

MOTCUA = str(Path(sys.executable).with_name("motcua"))


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().strip().splitlines()


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["--received", "2026-03-10 10:00", "--days", "3"], "2026-03-13 10:00"),
        (
            ["--received", "2026-03-11 16:10", "--days", "2", "--cutoff", "15:00"],
            "2026-03-13 17:00",
        ),
        (["--received", "2026-03-09 10:30", "--minutes", "240"], "2026-03-09 15:30"),
        (["--received", "2026-03-09 10:30", "--hours", "4"], "2026-03-09 15:30"),
        (["--received", "2026-08-21 10:00", "--days", "10"], "2026-09-08 10:00"),
        (["--received", "2025-12-31 16:00", "--days", "2"], "2026-01-06 16:00"),
        (
            [
                "--received",
                "2026-03-02 09:00",
                "--days",
                "5",
                "--pause",
                "2026-03-04 14:00/2026-03-09 10:30",
            ],
            "2026-03-11 15:30",
        ),
    ],
)
def test_prints_the_due_on_the_last_line(args, due):
    assert run(*args)[-1] == due


def test_uses_the_units_office_hours_and_its_own_overrides():
    ward = UnitFactory(code="phuong-tay-mo")
    OfficeHours.objects.bulk_create(
        OfficeHours(unit=ward, weekday=d, start=s, end=e)
        for d in range(6)
        for s, e in (("07:30", "11:30"), ("13:30", "17:30"))
        if d < 5 or s == "07:30"
    )
    CalendarOverride.objects.create(date="2026-03-16", kind="off", name="Bầu cử", unit=ward)
    lines = run("--received", "2026-03-13 16:30", "--hours", "3", "--unit", "phuong-tay-mo")
    # Fri 16:30–17:30 (60), Sat 07:30–09:30 (120): Monday is the unit's day off.
    assert lines[-1] == "2026-03-14 09:30"
    assert run("--received", "2026-03-13 16:30", "--hours", "3")[-1] == "2026-03-16 10:30"


def test_explain_lists_clock_start_and_each_counted_interval_in_vietnamese():
    lines = run("--received", "2026-02-13 09:00", "--days", "5", "--explain")
    text = "\n".join(lines)
    assert "Bắt đầu tính thời hạn: Thứ Sáu 13/02/2026 09:00" in text
    assert "13/02/2026  09:00–12:00    180     180" in text
    assert "nghỉ: Giao thừa Tết Nguyên Đán" in text
    assert "27/02/2026  08:00–09:00     60    2400" in text
    assert lines[-1] == "2026-02-27 09:00"


def test_explain_leaves_out_the_paused_time():
    lines = run(
        "--received",
        "2026-03-02 09:00",
        "--days",
        "5",
        "--pause",
        "2026-03-04 14:00/2026-03-09 10:30",
        "--explain",
    )
    text = "\n".join(lines)
    assert "1290 phút làm việc không tính" in text
    assert "04/03/2026  13:00–14:00     60    1200" in text
    assert "09/03/2026  10:30–12:00     90    1290" in text
    assert "05/03/2026" not in text


BAD_INPUT = [
    (["--received", "2026-02-30 09:00", "--days", "1"], "Thời điểm tiếp nhận không hợp lệ"),
    (["--received", "hôm nay", "--days", "1"], "Thời điểm tiếp nhận không hợp lệ"),
    (["--days", "1"], "Thiếu --received"),
    (["--received", "2026-03-09 09:00"], "Thiếu thời hạn"),
    (["--received", "2026-03-09 09:00", "--days", "0"], "số nguyên dương"),
    (["--received", "2026-03-09 09:00", "--days", "-2"], "số nguyên dương"),
    (["--received", "2026-03-09 09:00", "--days", "ba"], "số nguyên dương"),
    (["--received", "2026-03-09 09:00", "--days", "100000"], "quá lớn"),
    (["--received", "2026-03-09 09:00", "--days", "1", "--hours", "2"], "Chỉ dùng một"),
    (["--received", "2026-03-09 09:00", "--days", "1", "--cutoff", "25:00"], "Giờ chốt"),
    (
        ["--received", "2026-03-09 09:00", "--days", "1", "--unit", "khong-co"],
        "Không tìm thấy đơn vị",
    ),
    (["--received", "2026-03-09 09:00", "--days", "1", "--pause", "2026-03-09 10:00"], "tạm dừng"),
    (
        [
            "--received",
            "2026-03-09 09:00",
            "--days",
            "1",
            "--pause",
            "2026-03-09 11:00/2026-03-09 10:00",
        ],
        "kết thúc không sau",
    ),
    (
        [
            "--received",
            "2026-03-09 09:00",
            "--days",
            "1",
            "--pause",
            "2026-03-05 10:00/2026-03-09 10:00",
        ],
        "nằm ngoài khoảng",
    ),
    (
        [
            "--received",
            "2026-03-09 09:00",
            "--days",
            "1",
            "--pause",
            "2026-03-12 10:00/2026-03-13 10:00",
        ],
        "nằm ngoài khoảng",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_bad_input_is_a_vietnamese_command_error_with_exit_code_2(args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)
    assert error.value.returncode == 2


def test_argument_errors_are_in_vietnamese_too():
    with pytest.raises(CommandError) as error:
        run("--received", "2026-03-09 09:00", "--days")
    assert str(error.value).startswith("Tham số dòng lệnh không hợp lệ")
    assert error.value.returncode == 2


@pytest.fixture(scope="module")
def motcua_home(tmp_path_factory):
    """A migrated throw-away SQLite home for the real `motcua` executable."""
    home = tmp_path_factory.mktemp("motcua-home")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "TEST_DATABASE_NAME"}
    } | {"DEBUG": "1", "MOTCUA_HOME": str(home)}
    subprocess.run([MOTCUA, "migrate", "-v0"], env=env, cwd=home, check=True, timeout=120)
    return home, env


def test_the_executable_prints_the_due_and_exits_0(motcua_home):
    home, env = motcua_home
    done = subprocess.run(
        [MOTCUA, "deadline", "--received", "2026-01-01 10:00", "--days", "1"],
        env=env,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # 01/01 holiday, 02/01 the shipped swap, weekend; Sat 10/01 is worked but comes later.
    assert done.stdout.strip().splitlines()[-1] == "2026-01-05 17:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2026-02-30 09:00", "--days", "1"], "Thời điểm tiếp nhận không hợp lệ"),
        (["--received", "2026-03-09 09:00", "--days", "1", "--minutes", "5"], "Chỉ dùng một"),
        (["--received", "2026-03-09 09:00", "--days", "1", "--unit", "khong-co"], "Không tìm thấy"),
        (["--received", "2026-03-09 09:00", "--days"], "Tham số dòng lệnh không hợp lệ"),
    ],
)
def test_the_executable_writes_one_vietnamese_line_and_exits_2(motcua_home, args, message):
    home, env = motcua_home
    done = subprocess.run(
        [MOTCUA, "deadline", *args], env=env, cwd=home, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]
    assert "Traceback" not in done.stderr
