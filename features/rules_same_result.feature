# language: vi
Tính năng: Cùng kết quả, trừ văn bản từ chối và thông báo

  Tình huống: TG-PROC-SAME-RESULT không đánh dấu hai thủ tục chỉ chung văn bản từ chối
    Cho thủ tục "Đăng ký thành lập doanh nghiệp tư nhân" mã "R.001" cấp "tỉnh"
    Và thủ tục có kết quả "Văn bản từ chối (nêu rõ lý do)" mã "KQ.G12.001213"
    Và thủ tục có kết quả "Giấy chứng nhận đăng ký doanh nghiệp" mã "KQ.G12.001056"
    Cho thủ tục "Thông báo thay đổi thông tin cổ đông" mã "R.002" cấp "tỉnh"
    Và thủ tục có kết quả "Văn bản từ chối (nêu rõ lý do)" mã "KQ.G12.001213"
    Khi rà soát theo quy tắc "TG-PROC-SAME-RESULT"
    Thì thủ tục "R.001" không bị đánh dấu
    Và thủ tục "R.002" không bị đánh dấu

  Tình huống: TG-PROC-SAME-RESULT vẫn đánh dấu cấp và cấp lại cùng một giấy chứng nhận
    Cho thủ tục "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ xử lý dữ liệu cá nhân" mã "R.011" cấp "bộ"
    Và thủ tục có kết quả "Thông báo từ chối cấp" mã "KQ.G01.000999"
    Và thủ tục có kết quả "Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ xử lý dữ liệu cá nhân" mã "KQ.G01.000265"
    Cho thủ tục "Cấp lại Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ xử lý dữ liệu cá nhân" mã "R.012" cấp "bộ"
    Và thủ tục có kết quả "Thông báo từ chối cấp" mã "KQ.G01.000999"
    Và thủ tục có kết quả "Giấy chứng nhận đủ điều kiện kinh doanh dịch vụ xử lý dữ liệu cá nhân" mã "KQ.G01.000265"
    Khi rà soát theo quy tắc "TG-PROC-SAME-RESULT"
    Thì thủ tục "R.011" bị đánh dấu
    Và thủ tục "R.012" bị đánh dấu
    Và phát hiện nêu "R.011"
