"""The Decision 766 formula in force from 23/06/2022, as data (DOMAIN §9).

Group maxima: publicity 18, progress 20, online services 22, digitisation 22, satisfaction 18.
The split of each group between its indicators and the thresholds marked "to verify" in
DOMAIN §9 are set here and can be changed by adding a new `ScorecardFormula` row (with its
own `effective_from`) rather than editing this one; periods keep the formula in force on
their last day.
"""

import datetime as dt

from django.utils.translation import gettext_noop

GROUPS = {
    "1": (gettext_noop("Công khai, minh bạch"), 18),
    "2": (gettext_noop("Tiến độ, kết quả giải quyết"), 20),
    "3": (gettext_noop("Cung cấp dịch vụ trực tuyến"), 22),
    "4": (gettext_noop("Số hóa hồ sơ"), 22),
    "5": (gettext_noop("Mức độ hài lòng"), 18),
}

INDICATORS_2022 = [
    {"code": "1.1", "group": "1", "points": 4, "threshold": 1.0,
     "name": gettext_noop("Thủ tục được công bố đúng hạn trước ngày có hiệu lực")},
    {"code": "1.2", "group": "1", "points": 4, "threshold": 1.0,
     "name": gettext_noop("Thủ tục được công khai đúng hạn sau ngày quyết định công bố")},
    {"code": "1.3", "group": "1", "points": 6, "threshold": 1.0,
     "name": gettext_noop("Thủ tục công khai đầy đủ 7 bộ phận")},
    {"code": "1.4", "group": "1", "points": 4, "threshold": 1.0,
     "name": gettext_noop("Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia")},
    {"code": "2.1", "group": "2", "points": 20, "threshold": 1.0,
     "name": gettext_noop("Hồ sơ giải quyết trước hạn, đúng hạn")},
    {"code": "2.2", "group": "2", "points": 0, "threshold": None,
     "name": gettext_noop("Thời gian giải quyết trung bình (ngày làm việc, để tham khảo)")},
    {"code": "3.1", "group": "3", "points": 6, "threshold": 0.8,
     "name": gettext_noop("Thủ tục cung cấp dịch vụ công trực tuyến")},
    {"code": "3.3", "group": "3", "points": 8, "threshold": 0.5,
     "name": gettext_noop("Hồ sơ nộp trực tuyến")},
    {"code": "3.5", "group": "3", "points": 4, "threshold": 0.8,
     "name": gettext_noop("Thủ tục có phí được tích hợp thanh toán trực tuyến")},
    {"code": "3.6", "group": "3", "points": 4, "threshold": 0.5,
     "name": gettext_noop("Hồ sơ thanh toán trực tuyến")},
    {"code": "4.1", "group": "4", "points": 6, "threshold": 1.0,
     "name": gettext_noop("Hồ sơ có kết quả điện tử")},
    {"code": "4.2", "group": "4", "points": 6, "threshold": 0.8,
     "name": gettext_noop("Hồ sơ được số hóa")},
    {"code": "4.3", "group": "4", "points": 6, "threshold": 0.8,
     "name": gettext_noop("Hồ sơ tái sử dụng dữ liệu số hóa")},
    {"code": "4.5", "group": "4", "points": 4, "threshold": 1.0,
     "name": gettext_noop("Hồ sơ sử dụng dữ liệu dân cư, tài khoản định danh điện tử")},
    {"code": "5.2", "group": "5", "points": 6, "threshold": 1.0,
     "name": gettext_noop("Phản ánh, kiến nghị được xử lý đúng hạn")},
    {"code": "5.4", "group": "5", "points": 12, "threshold": 0.9,
     "name": gettext_noop("Mức độ hài lòng trong tiếp nhận, giải quyết hồ sơ")},
]  # fmt: skip

BANDS_2022 = [
    {"min": 90, "code": "excellent", "label": gettext_noop("Xuất sắc")},
    {"min": 80, "code": "good", "label": gettext_noop("Tốt")},
    {"min": 65, "code": "fair", "label": gettext_noop("Khá")},
    {"min": 50, "code": "average", "label": gettext_noop("Trung bình")},
    {"min": 0, "code": "weak", "label": gettext_noop("Yếu")},
]

FORMULA_2022 = {
    "name": gettext_noop("Bộ chỉ số 766 (Quyết định 766/QĐ-TTg ngày 23/06/2022)"),
    "effective_from": dt.date(2022, 6, 23),
    "indicators": INDICATORS_2022,
    "bands": BANDS_2022,
}
