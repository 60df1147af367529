# language: vi
Tính năng: Bãi bỏ và gộp thủ tục

  Tình huống: TG-PROC-LOW-VOLUME đánh dấu thủ tục hầu như không có hồ sơ
    Cho thủ tục "Cấp giấy phép hiếm gặp" mã "V.001" cấp "tỉnh"
    Và mỗi năm có 3 hồ sơ
    Khi rà soát theo quy tắc "TG-PROC-LOW-VOLUME"
    Thì thủ tục "V.001" bị đánh dấu

  Tình huống: TG-PROC-LOW-VOLUME không đánh dấu thủ tục nhiều hồ sơ
    Cho thủ tục "Đăng ký khai sinh" mã "V.002" cấp "xã"
    Và mỗi năm có 50000 hồ sơ
    Khi rà soát theo quy tắc "TG-PROC-LOW-VOLUME"
    Thì thủ tục "V.002" không bị đánh dấu

  Tình huống: TG-PROC-SAME-RESULT đánh dấu hai thủ tục cùng mã kết quả
    Cho thủ tục "Đăng ký khai sinh" mã "M.001" cấp "xã"
    Và thủ tục có kết quả "Giấy khai sinh" mã "KQ.G15.000031"
    Cho thủ tục "Đăng ký khai sinh lưu động" mã "M.002" cấp "xã"
    Và thủ tục có kết quả "Giấy khai sinh" mã "KQ.G15.000031"
    Cho thủ tục "Đăng ký kết hôn" mã "M.003" cấp "xã"
    Và thủ tục có kết quả "Giấy chứng nhận kết hôn" mã "KQ.G15.000040"
    Khi rà soát theo quy tắc "TG-PROC-SAME-RESULT"
    Thì thủ tục "M.002" bị đánh dấu
    Và thủ tục "M.003" không bị đánh dấu

  Tình huống: TG-PROC-SIMILAR-COMPONENTS đánh dấu hai thủ tục gần như cùng hồ sơ
    Cho thủ tục "Cấp lần đầu" mã "G.001" cấp "tỉnh" lĩnh vực "Dược"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị"
    Và thủ tục có thành phần hồ sơ "Bản sao văn bằng chuyên môn"
    Và thủ tục có thành phần hồ sơ "Giấy xác nhận thời gian thực hành"
    Cho thủ tục "Cấp lại" mã "G.002" cấp "tỉnh" lĩnh vực "Dược"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị"
    Và thủ tục có thành phần hồ sơ "Bản sao văn bằng chuyên môn"
    Và thủ tục có thành phần hồ sơ "Giấy xác nhận thời gian thực hành"
    Cho thủ tục "Thu hồi" mã "G.003" cấp "tỉnh" lĩnh vực "Dược"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị"
    Và thủ tục có thành phần hồ sơ "Quyết định xử phạt"
    Khi rà soát theo quy tắc "TG-PROC-SIMILAR-COMPONENTS"
    Thì thủ tục "G.002" bị đánh dấu
    Và thủ tục "G.003" không bị đánh dấu
