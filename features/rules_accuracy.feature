# language: vi
Tính năng: Những lỗi đã gặp khi rà soát hồ sơ trên Cổng Dịch vụ công quốc gia
  Mỗi tình huống ứng với một loại lỗi thấy trên hồ sơ thật: một điều khoản khai thác dữ liệu hoặc miễn nộp
  chỉ áp dụng cho phạm vi (một dòng, một mục hoặc cả hồ sơ) và các loại giấy tờ mà nó nêu.

  # Loại 1: điều khoản khai thác dữ liệu trong dòng có số lượng, cho cả hồ sơ, dự phòng, "để cơ quan tra cứu".

  Tình huống: TG-REUSE-DATA không đánh dấu giấy tờ mà chính dòng của nó nói sẽ khai thác dữ liệu
    Cho thủ tục "Đăng ký nhận cha, mẹ, con" mã "E1.001" cấp "xã" lĩnh vực "Hộ tịch"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao Giấy khai sinh của người con; trường hợp cơ quan đăng ký hộ tịch khai thác được thông tin khai sinh trong Cơ sở dữ liệu hộ tịch điện tử thì không phải nộp | 0 bản chính,1 bản sao
      Bản sao trích lục kết hôn của cha mẹ | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao Giấy khai sinh của người con; trường hợp cơ quan đăng ký hộ tịch khai thác được thông tin khai sinh trong Cơ sở dữ liệu hộ tịch điện tử thì không phải nộp" không bị đánh dấu
    Và thành phần "Bản sao trích lục kết hôn của cha mẹ" bị đánh dấu

  Tình huống: TG-REUSE-DATA không đánh dấu khi tiêu đề hồ sơ nói thành phần được thay thế bằng dữ liệu
    Cho thủ tục "Cấp giấy phép kinh doanh" mã "E1.002" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Thành phần hồ sơ trong thủ tục hành chính này được thay thế hoặc cắt giảm trong trường hợp cơ quan giải quyết khai thác được thông tin từ các cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành:
      Bản sao Giấy chứng nhận đăng ký doanh nghiệp | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao Giấy chứng nhận đăng ký doanh nghiệp" không bị đánh dấu

  Tình huống: Giấy tờ chỉ để dự phòng khi chưa kết nối dữ liệu không phải là thiếu tra cứu, mà là dự phòng cần bỏ
    Cho thủ tục "Cấp giấy phép hoạt động" mã "E1.003" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao giấy chứng nhận đăng ký doanh nghiệp (trong trường hợp chưa được tích hợp, kết nối và chia sẻ dữ liệu quốc gia) | 0 bản chính,1 bản sao
      Bản sao hợp đồng thuê địa điểm | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao giấy chứng nhận đăng ký doanh nghiệp (trong trường hợp chưa được tích hợp, kết nối và chia sẻ dữ liệu quốc gia)" không bị đánh dấu
    Khi rà soát theo quy tắc "TG-REUSE-FALLBACK"
    Thì thành phần "Bản sao giấy chứng nhận đăng ký doanh nghiệp (trong trường hợp chưa được tích hợp, kết nối và chia sẻ dữ liệu quốc gia)" bị đánh dấu
    Và thành phần "Bản sao hợp đồng thuê địa điểm" không bị đánh dấu
    Và phát hiện nêu "66.7/2025/NQ-CP"

  Tình huống: TG-REUSE-FALLBACK không đánh dấu giấy tờ mà thủ tục chưa hề nói sẽ khai thác
    Cho thủ tục "Cấp giấy phép hoạt động" mã "E1.004" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao giấy chứng nhận đăng ký doanh nghiệp | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-FALLBACK"
    Thì thành phần "Bản sao giấy chứng nhận đăng ký doanh nghiệp" không bị đánh dấu

  Tình huống: TG-REUSE-DATA không đánh dấu số định danh cung cấp để cơ quan tra cứu
    Cho thủ tục "Đăng ký thường trú" mã "E1.005" cấp "xã"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao thẻ Căn cước công dân của người đề nghị hoặc số định danh cá nhân để cơ quan tiếp nhận tra cứu | 0 bản chính,1 bản sao
      """
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao thẻ Căn cước công dân của người đề nghị hoặc số định danh cá nhân để cơ quan tiếp nhận tra cứu" không bị đánh dấu

  Tình huống: Giấy tờ chỉ phải nộp khi chưa được đăng tải trên Cổng thông tin quốc gia là giấy tờ dự phòng
    Cho thủ tục "Cấp giấy phép cung cấp dịch vụ" mã "E1.101" cấp "bộ"
    Và hồ sơ trên Cổng gồm:
      """
      Giấy chứng nhận đăng ký doanh nghiệp trong trường hợp tài liệu này chưa được đăng tải trên Cổng thông tin quốc gia về đăng ký doanh nghiệp. | 1 bản chính
      Bản sao giấy chứng nhận đăng ký doanh nghiệp của công ty mẹ | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy chứng nhận đăng ký doanh nghiệp trong trường hợp tài liệu này chưa được đăng tải trên Cổng thông tin quốc gia về đăng ký doanh nghiệp." không bị đánh dấu
    Và thành phần "Bản sao giấy chứng nhận đăng ký doanh nghiệp của công ty mẹ" bị đánh dấu
    Khi rà soát theo quy tắc "TG-REUSE-FALLBACK"
    Thì thành phần "Giấy chứng nhận đăng ký doanh nghiệp trong trường hợp tài liệu này chưa được đăng tải trên Cổng thông tin quốc gia về đăng ký doanh nghiệp." bị đánh dấu

  Tình huống: Ghi chú "không cần nộp thành phần hồ sơ này" sau dòng cuối áp dụng cho các giấy tờ nó nêu trong mục
    Cho thủ tục "Đăng ký hành nghề thẩm định giá" mã "E1.102" cấp "bộ"
    Và hồ sơ trên Cổng gồm:
      """
      Phiếu lý lịch tư pháp không quá 06 tháng | 1 bản chính
      Bản sao giấy chứng nhận đăng ký doanh nghiệp | 0 bản chính,1 bản sao
      Bản sao hộ chiếu của người đăng ký | 0 bản chính,1 bản sao
      Bản sao hợp đồng lao động | 0 bản chính,1 bản sao
      Trường hợp cơ quan thụ lý hồ sơ khai thác được thông tin trên hệ thống cơ sở dữ liệu đáp ứng việc tra soát về: thông tin lý lịch tư pháp, thông tin về giấy chứng nhận đăng ký doanh nghiệp thì đối tượng thực hiện thủ tục hành chính không cần nộp thành phần hồ sơ này. | 1 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Phiếu lý lịch tư pháp không quá 06 tháng" không bị đánh dấu
    Và thành phần "Bản sao giấy chứng nhận đăng ký doanh nghiệp" không bị đánh dấu

  Tình huống: "Thành phần hồ sơ trong thủ tục hành chính này được thay thế…" in trong một trường hợp áp dụng cho cả thủ tục
    Cho thủ tục "Cấp chứng chỉ hành nghề chứng khoán" mã "E1.103" cấp "bộ"
    Và hồ sơ trên Cổng gồm:
      """
      Trường hợp đề nghị cấp chứng chỉ lần đầu:
      Phiếu lý lịch tư pháp số 1 | 1 bản chính
      Văn bản xác nhận số năm làm việc. Thành phần hồ sơ trong thủ tục hành chính này được thay thế hoặc cắt giảm trong trường hợp cơ quan tiếp nhận khai thác được thông tin từ các cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành. | 1 bản chính
      Trường hợp đề nghị cấp lại chứng chỉ:
      Phiếu lý lịch tư pháp được cấp trong thời hạn 06 tháng | 1 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Phiếu lý lịch tư pháp số 1" không bị đánh dấu
    Và thành phần "Phiếu lý lịch tư pháp được cấp trong thời hạn 06 tháng" không bị đánh dấu

  Tình huống: Một bảng chỉ có ghi chú "Khi … hoàn thành việc kết nối, chia sẻ dữ liệu" nói cho cả hồ sơ, như một giấy tờ dự phòng
    Cho thủ tục "Giải quyết chế độ tử tuất" mã "E1.104" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Hồ sơ đề nghị hưởng trợ cấp tiền tuất, gồm:
      Bản sao giấy chứng tử hoặc trích lục khai tử. | 0 bản chính,1 bản sao
      Bao gồm
      Khi các cơ quan quản lý nhà nước hoàn thành việc kết nối, chia sẻ dữ liệu thông tin có trong thành phần hồ sơ quy định tại khoản này thì cơ quan có thẩm quyền phải khai thác trực tuyến mà không được yêu cầu người đề nghị cung cấp hồ sơ giấy. | 0 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao giấy chứng tử hoặc trích lục khai tử." không bị đánh dấu
    Khi rà soát theo quy tắc "TG-REUSE-FALLBACK"
    Thì thành phần "Bản sao giấy chứng tử hoặc trích lục khai tử." bị đánh dấu

  Tình huống: Trình tự thực hiện nói cơ quan tra cứu giấy tờ hộ tịch: giấy chứng tử không bị đánh dấu, giấy tờ khác vẫn bị
    Cho thủ tục "Đăng ký lại khai tử" mã "E1.105" cấp "xã" lĩnh vực "Hộ tịch"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao Giấy chứng tử trước đây được cấp hợp lệ. | 0 bản chính,1 bản sao
      Bản sao giấy chứng nhận quyền sử dụng đất của người chết | 0 bản chính,1 bản sao
      """
    Và trình tự thực hiện trên Cổng là:
      """
      Bước 1: Người có yêu cầu nộp hồ sơ. Trường hợp giấy tờ, tài liệu là giấy tờ hộ tịch hoặc giấy tờ cá nhân thuộc nhóm giấy tờ có thể được thay thế bằng dữ liệu (giấy tờ tùy thân; giấy tờ chứng minh về nơi cư trú; Thẻ bảo hiểm y tế) thì cơ quan đăng ký hộ tịch có trách nhiệm tra cứu, khai thác thông tin thông qua kết nối với Cơ sở dữ liệu hộ tịch điện tử.
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao Giấy chứng tử trước đây được cấp hợp lệ." không bị đánh dấu
    Và thành phần "Bản sao giấy chứng nhận quyền sử dụng đất của người chết" bị đánh dấu

  # Loại 2: điều khoản bị hiểu quá rộng.

  Tình huống: Khai thác tình trạng hôn nhân không miễn giấy khai sinh của cùng cơ sở dữ liệu
    Cho thủ tục "Đăng ký kết hôn" mã "E2.001" cấp "xã" lĩnh vực "Hộ tịch"
    Và hồ sơ trên Cổng gồm:
      """
      Giấy xác nhận tình trạng hôn nhân | 1 bản chính
      Bản sao Giấy khai sinh | 0 bản chính,1 bản sao
      Cơ quan đăng ký hộ tịch khai thác thông tin về tình trạng hôn nhân trong Cơ sở dữ liệu hộ tịch điện tử | 0 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy xác nhận tình trạng hôn nhân" không bị đánh dấu
    Và thành phần "Bản sao Giấy khai sinh" bị đánh dấu

  Tình huống: Cơ sở dữ liệu nêu trong tên một giấy tờ không phải là điều khoản khai thác dữ liệu
    Cho thủ tục "Cấp phép" mã "E2.002" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao thẻ Căn cước công dân | 0 bản chính,1 bản sao
      Văn bản xác nhận thông tin trong Cơ sở dữ liệu quốc gia về dân cư | 0 bản chính
      """
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao thẻ Căn cước công dân" bị đánh dấu
    Và hồ sơ có thành phần "Văn bản xác nhận thông tin trong Cơ sở dữ liệu quốc gia về dân cư"

  # Loại 3: giấy tờ do nước ngoài cấp, người không có quốc tịch Việt Nam.

  Tình huống: TG-REUSE-DATA không đánh dấu giấy tờ do cơ quan nước ngoài cấp
    Cho thủ tục "Cấp giấy phép lao động" mã "E3.001" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Phiếu lý lịch tư pháp do cơ quan có thẩm quyền nước ngoài cấp"
    Và thủ tục có thành phần hồ sơ "Phiếu lý lịch tư pháp của người lao động Việt Nam"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Phiếu lý lịch tư pháp do cơ quan có thẩm quyền nước ngoài cấp" không bị đánh dấu
    Và thành phần "Phiếu lý lịch tư pháp của người lao động Việt Nam" bị đánh dấu

  Tình huống: TG-REUSE-DATA không đánh dấu giấy tờ trong trường hợp người không có quốc tịch Việt Nam
    Cho thủ tục "Đăng ký khai sinh" mã "E3.002" cấp "xã"
    Và hồ sơ trên Cổng gồm:
      """
      Trường hợp người yêu cầu không có quốc tịch Việt Nam:
      Bản sao giấy khai sinh của người yêu cầu | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao giấy khai sinh của người yêu cầu" không bị đánh dấu

  Tình huống: Giấy tờ của nước mà người nước ngoài là công dân, hoặc chỉ tổ chức nước ngoài phải nộp
    Cho thủ tục "Cấp thẻ thường trú" mã "E3.101" cấp "bộ"
    Và thủ tục có thành phần hồ sơ "Lý lịch tư pháp do cơ quan có thẩm quyền của nước mà người đó là công dân cấp"
    Và thủ tục có thành phần hồ sơ "Bản sao Giấy chứng nhận đăng ký doanh nghiệp của tổ chức dự kiến là cổ đông lớn (trừ tổ chức Việt Nam)"
    Và thủ tục có thành phần hồ sơ "Tài liệu chứng minh tổ chức được thành lập và hoạt động hợp pháp ở nước ngoài: bản sao giấy chứng nhận đăng ký kinh doanh"
    Và thủ tục có thành phần hồ sơ "Phiếu lý lịch tư pháp của người bảo lãnh"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Lý lịch tư pháp do cơ quan có thẩm quyền của nước mà người đó là công dân cấp" không bị đánh dấu
    Và thành phần "Bản sao Giấy chứng nhận đăng ký doanh nghiệp của tổ chức dự kiến là cổ đông lớn (trừ tổ chức Việt Nam)" không bị đánh dấu
    Và thành phần "Tài liệu chứng minh tổ chức được thành lập và hoạt động hợp pháp ở nước ngoài: bản sao giấy chứng nhận đăng ký kinh doanh" không bị đánh dấu
    Và thành phần "Phiếu lý lịch tư pháp của người bảo lãnh" bị đánh dấu

  Tình huống: Giấy đăng ký kinh doanh của công ty mẹ nước ngoài có văn phòng đại diện tại Việt Nam
    Cho thủ tục "Gia hạn giấy phép đặt văn phòng đại diện nước ngoài tại Việt Nam" mã "E3.102" cấp "bộ"
    Và thủ tục có thành phần hồ sơ "Bản sao giấy phép thành lập hoặc giấy chứng nhận đăng ký kinh doanh hoặc tài liệu tương đương khác"
    Và thủ tục có thành phần hồ sơ "Bản sao hộ chiếu hoặc thẻ căn cước của trưởng văn phòng đại diện"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao giấy phép thành lập hoặc giấy chứng nhận đăng ký kinh doanh hoặc tài liệu tương đương khác" không bị đánh dấu
    Và thành phần "Bản sao hộ chiếu hoặc thẻ căn cước của trưởng văn phòng đại diện" bị đánh dấu

  Tình huống: Giấy tờ của người nhận con nuôi sống ở nước ngoài, không phải giấy tờ của trẻ em
    Cho thủ tục "Giải quyết việc nuôi con nuôi có yếu tố nước ngoài" mã "E3.103" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Hồ sơ của người nhận con nuôi
      Phiếu lý lịch tư pháp có giá trị sử dụng nếu được cấp chưa quá 12 tháng | 2 bản chính
      Hồ sơ của người được nhận làm con nuôi
      Giấy khai sinh | 1 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Phiếu lý lịch tư pháp có giá trị sử dụng nếu được cấp chưa quá 12 tháng" không bị đánh dấu
    Và thành phần "Giấy khai sinh" bị đánh dấu

  # Loại 4: loại trừ không phải là nhắc đến.

  Tình huống: Giấy tờ tùy thân "trừ căn cước công dân" không phải là căn cước công dân
    Cho thủ tục "Chứng thực chữ ký" mã "E4.001" cấp "xã"
    Và thủ tục có thành phần hồ sơ "Giấy tờ tùy thân của người yêu cầu, trừ căn cước công dân, thẻ căn cước"
    Và thủ tục có thành phần hồ sơ "Bản sao giấy tờ tùy thân của người được ủy quyền"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy tờ tùy thân của người yêu cầu, trừ căn cước công dân, thẻ căn cước" không bị đánh dấu
    Và thành phần "Bản sao giấy tờ tùy thân của người được ủy quyền" bị đánh dấu

  # Loại 5: xuất trình, không nộp, dù chữ "xuất trình" không đứng đầu dòng.

  Tình huống: Giấy tờ ghi "(xuất trình)" chỉ xuất trình, không phải nộp
    Cho thủ tục "Đăng ký sang tên xe" mã "E5.001" cấp "xã"
    Và hồ sơ trên Cổng gồm:
      """
      Giấy chứng nhận đăng ký xe (xuất trình) | 1 bản chính
      Bản sao giấy chứng nhận đăng ký xe của xe cũ | 0 bản chính,1 bản sao
      - Giấy tờ phải xuất trình: | 0 bản chính
      Thẻ căn cước công dân của chủ xe | 1 bản chính
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy chứng nhận đăng ký xe (xuất trình)" không bị đánh dấu
    Và thành phần "Thẻ căn cước công dân của chủ xe" không bị đánh dấu
    Và thành phần "Bản sao giấy chứng nhận đăng ký xe của xe cũ" bị đánh dấu

  Tình huống: "Giấy tờ xuất trình:", "…: xuất trình bản chính …" và "để kiểm tra, đối chiếu" là xuất trình, không nộp
    Cho thủ tục "Cấp giấy chứng nhận kiểm định xe" mã "E5.101" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Giấy tờ xuất trình: bản chính chứng nhận đăng ký xe tạm thời; | 1 bản chính
      Xe nhập khẩu: xuất trình bản chính chứng nhận đăng ký xe tạm thời và nộp bản sao phiếu kiểm tra chất lượng xuất xưởng. | 1 bản chính,1 bản sao
      Thẻ Căn cước công dân hoặc hộ chiếu còn giá trị sử dụng của người đề nghị để kiểm tra, đối chiếu. | 1 bản chính
      Bản sao thẻ căn cước công dân của chủ xe, xuất trình bản chính để đối chiếu | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy tờ xuất trình: bản chính chứng nhận đăng ký xe tạm thời;" không bị đánh dấu
    Và thành phần "Xe nhập khẩu: xuất trình bản chính chứng nhận đăng ký xe tạm thời và nộp bản sao phiếu kiểm tra chất lượng xuất xưởng." không bị đánh dấu
    Và thành phần "Thẻ Căn cước công dân hoặc hộ chiếu còn giá trị sử dụng của người đề nghị để kiểm tra, đối chiếu." không bị đánh dấu
    Và thành phần "Bản sao thẻ căn cước công dân của chủ xe, xuất trình bản chính để đối chiếu" bị đánh dấu

  Tình huống: Thẻ căn cước chỉ phải xuất trình trong dòng nộp văn bản ủy quyền không bị đánh dấu
    Cho thủ tục "Cấp Phiếu lý lịch tư pháp" mã "E5.103" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Văn bản ủy quyền (người được ủy quyền phải xuất trình Thẻ Căn cước hoặc Hộ chiếu khi thực hiện thủ tục)"
    Và thủ tục có thành phần hồ sơ "Nộp bản sao và xuất trình bản chính thẻ căn cước công dân của người yêu cầu"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Văn bản ủy quyền (người được ủy quyền phải xuất trình Thẻ Căn cước hoặc Hộ chiếu khi thực hiện thủ tục)" không bị đánh dấu
    Và thành phần "Nộp bản sao và xuất trình bản chính thẻ căn cước công dân của người yêu cầu" bị đánh dấu

  # Loại 5b: giấy tờ nộp lại để thu hồi, hủy: không tra cứu nào thay được chính giấy tờ, biển số.

  Tình huống: Chứng nhận đăng ký xe và biển số nộp lại để thu hồi không bị đánh dấu
    Cho thủ tục "Đăng ký sang tên xe" mã "E5.102" cấp "xã"
    Và hồ sơ trên Cổng gồm:
      """
      Hồ sơ thu hồi
      Chứng nhận đăng ký xe, biển số xe; chủ xe được giữ lại biển số xe để sử dụng và phải nộp lại khi nhận chứng nhận thu hồi | 1 bản chính
      Hồ sơ đăng ký
      Bản sao chứng nhận đăng ký xe của xe kéo theo | 0 bản chính,1 bản sao
      """
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Chứng nhận đăng ký xe, biển số xe; chủ xe được giữ lại biển số xe để sử dụng và phải nộp lại khi nhận chứng nhận thu hồi" không bị đánh dấu
    Và thành phần "Bản sao chứng nhận đăng ký xe của xe kéo theo" bị đánh dấu

  # Loại 6: nhầm lẫn về bản sao có chứng thực.

  Tình huống: TG-CERTIFIED-COPY chỉ đánh dấu bản sao có chứng thực của một giấy tờ
    Cho thủ tục "Đăng ký giao dịch bảo đảm" mã "E6.001" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Văn bản ủy quyền được chứng thực theo quy định của pháp luật | 1 bản chính
      Hợp đồng bảo đảm (01 bản chính hoặc 01 bản sao có chứng thực) | 1 bản chính
      Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp | 0 bản chính,1 bản sao
      """
    Khi rà soát theo quy tắc "TG-CERTIFIED-COPY"
    Thì thành phần "Văn bản ủy quyền được chứng thực theo quy định của pháp luật" không bị đánh dấu
    Và thành phần "Hợp đồng bảo đảm (01 bản chính hoặc 01 bản sao có chứng thực)" không bị đánh dấu
    Và thành phần "Bản sao có chứng thực Giấy chứng nhận đăng ký doanh nghiệp" bị đánh dấu

  # Loại 7: đọc các dòng của hồ sơ.

  Tình huống: Dòng số lượng hồ sơ không phải thành phần; dòng giấy tờ có số lượng trong chữ vẫn là thành phần
    Cho thủ tục "Cấp giấy phép nhập khẩu" mã "E7.001" cấp "tỉnh"
    Và hồ sơ trên Cổng gồm:
      """
      Đơn đề nghị theo mẫu | 1 bản chính
      Số lượng hồ sơ: 01 (bộ) | 1 bản chính
      + Giấy phép nhập khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính | 0 bản chính
      - Vận đơn hoặc các chứng từ vận tải khác có giá trị tương đương: 01 bản chụp có đóng dấu xác nhận của doanh nghiệp | 0 bản chính
      """
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì hồ sơ không có thành phần "Số lượng hồ sơ: 01 (bộ)"
    Và hồ sơ có thành phần "Giấy phép nhập khẩu đối với hàng hóa phải có giấy phép nhập khẩu: 01 bản chính"
    Và hồ sơ có thành phần "Vận đơn hoặc các chứng từ vận tải khác có giá trị tương đương: 01 bản chụp có đóng dấu xác nhận của doanh nghiệp"

  Tình huống: Một dòng nêu nhiều giấy tờ, và giấy tờ nằm trong một danh sách, đều được nhận ra
    Cho thủ tục "Cấp giấy chứng nhận đủ điều kiện" mã "E7.002" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Bản sao bằng tốt nghiệp đại học chuyên ngành thú y và sổ bảo hiểm xã hội của người phụ trách"
    Và thủ tục có thành phần hồ sơ "Danh sách nhân sự, bản thông tin cá nhân, Phiếu lý lịch tư pháp của người quản lý"
    Và thủ tục có thành phần hồ sơ "Đơn đề nghị cấp phiếu lý lịch tư pháp"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Bản sao bằng tốt nghiệp đại học chuyên ngành thú y và sổ bảo hiểm xã hội của người phụ trách" bị đánh dấu
    Và thành phần "Danh sách nhân sự, bản thông tin cá nhân, Phiếu lý lịch tư pháp của người quản lý" bị đánh dấu
    Và thành phần "Đơn đề nghị cấp phiếu lý lịch tư pháp" không bị đánh dấu

  Tình huống: Thỏa thuận xin cấp chung một giấy chứng nhận và hồ sơ cho công trình được miễn giấy phép không phải là giấy chứng nhận, giấy phép
    Cho thủ tục "Đăng ký biến động đất đai" mã "E7.101" cấp "tỉnh"
    Và thủ tục có thành phần hồ sơ "Văn bản thỏa thuận về việc cấp chung một Giấy chứng nhận quyền sử dụng đất đối với trường hợp có nhiều người nhận chuyển quyền"
    Và thủ tục có thành phần hồ sơ "Hồ sơ thiết kế xây dựng công trình đã được thẩm định đối với trường hợp công trình được miễn giấy phép xây dựng"
    Và thủ tục có thành phần hồ sơ "Bản sao Giấy chứng nhận quyền sử dụng đất đã cấp"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Văn bản thỏa thuận về việc cấp chung một Giấy chứng nhận quyền sử dụng đất đối với trường hợp có nhiều người nhận chuyển quyền" không bị đánh dấu
    Và thành phần "Hồ sơ thiết kế xây dựng công trình đã được thẩm định đối với trường hợp công trình được miễn giấy phép xây dựng" không bị đánh dấu
    Và thành phần "Bản sao Giấy chứng nhận quyền sử dụng đất đã cấp" bị đánh dấu

  Tình huống: "Giấy chứng nhận đã cấp" trong thủ tục đất đai là giấy chứng nhận quyền sử dụng đất
    Cho thủ tục "Đính chính Giấy chứng nhận đã cấp" mã "E7.102" cấp "tỉnh" lĩnh vực "Đất đai"
    Và thủ tục có thành phần hồ sơ "Bản gốc Giấy chứng nhận đã cấp."
    Cho thủ tục "Cấp lại giấy chứng nhận kiểm định" mã "E7.103" cấp "tỉnh" lĩnh vực "Kiểm định kỹ thuật an toàn lao động"
    Và thủ tục có thành phần hồ sơ "Giấy chứng nhận đã được cấp"
    Và ngày rà soát là "2026-03-01"
    Khi rà soát theo quy tắc "TG-REUSE-DATA"
    Thì thành phần "Giấy chứng nhận đã được cấp" không bị đánh dấu
    Và phát hiện nêu "Cơ sở dữ liệu quốc gia về đất đai"

  Tình huống: "Bản sao hộ chiếu có chứng thực" là bản sao có chứng thực, dù tên giấy tờ đứng giữa
    Cho thủ tục "Cấp thẻ thường trú" mã "E6.101" cấp "bộ"
    Và hồ sơ trên Cổng gồm:
      """
      Bản sao hộ chiếu có chứng thực; | 0 bản chính,1 bản sao
      Bản sao giấy tờ tùy thân của người yêu cầu được chứng thực chữ ký | 0 bản chính,1 bản sao
      """
    Khi rà soát theo quy tắc "TG-CERTIFIED-COPY"
    Thì thành phần "Bản sao hộ chiếu có chứng thực;" bị đánh dấu
    Và thành phần "Bản sao giấy tờ tùy thân của người yêu cầu được chứng thực chữ ký" không bị đánh dấu

  # Loại 8: thủ tục được cho là cấp giấy tờ phải thật sự cấp đúng giấy tờ đó.

  Tình huống: Chứng chỉ hành nghề thú y không phải là mọi văn bằng, chứng chỉ
    Cho thủ tục "Cấp chứng chỉ hành nghề thú y" mã "E8.001" cấp "tỉnh" lĩnh vực "Thú y"
    Và thủ tục có kết quả "Chứng chỉ hành nghề thú y"
    Cho thủ tục "Cấp giấy chứng nhận đủ điều kiện buôn bán thuốc thú y" mã "E8.002" cấp "tỉnh" lĩnh vực "Thú y"
    Và thủ tục có thành phần hồ sơ "Bản sao bằng tốt nghiệp đại học chuyên ngành thú y"
    Và thủ tục có thành phần hồ sơ "Bản sao Chứng chỉ hành nghề thú y"
    Khi rà soát theo quy tắc "TG-REUSE-INTERLINK"
    Thì thành phần "Bản sao bằng tốt nghiệp đại học chuyên ngành thú y" không bị đánh dấu
    Và thành phần "Bản sao Chứng chỉ hành nghề thú y" bị đánh dấu
    Và phát hiện nêu "E8.001"

  Tình huống: Giấy ủy quyền không phải là kết quả của thủ tục nào
    Cho thủ tục "Giải quyết hưởng trợ cấp" mã "E8.003" cấp "tỉnh"
    Và thủ tục có kết quả "Giấy ủy quyền (Mẫu số 13-HSB)"
    Cho thủ tục "Đăng ký khai sinh" mã "E8.004" cấp "xã"
    Và thủ tục có thành phần hồ sơ "Giấy ủy quyền của người đi đăng ký"
    Khi rà soát theo quy tắc "TG-REUSE-INTERLINK"
    Thì thành phần "Giấy ủy quyền của người đi đăng ký" không bị đánh dấu
