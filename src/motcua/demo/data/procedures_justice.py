# ruff: noqa: E501
"""Civil status, certification, adoption and grassroots mediation procedures."""

from .catalogue import Group, P, charge, fee

CIVIL_LAW = "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Nghị quyết của HĐND thành phố Hà Nội về lệ phí hộ tịch"
CERT_LAW = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC"
ADOPTION_LAW = (
    "Luật Nuôi con nuôi số 52/2010/QH12; Nghị định số 19/2011/NĐ-CP; Nghị định số 24/2019/NĐ-CP"
)
MEDIATION_LAW = "Luật Hòa giải ở cơ sở số 35/2013/QH13; Nghị định số 15/2014/NĐ-CP; Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13"

PERSON = "Cá nhân"
FOREIGN = "Công dân Việt Nam, người nước ngoài, người Việt Nam định cư ở nước ngoài"
SAME_DAY_NOTE = "Trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo."
COPY_FEE = fee(
    "Phí chứng thực bản sao từ bản chính",
    2_000,
    "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản",
)
SIGNATURE_FEE = fee("Phí chứng thực chữ ký", 10_000, "Mỗi trường hợp")
CONTRACT_FEE = fee("Phí chứng thực hợp đồng, giao dịch", 50_000)
EXTRACT_FEE = fee("Phí cấp bản sao trích lục hộ tịch", 8_000, "Mỗi bản")

# fmt: off
GROUPS = [
    Group("ho-tich", "commune", "ward", "", "vp", PERSON, CIVIL_LAW, [
        P("1.001193", "Đăng ký khai sinh", "same", "tk-khai-sinh giay-chung-sinh cccd", "Giấy khai sinh (bản chính), Sổ hộ tịch", cutoff=True, conditions=SAME_DAY_NOTE, applicants="Cha, mẹ, ông, bà hoặc người thân thích của trẻ em"),
        P("1.000894", "Đăng ký kết hôn", "same", "tk-ket-hon cccd xn-hon-nhan", "Giấy chứng nhận kết hôn", cutoff=True, conditions="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do nam và nữ tự nguyện quyết định; không thuộc trường hợp cấm kết hôn. " + SAME_DAY_NOTE),
        P("1.000656", "Đăng ký khai tử", "same", "tk-khai-tu giay-bao-tu cccd", "Trích lục khai tử", cutoff=True, conditions=SAME_DAY_NOTE, applicants="Vợ, chồng, con, cha, mẹ hoặc người thân thích của người chết"),
        P("1.004746", "Đăng ký nhận cha, mẹ, con", 3, "tk-ho-tich chung-cu-quan-he cccd", "Trích lục đăng ký nhận cha, mẹ, con", fees=(charge("Lệ phí đăng ký nhận cha, mẹ, con", 15_000),), conditions="Các bên còn sống; không có tranh chấp."),
        P("1.004772", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", 3, "tk-khai-sinh giay-chung-sinh chung-cu-quan-he cccd", "Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con", fees=(charge("Lệ phí đăng ký nhận cha, mẹ, con", 15_000),)),
        P("1.004837", "Đăng ký giám hộ", 3, "tk-ho-tich giay-to-ho-tich cccd", "Trích lục đăng ký giám hộ"),
        P("1.004845", "Đăng ký chấm dứt giám hộ", 2, "tk-ho-tich giay-to-ho-tich", "Trích lục đăng ký chấm dứt giám hộ"),
        P("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, "tk-ho-tich giay-to-ho-tich cccd", "Trích lục thay đổi, cải chính, bổ sung hộ tịch", committed=2, fees=(charge("Lệ phí thay đổi, cải chính hộ tịch", 15_000),)),
        P("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 3, "tk-ho-tich cccd giay-to-ho-tich", "Giấy xác nhận tình trạng hôn nhân", committed=2, fees=(charge("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 15_000),), online=4, pay=True),
        P("1.004884", "Đăng ký lại khai sinh", 5, "tk-khai-sinh giay-to-ho-tich cccd", "Giấy khai sinh (đăng ký lại)", committed=3),
        P("1.004888", "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân", 3, "tk-khai-sinh giay-to-ho-tich cccd", "Giấy khai sinh", committed=2),
        P("1.004889", "Đăng ký lại kết hôn", 5, "tk-ket-hon giay-to-ho-tich cccd", "Giấy chứng nhận kết hôn (đăng ký lại)", committed=3),
        P("2.000635", "Cấp bản sao Trích lục hộ tịch", "same", "to-khai-trich-luc cccd uy-quyen", "Bản sao Trích lục hộ tịch", cutoff=True, fees=(EXTRACT_FEE,), online=4, pay=True, applicants="Cá nhân, cơ quan, tổ chức có yêu cầu"),
        P("1.003583", "Xác nhận thông tin hộ tịch", 3, "tk-ho-tich cccd", "Văn bản xác nhận thông tin hộ tịch", online=4),
        P("2.000986", "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", 5, "tk-khai-sinh giay-chung-sinh cccd", "Giấy khai sinh, thông tin cư trú đã cập nhật, thẻ bảo hiểm y tế", committed=4),
        P("2.000779", "Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng", 5, "tk-khai-tu giay-bao-tu cccd", "Trích lục khai tử, xóa đăng ký thường trú, quyết định hưởng chế độ"),
    ]),
    Group("ho-tich", "district", "ubnd", "ntl-tu-phap", "vp", FOREIGN, CIVIL_LAW, [
        P("1.001695", "Đăng ký khai sinh có yếu tố nước ngoài", 3, "tk-khai-sinh giay-chung-sinh ho-chieu giay-to-nn", "Giấy khai sinh", committed=2, fees=(charge("Lệ phí đăng ký khai sinh có yếu tố nước ngoài", 75_000),)),
        P("1.000893", "Đăng ký kết hôn có yếu tố nước ngoài", 15, "tk-ket-hon xn-hon-nhan giay-kham-sk ho-chieu giay-to-nn", "Giấy chứng nhận kết hôn", committed=12, fees=(charge("Lệ phí đăng ký kết hôn có yếu tố nước ngoài", 1_000_000),), conditions="Hai bên trực tiếp có mặt khi trao Giấy chứng nhận kết hôn."),
        P("1.001766", "Đăng ký khai tử có yếu tố nước ngoài", 3, "tk-khai-tu giay-bao-tu ho-chieu", "Trích lục khai tử", fees=(charge("Lệ phí đăng ký khai tử có yếu tố nước ngoài", 75_000),)),
        P("1.001702", "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", 15, "tk-ho-tich chung-cu-quan-he ho-chieu giay-to-nn", "Trích lục đăng ký nhận cha, mẹ, con", committed=12, fees=(charge("Lệ phí đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", 1_000_000),)),
        P("2.000528", "Đăng ký thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc", 3, "tk-ho-tich giay-to-ho-tich cccd", "Trích lục thay đổi, cải chính, bổ sung hộ tịch", fees=(charge("Lệ phí thay đổi, cải chính hộ tịch", 28_000),)),
        P("2.000806", "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", 5, "tk-ho-tich giay-to-nn cccd", "Trích lục ghi chú kết hôn", fees=(charge("Lệ phí ghi chú kết hôn", 75_000),)),
        P("2.000522", "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài", 12, "tk-ho-tich giay-to-nn cccd", "Trích lục ghi chú ly hôn", fees=(charge("Lệ phí ghi chú ly hôn", 75_000),)),
        P("1.001669", "Đăng ký giám hộ có yếu tố nước ngoài", 5, "tk-ho-tich giay-to-nn ho-chieu", "Trích lục đăng ký giám hộ"),
    ]),
    Group("chung-thuc", "commune", "ward", "", "vp", "Cá nhân, tổ chức", CERT_LAW, [
        P("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận", "same", "ban-chinh", "Bản sao được chứng thực từ bản chính", cutoff=True, fees=(COPY_FEE,), conditions=SAME_DAY_NOTE),
        P("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)", "same", "giay-to-can-ky cccd", "Giấy tờ, văn bản được chứng thực chữ ký", cutoff=True, fees=(SIGNATURE_FEE,), conditions=SAME_DAY_NOTE),
        P("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", 2, "du-thao-hd giay-to-tai-san cccd", "Hợp đồng, giao dịch được chứng thực", fees=(CONTRACT_FEE,)),
        P("2.000927", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 2, "du-thao-hd hd-da-chung-thuc cccd", "Văn bản sửa đổi, bổ sung, hủy bỏ được chứng thực", fees=(fee("Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng", 30_000),)),
        P("2.000942", "Sửa lỗi sai sót trong hợp đồng, giao dịch", "same", "hd-da-chung-thuc cccd", "Hợp đồng, giao dịch đã được sửa lỗi", fees=(fee("Phí sửa lỗi sai sót trong hợp đồng, giao dịch", 25_000),)),
        P("2.000913", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực", 2, "cccd uy-quyen", "Bản sao có chứng thực hợp đồng, giao dịch", fees=(COPY_FEE,)),
        P("2.001016", "Chứng thực di chúc", 2, "du-thao-hd giay-to-tai-san cccd", "Di chúc được chứng thực", fees=(CONTRACT_FEE,), conditions="Người lập di chúc minh mẫn, sáng suốt, tự mình yêu cầu chứng thực."),
        P("2.001019", "Chứng thực văn bản từ chối nhận di sản", 2, "du-thao-hd cccd", "Văn bản từ chối nhận di sản được chứng thực", fees=(CONTRACT_FEE,)),
        P("2.001009", "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở", 2, "du-thao-hd giay-to-tai-san giay-bao-tu cccd", "Văn bản thỏa thuận phân chia di sản được chứng thực", fees=(CONTRACT_FEE,)),
        P("2.001008", "Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở", 2, "du-thao-hd giay-to-tai-san giay-bao-tu cccd", "Văn bản khai nhận di sản được chứng thực", fees=(CONTRACT_FEE,)),
    ]),
    Group("chung-thuc", "district", "dept", "ntl-tu-phap", "vp", "Cá nhân, tổ chức", CERT_LAW, [
        P("2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan tổ chức có thẩm quyền của nước ngoài; cơ quan tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận", "same", "ban-chinh giay-to-nn", "Bản sao được chứng thực từ bản chính", cutoff=True, fees=(COPY_FEE,), conditions=SAME_DAY_NOTE),
        P("2.000992", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Phòng Tư pháp", "4h", "ban-dich", "Bản dịch được chứng thực chữ ký người dịch", fees=(SIGNATURE_FEE,)),
        P("2.000843", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật của Phòng Tư pháp", "4h", "ban-dich cccd", "Bản dịch được chứng thực chữ ký người dịch", fees=(SIGNATURE_FEE,)),
        P("2.000794", "Cấp bản sao từ sổ gốc", "same", "cccd uy-quyen", "Bản sao từ sổ gốc", cutoff=True, fees=(COPY_FEE,)),
    ]),
    Group("nuoi-con-nuoi", "commune", "ward", "", "vp", "Công dân Việt Nam thường trú ở trong nước nhận con nuôi", ADOPTION_LAW, [
        P("1.003005", "Đăng ký việc nuôi con nuôi trong nước", 30, "don-nuoi-con-nuoi ho-so-tre cccd", "Giấy chứng nhận nuôi con nuôi", fees=(charge("Lệ phí đăng ký nuôi con nuôi trong nước", 400_000),), conditions="Người nhận con nuôi có năng lực hành vi dân sự đầy đủ, hơn con nuôi từ 20 tuổi trở lên, có điều kiện bảo đảm việc chăm sóc, nuôi dưỡng, giáo dục con nuôi."),
        P("1.003976", "Đăng ký lại việc nuôi con nuôi trong nước", 5, "tk-ho-tich giay-to-ho-tich", "Giấy chứng nhận nuôi con nuôi (đăng ký lại)"),
    ]),
    Group("hoa-giai", "commune", "ward", "", "vp", "Công dân Việt Nam thường trú tại cơ sở; Ban công tác Mặt trận", MEDIATION_LAW, [
        P("2.000930", "Công nhận hòa giải viên", 3, "van-ban-hoa-giai", "Quyết định công nhận hòa giải viên"),
        P("2.000931", "Công nhận tổ trưởng tổ hòa giải", 3, "van-ban-hoa-giai", "Quyết định công nhận tổ trưởng tổ hòa giải"),
        P("2.000932", "Thôi làm hòa giải viên", 3, "van-ban-hoa-giai", "Quyết định thôi làm hòa giải viên"),
        P("2.000933", "Thanh toán thù lao cho hòa giải viên", 3, "ho-so-thu-lao", "Quyết định thanh toán thù lao"),
        P("2.001457", "Công nhận tuyên truyền viên pháp luật", 5, "van-ban-hoa-giai", "Quyết định công nhận tuyên truyền viên pháp luật"),
    ]),
]
# fmt: on
