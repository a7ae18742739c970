# ruff: noqa: E501
"""Household businesses, co-operatives, trade licences, food safety and public assets."""

from .catalogue import Group, P, charge, fee

BUSINESS_LAW = "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 01/2021/NĐ-CP; Thông tư số 01/2021/TT-BKHĐT; Nghị quyết của HĐND thành phố Hà Nội về phí, lệ phí"
COOP_LAW = (
    "Luật Hợp tác xã số 23/2012/QH13; Nghị định số 193/2013/NĐ-CP; Thông tư số 07/2019/TT-BKHĐT"
)
TRADE_LAW = "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14; Nghị định số 105/2017/NĐ-CP; Nghị định số 17/2020/NĐ-CP; Nghị định số 67/2013/NĐ-CP; Thông tư số 168/2016/TT-BTC"
FOOD_LAW = "Luật An toàn thực phẩm số 55/2010/QH12; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC; Quyết định phân cấp của UBND thành phố Hà Nội"
ASSET_LAW = "Luật Quản lý, sử dụng tài sản công số 15/2017/QH14; Nghị định số 151/2017/NĐ-CP; Luật Đầu tư công số 39/2019/QH14; Nghị định số 99/2021/NĐ-CP"

HOUSEHOLD = "Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ"
NEW_BUSINESS = charge("Lệ phí đăng ký hộ kinh doanh", 100_000, "Miễn lệ phí khi đăng ký qua mạng")
CHANGE_BUSINESS = charge(
    "Lệ phí đăng ký thay đổi nội dung hộ kinh doanh", 50_000, "Miễn lệ phí khi đăng ký qua mạng"
)
NEW_COOP = charge("Lệ phí đăng ký hợp tác xã", 100_000)
CHANGE_COOP = charge("Lệ phí đăng ký thay đổi hợp tác xã", 50_000)
RETAIL_CHECK = fee("Phí thẩm định cấp giấy phép kinh doanh (khu vực thành phố)", 1_200_000)
RETAIL_CHANGE = fee("Phí thẩm định cấp sửa đổi, bổ sung, cấp lại giấy phép", 600_000)
FOOD_CHECK = fee("Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống (dưới 200 suất ăn)", 700_000)

# fmt: off
GROUPS = [
    Group("ho-kinh-doanh", "district", "dept", "ntl-tckh", "ktht", HOUSEHOLD, BUSINESS_LAW, [
        P("2.000720", "Đăng ký thành lập hộ kinh doanh", 3, "giay-de-nghi-hkd cccd bien-ban-hop-hkd uy-quyen", "Giấy chứng nhận đăng ký hộ kinh doanh", committed=2, fees=(NEW_BUSINESS,), online=4, pay=True, conditions="Ngành, nghề đăng ký kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp huyện."),
        P("2.000575", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, "thong-bao-hkd gcn-hkd cccd", "Giấy chứng nhận đăng ký hộ kinh doanh (thay đổi)", committed=2, fees=(CHANGE_BUSINESS,), online=4, pay=True),
        P("2.000599", "Tạm ngừng hoạt động hộ kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", 3, "thong-bao-hkd cccd", "Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh", committed=2, online=4),
        P("2.000596", "Chấm dứt hoạt động hộ kinh doanh", 3, "thong-bao-hkd gcn-hkd nghia-vu-tc", "Thông báo về việc chấm dứt hoạt động hộ kinh doanh", committed=2, online=4),
        P("2.000582", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh", 3, "thong-bao-hkd cccd", "Giấy chứng nhận đăng ký hộ kinh doanh (cấp lại)", committed=2, fees=(CHANGE_BUSINESS,), online=4, pay=True),
        P("2.000589", "Thông báo thay đổi nội dung đăng ký thuế của hộ kinh doanh và cập nhật thông tin đăng ký", 3, "thong-bao-hkd gcn-hkd", "Giấy xác nhận cập nhật thông tin hộ kinh doanh", online=4),
    ]),
    Group("hop-tac-xa", "district", "dept", "ntl-tckh", "ktht", "Sáng lập viên, hợp tác xã, người đại diện theo pháp luật của hợp tác xã", COOP_LAW, [
        P("1.005280", "Đăng ký thành lập hợp tác xã", 5, "giay-de-nghi-htx dieu-le-htx danh-sach-tv nghi-quyet-dhtv", "Giấy chứng nhận đăng ký hợp tác xã", fees=(NEW_COOP,)),
        P("1.005277", "Đăng ký thành lập chi nhánh, văn phòng đại diện, địa điểm kinh doanh của hợp tác xã", 5, "giay-de-nghi-htx nghi-quyet-dhtv", "Giấy chứng nhận đăng ký hoạt động chi nhánh, văn phòng đại diện", fees=(CHANGE_COOP,)),
        P("1.005125", "Đăng ký thay đổi tên, địa chỉ trụ sở chính, ngành, nghề, vốn điều lệ, người đại diện theo pháp luật của hợp tác xã", 5, "giay-de-nghi-htx nghi-quyet-dhtv", "Giấy chứng nhận đăng ký hợp tác xã (thay đổi)", fees=(CHANGE_COOP,)),
        P("1.005121", "Thông báo thay đổi nội dung đăng ký hợp tác xã", 3, "giay-de-nghi-htx nghi-quyet-dhtv", "Giấy xác nhận về việc thay đổi nội dung đăng ký", online=4),
        P("1.005010", "Tạm ngừng hoạt động của hợp tác xã, chi nhánh, văn phòng đại diện, địa điểm kinh doanh", 3, "giay-de-nghi-htx nghi-quyet-dhtv", "Giấy xác nhận về việc tạm ngừng hoạt động", online=4),
        P("1.005046", "Giải thể tự nguyện hợp tác xã", 5, "giay-de-nghi-htx nghi-quyet-dhtv danh-sach-tv", "Thông báo về việc giải thể hợp tác xã"),
        P("1.005126", "Cấp lại Giấy chứng nhận đăng ký hợp tác xã", 3, "giay-de-nghi-htx", "Giấy chứng nhận đăng ký hợp tác xã (cấp lại)", fees=(CHANGE_COOP,), online=4, pay=True),
        P("1.005128", "Đăng ký khi hợp tác xã chia, tách, hợp nhất, sáp nhập", 5, "giay-de-nghi-htx dieu-le-htx nghi-quyet-dhtv danh-sach-tv", "Giấy chứng nhận đăng ký hợp tác xã", fees=(NEW_COOP,)),
    ]),
    Group("luu-thong-hang-hoa", "district", "dept", "ntl-kinh-te", "ktht", "Thương nhân, hộ kinh doanh", TRADE_LAW, [
        P("2.000633", "Cấp Giấy phép bán lẻ rượu", 10, "don-gp-kd gcn-hkd dia-diem-kd hop-dong-mua", "Giấy phép bán lẻ rượu", committed=7, fees=(RETAIL_CHECK,), online=4, pay=True),
        P("2.000620", "Cấp sửa đổi, bổ sung Giấy phép bán lẻ rượu", 10, "don-gp-kd gp-cu", "Giấy phép bán lẻ rượu (sửa đổi, bổ sung)", committed=7, fees=(RETAIL_CHANGE,), online=4, pay=True),
        P("2.000615", "Cấp lại Giấy phép bán lẻ rượu", 7, "don-gp-kd gp-cu", "Giấy phép bán lẻ rượu (cấp lại)", committed=5, fees=(RETAIL_CHANGE,), online=4, pay=True),
        P("2.000181", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", 15, "don-gp-kd gcn-hkd dia-diem-kd hop-dong-mua", "Giấy phép bán lẻ sản phẩm thuốc lá", committed=10, fees=(RETAIL_CHECK,), online=4, pay=True),
        P("2.000176", "Cấp sửa đổi, bổ sung Giấy phép bán lẻ sản phẩm thuốc lá", 15, "don-gp-kd gp-cu", "Giấy phép bán lẻ sản phẩm thuốc lá (sửa đổi, bổ sung)", fees=(RETAIL_CHANGE,), online=4, pay=True),
        P("2.000162", "Cấp lại Giấy phép bán lẻ sản phẩm thuốc lá", 7, "don-gp-kd gp-cu", "Giấy phép bán lẻ sản phẩm thuốc lá (cấp lại)", fees=(RETAIL_CHANGE,), online=4, pay=True),
        P("2.000629", "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", 10, "don-gp-kd gcn-hkd dia-diem-kd", "Giấy phép sản xuất rượu thủ công", fees=(fee("Phí thẩm định điều kiện sản xuất rượu thủ công", 500_000),)),
    ]),
    Group("luu-thong-hang-hoa", "commune", "ward", "", "ktht", "Hộ gia đình, cá nhân sản xuất rượu thủ công", TRADE_LAW, [
        P("2.000591", "Đăng ký sản xuất rượu thủ công để bán cho doanh nghiệp có giấy phép sản xuất rượu để chế biến lại", 7, "van-ban-de-nghi hop-dong-mua", "Giấy xác nhận đăng ký sản xuất rượu thủ công"),
    ]),
    Group("an-toan-thuc-pham", "district", "dept", "ntl-kinh-te", "ktht", "Cơ sở kinh doanh dịch vụ ăn uống, cơ sở sản xuất, kinh doanh thực phẩm", FOOD_LAW, [
        P("1.001256.H26", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", 20, "don-attp gcn-hkd thuyet-minh-attp tap-huan-attp", "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", fees=(FOOD_CHECK,), conditions="Cơ sở bảo đảm điều kiện về địa điểm, trang thiết bị, người trực tiếp chế biến theo Luật An toàn thực phẩm."),
        P("1.001257.H26", "Cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", 20, "don-attp thuyet-minh-attp tap-huan-attp", "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (cấp lại)", fees=(FOOD_CHECK,)),
        P("1.001258.H26", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản", 15, "don-attp thuyet-minh-attp tap-huan-attp", "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", fees=(fee("Phí thẩm định cơ sở sản xuất, kinh doanh thực phẩm", 500_000),)),
    ]),
    Group("tai-chinh", "district", "ubnd", "ntl-tckh", "ktht", "Cơ quan, tổ chức, đơn vị sử dụng tài sản công thuộc cấp huyện", ASSET_LAW, [
        P("1.005428", "Quyết định mua sắm tài sản công phục vụ hoạt động của cơ quan, tổ chức, đơn vị trong trường hợp không phải lập thành dự án đầu tư", 15, "to-trinh-ts danh-muc-ts", "Quyết định mua sắm tài sản công"),
        P("1.005429", "Quyết định thanh lý tài sản công", 15, "to-trinh-ts danh-muc-ts", "Quyết định thanh lý tài sản công"),
        P("1.005430", "Quyết định điều chuyển tài sản công", 15, "to-trinh-ts danh-muc-ts", "Quyết định điều chuyển tài sản công"),
        P("2.002180", "Thẩm tra, phê duyệt quyết toán dự án hoàn thành sử dụng vốn đầu tư công do cấp huyện quản lý (dự án nhóm C)", 80, "bao-cao-qt", "Quyết định phê duyệt quyết toán dự án hoàn thành"),
    ]),
]
# fmt: on
