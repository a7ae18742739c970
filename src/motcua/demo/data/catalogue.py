# ruff: noqa: E501
"""Shapes of the demo catalogue data, the fields (lĩnh vực) and the library of dossier parts.

Procedures are written as compact `P(...)` rows grouped by field and resolving unit in
`procedures_*.py`; `motcua.demo.catalogue` expands them into versions, parts, fees and steps.
"""

from dataclasses import dataclass, field

# Durations: an int is working days; "4h" is working hours; "same" is within the day.
Duration = int | str


@dataclass(frozen=True)
class P:
    """One procedure row."""

    code: str
    name: str
    time: Duration
    parts: str  # space-separated keys of PARTS, in order
    result: str
    committed: Duration | None = None  # None: the statutory time
    fees: tuple[tuple[str, str, int, str], ...] = ()  # (kind, name, amount in đồng, note)
    online: int = 3  # 3 → partial_online, 4 → full_online
    pay: bool = False  # online payment integrated (full_online fee-bearing procedures)
    cutoff: bool = False  # 15:00 cut-off
    conditions: str = ""
    applicants: str = ""  # empty: the group's
    legal: str = ""  # empty: the group's


@dataclass(frozen=True)
class Group:
    """Procedures of one field resolved by the same unit in the district period."""

    field: str
    level: str  # "district" or "commune" before 01/07/2025
    route: str  # "ubnd": UBND quận signs; "dept": the department signs; "ward"; "interagency"
    department: str  # resolving district department (district and interagency routes)
    office: str  # office of a new ward that resolves it since 01/07/2025: vp, ktht, vhxh
    applicants: str
    legal: str
    procs: list[P] = field(default_factory=list)


FIELDS = [
    ("xay-dung", "Hoạt động xây dựng"),
    ("quy-hoach", "Quy hoạch xây dựng, kiến trúc"),
    ("ha-tang-do-thi", "Hạ tầng kỹ thuật đô thị và đường bộ"),
    ("dat-dai", "Đất đai"),
    ("moi-truong", "Môi trường"),
    ("tai-nguyen-nuoc", "Tài nguyên nước"),
    ("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh"),
    ("hop-tac-xa", "Thành lập và hoạt động của hợp tác xã"),
    ("luu-thong-hang-hoa", "Lưu thông hàng hóa trong nước"),
    ("an-toan-thuc-pham", "An toàn thực phẩm"),
    ("tai-chinh", "Tài chính, quản lý công sản"),
    ("ho-tich", "Hộ tịch"),
    ("chung-thuc", "Chứng thực"),
    ("nuoi-con-nuoi", "Nuôi con nuôi"),
    ("hoa-giai", "Hòa giải ở cơ sở, phổ biến giáo dục pháp luật"),
    ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("nguoi-co-cong", "Người có công"),
    ("tre-em", "Trẻ em"),
    ("te-nan-xa-hoi", "Phòng, chống tệ nạn xã hội"),
    ("giao-duc", "Giáo dục và Đào tạo"),
    ("van-hoa", "Văn hóa"),
    ("gia-dinh", "Gia đình"),
    ("the-thao", "Thể dục, thể thao"),
    ("ton-giao", "Tín ngưỡng, tôn giáo"),
    ("thi-dua", "Thi đua, khen thưởng"),
    ("khieu-nai-to-cao", "Giải quyết khiếu nại, tố cáo"),
]

OR, C, CC, OC = "original", "copy", "certified_copy", "original_or_copy"

# fmt: off

# key: (name, form, copies, required, reusable from the citizen's data store)
PARTS: dict[str, tuple[str, str, int, bool, bool]] = {
    # identity and residence, shown or reused from the population database
    "cccd": ("Thẻ Căn cước công dân hoặc giấy tờ tùy thân có ảnh (xuất trình)", OR, 1, True, True),
    "uy-quyen": ("Văn bản ủy quyền (trường hợp nộp thay)", CC, 1, False, False),
    "cu-tru": ("Giấy tờ chứng minh nơi cư trú (khi không khai thác được dữ liệu)", C, 1, False, True),
    # construction and planning
    "don-gpxd": ("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)", OR, 1, True, False),
    "don-dc-gpxd": ("Đơn đề nghị điều chỉnh, gia hạn, cấp lại giấy phép xây dựng", OR, 1, True, False),
    "gcn-dat": ("Giấy chứng nhận quyền sử dụng đất hoặc giấy tờ hợp pháp về đất đai", CC, 1, True, True),
    "ban-ve": ("Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)", OR, 2, True, False),
    "gpxd-cu": ("Bản chính giấy phép xây dựng đã được cấp", OR, 1, True, False),
    "cam-ket-an-toan": ("Bản cam kết bảo đảm an toàn đối với công trình liền kề", OR, 1, False, False),
    "tham-dinh-tk": ("Văn bản thẩm định thiết kế của cơ quan chuyên môn về xây dựng", C, 1, False, False),
    "bao-cao-ktkt": ("Tờ trình thẩm định báo cáo kinh tế – kỹ thuật đầu tư xây dựng", OR, 1, True, False),
    "ho-so-khao-sat": ("Hồ sơ khảo sát xây dựng và thuyết minh thiết kế", OR, 1, True, False),
    "nhiem-vu-qh": ("Tờ trình và thuyết minh nhiệm vụ, đồ án quy hoạch", OR, 1, True, False),
    "ban-ve-qh": ("Bản vẽ quy hoạch tỷ lệ 1/500 và đĩa CD lưu hồ sơ", OR, 3, True, False),
    "don-tt-qh": ("Phiếu yêu cầu cung cấp thông tin về quy hoạch", OR, 1, True, False),
    "so-do-vi-tri": ("Sơ đồ vị trí khu đất, công trình", OR, 1, True, False),
    "don-ht": ("Đơn đề nghị cấp phép (theo mẫu của UBND Thành phố)", OR, 1, True, False),
    "phuong-an-tc": ("Phương án tổ chức thi công, bảo đảm an toàn giao thông và vệ sinh môi trường", OR, 2, True, False),
    "hien-trang-cay": ("Ảnh chụp hiện trạng và bản kê cây xanh đề nghị chặt hạ, dịch chuyển", OR, 1, True, False),
    # land
    "don-dk-dat": ("Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)", OR, 1, True, False),
    "don-bien-dong": ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 09/ĐK)", OR, 1, True, False),
    "hop-dong-dat": ("Hợp đồng, văn bản về chuyển quyền đã được công chứng, chứng thực", OR, 1, True, False),
    "gcn-dat-goc": ("Bản gốc Giấy chứng nhận quyền sử dụng đất đã cấp", OR, 1, True, False),
    "giay-to-dat": ("Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai", CC, 1, False, True),
    "nghia-vu-tc": ("Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ miễn, giảm", C, 1, False, False),
    "don-chuyen-md": ("Đơn xin chuyển mục đích sử dụng đất", OR, 1, True, False),
    "trich-do": ("Mảnh trích đo địa chính thửa đất", OR, 1, True, False),
    "don-tranh-chap": ("Đơn yêu cầu giải quyết tranh chấp đất đai và tài liệu kèm theo", OR, 1, True, False),
    "bien-ban-hoa-giai": ("Biên bản hòa giải tại UBND cấp xã", C, 1, True, False),
    # environment and water
    "ke-hoach-bvmt": ("Kế hoạch bảo vệ môi trường, báo cáo đề xuất cấp giấy phép môi trường", OR, 3, True, False),
    "van-ban-de-nghi": ("Văn bản đề nghị của tổ chức, cá nhân", OR, 1, True, False),
    "phieu-dk-mt": ("Phiếu đăng ký môi trường (Mẫu số 47)", OR, 1, True, False),
    "to-khai-nuoc": ("Tờ khai đăng ký khai thác nước dưới đất", OR, 2, True, False),
    # business
    "giay-de-nghi-hkd": ("Giấy đề nghị đăng ký hộ kinh doanh (Phụ lục III-1)", OR, 1, True, False),
    "thong-bao-hkd": ("Thông báo thay đổi, tạm ngừng, chấm dứt hoạt động hộ kinh doanh", OR, 1, True, False),
    "bien-ban-hop-hkd": ("Biên bản họp thành viên hộ gia đình (nếu hộ do các thành viên thành lập)", C, 1, False, False),
    "gcn-hkd": ("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh", OR, 1, True, False),
    "giay-de-nghi-htx": ("Giấy đề nghị đăng ký hợp tác xã", OR, 1, True, False),
    "dieu-le-htx": ("Điều lệ hợp tác xã và phương án sản xuất, kinh doanh", OR, 1, True, False),
    "danh-sach-tv": ("Danh sách thành viên, hội đồng quản trị, giám đốc, ban kiểm soát", OR, 1, True, False),
    "nghi-quyet-dhtv": ("Nghị quyết của đại hội thành viên", C, 1, True, False),
    "don-gp-kd": ("Đơn đề nghị cấp giấy phép kinh doanh (theo mẫu)", OR, 1, True, False),
    "dia-diem-kd": ("Giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh", C, 1, True, False),
    "hop-dong-mua": ("Hợp đồng mua bán, văn bản giới thiệu của thương nhân cung cấp", C, 1, True, False),
    "gp-cu": ("Bản chính giấy phép đã được cấp (trường hợp sửa đổi, cấp lại)", C, 1, False, False),
    "don-attp": ("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", OR, 1, True, False),
    "thuyet-minh-attp": ("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", OR, 1, True, False),
    "tap-huan-attp": ("Giấy xác nhận đủ sức khỏe, đã được tập huấn kiến thức an toàn thực phẩm", C, 1, True, False),
    "to-trinh-ts": ("Tờ trình của cơ quan, đơn vị đề nghị và hồ sơ tài sản công", OR, 1, True, False),
    "danh-muc-ts": ("Danh mục tài sản đề nghị (chủng loại, số lượng, nguyên giá, giá trị còn lại)", OR, 1, True, False),
    "bao-cao-qt": ("Báo cáo quyết toán dự án hoàn thành và hồ sơ pháp lý của dự án", OR, 1, True, False),
    # civil status
    "tk-khai-sinh": ("Tờ khai đăng ký khai sinh (theo mẫu)", OR, 1, True, False),
    "giay-chung-sinh": ("Giấy chứng sinh hoặc văn bản của người làm chứng", OR, 1, True, False),
    "tk-ket-hon": ("Tờ khai đăng ký kết hôn (theo mẫu)", OR, 1, True, False),
    "xn-hon-nhan": ("Giấy xác nhận tình trạng hôn nhân (khi không đăng ký thường trú tại nơi đăng ký)", OR, 1, False, True),
    "tk-khai-tu": ("Tờ khai đăng ký khai tử (theo mẫu)", OR, 1, True, False),
    "giay-bao-tu": ("Giấy báo tử hoặc giấy tờ thay giấy báo tử", OR, 1, True, False),
    "tk-ho-tich": ("Tờ khai đăng ký hộ tịch (theo mẫu)", OR, 1, True, False),
    "chung-cu-quan-he": ("Chứng cứ chứng minh quan hệ cha, mẹ, con", OC, 1, True, False),
    "giay-to-ho-tich": ("Giấy tờ hộ tịch, giấy tờ liên quan đã được cấp", C, 1, True, True),
    "to-khai-trich-luc": ("Tờ khai đề nghị cấp bản sao trích lục hộ tịch", OR, 1, True, False),
    "giay-to-nn": ("Giấy tờ do cơ quan nước ngoài cấp đã được hợp pháp hóa lãnh sự, dịch sang tiếng Việt", CC, 1, True, False),
    "giay-kham-sk": ("Giấy xác nhận của tổ chức y tế về tâm thần", OR, 1, True, False),
    "ho-chieu": ("Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài", CC, 1, True, False),
    "don-nuoi-con-nuoi": ("Đơn xin nhận con nuôi, giấy khám sức khỏe và phiếu lý lịch tư pháp", OR, 1, True, False),
    "ho-so-tre": ("Giấy khai sinh, giấy khám sức khỏe và ảnh của trẻ được giới thiệu làm con nuôi", C, 1, True, False),
    # certification
    "ban-chinh": ("Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao và bản sao cần chứng thực", OR, 1, True, False),
    "giay-to-can-ky": ("Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký", OR, 1, True, False),
    "du-thao-hd": ("Dự thảo hợp đồng, giao dịch hoặc văn bản về di sản", OR, 1, True, False),
    "giay-to-tai-san": ("Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản", CC, 1, True, True),
    "hd-da-chung-thuc": ("Hợp đồng, giao dịch đã được chứng thực", OR, 1, True, False),
    "ban-dich": ("Bản dịch đã có chữ ký của người dịch kèm bản giấy tờ cần dịch", OR, 1, True, False),
    # social affairs
    "to-khai-tcxh": ("Tờ khai đề nghị trợ giúp xã hội (theo mẫu)", OR, 1, True, False),
    "giay-xn-kt": ("Giấy xác nhận khuyết tật hoặc giấy tờ chứng minh đối tượng", C, 1, False, True),
    "don-xac-dinh-kt": ("Đơn đề nghị xác định, xác định lại mức độ khuyết tật", OR, 1, True, False),
    "ho-so-y-te": ("Bản sao giấy tờ liên quan đến khuyết tật (bệnh án, giấy tờ khám, điều trị)", C, 1, False, False),
    "giay-bao-tu-dt": ("Giấy chứng tử hoặc trích lục khai tử của đối tượng", C, 1, True, True),
    "bien-ban-thiet-hai": ("Biên bản xác nhận thiệt hại về nhà ở của UBND cấp xã", OR, 1, True, False),
    "giay-de-nghi-ho-ngheo": ("Giấy đề nghị xét duyệt bổ sung hộ nghèo, hộ cận nghèo", OR, 1, True, False),
    "to-trinh-co-so": ("Tờ khai đăng ký thành lập, đề án và quy chế hoạt động của cơ sở", OR, 1, True, False),
    "ho-so-nguoi-co-cong": ("Bản khai cá nhân và giấy tờ chứng minh người có công, thân nhân", OR, 1, True, True),
    "giay-bao-tu-nck": ("Giấy chứng tử hoặc trích lục khai tử của người có công", C, 1, True, True),
    "giay-uy-quyen-tc": ("Giấy ủy quyền nhận trợ cấp, phụ cấp ưu đãi", OR, 1, True, False),
    "don-mo-liet-si": ("Đơn đề nghị thăm viếng, di chuyển hài cốt liệt sĩ", OR, 1, True, False),
    "don-tre-em": ("Văn bản đề nghị và thông tin về trẻ em cần bảo vệ, chăm sóc thay thế", OR, 1, True, False),
    "don-cai-nghien": ("Đơn đăng ký cai nghiện ma túy tự nguyện, kết quả xác định tình trạng nghiện", OR, 1, True, False),
    # education, culture, sports
    "to-trinh-truong": ("Tờ trình, đề án thành lập trường hoặc nhóm, lớp", OR, 1, True, False),
    "ho-so-co-so-vc": ("Văn bản chứng minh cơ sở vật chất, đội ngũ cán bộ quản lý và giáo viên", C, 1, True, False),
    "quy-che-truong": ("Quy chế tổ chức và hoạt động, dự thảo kế hoạch giáo dục", OR, 1, True, False),
    "don-chuyen-truong": ("Đơn xin chuyển trường, học bạ và giấy giới thiệu chuyển trường", OR, 1, True, False),
    "don-hoc-bong": ("Đơn đề nghị cấp học bổng, hỗ trợ chi phí học tập", OR, 1, True, False),
    "don-day-them": ("Đơn đề nghị cấp giấy phép tổ chức dạy thêm, học thêm và danh sách người dạy", OR, 1, True, False),
    "don-karaoke": ("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ karaoke (Mẫu số 01)", OR, 1, True, False),
    "don-le-hoi": ("Văn bản đăng ký, thông báo tổ chức lễ hội và chương trình lễ hội", OR, 1, True, False),
    "bao-cao-thanh-tich": ("Báo cáo thành tích, biên bản bình xét của khu dân cư, tổ dân phố", OR, 1, True, False),
    "don-thu-vien": ("Văn bản thông báo, đăng ký hoạt động thư viện và danh mục vốn sách", OR, 1, True, False),
    "don-tro-choi": ("Đơn đề nghị cấp giấy chứng nhận đủ điều kiện điểm cung cấp trò chơi điện tử", OR, 1, True, False),
    "don-bao-luc-gd": ("Tờ khai đăng ký hoạt động cơ sở hỗ trợ, tư vấn phòng, chống bạo lực gia đình", OR, 1, True, False),
    "don-clb": ("Đơn đề nghị công nhận câu lạc bộ thể thao cơ sở và danh sách hội viên", OR, 1, True, False),
    # religion, awards, complaints, mediation
    "van-ban-ton-giao": ("Văn bản đăng ký, đề nghị, thông báo (theo mẫu) và tài liệu kèm theo", OR, 1, True, False),
    "to-trinh-khen": ("Tờ trình đề nghị khen thưởng, báo cáo thành tích, biên bản họp hội đồng", OR, 1, True, False),
    "don-khieu-nai": ("Đơn khiếu nại hoặc văn bản ghi lời khiếu nại, tài liệu, chứng cứ kèm theo", OR, 1, True, False),
    "qd-lan-dau": ("Quyết định giải quyết khiếu nại lần đầu", C, 1, True, False),
    "don-to-cao": ("Đơn tố cáo hoặc văn bản ghi nội dung tố cáo, tài liệu kèm theo", OR, 1, True, False),
    "van-ban-hoa-giai": ("Văn bản đề xuất của Ban công tác Mặt trận, danh sách bầu hòa giải viên", OR, 1, True, False),
    "ho-so-thu-lao": ("Giấy đề nghị thanh toán thù lao và văn bản xác nhận vụ việc hòa giải", OR, 1, True, False),
}
# fmt: on


def charge(name: str, amount: int, note: str = "") -> tuple[str, str, int, str]:
    """A lệ phí (charge) in đồng."""
    return ("charge", name, amount, note)


def fee(name: str, amount: int, note: str = "") -> tuple[str, str, int, str]:
    """A phí (fee) in đồng."""
    return ("fee", name, amount, note)
