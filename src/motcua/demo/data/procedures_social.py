# ruff: noqa: E501
"""Social protection, people with meritorious services, children, education, culture,
religion, awards and complaints."""

from .catalogue import Group, P, fee

SOCIAL_LAW = "Nghị định số 20/2021/NĐ-CP về chính sách trợ giúp xã hội; Luật Người khuyết tật số 51/2010/QH12; Nghị định số 28/2012/NĐ-CP; Nghị định số 103/2017/NĐ-CP"
POVERTY_LAW = "Nghị định số 07/2021/NĐ-CP quy định chuẩn nghèo đa chiều; Quyết định số 24/2021/QĐ-TTg; Thông tư số 07/2021/TT-BLĐTBXH"
MERIT_LAW = "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14; Nghị định số 131/2021/NĐ-CP; Nghị định số 75/2021/NĐ-CP"
CHILD_LAW = "Luật Trẻ em số 102/2016/QH13; Nghị định số 56/2017/NĐ-CP"
DRUG_LAW = "Luật Phòng, chống ma túy số 73/2021/QH14; Nghị định số 116/2021/NĐ-CP"
SCHOOL_LAW = "Luật Giáo dục số 43/2019/QH14; Nghị định số 46/2017/NĐ-CP; Nghị định số 135/2018/NĐ-CP; Nghị định số 125/2024/NĐ-CP"
CULTURE_LAW = "Nghị định số 54/2019/NĐ-CP về kinh doanh dịch vụ karaoke, vũ trường; Nghị định số 110/2018/NĐ-CP về quản lý và tổ chức lễ hội; Luật Thư viện số 46/2019/QH14; Nghị định số 72/2013/NĐ-CP"
FAMILY_LAW = "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15; Nghị định số 76/2023/NĐ-CP"
SPORT_LAW = (
    "Luật Thể dục, thể thao số 77/2006/QH11, sửa đổi năm 2018; Thông tư số 18/2011/TT-BVHTTDL"
)
RELIGION_LAW = "Luật Tín ngưỡng, tôn giáo số 02/2016/QH14; Nghị định số 95/2023/NĐ-CP"
AWARD_LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP"
COMPLAINT_LAW = "Luật Khiếu nại số 02/2011/QH13; Luật Tố cáo số 25/2018/QH14; Nghị định số 124/2020/NĐ-CP; Nghị định số 31/2019/NĐ-CP"

# fmt: off
GROUPS = [
    Group("bao-tro-xa-hoi", "district", "interagency", "ntl-ldtbxh", "vhxh", "Đối tượng bảo trợ xã hội, người đại diện hợp pháp", SOCIAL_LAW, [
        P("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng", 22, "to-khai-tcxh giay-xn-kt cccd", "Quyết định hưởng, điều chỉnh, thôi hưởng trợ cấp xã hội", committed=15),
        P("1.001758", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", 5, "to-khai-tcxh giay-bao-tu-dt", "Quyết định hỗ trợ chi phí mai táng", committed=3),
        P("2.000286", "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở", 10, "to-khai-tcxh bien-ban-thiet-hai", "Quyết định hỗ trợ làm nhà ở, sửa chữa nhà ở", committed=7),
        P("1.001753", "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp huyện", 10, "to-khai-tcxh giay-xn-kt cccd", "Quyết định tiếp nhận vào cơ sở trợ giúp xã hội"),
        P("2.000282", "Đăng ký thành lập, đăng ký thay đổi nội dung giấy chứng nhận đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập thuộc thẩm quyền của Phòng Lao động – Thương binh và Xã hội", 5, "to-trinh-co-so", "Giấy chứng nhận đăng ký thành lập cơ sở trợ giúp xã hội", applicants="Tổ chức, cá nhân thành lập cơ sở trợ giúp xã hội"),
    ]),
    Group("bao-tro-xa-hoi", "commune", "ward", "", "vhxh", "Hộ gia đình, cá nhân cư trú trên địa bàn", SOCIAL_LAW, [
        P("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", 25, "don-xac-dinh-kt ho-so-y-te cccd", "Giấy xác nhận khuyết tật", committed=20),
        P("1.001653", "Đổi, cấp lại Giấy xác nhận khuyết tật", 5, "don-xac-dinh-kt giay-xn-kt", "Giấy xác nhận khuyết tật (đổi, cấp lại)", committed=3),
        P("1.000489", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", 15, "giay-de-nghi-ho-ngheo cccd", "Giấy chứng nhận hộ nghèo, hộ cận nghèo", legal=POVERTY_LAW),
        P("1.000502", "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm", 15, "giay-de-nghi-ho-ngheo", "Quyết định công nhận hộ thoát nghèo, hộ thoát cận nghèo", legal=POVERTY_LAW),
        P("2.000751", "Đăng ký hoạt động đối với cơ sở trợ giúp xã hội dưới 10 đối tượng có hoàn cảnh khó khăn", 5, "to-trinh-co-so", "Giấy chứng nhận đăng ký hoạt động", applicants="Tổ chức, cá nhân"),
    ]),
    Group("nguoi-co-cong", "district", "interagency", "ntl-ldtbxh", "vhxh", "Người có công với cách mạng, thân nhân người có công", MERIT_LAW, [
        P("1.002519", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, "ho-so-nguoi-co-cong cccd", "Quyết định trợ cấp thờ cúng liệt sĩ"),
        P("1.002429", "Hưởng mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần", 12, "ho-so-nguoi-co-cong giay-bao-tu-nck", "Quyết định trợ cấp mai táng phí, trợ cấp một lần"),
        P("2.001157", "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ", 5, "don-mo-liet-si cccd", "Giấy giới thiệu thăm viếng mộ liệt sĩ"),
        P("1.002271", "Di chuyển hài cốt liệt sĩ đang an táng ngoài nghĩa trang liệt sĩ về an táng tại nghĩa trang liệt sĩ theo nguyện vọng của đại diện thân nhân", 12, "don-mo-liet-si ho-so-nguoi-co-cong", "Văn bản đồng ý di chuyển hài cốt liệt sĩ"),
        P("1.010812", "Giải quyết chế độ ưu đãi đối với con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học", 20, "ho-so-nguoi-co-cong ho-so-y-te", "Quyết định hưởng trợ cấp ưu đãi"),
        P("1.010829", "Hỗ trợ người có công với cách mạng cải thiện nhà ở", 20, "ho-so-nguoi-co-cong bien-ban-thiet-hai", "Quyết định hỗ trợ cải thiện nhà ở"),
    ]),
    Group("nguoi-co-cong", "commune", "ward", "", "vhxh", "Người có công với cách mạng, thân nhân người có công", MERIT_LAW, [
        P("1.010830", "Ủy quyền hưởng trợ cấp, phụ cấp ưu đãi", 3, "giay-uy-quyen-tc cccd", "Giấy ủy quyền đã được xác nhận"),
    ]),
    Group("tre-em", "commune", "ward", "", "vhxh", "Cá nhân, gia đình, tổ chức nhận chăm sóc thay thế; người phát hiện trẻ em cần bảo vệ", CHILD_LAW, [
        P("1.004946", "Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em", "12h", "don-tre-em", "Quyết định tạm thời cách ly trẻ em"),
        P("1.004944", "Đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế không phải là người thân thích của trẻ em", 15, "don-tre-em cccd", "Quyết định giao trẻ em cho cá nhân, gia đình nhận chăm sóc thay thế"),
        P("1.004941", "Chấm dứt việc chăm sóc thay thế cho trẻ em", 5, "don-tre-em", "Quyết định chấm dứt việc chăm sóc thay thế"),
    ]),
    Group("te-nan-xa-hoi", "commune", "ward", "", "vhxh", "Người nghiện ma túy, gia đình người nghiện ma túy", DRUG_LAW, [
        P("2.000048", "Đăng ký cai nghiện ma túy tự nguyện tại gia đình, cộng đồng", 5, "don-cai-nghien cccd", "Quyết định quản lý cai nghiện ma túy tự nguyện"),
        P("2.000051", "Hoãn, miễn chấp hành quyết định áp dụng biện pháp quản lý sau cai nghiện ma túy", 5, "don-cai-nghien", "Quyết định hoãn, miễn chấp hành"),
    ]),
    Group("giao-duc", "district", "ubnd", "ntl-gddt", "vhxh", "Tổ chức, cá nhân thành lập cơ sở giáo dục; cơ sở giáo dục", SCHOOL_LAW, [
        P("1.004442", "Thành lập trường mầm non công lập, cho phép thành lập trường mầm non dân lập, tư thục", 20, "to-trinh-truong ho-so-co-so-vc", "Quyết định thành lập, cho phép thành lập trường mầm non", committed=15),
        P("1.004443", "Cho phép trường mầm non, trường mẫu giáo, nhà trẻ hoạt động giáo dục", 20, "to-trinh-truong ho-so-co-so-vc quy-che-truong", "Quyết định cho phép hoạt động giáo dục", committed=15),
        P("1.004494", "Thành lập trường tiểu học công lập, cho phép thành lập trường tiểu học tư thục", 20, "to-trinh-truong ho-so-co-so-vc", "Quyết định thành lập, cho phép thành lập trường tiểu học", committed=15),
        P("1.004555", "Cho phép trường tiểu học hoạt động giáo dục", 20, "to-trinh-truong ho-so-co-so-vc quy-che-truong", "Quyết định cho phép hoạt động giáo dục"),
        P("1.004475", "Thành lập trường trung học cơ sở công lập hoặc cho phép thành lập trường trung học cơ sở tư thục", 20, "to-trinh-truong ho-so-co-so-vc", "Quyết định thành lập, cho phép thành lập trường trung học cơ sở"),
        P("1.004444", "Cho phép trường trung học cơ sở hoạt động giáo dục", 20, "to-trinh-truong ho-so-co-so-vc quy-che-truong", "Quyết định cho phép hoạt động giáo dục"),
        P("1.004552", "Giải thể trường trung học cơ sở (theo đề nghị của tổ chức, cá nhân đề nghị thành lập trường)", 20, "to-trinh-truong", "Quyết định giải thể trường"),
        P("1.004831", "Chuyển trường đối với học sinh trung học cơ sở", 3, "don-chuyen-truong", "Giấy giới thiệu chuyển trường", committed=2, applicants="Cha, mẹ hoặc người giám hộ học sinh"),
        P("1.004831.H26", "Cấp giấy phép tổ chức hoạt động dạy thêm, học thêm đối với cấp trung học cơ sở", 15, "don-day-them ho-so-co-so-vc", "Giấy phép tổ chức dạy thêm, học thêm", committed=10),
        P("1.005097", "Xét, cấp học bổng chính sách và hỗ trợ chi phí học tập đối với học sinh khuyết tật", 15, "don-hoc-bong giay-xn-kt", "Quyết định cấp học bổng, hỗ trợ chi phí học tập", applicants="Học sinh, cha mẹ học sinh"),
    ]),
    Group("giao-duc", "commune", "ward", "", "vhxh", "Tổ chức, cá nhân thành lập nhóm trẻ, lớp mẫu giáo độc lập", SCHOOL_LAW, [
        P("1.004492", "Thành lập nhóm trẻ, lớp mẫu giáo độc lập", 20, "to-trinh-truong ho-so-co-so-vc", "Quyết định cho phép thành lập nhóm trẻ, lớp mẫu giáo độc lập", committed=15),
        P("1.004485", "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục trở lại", 10, "to-trinh-truong", "Quyết định cho phép hoạt động giáo dục trở lại"),
        P("1.004443.H26", "Giải thể nhóm trẻ, lớp mẫu giáo độc lập (theo đề nghị của cá nhân, tổ chức thành lập)", 20, "to-trinh-truong", "Quyết định giải thể nhóm trẻ, lớp mẫu giáo độc lập"),
    ]),
    Group("van-hoa", "district", "dept", "ntl-vhtt", "vhxh", "Doanh nghiệp, hộ kinh doanh; tổ chức, cá nhân tổ chức lễ hội", CULTURE_LAW, [
        P("1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (do cơ quan quản lý nhà nước về văn hóa cấp huyện cấp)", 5, "don-karaoke gcn-hkd dia-diem-kd", "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", committed=4, fees=(fee("Phí thẩm định cấp giấy phép kinh doanh karaoke (từ 01 đến 03 phòng)", 4_000_000),), conditions="Phòng hát có diện tích sử dụng từ 20 m² trở lên; không đặt chốt cửa bên trong; bảo đảm điều kiện phòng cháy, chữa cháy."),
        P("1.001008", "Cấp Giấy phép điều chỉnh Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", 4, "don-karaoke gp-cu", "Giấy phép điều chỉnh", committed=3, fees=(fee("Phí thẩm định điều chỉnh giấy phép kinh doanh karaoke", 500_000),)),
        P("1.003645", "Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", 5, "don-tro-choi gcn-hkd dia-diem-kd", "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", fees=(fee("Phí thẩm định cấp giấy chứng nhận điểm cung cấp trò chơi điện tử", 200_000),)),
        P("1.003656", "Cấp lại, sửa đổi, bổ sung, gia hạn Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng", 5, "don-tro-choi gp-cu", "Giấy chứng nhận đủ điều kiện (cấp lại, sửa đổi, gia hạn)", fees=(fee("Phí thẩm định cấp lại giấy chứng nhận điểm cung cấp trò chơi điện tử", 100_000),), online=4, pay=True),
        P("1.009392", "Đăng ký tổ chức lễ hội cấp huyện", 15, "don-le-hoi", "Văn bản chấp thuận tổ chức lễ hội", committed=10),
        P("1.009393", "Thông báo tổ chức lễ hội cấp huyện", 5, "don-le-hoi", "Văn bản trả lời thông báo tổ chức lễ hội"),
    ]),
    Group("van-hoa", "commune", "ward", "", "vhxh", "Hộ gia đình, tổ dân phố, ban tổ chức lễ hội", CULTURE_LAW, [
        P("1.000954", "Xét tặng danh hiệu Gia đình văn hóa hằng năm", 5, "bao-cao-thanh-tich", "Giấy công nhận Gia đình văn hóa"),
        P("1.001120", "Xét tặng Giấy khen Tổ dân phố văn hóa", 5, "bao-cao-thanh-tich", "Giấy khen Tổ dân phố văn hóa"),
        P("1.009394", "Đăng ký tổ chức lễ hội cấp xã", 10, "don-le-hoi", "Văn bản chấp thuận tổ chức lễ hội", committed=7),
        P("1.009395", "Thông báo tổ chức lễ hội cấp xã", 5, "don-le-hoi", "Văn bản trả lời thông báo tổ chức lễ hội"),
        P("1.008904", "Thông báo thành lập thư viện đối với thư viện cộng đồng", 5, "don-thu-vien", "Văn bản xác nhận thông báo"),
    ]),
    Group("gia-dinh", "district", "dept", "ntl-vhtt", "vhxh", "Tổ chức, cá nhân thành lập cơ sở hỗ trợ, tư vấn", FAMILY_LAW, [
        P("1.001871", "Cấp Giấy chứng nhận đăng ký hoạt động của cơ sở trợ giúp nạn nhân bạo lực gia đình", 10, "don-bao-luc-gd", "Giấy chứng nhận đăng ký hoạt động"),
        P("1.001861", "Cấp Giấy chứng nhận đăng ký hoạt động của cơ sở tư vấn về phòng, chống bạo lực gia đình", 10, "don-bao-luc-gd", "Giấy chứng nhận đăng ký hoạt động"),
    ]),
    Group("the-thao", "commune", "ward", "", "vhxh", "Tổ chức, cá nhân đề nghị thành lập câu lạc bộ", SPORT_LAW, [
        P("1.000933", "Công nhận câu lạc bộ thể thao cơ sở", 7, "don-clb", "Quyết định công nhận câu lạc bộ thể thao cơ sở"),
    ]),
    Group("ton-giao", "district", "ubnd", "ntl-noi-vu", "vp", "Tổ chức tôn giáo, tổ chức tôn giáo trực thuộc, chức sắc, chức việc", RELIGION_LAW, [
        P("1.001085", "Đăng ký người được bổ nhiệm, bầu cử, suy cử làm chức việc của tổ chức được cấp chứng nhận đăng ký hoạt động tôn giáo có địa bàn hoạt động ở một huyện", 20, "van-ban-ton-giao", "Văn bản chấp thuận"),
        P("1.001090", "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở một huyện", 15, "van-ban-ton-giao", "Văn bản chấp thuận tổ chức cuộc lễ"),
        P("1.001098", "Thông báo tổ chức quyên góp ngoài địa bàn một xã nhưng trong địa bàn một huyện của cơ sở tín ngưỡng, tổ chức tôn giáo", 5, "van-ban-ton-giao", "Văn bản xác nhận thông báo"),
    ]),
    Group("ton-giao", "commune", "ward", "", "vp", "Người đại diện cơ sở tín ngưỡng, nhóm sinh hoạt tôn giáo tập trung", RELIGION_LAW, [
        P("1.001055", "Đăng ký hoạt động tín ngưỡng", 15, "van-ban-ton-giao", "Văn bản chấp thuận đăng ký hoạt động tín ngưỡng"),
        P("1.001078", "Đăng ký sinh hoạt tôn giáo tập trung", 20, "van-ban-ton-giao cccd", "Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung"),
        P("1.001109", "Đề nghị thay đổi địa điểm sinh hoạt tôn giáo tập trung trong địa bàn một xã", 20, "van-ban-ton-giao", "Văn bản chấp thuận thay đổi địa điểm"),
    ]),
    Group("thi-dua", "district", "ubnd", "ntl-noi-vu", "vp", "Cá nhân, tập thể, hộ gia đình có thành tích", AWARD_LAW, [
        P("1.000775", "Tặng Giấy khen của Chủ tịch UBND cấp huyện về thành tích thực hiện nhiệm vụ chính trị", 20, "to-trinh-khen bao-cao-thanh-tich", "Quyết định tặng Giấy khen"),
        P("1.000748", "Tặng Giấy khen của Chủ tịch UBND cấp huyện về thành tích thi đua theo đợt hoặc chuyên đề", 20, "to-trinh-khen bao-cao-thanh-tich", "Quyết định tặng Giấy khen"),
        P("1.000843", "Tặng Giấy khen của Chủ tịch UBND cấp huyện về thành tích đột xuất", 5, "to-trinh-khen", "Quyết định tặng Giấy khen"),
        P("1.000804", "Tặng danh hiệu Lao động tiên tiến", 20, "to-trinh-khen", "Quyết định công nhận danh hiệu Lao động tiên tiến"),
    ]),
    Group("thi-dua", "commune", "ward", "", "vp", "Cá nhân, tập thể, hộ gia đình có thành tích", AWARD_LAW, [
        P("2.000346", "Tặng Giấy khen của Chủ tịch UBND cấp xã về thành tích thực hiện nhiệm vụ chính trị", 20, "to-trinh-khen bao-cao-thanh-tich", "Quyết định tặng Giấy khen"),
        P("2.000337", "Tặng Giấy khen của Chủ tịch UBND cấp xã về thành tích đột xuất", 5, "to-trinh-khen", "Quyết định tặng Giấy khen"),
    ]),
    Group("khieu-nai-to-cao", "district", "ubnd", "ntl-thanh-tra", "vp", "Công dân, cơ quan, tổ chức", COMPLAINT_LAW, [
        P("2.002176", "Giải quyết khiếu nại lần đầu tại cấp huyện", 30, "don-khieu-nai cccd", "Quyết định giải quyết khiếu nại lần đầu"),
        P("2.002177", "Giải quyết khiếu nại lần hai tại cấp huyện", 45, "don-khieu-nai qd-lan-dau cccd", "Quyết định giải quyết khiếu nại lần hai"),
        P("2.001909", "Giải quyết tố cáo tại cấp huyện", 30, "don-to-cao cccd", "Kết luận nội dung tố cáo"),
    ]),
    Group("khieu-nai-to-cao", "commune", "ward", "", "vp", "Công dân, cơ quan, tổ chức", COMPLAINT_LAW, [
        P("2.002175", "Giải quyết khiếu nại lần đầu tại cấp xã", 30, "don-khieu-nai cccd", "Quyết định giải quyết khiếu nại lần đầu"),
        P("2.001908", "Giải quyết tố cáo tại cấp xã", 30, "don-to-cao cccd", "Kết luận nội dung tố cáo"),
    ]),
]
# fmt: on
