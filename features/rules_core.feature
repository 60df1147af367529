# language: vi
Tính năng: Các quy tắc nền tảng: dữ liệu sẵn có, bản sao chứng thực, bước thừa
  Cán bộ kiểm soát thủ tục hành chính viết rõ mỗi quy tắc phải đánh dấu gì và không được đánh dấu gì.

  Tình huống: TG-REUSE-DATA đánh dấu giấy tờ mà cơ sở dữ liệu hộ tịch đã có
    Cho thủ tục "Đăng ký nhận cha, mẹ, con" mã "T.001" cấp "xã" lĩnh vực "Hộ tịch"
    Và thủ tục có thành phần hồ sơ "Tờ khai đăng ký nhận cha, mẹ, con theo mẫu"
    Và thủ tục có thành phần hồ sơ "Bản sao Giấy khai sinh của người con"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao Giấy khai sinh của người con" bị đánh dấu
    Và thành phần "Tờ khai đăng ký nhận cha, mẹ, con theo mẫu" không bị đánh dấu
    Và phát hiện nêu "3458/QĐ-BTP"
    Và phát hiện nêu "66.7/2025/NQ-CP"

  Tình huống: TG-REUSE-DATA không đánh dấu khi thủ tục đã ghi rõ việc khai thác dữ liệu
    Cho thủ tục "Đăng ký kết hôn" mã "T.002" cấp "xã" lĩnh vực "Hộ tịch"
    Và thủ tục có thành phần hồ sơ "Giấy xác nhận tình trạng hôn nhân"
    Và văn bản thủ tục ghi "Trường hợp cơ quan đăng ký hộ tịch khai thác được thông tin trong Cơ sở dữ liệu hộ tịch điện tử thì người yêu cầu không phải nộp"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy xác nhận tình trạng hôn nhân" không bị đánh dấu

  Tình huống: TG-REUSE-DATA không đánh dấu trước ngày cơ sở dữ liệu được công bố
    Cho thủ tục "Đăng ký nhận cha, mẹ, con" mã "T.003" cấp "xã" lĩnh vực "Hộ tịch"
    Và thủ tục có thành phần hồ sơ "Bản sao Giấy khai sinh của người con"
    Và ngày rà soát là "2025-06-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao Giấy khai sinh của người con" không bị đánh dấu

  Tình huống: TG-CERTIFIED-COPY đánh dấu bản sao có chứng thực
    Cho thủ tục "Cấp giấy phép xây dựng" mã "T.004" cấp "tỉnh" lĩnh vực "Hoạt động xây dựng"
    Và thủ tục có thành phần hồ sơ "Giấy tờ về quyền sử dụng đất" là bản sao có chứng thực
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị cấp giấy phép xây dựng"
    Khi rà soát theo quy tắc "TG-CERTIFIED-COPY"
    Thì thành phần "Giấy tờ về quyền sử dụng đất" bị đánh dấu
    Và thành phần "Đơn đề nghị cấp giấy phép xây dựng" không bị đánh dấu
    Và phát hiện nêu "23/2015/NĐ-CP"

  Tình huống: TG-STEP-UNUSED-OUTPUT đánh dấu bước mà sản phẩm không ai dùng
    Cho thủ tục "Cấp giấy phép xây dựng" mã "T.005" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị cấp giấy phép xây dựng"
    Và thủ tục có kết quả "Giấy phép xây dựng"
    Và thủ tục có bước "Tiếp nhận hồ sơ" do "Bộ phận một cửa" loại "receive" dùng "Đơn đề nghị cấp giấy phép xây dựng" tạo ra "phieu_tiep_nhan"
    Và thủ tục có bước "Lập báo cáo thống kê" do "Phòng Kinh tế" loại "other" dùng "phieu_tiep_nhan" tạo ra "bao_cao_thong_ke"
    Và thủ tục có bước "Thẩm định hồ sơ" do "Phòng Kinh tế" loại "check" dùng "phieu_tiep_nhan" tạo ra "ket_qua_tham_dinh"
    Và thủ tục có bước "Cấp giấy phép" do "Chủ tịch UBND" loại "approve" dùng "ket_qua_tham_dinh" tạo ra "Giấy phép xây dựng"
    Khi rà soát theo quy tắc "TG-STEP-UNUSED-OUTPUT"
    Thì bước "Lập báo cáo thống kê" bị đánh dấu
    Và bước "Thẩm định hồ sơ" không bị đánh dấu
    Và bước "Cấp giấy phép" không bị đánh dấu
