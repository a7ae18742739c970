"""Demo resolution targets (the Nam Từ Liêm congress terms and some ward targets) and a few
dozen citizen feedback items across the wards in every state.

Figures the seeds report are used as reported (2014: growth 16%, budget revenue 145% of plan,
party development 160% of the city's plan; 2015–2020: average growth 14.9% against 14%,
income 92 million đồng per person, 99.99% of dossiers on time, satisfaction above 90%);
the other yearly figures are plausible, not official. See docs/targets.md.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from motcua.feedback import services as feedback_services
from motcua.feedback.models import Feedback
from motcua.organization.models import Unit
from motcua.targets.models import (
    Actual,
    ActualStatus,
    Breakthrough,
    KeyTask,
    Target,
    TargetGroup,
    Term,
    YearGoal,
)
from motcua.targets.services import log

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
D = Decimal

TERM_I = "Nghị quyết Đại hội Đảng bộ quận Nam Từ Liêm lần thứ I, nhiệm kỳ 2015–2020"
TERM_II = "Nghị quyết Đại hội Đảng bộ quận Nam Từ Liêm lần thứ II, nhiệm kỳ 2020–2025"

KEY_TASKS_II = [
    "Phát triển kinh tế nhanh và bền vững, ưu tiên phát triển thương mại – dịch vụ.",
    "Quản lý đô thị theo hướng thông minh; đầu tư đồng bộ hạ tầng kỹ thuật, hạ tầng xã hội.",
    "Cải cách hành chính, xây dựng chính quyền điện tử, chuyển đổi số.",
    "Phát triển văn hóa – xã hội, nâng cao đời sống vật chất, tinh thần của Nhân dân.",
    "Giữ vững ổn định chính trị, trật tự, an toàn xã hội; tăng cường quốc phòng, an ninh.",
    "Xây dựng Đảng bộ và hệ thống chính trị trong sạch, vững mạnh, hiệu lực, hiệu quả.",
]
BREAKTHROUGHS_II = [
    "Tăng cường hiệu lực, hiệu quả công tác quản lý đô thị; tiếp tục xây dựng đồng bộ, hiện đại "
    "hệ thống kết cấu hạ tầng kỹ thuật và hạ tầng kinh tế – xã hội, trọng tâm là hạ tầng giao "
    "thông, bảo vệ môi trường.",
    "Tập trung thực hiện chuyển đổi số trong các cơ quan Đảng, chính quyền, MTTQ và các tổ chức "
    "chính trị – xã hội.",
    "Nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức quận đáp ứng yêu cầu nhiệm vụ "
    "trong tình hình mới.",
]

# (group, [(name, unit of measure, direction, baseline, goal, goal text, units, yearly 2020–2024)])
# fmt: off
GROUPS_II = [
    ("Tăng trưởng kinh tế", [
        ("Tốc độ tăng giá trị sản xuất các ngành kinh tế bình quân/năm", "%", "higher", "14.9",
         "12", "bình quân 12%/năm", ["ntl-tckh"], ["6.8", "7.5", "11.2", "12.4", "12.9"]),
    ]),
    ("Cơ cấu kinh tế", [
        ("Tỷ trọng thương mại – dịch vụ trong giá trị sản xuất", "%", "floor", "60.3", "65",
         "đạt trên 65%", ["ntl-kinh-te"], ["60.5", "61.2", "62.6", "63.9", "65.1"]),
    ]),
    ("Thu ngân sách", [
        ("Thu ngân sách trên địa bàn so với kế hoạch thành phố giao", "% kế hoạch", "higher",
         "145", "100", "hằng năm đạt và vượt kế hoạch", ["ntl-tckh"],
         ["112", "118", "131", "145", "127"]),
    ]),
    ("Thu nhập, đời sống", [
        ("Thu nhập bình quân đầu người", "triệu đồng/năm", "higher", "92", "130", "",
         ["ntl-tckh"], ["92", "95", "104", "113", "121"]),
    ]),
    ("Giảm nghèo, an sinh xã hội", [
        ("Tỷ lệ hộ nghèo theo chuẩn thành phố", "%", "ceiling", "0.12", "0.05", "dưới 0,05%",
         ["ntl-ldtbxh"], ["0.12", "0.09", "0.07", "0.05", "0.03"]),
    ]),
    ("Giáo dục – đào tạo", [
        ("Tỷ lệ trường công lập đạt chuẩn quốc gia", "%", "higher", "78", "90", "", ["ntl-gddt"],
         ["78", "80", "83", "86", "88"]),
    ]),
    ("Y tế", [
        ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "floor", "90.2", "95", "", ["ntl-y-te"],
         ["90.2", "91.5", "92.8", "93.9", "94.6"]),
    ]),
    ("Văn hóa", [
        ("Tỷ lệ tổ dân phố đạt danh hiệu Tổ dân phố văn hóa", "%", "higher", "88", "92", "",
         ["ntl-vhtt"], ["88", "89", "90", "91.3", "92.4"]),
    ]),
    ("Quản lý đô thị, trật tự xây dựng", [
        ("Số công trình vi phạm trật tự xây dựng phát sinh trong năm", "công trình", "lower",
         "124", "60", "giảm ít nhất một nửa", ["ntl-doi-ttxd", "ntl-qldt"],
         ["118", "97", "84", "71", "63"]),
    ]),
    ("Môi trường", [
        ("Tỷ lệ rác thải sinh hoạt được thu gom, xử lý trong ngày", "%", "floor", "98", "100", "",
         ["ntl-tnmt"], ["98", "99", "99.5", "100", "100"]),
    ]),
    ("Cải cách hành chính", [
        ("Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", "floor", "99.99", "99.5", "",
         ["ntl-vp"], ["99.99", "99.98", "99.99", "99.97", "99.99"]),
        ("Chỉ số hài lòng của người dân", "%", "floor", "90", "92", "", ["ntl-noi-vu"],
         ["90.4", "91.2", "92.1", "92.8", "93.5"]),
    ]),
    ("Chuyển đổi số", [
        ("Tỷ lệ hồ sơ nộp trực tuyến", "%", "higher", "18", "60", "", ["ntl-vp"],
         ["18", "27", "39", "51", "58"]),
    ]),
    ("Quốc phòng, an ninh", [
        ("Tỷ lệ khu dân cư đạt tiêu chuẩn an toàn về an ninh trật tự", "%", "floor", "85", "90",
         "", ["ntl-vp"], ["85", "86.5", "88", "89.2", "90.5"]),
    ]),
    ("Xây dựng Đảng", [
        ("Kết nạp đảng viên mới so với kế hoạch thành phố giao", "% kế hoạch", "higher", "160",
         "100", "hằng năm đạt và vượt kế hoạch", ["ntl-noi-vu"],
         ["160", "118", "125", "132", "121"]),
        ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", "floor", "88", "90", "",
         ["ntl-noi-vu"], ["88", "89.5", "91", "90.4", "92"]),
    ]),
]
# fmt: on

# Term I (2015–2020): baseline 2014 as the 20/03/2015 report gives it; 2020 closes the term.
# fmt: off
GROUPS_I = [
    ("Kinh tế", [
        ("Tốc độ tăng giá trị sản xuất các ngành kinh tế bình quân/năm", "%", "higher", "16",
         "14", "bình quân 14%/năm", ["ntl-tckh"],
         {2015: "15.6", 2016: "15.2", 2017: "15.0", 2018: "14.8", 2019: "14.7", 2020: "14.9"}),
        ("Thu ngân sách so với kế hoạch thành phố giao", "% kế hoạch", "higher", "145", "100", "",
         ["ntl-tckh"], {2015: "138", 2016: "126", 2017: "131", 2018: "122", 2019: "119"}),
        ("Thu nhập bình quân đầu người", "triệu đồng/năm", "higher", "44", "85",
         "gấp 2 lần đầu nhiệm kỳ", ["ntl-tckh"], {2016: "55", 2018: "72", 2020: "92"}),
    ]),
    ("Cải cách hành chính", [
        ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "floor", "98", "99", "", ["ntl-vp"],
         {2018: "99.98", 2019: "99.99", 2020: "99.99"}),
        ("Chỉ số hài lòng của người dân", "%", "floor", "85", "90", "", ["ntl-noi-vu"],
         {2018: "90.2", 2019: "90.6", 2020: "91"}),
    ]),
    ("Xây dựng Đảng", [
        ("Phát triển đảng viên mới so với kế hoạch thành phố giao", "% kế hoạch", "higher", "160",
         "100", "", ["ntl-noi-vu"], {2015: "142", 2017: "128", 2019: "131"}),
    ]),
]
# fmt: on

# fmt: off
WARD_TERMS = [
    (
        "Nghị quyết Đại hội Đảng bộ phường Mỹ Đình 1, nhiệm kỳ 2020–2025",
        "p-my-dinh-1", (2020, 2025),
        [
            ("Tỷ lệ hộ gia đình đạt danh hiệu Gia đình văn hóa", "%", "floor", "90", "92",
             ["p-my-dinh-1-ubnd"], {2021: "91", 2022: "92.3", 2023: "92.5", 2024: "93"}, None),
            ("Số vụ vi phạm trật tự xây dựng phát sinh", "vụ", "lower", "14", "6",
             ["p-my-dinh-1-ubnd"], {2021: "12", 2022: "9", 2023: "8", 2024: "7"}, None),
        ],
    ),
    (
        "Nghị quyết Đại hội Đảng bộ phường Từ Liêm lần thứ I, nhiệm kỳ 2025–2030",
        "p-tu-liem", (2025, 2030),
        [
            ("Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến toàn trình", "%", "higher", "55",
             "80", ["p-tu-liem-ktht"], {}, (2025, "61,5", "chuyenvien.tuliem")),
            ("Tỷ lệ trường học đạt chuẩn quốc gia", "%", "higher", "82", "95", ["p-tu-liem-vhxh"],
             {}, (2025, "85", "vhxh.tuliem")),
            ("Tỷ lệ hộ nghèo", "%", "ceiling", "0.04", "0.02", ["p-tu-liem-vhxh"], {}, None),
        ],
    ),
]
# fmt: on


def _instant(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=TZ)


def _approved(target, unit, year: int, value: str) -> None:
    reported = _instant(year + 1, 1, 15) if year < 2026 else _instant(2026, 11, 2)
    decided = reported + dt.timedelta(days=7)
    actual = Actual.objects.create(
        target=target,
        year=year,
        quarter=0,
        value=D(value),
        reporting_unit=unit,
        source=f"Báo cáo tổng kết năm {year}",
        reported_at=reported,
        status=ActualStatus.APPROVED,
        decided_at=decided,
    )
    data = {"period": str(year), "value": value}
    log(target, "report", at=reported, actual=actual, data=data)
    log(target, "approve", at=decided, actual=actual, data=data)


def _target(group, order, row, units, start_year, when) -> Target:
    name, measure, direction, baseline, goal, goal_text, codes = row[:7]
    target = Target.objects.create(
        group=group,
        order=order,
        name=name,
        unit_of_measure=measure,
        direction=direction,
        baseline=D(baseline),
        baseline_year=start_year - 1 if start_year == 2015 else start_year,
        goal=D(goal),
        goal_text=goal_text,
    )
    target.responsible_units.set([units[c] for c in codes if c in units])
    log(target, "define", at=when, data={"goal": goal, "direction": direction})
    return target


def _term(units, name, unit_code, years, summary="") -> Term | None:
    unit = units.get(unit_code)
    if unit is None or Term.objects.filter(unit=unit, name=name).exists():
        return None
    return Term.objects.create(
        name=name,
        unit=unit,
        start_year=years[0],
        end_year=years[1],
        summary=summary,
        document=f"Nghị quyết Đại hội, nhiệm kỳ {years[0]}–{years[1]}",
    )


def load_targets(units: dict[str, Unit]) -> int:
    """Create the demo terms that are missing; return how many were created."""
    created = 0
    term = _term(units, TERM_I, "nam-tu-liem", (2015, 2020))
    if term is not None:
        created += 1
        when = _instant(2015, 8, 1)
        for g_order, (group_name, rows) in enumerate(GROUPS_I, start=1):
            group = TargetGroup.objects.create(term=term, order=g_order, name=group_name)
            for order, row in enumerate(rows, start=1):
                target = _target(group, order, row, units, 2015, when)
                unit = target.responsible_units.first()
                for year, value in row[7].items():
                    _approved(target, unit, year, value)
    summary = (
        "Tiếp tục xây dựng quận Nam Từ Liêm trở thành trung tâm mới của Thủ đô, xanh, giàu đẹp, "
        "hiện đại, văn minh; từng bước xây dựng và quản lý đô thị theo hướng thông minh."
    )
    term = _term(units, TERM_II, "nam-tu-liem", (2020, 2025), summary)
    if term is not None:
        created += 1
        when = _instant(2020, 8, 11)
        KeyTask.objects.bulk_create(
            KeyTask(term=term, order=n, text=text) for n, text in enumerate(KEY_TASKS_II, 1)
        )
        Breakthrough.objects.bulk_create(
            Breakthrough(term=term, order=n, text=text)
            for n, text in enumerate(BREAKTHROUGHS_II, 1)
        )
        for g_order, (group_name, rows) in enumerate(GROUPS_II, start=1):
            group = TargetGroup.objects.create(term=term, order=g_order, name=group_name)
            for order, row in enumerate(rows, start=1):
                target = _target(group, order, row, units, 2020, when)
                if row[2] in ("floor", "higher") and row[1] == "% kế hoạch":
                    YearGoal.objects.bulk_create(
                        YearGoal(target=target, year=y, goal=D(100)) for y in range(2020, 2026)
                    )
                unit = target.responsible_units.first()
                for year, value in zip(range(2020, 2025), row[7], strict=True):
                    _approved(target, unit, year, value)
    created += _load_ward_terms(units)
    return created


def _load_ward_terms(units) -> int:
    users = {u.username: u for u in get_user_model().objects.filter(username__contains=".")}
    created = 0
    for name, unit_code, years, rows in WARD_TERMS:
        term = _term(units, name, unit_code, years)
        if term is None:
            continue
        created += 1
        group = TargetGroup.objects.create(term=term, order=1, name="Chỉ tiêu chủ yếu")
        when = _instant(years[0], 7, 15)
        for order, (t_name, measure, direction, base, goal, codes, done, pending) in enumerate(
            rows, start=1
        ):
            row = (t_name, measure, direction, base, goal, "", codes)
            target = _target(group, order, row, units, years[0], when)
            unit = target.responsible_units.first()
            for year, value in done.items():
                _approved(target, unit, year, value)
            if pending and pending[2] in users:
                year, value, reporter = pending
                at = _instant(2026, 11, 3)
                actual = Actual.objects.create(
                    target=target,
                    year=year,
                    value=D(value.replace(",", ".")),
                    reporting_unit=unit,
                    reported_by=users[reporter],
                    reported_at=at,
                    source=f"Báo cáo số 45/BC-UBND ngày 03/11/{year + 1}",
                    status=ActualStatus.PENDING,
                )
                log(
                    target,
                    "report",
                    at=at,
                    actor=users[reporter],
                    actual=actual,
                    data={"period": str(year), "value": value},
                )
    return created


# Who handles feedback at each demo unit (accounts of demo/data/staff.py).
HANDLERS = {
    "p-tu-liem-vp": "tuphap.tuliem",
    "p-tu-liem-ktht": "chuyenvien.tuliem",
    "p-tu-liem-vhxh": "vhxh.tuliem",
    "p-tu-liem-ubnd": "chutich.tuliem",
    "p-xuan-phuong-moi-ktht": "chuyenvien.xuanphuong",
    "p-xuan-phuong-moi-vp": "chuyenvien.xuanphuong",
    "p-xuan-phuong-moi-ubnd": "chutich.xuanphuong",
}
# fmt: off
TOPICS = [
    ("p-tu-liem-ktht", "Đèn chiếu sáng ngõ 68 Cầu Diễn không hoạt động",
     "Hệ thống đèn chiếu sáng ngõ 68 phố Cầu Diễn tắt hơn một tuần, buổi tối rất nguy hiểm."),
    ("p-tu-liem-ktht", "Công trình xây dựng lấn chiếm vỉa hè đường Hồ Tùng Mậu",
     "Một công trình nhà ở tại số 210 Hồ Tùng Mậu để vật liệu xây dựng chiếm toàn bộ vỉa hè."),
    ("p-tu-liem-ktht", "Nắp hố ga bị vỡ trước cổng trường tiểu học",
     "Nắp hố ga trước cổng trường tiểu học Mỹ Đình bị vỡ, học sinh đi qua dễ bị ngã."),
    ("p-tu-liem-vp", "Thời gian chờ chứng thực bản sao quá lâu",
     "Sáng thứ Hai tôi chờ hơn hai giờ để chứng thực bản sao giấy tờ tại bộ phận một cửa."),
    ("p-tu-liem-vp", "Đề nghị bố trí thêm chỗ ngồi tại Trung tâm Phục vụ hành chính công",
     "Khu vực chờ thường xuyên quá tải, người cao tuổi phải đứng chờ."),
    ("p-tu-liem-vhxh", "Hỏi về chế độ trợ cấp cho người cao tuổi",
     "Mẹ tôi 80 tuổi, chưa được nhận trợ cấp xã hội hằng tháng; xin hỏi thủ tục."),
    ("p-tu-liem-vhxh", "Tiếng ồn karaoke sau 22 giờ tại khu tập thể",
     "Quán karaoke tại tầng 1 khu tập thể hát đến nửa đêm, ảnh hưởng giấc ngủ của cư dân."),
    ("p-tu-liem-ubnd", "Rác thải tồn đọng tại chân cầu vượt Mai Dịch",
     "Rác thải sinh hoạt tồn đọng nhiều ngày tại chân cầu vượt, bốc mùi khó chịu."),
    ("p-tu-liem-ubnd", "Đề nghị sửa chữa mặt đường Lê Quang Đạo",
     "Mặt đường Lê Quang Đạo đoạn gần sân vận động có nhiều ổ gà sâu."),
    ("p-xuan-phuong-moi-ktht", "Ngập úng cục bộ tại tổ dân phố Phúc Lý sau mưa",
     "Mỗi khi mưa to, đường trong tổ dân phố Phúc Lý ngập sâu 30–40 cm."),
    ("p-xuan-phuong-moi-ktht", "Cây xanh có nguy cơ đổ trên đường Xuân Phương",
     "Cây xà cừ lớn trên đường Xuân Phương nghiêng ra lòng đường, có nguy cơ đổ."),
    ("p-xuan-phuong-moi-vp", "Cán bộ tiếp nhận hướng dẫn chưa rõ ràng",
     "Tôi phải đi lại ba lần để bổ sung giấy tờ đăng ký khai sinh vì hướng dẫn không đủ."),
    ("p-xuan-phuong-moi-ubnd", "Đề nghị lắp biển báo giảm tốc độ gần chợ",
     "Xe tải đi nhanh qua khu vực chợ Xuân Phương, rất nguy hiểm cho người đi chợ."),
    ("p-tay-mo-moi-ubnd", "Bãi đất trống bị đổ trộm phế thải xây dựng",
     "Bãi đất trống cạnh đường Tây Mỗ bị đổ trộm phế thải xây dựng vào ban đêm."),
    ("p-dai-mo-moi-ubnd", "Đề nghị mở rộng sân chơi cho trẻ em tại khu đô thị",
     "Khu đô thị mới có hàng nghìn cư dân nhưng chỉ có một sân chơi nhỏ cho trẻ em."),
    ("p-tu-liem-ktht", "Nước sinh hoạt có mùi lạ",
     "Nước máy tại tòa nhà chung cư có mùi clo nặng và màu vàng trong ba ngày gần đây."),
    ("p-tu-liem-vhxh", "Xin hỏi thủ tục đăng ký học lớp 1 trái tuyến",
     "Gia đình tôi mới chuyển đến, xin hỏi thủ tục để con vào lớp 1 tại trường gần nhà."),
    ("p-xuan-phuong-moi-vp", "Phản ánh thái độ của nhân viên bảo vệ trụ sở",
     "Nhân viên bảo vệ trụ sở UBND phường có thái độ thiếu lịch sự với người dân."),
]
# fmt: on
# Outcome per item: P answered and published on time, L answered late then published,
# A answered (no consent to publish), R refused, S supplement requested, C supplement
# completed then answered and published, F forwarded then accepted, O accepted, N untouched.
PLAN = "PPLARSCFONPPAOSPRNPCPLOFNPAPONPSPRAP"
ANSWERS = {
    "P": "UBND phường đã kiểm tra, giao đơn vị chức năng xử lý xong. Cảm ơn ông/bà đã phản ánh.",
    "L": "Đơn vị đã phối hợp với công ty dịch vụ khắc phục; xin lỗi vì thời gian xử lý kéo dài.",
}
# fmt: off
NAMES = [
    "Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Tuấn", "Phạm Thu Hằng", "Hoàng Đức Anh",
    "Vũ Thị Lan", "Đặng Quốc Bảo", "Bùi Thị Ngọc",
]
# fmt: on


def _workday(day: dt.date) -> dt.datetime:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, 10, tzinfo=TZ)


def load_feedback(units: dict[str, Unit], *, today: dt.date | None = None) -> int:
    """A few dozen feedback items across the wards, driven through the services."""
    demo_phones = [f"0900000{n:03d}" for n in range(len(PLAN))]
    if Feedback.objects.filter(phone__in=demo_phones).exists():
        return 0
    users = {u.username: u for u in get_user_model().objects.filter(username__in=HANDLERS.values())}
    start = dt.date(2026, 7, 6)
    made = 0
    for n, kind in enumerate(PLAN):
        unit_code, title, content = TOPICS[n % len(TOPICS)]
        handler = users.get(HANDLERS.get(unit_code, ""))
        if unit_code not in units:
            continue
        if handler is None:
            kind = "N"  # no demo account there: it waits, and turns overdue
        sent = _workday(start + dt.timedelta(days=4 * n))
        if today is not None and sent.date() > today - dt.timedelta(days=35):
            kind = kind if kind in "NO" else "O"
        item = feedback_services.send_feedback(
            name=NAMES[n % len(NAMES)],
            phone=demo_phones[n],
            title=title,
            content=content,
            unit_code=unit_code,
            allow_publish=kind != "A",
            at=sent,
        )
        code = item.code

        def later(days, base=sent):
            return _workday((base + dt.timedelta(days=days)).date())

        if kind in "PLAOF" or kind == "C":
            if kind == "F":
                target = units.get(unit_code.rsplit("-", 1)[0] + "-ktht")
                boss = users.get(HANDLERS.get(unit_code.rsplit("-", 1)[0] + "-ubnd", ""))
                if target is not None and boss is not None and target.pk != item.unit_id:
                    feedback_services.forward_feedback(
                        actor=boss,
                        code=code,
                        to_unit=target,
                        note="Chuyển đúng chức năng.",
                        at=later(1),
                    )
                    handler = users.get(HANDLERS.get(target.code, ""), handler)
            if kind != "C":
                feedback_services.accept_feedback(actor=handler, code=code, at=later(2))
        if kind == "C":
            feedback_services.request_supplement(
                actor=handler, code=code, request="Đề nghị cho biết địa chỉ cụ thể.", at=later(2)
            )
            feedback_services.submit_supplement(
                code=code, phone=demo_phones[n], content="Địa chỉ: số 12 ngõ 5.", at=later(5)
            )
        if kind == "S":
            feedback_services.request_supplement(
                actor=handler,
                code=code,
                request="Đề nghị gửi ảnh chụp hiện trường.",
                at=later(3),
            )
        if kind == "R":
            feedback_services.refuse_feedback(
                actor=handler,
                code=code,
                at=later(1),
                reason="Nội dung đã được trả lời tại văn bản trước; không thuộc thẩm quyền.",
            )
        if kind in "PALC":
            days = 30 if kind == "L" else 8
            feedback_services.answer_feedback(
                actor=handler, code=code, answer=ANSWERS.get(kind, ANSWERS["P"]), at=later(days)
            )
            if kind != "A":
                feedback_services.publish_answer(actor=handler, code=code, at=later(days + 1))
                for voter in range(n % 5 + 1):
                    feedback_services.vote_answer(
                        code=code, voter=f"demo-{voter}", liked=voter != 3, at=later(days + 2)
                    )
        made += 1
    return made


def load_feedback_and_targets(units: dict[str, Unit]) -> tuple[int, int]:
    """Idempotent: (terms created, feedback items created)."""
    from django.utils import timezone

    return load_targets(units), load_feedback(units, today=timezone.localdate())
