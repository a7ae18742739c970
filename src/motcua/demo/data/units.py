"""The organisation tree of the demo: Hà Nội, Nam Từ Liêm district (2014–2025), its 10 wards,
and the 4 wards that replaced them on 01/07/2025.

Agency codes follow QCVN 102:2016 `V1V2V3.Z1Z2.Y1Y2.MX1X2` (see docs/demo.md):
Hà Nội is level 1 `H26`; the district is level 2 `27`; an old ward is level 3 (`01`–`10`)
under it; a district department is level 4 (`001`–`013`). The new wards sit directly under
Hà Nội with level-2 codes `81`–`84` and their offices at level 4.
"""

import datetime as dt

FOUNDED = dt.date(2014, 4, 1)
LAST_DAY = dt.date(2025, 6, 30)
TWO_TIER = dt.date(2025, 7, 1)

DISTRICT_Y = 27
HANOI = "ha-noi"
DISTRICT = "nam-tu-liem"
DISTRICT_COMMITTEE = "ntl-ubnd"
DISTRICT_ONE_STOP = "ntl-mot-cua"
DISTRICT_OFFICE = "ntl-vp"

# (code, V1V2V3, name, short name) of the district's departments, parent UBND quận.
DEPARTMENTS = [
    ("ntl-vp", 1, "Văn phòng HĐND và UBND quận Nam Từ Liêm", "Văn phòng HĐND và UBND quận"),
    ("ntl-noi-vu", 2, "Phòng Nội vụ quận Nam Từ Liêm", "Phòng Nội vụ"),
    ("ntl-tckh", 3, "Phòng Tài chính – Kế hoạch quận Nam Từ Liêm", "Phòng Tài chính – Kế hoạch"),
    ("ntl-tu-phap", 4, "Phòng Tư pháp quận Nam Từ Liêm", "Phòng Tư pháp"),
    ("ntl-qldt", 5, "Phòng Quản lý đô thị quận Nam Từ Liêm", "Phòng Quản lý đô thị"),
    (
        "ntl-tnmt",
        6,
        "Phòng Tài nguyên và Môi trường quận Nam Từ Liêm",
        "Phòng Tài nguyên và Môi trường",
    ),
    (
        "ntl-ldtbxh",
        7,
        "Phòng Lao động – Thương binh và Xã hội quận Nam Từ Liêm",
        "Phòng Lao động – Thương binh và Xã hội",
    ),
    ("ntl-gddt", 8, "Phòng Giáo dục và Đào tạo quận Nam Từ Liêm", "Phòng Giáo dục và Đào tạo"),
    ("ntl-vhtt", 9, "Phòng Văn hóa và Thông tin quận Nam Từ Liêm", "Phòng Văn hóa và Thông tin"),
    ("ntl-y-te", 10, "Phòng Y tế quận Nam Từ Liêm", "Phòng Y tế"),
    ("ntl-kinh-te", 11, "Phòng Kinh tế quận Nam Từ Liêm", "Phòng Kinh tế"),
    ("ntl-thanh-tra", 12, "Thanh tra quận Nam Từ Liêm", "Thanh tra quận"),
    (
        "ntl-doi-ttxd",
        13,
        "Đội Thanh tra trật tự xây dựng quận Nam Từ Liêm",
        "Đội Thanh tra trật tự xây dựng",
    ),
]

# (slug, Z1Z2, name, street of the ward's people's committee, successor new-ward slug).
# Successor = the new ward that took most of the old ward (approximate; see docs/demo.md).
OLD_WARDS = [
    ("cau-dien", 1, "Cầu Diễn", "Số 2 đường Hồ Tùng Mậu", "tu-liem"),
    ("dai-mo", 2, "Đại Mỗ", "Đường Đại Mỗ, tổ dân phố Ngọc Trục", "dai-mo-moi"),
    ("me-tri", 3, "Mễ Trì", "Đường Mễ Trì Thượng", "tu-liem"),
    ("my-dinh-1", 4, "Mỹ Đình 1", "Số 1 đường Nguyễn Cơ Thạch", "tu-liem"),
    ("my-dinh-2", 5, "Mỹ Đình 2", "Đường Trần Văn Lai", "tu-liem"),
    ("phu-do", 6, "Phú Đô", "Đường Phú Đô", "tu-liem"),
    ("phuong-canh", 7, "Phương Canh", "Đường Phương Canh", "xuan-phuong-moi"),
    ("tay-mo", 8, "Tây Mỗ", "Đường Tây Mỗ", "tay-mo-moi"),
    ("trung-van", 9, "Trung Văn", "Đường Tố Hữu", "dai-mo-moi"),
    ("xuan-phuong", 10, "Xuân Phương", "Đường Xuân Phương", "xuan-phuong-moi"),
]

# (slug, Y1Y2, name, address) of the wards directly under Hà Nội since 01/07/2025.
NEW_WARDS = [
    ("tu-liem", 81, "Từ Liêm", "125 đường Hồ Tùng Mậu, phường Từ Liêm, Hà Nội"),
    ("xuan-phuong-moi", 82, "Xuân Phương", "Đường Xuân Phương, phường Xuân Phương, Hà Nội"),
    ("tay-mo-moi", 83, "Tây Mỗ", "Đường Tây Mỗ, phường Tây Mỗ, Hà Nội"),
    ("dai-mo-moi", 84, "Đại Mỗ", "Đường Đại Mỗ, phường Đại Mỗ, Hà Nội"),
]

# Offices of a new ward: (suffix, V1V2V3, name prefix). Keys are what procedures route to.
NEW_WARD_OFFICES = [
    ("vp", 1, "Văn phòng HĐND và UBND"),
    ("ktht", 2, "Phòng Kinh tế, Hạ tầng và Đô thị"),
    ("vhxh", 3, "Phòng Văn hóa – Xã hội"),
]

# Which office of a new ward took over the work of each district department.
OFFICE_OF_DEPARTMENT = {
    "ntl-vp": "vp",
    "ntl-noi-vu": "vp",
    "ntl-tckh": "ktht",
    "ntl-tu-phap": "vp",
    "ntl-qldt": "ktht",
    "ntl-tnmt": "ktht",
    "ntl-ldtbxh": "vhxh",
    "ntl-gddt": "vhxh",
    "ntl-vhtt": "vhxh",
    "ntl-y-te": "vhxh",
    "ntl-kinh-te": "ktht",
    "ntl-thanh-tra": "vp",
    "ntl-doi-ttxd": "ktht",
}


def agency_code(*, v: int = 0, z: int = 0, y: int = 0, province: str = "H26") -> str:
    return f"{v:03d}.{z:02d}.{y:02d}.{province}"


def old_ward_codes(slug: str) -> dict[str, str]:
    return {"ward": f"p-{slug}", "ubnd": f"p-{slug}-ubnd", "one_stop": f"p-{slug}-mot-cua"}


def new_ward_codes(slug: str) -> dict[str, str]:
    codes = {"ward": f"p-{slug}", "ubnd": f"p-{slug}-ubnd", "centre": f"p-{slug}-pvhcc"}
    codes.update({suffix: f"p-{slug}-{suffix}" for suffix, _v, _name in NEW_WARD_OFFICES})
    return codes


def fictitious_phone(n: int) -> str:
    """Demo phone numbers: Hà Nội fixed-line format, not real numbers."""
    return f"024 3999 {n:04d}"
