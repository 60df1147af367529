# language: vi
Tính năng: Họ thủ tục cùng một giấy phép

  Tình huống: TG-PROC-FAMILY đánh dấu cấp, cấp lại và gia hạn cùng một giấy phép ở cấp tỉnh
    Cho thủ tục "Cấp giấy phép khai thác khoáng sản (cấp Tỉnh)" mã "F.001" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị cấp giấy phép khai thác khoáng sản"
    Và thủ tục có thành phần hồ sơ "Bản đồ khu vực khai thác khoáng sản"
    Và thủ tục có kết quả "Giấy phép khai thác khoáng sản"
    Cho thủ tục "Cấp lại giấy phép khai thác khoáng sản (cấp Tỉnh)" mã "F.002" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Bản đồ khu vực khai thác khoáng sản"
    Và thủ tục có kết quả "Giấy phép khai thác khoáng sản"
    Cho thủ tục "Gia hạn giấy phép khai thác khoáng sản (cấp Tỉnh)" mã "F.003" cấp "tỉnh"
    Và thủ tục có kết quả "Giấy phép khai thác khoáng sản"
    Khi rà soát theo quy tắc "TG-PROC-FAMILY"
    Thì thủ tục "F.001" bị đánh dấu
    Và thủ tục "F.002" bị đánh dấu
    Và thủ tục "F.003" bị đánh dấu
    Và phát hiện nêu "cấp lại"
    Và phát hiện nêu "Bản đồ khu vực khai thác khoáng sản"

  Tình huống: TG-PROC-FAMILY gộp cả sửa đổi, bổ sung và trường hợp cấp lại
    Cho thủ tục "Thủ tục cấp Giấy đăng ký tham gia trợ giúp pháp lý" mã "F.011" cấp "tỉnh"
    Cho thủ tục "Thủ tục sửa đổi, bổ sung nội dung Giấy đăng ký tham gia trợ giúp pháp lý" mã "F.012" cấp "tỉnh"
    Cho thủ tục "Cấp lại Giấy đăng ký tham gia trợ giúp pháp lý trong trường hợp bị mất" mã "F.013" cấp "tỉnh"
    Khi rà soát theo quy tắc "TG-PROC-FAMILY"
    Thì thủ tục "F.011" bị đánh dấu
    Và thủ tục "F.012" bị đánh dấu
    Và thủ tục "F.013" bị đánh dấu

  Tình huống: TG-PROC-FAMILY không gộp thủ tục ở cấp khác, đối tượng khác hay việc khác
    Cho thủ tục "Cấp giấy phép khai thác khoáng sản (cấp Tỉnh)" mã "F.021" cấp "tỉnh"
    Cho thủ tục "Cấp lại giấy phép khai thác khoáng sản" mã "F.022" cấp "bộ"
    Cho thủ tục "Thu hồi giấy phép khai thác khoáng sản" mã "F.023" cấp "tỉnh"
    Cho thủ tục "Cấp lại giấy phép thăm dò khoáng sản" mã "F.024" cấp "tỉnh"
    Khi rà soát theo quy tắc "TG-PROC-FAMILY"
    Thì thủ tục "F.021" không bị đánh dấu
    Và thủ tục "F.022" không bị đánh dấu
    Và thủ tục "F.023" không bị đánh dấu
    Và thủ tục "F.024" không bị đánh dấu

  Tình huống: TG-PROC-FAMILY không gộp hai thủ tục cùng một việc cho hai đối tượng
    Cho thủ tục "Cấp thẻ căn cước cho người dưới 14 tuổi" mã "F.031" cấp "tỉnh"
    Cho thủ tục "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên" mã "F.032" cấp "tỉnh"
    Khi rà soát theo quy tắc "TG-PROC-FAMILY"
    Thì thủ tục "F.031" không bị đánh dấu
    Và thủ tục "F.032" không bị đánh dấu
