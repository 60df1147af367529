# language: vi
Tính năng: Trình tự thực hiện: kiểm tra trùng, chuyển hồ sơ, phê duyệt, bước tuần tự, kiểm tra thực địa

  Tình huống: TG-STEP-REPEATED-CHECK đánh dấu bước kiểm tra lặp lại
    Cho thủ tục "Cấp phép" mã "S.001" cấp "tỉnh"
    Và thủ tục có bước "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ" do "Bộ phận một cửa" loại "check"
    Và thủ tục có bước "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ đề nghị" do "Phòng chuyên môn" loại "check"
    Và thủ tục có bước "Thẩm định điều kiện an toàn cháy nổ" do "Phòng chuyên môn" loại "check"
    Khi rà soát theo quy tắc "TG-STEP-REPEATED-CHECK"
    Thì bước "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ đề nghị" bị đánh dấu
    Và bước "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ" không bị đánh dấu
    Và bước "Thẩm định điều kiện an toàn cháy nổ" không bị đánh dấu

  Tình huống: TG-STEP-HANDOFFS đánh dấu hồ sơ chuyển qua nhiều cơ quan
    Cho thủ tục "Cấp phép" mã "S.002" cấp "tỉnh"
    Và thủ tục có bước "Tiếp nhận" do "Trung tâm Phục vụ hành chính công"
    Và thủ tục có bước "Thẩm định" do "Sở Xây dựng"
    Và thủ tục có bước "Lấy ý kiến" do "Công an tỉnh"
    Và thủ tục có bước "Thẩm định lại" do "Sở Xây dựng"
    Và thủ tục có bước "Trả kết quả" do "Trung tâm Phục vụ hành chính công"
    Khi rà soát theo quy tắc "TG-STEP-HANDOFFS"
    Thì thủ tục "S.002" bị đánh dấu

  Tình huống: TG-STEP-HANDOFFS không đánh dấu khi chỉ chuyển một lần
    Cho thủ tục "Cấp phép" mã "S.003" cấp "xã"
    Và thủ tục có bước "Tiếp nhận" do "Bộ phận một cửa"
    Và thủ tục có bước "Giải quyết" do "UBND xã"
    Khi rà soát theo quy tắc "TG-STEP-HANDOFFS"
    Thì thủ tục "S.003" không bị đánh dấu

  Tình huống: TG-STEP-APPROVAL-CHAIN đánh dấu chuỗi ký nhiều cấp
    Cho thủ tục "Cấp phép" mã "S.004" cấp "tỉnh"
    Và thủ tục có bước "Trưởng phòng xem xét, ký nháy" loại "approve"
    Và thủ tục có bước "Phó Giám đốc Sở ký" loại "approve"
    Và thủ tục có bước "Chủ tịch UBND tỉnh phê duyệt" loại "approve"
    Khi rà soát theo quy tắc "TG-STEP-APPROVAL-CHAIN"
    Thì thủ tục "S.004" bị đánh dấu

  Tình huống: TG-STEP-APPROVAL-CHAIN không đánh dấu một chữ ký
    Cho thủ tục "Cấp phép" mã "S.005" cấp "tỉnh"
    Và thủ tục có bước "Thẩm định hồ sơ" loại "check"
    Và thủ tục có bước "Giám đốc Sở ký" loại "approve"
    Khi rà soát theo quy tắc "TG-STEP-APPROVAL-CHAIN"
    Thì thủ tục "S.005" không bị đánh dấu

  Tình huống: TG-STEP-SEQUENTIAL đánh dấu bước không cần chờ bước trước
    Cho thủ tục "Cấp phép" mã "S.006" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Bản vẽ thiết kế"
    Và thủ tục có thành phần hồ sơ "Báo cáo đánh giá tác động môi trường"
    Và thủ tục có bước "Thẩm định thiết kế" loại "check" dùng "Bản vẽ thiết kế" tạo ra "y_kien_thiet_ke"
    Và thủ tục có bước "Thẩm định môi trường" loại "check" dùng "Báo cáo đánh giá tác động môi trường" tạo ra "y_kien_moi_truong"
    Và thủ tục có bước "Tổng hợp ý kiến" loại "check" dùng "y_kien_thiet_ke, y_kien_moi_truong" tạo ra "to_trinh"
    Khi rà soát theo quy tắc "TG-STEP-SEQUENTIAL"
    Thì bước "Thẩm định môi trường" bị đánh dấu
    Và bước "Tổng hợp ý kiến" không bị đánh dấu
    Và bước "Thẩm định thiết kế" không bị đánh dấu

  Tình huống: TG-STEP-ONSITE-INSPECTION đánh dấu kiểm tra thực địa
    Cho thủ tục "Cấp phép" mã "S.007" cấp "tỉnh"
    Và thủ tục có bước "Kiểm tra thực địa tại công trình" loại "inspect"
    Và thủ tục có bước "Thẩm định hồ sơ" loại "check"
    Khi rà soát theo quy tắc "TG-STEP-ONSITE-INSPECTION"
    Thì bước "Kiểm tra thực địa tại công trình" bị đánh dấu
    Và bước "Thẩm định hồ sơ" không bị đánh dấu
