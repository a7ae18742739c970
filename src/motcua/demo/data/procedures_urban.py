# ruff: noqa: E501
"""Construction, planning, urban infrastructure, land, environment and water procedures."""

from .catalogue import Group, P, charge, fee

CITIZENS = "Cá nhân, hộ gia đình, tổ chức"
CONSTRUCTION_LAW = (
    "Luật Xây dựng số 50/2014/QH13; Luật số 62/2020/QH14 sửa đổi, bổ sung một số điều của "
    "Luật Xây dựng; Nghị định số 15/2021/NĐ-CP; Quyết định của UBND thành phố Hà Nội về quản lý "
    "cấp giấy phép xây dựng trên địa bàn Thành phố"
)
PLANNING_LAW = (
    "Luật Quy hoạch đô thị số 30/2009/QH12; Nghị định số 37/2010/NĐ-CP; Nghị định số 72/2019/NĐ-CP"
)
ROAD_LAW = "Luật Giao thông đường bộ số 23/2008/QH12; Nghị định số 11/2010/NĐ-CP; Nghị định số 64/2010/NĐ-CP về quản lý cây xanh đô thị"
LAND_LAW = "Luật Đất đai số 45/2013/QH13; Nghị định số 43/2014/NĐ-CP; Nghị định số 01/2017/NĐ-CP; Thông tư số 24/2014/TT-BTNMT"
ENV_LAW = "Luật Bảo vệ môi trường số 72/2020/QH14; Nghị định số 08/2022/NĐ-CP; Thông tư số 02/2022/TT-BTNMT"
WATER_LAW = "Luật Tài nguyên nước số 17/2012/QH13; Nghị định số 201/2013/NĐ-CP; Thông tư số 27/2014/TT-BTNMT"

PERMIT_CONDITIONS = (
    "Phù hợp với quy hoạch chi tiết xây dựng tỷ lệ 1/500 hoặc quy chế quản lý kiến trúc; "
    "bảo đảm an toàn cho công trình và công trình lân cận; thiết kế tuân thủ chỉ giới xây dựng."
)
HOUSE = charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75_000)
WORKS = charge("Lệ phí cấp giấy phép xây dựng công trình khác", 150_000)
EXTEND = charge("Lệ phí gia hạn, cấp lại, điều chỉnh giấy phép xây dựng", 15_000)

# fmt: off
GROUPS = [
    Group("xay-dung", "district", "ubnd", "ntl-qldt", "ktht", CITIZENS, CONSTRUCTION_LAW, [
        P("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, "don-gpxd gcn-dat ban-ve cam-ket-an-toan", "Giấy phép xây dựng", committed=12, fees=(HOUSE,), conditions=PERMIT_CONDITIONS, applicants="Hộ gia đình, cá nhân"),
        P("1.009995", "Cấp giấy phép xây dựng mới đối với công trình không theo tuyến (công trình cấp III, cấp IV)", 20, "don-gpxd gcn-dat ban-ve tham-dinh-tk cam-ket-an-toan", "Giấy phép xây dựng", committed=15, fees=(WORKS,), conditions=PERMIT_CONDITIONS),
        P("1.009996", "Cấp giấy phép xây dựng mới đối với công trình theo tuyến trong đô thị", 20, "don-gpxd gcn-dat ban-ve tham-dinh-tk", "Giấy phép xây dựng", fees=(WORKS,), conditions=PERMIT_CONDITIONS),
        P("1.009997", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", 15, "don-gpxd gcn-dat ban-ve gpxd-cu", "Giấy phép xây dựng sửa chữa, cải tạo", committed=12, fees=(HOUSE,), applicants="Hộ gia đình, cá nhân"),
        P("1.009998", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình", 20, "don-gpxd gcn-dat ban-ve tham-dinh-tk", "Giấy phép xây dựng sửa chữa, cải tạo", committed=15, fees=(WORKS,)),
        P("1.009999", "Cấp giấy phép di dời công trình", 20, "don-gpxd gcn-dat ban-ve", "Giấy phép di dời công trình", fees=(WORKS,)),
        P("1.010000", "Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ", 15, "don-gpxd gcn-dat ban-ve cam-ket-an-toan", "Giấy phép xây dựng có thời hạn", committed=12, fees=(HOUSE,), applicants="Hộ gia đình, cá nhân"),
        P("1.010001", "Cấp điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ", 10, "don-dc-gpxd gpxd-cu ban-ve", "Giấy phép xây dựng điều chỉnh", committed=7, fees=(EXTEND,), applicants="Hộ gia đình, cá nhân"),
        P("1.010002", "Gia hạn giấy phép xây dựng", 5, "don-dc-gpxd gpxd-cu", "Giấy phép xây dựng được gia hạn", fees=(EXTEND,)),
        P("1.010003", "Cấp lại giấy phép xây dựng", 5, "don-dc-gpxd gpxd-cu", "Giấy phép xây dựng cấp lại", committed=3, fees=(EXTEND,)),
        P("1.009972", "Thẩm định báo cáo kinh tế – kỹ thuật đầu tư xây dựng, điều chỉnh báo cáo kinh tế – kỹ thuật", 20, "bao-cao-ktkt ho-so-khao-sat", "Văn bản thông báo kết quả thẩm định", committed=15, applicants="Chủ đầu tư"),
        P("1.009973", "Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở", 20, "van-ban-de-nghi ho-so-khao-sat tham-dinh-tk", "Văn bản thông báo kết quả thẩm định thiết kế", applicants="Chủ đầu tư"),
    ]),
    Group("quy-hoach", "district", "ubnd", "ntl-qldt", "ktht", CITIZENS, PLANNING_LAW, [
        P("1.008432", "Cung cấp thông tin về quy hoạch xây dựng thuộc thẩm quyền của UBND cấp huyện", 15, "don-tt-qh so-do-vi-tri", "Văn bản cung cấp thông tin quy hoạch"),
        P("1.008433", "Thẩm định nhiệm vụ, nhiệm vụ điều chỉnh quy hoạch chi tiết của dự án đầu tư xây dựng công trình theo hình thức kinh doanh", 20, "nhiem-vu-qh so-do-vi-tri", "Quyết định phê duyệt nhiệm vụ quy hoạch", applicants="Chủ đầu tư"),
        P("1.008434", "Thẩm định đồ án, đồ án điều chỉnh quy hoạch chi tiết của dự án đầu tư xây dựng công trình theo hình thức kinh doanh", 25, "nhiem-vu-qh ban-ve-qh", "Quyết định phê duyệt đồ án quy hoạch chi tiết", applicants="Chủ đầu tư"),
        P("1.008435", "Cấp giấy phép quy hoạch dự án đầu tư xây dựng trong khu chức năng đặc thù cấp huyện", 20, "nhiem-vu-qh so-do-vi-tri ban-ve-qh", "Giấy phép quy hoạch", fees=(charge("Lệ phí cấp giấy phép quy hoạch", 2_000_000),), applicants="Chủ đầu tư"),
    ]),
    Group("ha-tang-do-thi", "district", "ubnd", "ntl-qldt", "ktht", CITIZENS, ROAD_LAW, [
        P("1.001234.H26", "Cấp phép sử dụng tạm thời một phần hè phố không vào mục đích giao thông", 7, "don-ht so-do-vi-tri phuong-an-tc", "Giấy phép sử dụng tạm thời một phần hè phố"),
        P("1.001235.H26", "Cấp phép thi công công trình trên đường đô thị, hè phố do UBND cấp huyện quản lý", 7, "don-ht so-do-vi-tri phuong-an-tc ban-ve", "Giấy phép thi công"),
        P("1.001236.H26", "Cấp phép đào đường, hè phố để đấu nối hạ tầng kỹ thuật (cấp điện, cấp nước, thoát nước)", 7, "don-ht so-do-vi-tri phuong-an-tc", "Giấy phép đào đường, hè phố"),
        P("1.001237.H26", "Cấp phép chặt hạ, dịch chuyển cây xanh đô thị", 15, "don-ht hien-trang-cay so-do-vi-tri", "Giấy phép chặt hạ, dịch chuyển cây xanh"),
        P("1.001238.H26", "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ đô thị", 7, "don-ht ban-ve phuong-an-tc", "Văn bản chấp thuận"),
    ]),
    Group("dat-dai", "district", "ubnd", "ntl-tnmt", "ktht", "Hộ gia đình, cá nhân, cộng đồng dân cư", LAND_LAW, [
        P("1.004227", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu", 30, "don-dk-dat giay-to-dat trich-do nghia-vu-tc", "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", committed=20, fees=(charge("Lệ phí cấp Giấy chứng nhận (có tài sản gắn liền với đất)", 100_000), charge("Lệ phí cấp Giấy chứng nhận (chỉ có quyền sử dụng đất)", 25_000))),
        P("1.004203", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, thừa kế, tặng cho, góp vốn", 10, "don-bien-dong hop-dong-dat gcn-dat-goc nghia-vu-tc", "Giấy chứng nhận đã xác nhận biến động hoặc Giấy chứng nhận mới", committed=7, fees=(charge("Lệ phí chứng nhận đăng ký biến động", 28_000),)),
        P("1.004217", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", 7, "don-bien-dong gcn-dat-goc", "Giấy chứng nhận được cấp đổi", committed=5, fees=(charge("Lệ phí cấp đổi Giấy chứng nhận", 50_000),)),
        P("1.004221", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", 10, "don-bien-dong cccd", "Giấy chứng nhận được cấp lại", committed=8, fees=(charge("Lệ phí cấp lại Giấy chứng nhận", 50_000),)),
        P("1.004206", "Tách thửa hoặc hợp thửa đất", 15, "don-bien-dong gcn-dat-goc trich-do", "Giấy chứng nhận cho các thửa đất sau tách, hợp", committed=12, fees=(charge("Lệ phí cấp Giấy chứng nhận", 25_000),)),
        P("1.004199", "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân", 15, "don-chuyen-md gcn-dat-goc trich-do", "Quyết định cho phép chuyển mục đích sử dụng đất", committed=12),
        P("1.004193", "Đính chính Giấy chứng nhận đã cấp", 10, "don-bien-dong gcn-dat-goc", "Giấy chứng nhận đã được đính chính", committed=7),
        P("1.004190", "Xóa đăng ký cho thuê, cho thuê lại, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 3, "don-bien-dong hop-dong-dat gcn-dat-goc", "Giấy chứng nhận đã xác nhận xóa đăng ký"),
        P("1.004177", "Đăng ký thế chấp, xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 3, "van-ban-de-nghi hop-dong-dat gcn-dat-goc", "Giấy chứng nhận đã chứng nhận đăng ký thế chấp", fees=(fee("Phí đăng ký thế chấp", 80_000), fee("Phí xóa đăng ký thế chấp", 20_000))),
        P("1.004269", "Xác nhận tiếp tục sử dụng đất nông nghiệp của hộ gia đình, cá nhân khi hết hạn sử dụng đất", 7, "don-bien-dong gcn-dat-goc", "Giấy chứng nhận đã xác nhận thời hạn sử dụng đất"),
        P("1.004240", "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp huyện", 45, "don-tranh-chap bien-ban-hoa-giai giay-to-dat", "Quyết định giải quyết tranh chấp đất đai", committed=40),
        P("1.004230", "Giao đất, cho thuê đất cho hộ gia đình, cá nhân không thông qua hình thức đấu giá quyền sử dụng đất", 20, "van-ban-de-nghi trich-do", "Quyết định giao đất, cho thuê đất"),
    ]),
    Group("dat-dai", "commune", "ward", "", "ktht", "Hộ gia đình, cá nhân, cộng đồng dân cư", LAND_LAW, [
        P("2.000524", "Hòa giải tranh chấp đất đai tại UBND cấp xã", 45, "don-tranh-chap giay-to-dat", "Biên bản hòa giải thành hoặc không thành", committed=30),
    ]),
    Group("moi-truong", "district", "ubnd", "ntl-tnmt", "ktht", "Tổ chức, cá nhân có dự án, cơ sở sản xuất, kinh doanh, dịch vụ", ENV_LAW, [
        P("1.010728", "Cấp giấy phép môi trường thuộc thẩm quyền của UBND cấp huyện", 15, "van-ban-de-nghi ke-hoach-bvmt", "Giấy phép môi trường"),
        P("1.010729", "Cấp đổi, điều chỉnh giấy phép môi trường thuộc thẩm quyền của UBND cấp huyện", 10, "van-ban-de-nghi ke-hoach-bvmt gp-cu", "Giấy phép môi trường được cấp đổi, điều chỉnh"),
        P("1.010730", "Cấp lại giấy phép môi trường thuộc thẩm quyền của UBND cấp huyện", 15, "van-ban-de-nghi ke-hoach-bvmt", "Giấy phép môi trường được cấp lại"),
        P("1.005249", "Xác nhận đăng ký kế hoạch bảo vệ môi trường", 10, "van-ban-de-nghi ke-hoach-bvmt", "Giấy xác nhận đăng ký kế hoạch bảo vệ môi trường"),
    ]),
    Group("moi-truong", "commune", "ward", "", "ktht", "Tổ chức, cá nhân có dự án, cơ sở thuộc đối tượng đăng ký môi trường", ENV_LAW, [
        P("1.010733", "Đăng ký môi trường (cấp xã)", 5, "phieu-dk-mt", "Văn bản tiếp nhận đăng ký môi trường"),
    ]),
    Group("tai-nguyen-nuoc", "district", "ubnd", "ntl-tnmt", "ktht", "Tổ chức, cá nhân khai thác nước dưới đất", WATER_LAW, [
        P("1.004232", "Đăng ký khai thác nước dưới đất", 10, "to-khai-nuoc so-do-vi-tri", "Tờ khai đăng ký đã xác nhận"),
    ]),
]
# fmt: on
