# language: vi
Tính năng: Tái sử dụng dữ liệu và kết quả đã có
  Nghị quyết 66.7/2025/NQ-CP và Nghị định 104/2022/NĐ-CP: không yêu cầu giấy tờ mà Nhà nước đã có dữ liệu.

  Tình huống: TG-REUSE-HOUSEHOLD-BOOK đánh dấu sổ hộ khẩu
    Cho thủ tục "Đăng ký thường trú" mã "H.001" cấp "xã" lĩnh vực "Đăng ký, quản lý cư trú"
    Và thủ tục có thành phần hồ sơ "Sổ hộ khẩu gia đình"
    Và thủ tục có thành phần hồ sơ "Tờ khai thay đổi thông tin cư trú"
    Khi rà soát theo quy tắc "TG-REUSE-HOUSEHOLD-BOOK"
    Thì thành phần "Sổ hộ khẩu gia đình" bị đánh dấu
    Và thành phần "Tờ khai thay đổi thông tin cư trú" không bị đánh dấu
    Và phát hiện nêu "104/2022/NĐ-CP"

  Tình huống: TG-REUSE-HOUSEHOLD-BOOK không đánh dấu giấy tờ khác về cư trú
    Cho thủ tục "Đăng ký tạm trú" mã "H.002" cấp "xã"
    Và thủ tục có thành phần hồ sơ "Hợp đồng thuê nhà ở"
    Khi rà soát theo quy tắc "TG-REUSE-HOUSEHOLD-BOOK"
    Thì thành phần "Hợp đồng thuê nhà ở" không bị đánh dấu

  Tình huống: TG-REUSE-INTERLINK đánh dấu kết quả của thủ tục khác khi chưa có cơ sở dữ liệu công bố
    Cho thủ tục "Cấp giấy phép xây dựng nhà ở riêng lẻ" mã "X.001" cấp "xã" lĩnh vực "Hoạt động xây dựng"
    Và thủ tục có kết quả "Giấy phép xây dựng"
    Cho thủ tục "Điều chỉnh giấy phép xây dựng" mã "X.002" cấp "xã" lĩnh vực "Hoạt động xây dựng"
    Và thủ tục có thành phần hồ sơ "Bản chính giấy phép xây dựng đã được cấp"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị điều chỉnh giấy phép xây dựng"
    Và ngày rà soát là "2025-12-01"
    Khi rà soát theo quy tắc "TG-REUSE-INTERLINK"
    Thì thành phần "Bản chính giấy phép xây dựng đã được cấp" bị đánh dấu
    Và thành phần "Đơn đề nghị điều chỉnh giấy phép xây dựng" không bị đánh dấu
    Và phát hiện nêu "X.001"

  Tình huống: TG-REUSE-INTERLINK không đánh dấu khi không thủ tục nào cấp giấy tờ đó
    Cho thủ tục "Điều chỉnh giấy phép xây dựng" mã "X.003" cấp "xã"
    Và thủ tục có thành phần hồ sơ "Bản chính giấy phép xây dựng đã được cấp"
    Và ngày rà soát là "2025-12-01"
    Khi rà soát theo quy tắc "TG-REUSE-INTERLINK"
    Thì thành phần "Bản chính giấy phép xây dựng đã được cấp" không bị đánh dấu

  Tình huống: TG-REUSE-DUPLICATE-DOC đánh dấu giấy tờ bị yêu cầu hai lần
    Cho thủ tục "Đăng ký kết hôn" mã "D.001" cấp "xã" lĩnh vực "Hộ tịch"
    Và thủ tục có thành phần hồ sơ "Hộ chiếu của người yêu cầu"
    Và thủ tục có thành phần hồ sơ "Tờ khai đăng ký kết hôn"
    Và thủ tục có thành phần hồ sơ "Bản sao hộ chiếu"
    Khi rà soát theo quy tắc "TG-REUSE-DUPLICATE-DOC"
    Thì thành phần "Bản sao hộ chiếu" bị đánh dấu
    Và thành phần "Hộ chiếu của người yêu cầu" không bị đánh dấu
    Và thành phần "Tờ khai đăng ký kết hôn" không bị đánh dấu

  Tình huống: TG-REUSE-PRECEDENT đánh dấu giấy tờ mà nhiều thủ tục khác đã khai thác dữ liệu
    Cho thủ tục "Thủ tục A" mã "P.001" cấp "tỉnh"
    Và văn bản thủ tục ghi "Cơ quan tiếp nhận khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư"
    Cho thủ tục "Thủ tục B" mã "P.002" cấp "tỉnh"
    Và văn bản thủ tục ghi "Cơ quan tiếp nhận khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư"
    Cho thủ tục "Thủ tục C" mã "P.003" cấp "tỉnh"
    Và văn bản thủ tục ghi "Cơ quan tiếp nhận khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư"
    Cho thủ tục "Thủ tục D" mã "P.004" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Bản sao thẻ Căn cước công dân"
    Và thủ tục có thành phần hồ sơ "Văn bản đề nghị"
    Khi rà soát theo quy tắc "TG-REUSE-PRECEDENT"
    Thì thành phần "Bản sao thẻ Căn cước công dân" bị đánh dấu
    Và thành phần "Văn bản đề nghị" không bị đánh dấu

  Tình huống: TG-REUSE-PRECEDENT không đánh dấu khi quá ít thủ tục làm như vậy
    Cho thủ tục "Thủ tục A" mã "P.011" cấp "tỉnh"
    Và văn bản thủ tục ghi "Cơ quan tiếp nhận khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư"
    Cho thủ tục "Thủ tục D" mã "P.014" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Bản sao thẻ Căn cước công dân"
    Khi rà soát theo quy tắc "TG-REUSE-PRECEDENT"
    Thì thành phần "Bản sao thẻ Căn cước công dân" không bị đánh dấu
