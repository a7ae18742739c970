"""Demo staff accounts: one shared password, readable usernames, memberships in both shapes."""

from .units import FOUNDED, LAST_DAY, TWO_TIER

PASSWORD = "motcua-demo"  # noqa: S105 — published demo password, documented in docs/demo.md

# Membership periods: the district shape until 30/06/2025, the two-tier shape since 01/07/2025.
DISTRICT_ERA = (FOUNDED, LAST_DAY)
CURRENT = (TWO_TIER, None)
ALWAYS = (None, None)

# (username, last name, first name, superuser, [(unit code, role, period)])
ACCOUNTS = [
    ("quantri", "Trần", "Minh Quân", True, [("ha-noi", "admin", ALWAYS)]),
    # Phường Từ Liêm (since 01/07/2025)
    ("quantri.tuliem", "Lê", "Thị Hải Yến", False, [("p-tu-liem", "admin", CURRENT)]),
    (
        "motcua.tuliem",
        "Nguyễn",
        "Thị Thu Hà",
        False,
        [("p-tu-liem-pvhcc", "one_stop_officer", CURRENT)],
    ),
    (
        "tiepnhan.tuliem",
        "Lê",
        "Văn Hùng",
        False,
        [("p-tu-liem-pvhcc", "one_stop_officer", CURRENT)],
    ),
    ("chuyenvien.tuliem", "Phạm", "Minh Tuấn", False, [("p-tu-liem-ktht", "specialist", CURRENT)]),
    ("tuphap.tuliem", "Đỗ", "Thị Lan", False, [("p-tu-liem-vp", "specialist", CURRENT)]),
    ("vhxh.tuliem", "Hoàng", "Thị Mai", False, [("p-tu-liem-vhxh", "specialist", CURRENT)]),
    ("lanhdao.tuliem", "Vũ", "Đức Thắng", False, [("p-tu-liem-ktht", "unit_leader", CURRENT)]),
    ("lanhdao.vp.tuliem", "Đinh", "Quốc Khánh", False, [("p-tu-liem-vp", "unit_leader", CURRENT)]),
    ("lanhdao.vhxh.tuliem", "Bùi", "Thị Hồng", False, [("p-tu-liem-vhxh", "unit_leader", CURRENT)]),
    ("chutich.tuliem", "Ngô", "Quang Vinh", False, [("p-tu-liem-ubnd", "agency_leader", CURRENT)]),
    ("vanthu.tuliem", "Đặng", "Thị Ngọc", False, [("p-tu-liem-vp", "clerk", CURRENT)]),
    # Phường Xuân Phương (since 01/07/2025)
    (
        "motcua.xuanphuong",
        "Trịnh",
        "Thị Phương",
        False,
        [("p-xuan-phuong-moi-pvhcc", "one_stop_officer", CURRENT)],
    ),
    (
        "chuyenvien.xuanphuong",
        "Lương",
        "Văn Bình",
        False,
        [
            ("p-xuan-phuong-moi-ktht", "specialist", CURRENT),
            ("p-xuan-phuong-moi-vp", "specialist", CURRENT),
        ],
    ),
    (
        "lanhdao.xuanphuong",
        "Phan",
        "Thanh Sơn",
        False,
        [
            ("p-xuan-phuong-moi-ktht", "unit_leader", CURRENT),
            ("p-xuan-phuong-moi-vp", "unit_leader", CURRENT),
        ],
    ),
    (
        "chutich.xuanphuong",
        "Đoàn",
        "Văn Thành",
        False,
        [("p-xuan-phuong-moi-ubnd", "agency_leader", CURRENT)],
    ),
    ("vanthu.xuanphuong", "Mai", "Thị Thảo", False, [("p-xuan-phuong-moi-vp", "clerk", CURRENT)]),
    # Quận Nam Từ Liêm (01/04/2014 – 30/06/2025)
    (
        "motcua.ntl",
        "Nguyễn",
        "Thị Hạnh",
        False,
        [("ntl-mot-cua", "one_stop_officer", DISTRICT_ERA)],
    ),
    ("chuyenvien.ntl", "Trần", "Quốc Việt", False, [("ntl-qldt", "specialist", DISTRICT_ERA)]),
    ("lanhdao.ntl", "Lê", "Minh Đức", False, [("ntl-qldt", "unit_leader", DISTRICT_ERA)]),
    ("chutich.ntl", "Phạm", "Văn Hòa", False, [("ntl-ubnd", "agency_leader", DISTRICT_ERA)]),
    ("vanthu.ntl", "Vũ", "Thị Kim Oanh", False, [("ntl-vp", "clerk", DISTRICT_ERA)]),
    # Phường Mỹ Đình 1 of the district (until 30/06/2025)
    (
        "motcua.mydinh1",
        "Hà",
        "Thị Quỳnh",
        False,
        [("p-my-dinh-1-mot-cua", "one_stop_officer", DISTRICT_ERA)],
    ),
    ("tuphap.mydinh1", "Tạ", "Văn Long", False, [("p-my-dinh-1-ubnd", "specialist", DISTRICT_ERA)]),
    (
        "chutich.mydinh1",
        "Kiều",
        "Văn Tiến",
        False,
        [("p-my-dinh-1-ubnd", "agency_leader", DISTRICT_ERA)],
    ),
]
