<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name />
    <message>
        <location filename="../../app/domain/agency_code.py" line="+71" />
        <location filename="../../app/domain/rejections.py" line="+57" />
        <source>The identification code is empty.</source>
        <translation>Mã định danh đang để trống.</translation>
    </message>
    <message>
        <location line="+31" />
        <location filename="../../app/domain/rejections.py" line="+1" />
        <source>“{code}” is not in the form 000.00.00.H29.</source>
        <translation>“{code}” không đúng định dạng 000.00.00.H29.</translation>
    </message>
    <message>
        <location line="+9" />
        <location filename="../../app/domain/rejections.py" line="+3" />
        <source>An identification code has at most {limit} characters; “{code}” has {length}.</source>
        <translation>Mã định danh chỉ được có tối đa {limit} ký tự; “{code}” có {length} ký tự.</translation>
    </message>
    <message>
        <location line="+8" />
        <location filename="../../app/domain/rejections.py" line="-6" />
        <source>An identification code may hold only digits, capital letters and dots: “{code}”.</source>
        <translation>Mã định danh chỉ được gồm chữ số, chữ in hoa và dấu chấm: “{code}”.</translation>
    </message>
    <message>
        <location line="+38" />
        <location filename="../../app/domain/rejections.py" line="+4" />
        <source>The successor list loops back to “{code}”.</source>
        <translation>Danh sách đơn vị kế thừa bị lặp vòng, quay trở lại “{code}”.</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../../app/domain/rejections.py" line="+1" />
        <source>The successor chain of “{code}” is too long.</source>
        <translation>Chuỗi đơn vị kế thừa của “{code}” quá dài.</translation>
    </message>
    <message>
        <location filename="../../app/domain/dossier_code.py" line="+33" />
        <source>A dossier code has the form 000.00.00.H29-YYMMDD-0001: “{code}”.</source>
        <translation>Mã hồ sơ phải có dạng 000.00.00.H29-YYMMDD-0001: “{code}”.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The sequence at the end of “{code}” must be four digits from 0001.</source>
        <translation>Số thứ tự ở cuối “{code}” phải gồm bốn chữ số, bắt đầu từ 0001.</translation>
    </message>
    <message>
        <location line="+21" />
        <location filename="../../app/domain/rejections.py" line="+39" />
        <source>Unit {unit} has already issued {limit} dossier codes on {day}.</source>
        <translation>Đơn vị {unit} đã cấp đủ {limit} mã hồ sơ trong ngày {day}.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The receipt date in “{code}” must be six digits, YYMMDD.</source>
        <translation>Ngày tiếp nhận trong “{code}” phải gồm sáu chữ số theo dạng YYMMDD.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The receipt date in “{code}” is not a real date.</source>
        <translation>Ngày tiếp nhận trong “{code}” không phải là ngày có thật.</translation>
    </message>
    <message>
        <location filename="../../app/domain/dossier_deadline.py" line="+48" />
        <source>The statutory time must be a whole number, got {amount!r}.</source>
        <translation>Thời hạn giải quyết phải là số nguyên; giá trị nhận được: {amount!r}.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The statutory time must be positive, got {amount}.</source>
        <translation>Thời hạn giải quyết phải lớn hơn 0; giá trị nhận được: {amount}.</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../../app/domain/rejections.py" line="-1" />
        <source>Unknown unit of statutory time {unit!r}; expected "days" or "hours".</source>
        <translation>Đơn vị tính thời hạn giải quyết {unit!r} không hợp lệ; chỉ dùng "days" (ngày) hoặc "hours" (giờ).</translation>
    </message>
    <message>
        <location line="+29" />
        <location filename="../../app/domain/rejections.py" line="-3" />
        <source>The cut-off must be a Vietnam wall-clock time without a time zone, got {cutoff!r}.</source>
        <translation>Giờ tiếp nhận cuối ngày phải là giờ Việt Nam, không kèm múi giờ; giá trị nhận được: {cutoff!r}.</translation>
    </message>
    <message>
        <location line="+32" />
        <location filename="../../app/domain/rejections.py" line="+2" />
        <source>Expected a statutory time, got {value!r}.</source>
        <translation>Cần có thời hạn giải quyết; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location line="+28" />
        <location filename="../../app/domain/rejections.py" line="-4" />
        <source>The supplement clock must be "restart" or "resume", got {clock!r}.</source>
        <translation>Cách tính thời hạn sau bổ sung phải là "restart" (tính lại) hoặc "resume" (tính tiếp); giá trị nhận được: {clock!r}.</translation>
    </message>
    <message>
        <location line="+93" />
        <location line="+2" />
        <source>The new appointment is not a date and time.</source>
        <translation>Ngày hẹn mới không phải là ngày giờ hợp lệ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The new appointment must be after the statutory due time.</source>
        <translation>Ngày hẹn mới phải sau thời hạn giải quyết theo quy định.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The new appointment must be in the future.</source>
        <translation>Ngày hẹn mới phải là một thời điểm sắp tới.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The new appointment is more than {days} days after receipt.</source>
        <translation>Ngày hẹn mới cách ngày tiếp nhận hơn {days} ngày.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml.py" line="+66" />
        <location filename="../../app/domain/rejections.py" line="+44" />
        <source>The edXML file is a status packet, not a document.</source>
        <translation>Tệp edXML là gói tin trạng thái, không phải văn bản.</translation>
    </message>
    <message>
        <location line="+7" />
        <location filename="../../app/domain/rejections.py" line="+2" />
        <source>The edXML file is a document, not a status packet.</source>
        <translation>Tệp edXML là văn bản, không phải gói tin trạng thái.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_elements.py" line="+43" />
        <location filename="../../app/domain/rejections.py" line="+3" />
        <location filename="../../app/edxml_import.py" line="+54" />
        <source>The edXML file is larger than {limit} bytes.</source>
        <translation>Tệp edXML vượt quá dung lượng cho phép ({limit} byte).</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-13" />
        <source>The edXML file is empty.</source>
        <translation>Tệp edXML không có nội dung.</translation>
    </message>
    <message>
        <location line="+9" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>The edXML file declares a DTD, which is refused for safety.</source>
        <translation>Tệp edXML có khai báo DTD nên không được chấp nhận, để bảo đảm an toàn.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+20" />
        <source>The edXML file uses unsafe XML features.</source>
        <translation>Tệp edXML sử dụng tính năng XML không an toàn.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-7" />
        <source>The file is not valid XML ({detail}).</source>
        <translation>Tệp không phải là XML hợp lệ ({detail}).</translation>
    </message>
    <message>
        <location line="+20" />
        <location filename="../../app/domain/rejections.py" line="+4" />
        <source>The edXML file has more than {limit} elements.</source>
        <translation>Tệp edXML có quá {limit} phần tử XML.</translation>
    </message>
    <message>
        <location line="+16" />
        <location filename="../../app/domain/rejections.py" line="+4" />
        <source>The edXML file declares encoding {encoding}; only UTF-8 is accepted.</source>
        <translation>Tệp edXML khai báo bảng mã {encoding}; hệ thống chỉ chấp nhận UTF-8.</translation>
    </message>
    <message>
        <location line="+11" />
        <location filename="../../app/domain/rejections.py" line="-17" />
        <source>The edXML file is not valid UTF-8 (byte {position}).</source>
        <translation>Tệp edXML không đúng bảng mã UTF-8 (tại byte {position}).</translation>
    </message>
    <message>
        <location line="-31" />
        <location filename="../../app/domain/rejections.py" line="+10" />
        <source>The edXML file nests elements deeper than {limit} levels.</source>
        <translation>Tệp edXML có các phần tử lồng nhau quá {limit} cấp.</translation>
    </message>
    <message>
        <location line="+49" />
        <location filename="../../app/domain/edxml_tree.py" line="+116" />
        <location filename="../../app/domain/rejections.py" line="-9" />
        <source>The packet has no {field}.</source>
        <translation>Gói tin thiếu trường {field}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_business.py" line="+89" />
        <location filename="../../app/domain/edxml_elements.py" line="+24" />
        <source>The element {element} appears more than once; the first is used.</source>
        <translation>Phần tử {element} xuất hiện nhiều lần; hệ thống dùng phần tử đầu tiên.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_elements.py" line="+24" />
        <source>{field} is not a valid date: "{value}".</source>
        <translation>{field} không phải là ngày hợp lệ: "{value}".</translation>
    </message>
    <message>
        <location line="+15" />
        <source>{field} is not a valid timestamp: "{value}".</source>
        <translation>{field} không phải là ngày giờ hợp lệ: "{value}".</translation>
    </message>
    <message>
        <location line="+13" />
        <source>{field} should be a number from 0 to {upper}: "{value}".</source>
        <translation>{field} phải là số từ 0 đến {upper}: "{value}".</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml.py" line="+15" />
        <location filename="../../app/domain/rejections.py" line="+6" />
        <source>The XML file is not an edXML packet.</source>
        <translation>Tệp XML này không phải là gói tin edXML.</translation>
    </message>
    <message>
        <location line="+4" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>The edXML packet has no message header.</source>
        <translation>Gói tin edXML thiếu phần tiêu đề thông điệp.</translation>
    </message>
    <message>
        <location line="+11" />
        <location filename="../../app/domain/rejections.py" line="+9" />
        <source>The edXML packet is neither a document nor a status packet.</source>
        <translation>Gói tin edXML không phải là văn bản, cũng không phải là gói tin trạng thái.</translation>
    </message>
    <message>
        <location line="+36" />
        <location filename="../../app/domain/rejections.py" line="+4" />
        <source>The edXML document has neither a subject nor a number.</source>
        <translation>Văn bản edXML thiếu cả trích yếu và số văn bản.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_business.py" line="+16" />
        <source>{field} should read "organ,YYYY/MM/DD,number/notation": "{value}".</source>
        <translation>{field} phải có dạng "mã cơ quan,YYYY/MM/DD,số/ký hiệu": "{value}".</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml.py" line="+86" />
        <source>The document number "{value}" is not a number.</source>
        <translation>Số văn bản "{value}" không phải là số.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The due date {due} is before the promulgation date {date}.</source>
        <translation>Hạn xử lý {due} sớm hơn ngày ban hành {date}.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The document type “{name}” ({code}) is not one of Decree 30's types.</source>
        <translation>Loại văn bản “{name}” ({code}) không thuộc các loại văn bản của Nghị định 30.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The document id says {id_code} but the document number is {code}.</source>
        <translation>Mã định danh văn bản ghi số {id_code}, nhưng số văn bản là {code}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The document id says {id_date} but the promulgation date is {date}.</source>
        <translation>Mã định danh văn bản ghi ngày {id_date}, nhưng ngày ban hành là {date}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_attachments.py" line="+39" />
        <location filename="../../app/domain/rejections.py" line="-6" />
        <source>The edXML packet has more than {limit} attachments.</source>
        <translation>Gói tin edXML có quá {limit} tệp đính kèm.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The attachment {name} is listed but not included.</source>
        <translation>Tệp đính kèm {name} có trong danh sách nhưng không được gửi kèm.</translation>
    </message>
    <message>
        <location line="+30" />
        <location filename="../../app/domain/edxml_document_writer.py" line="+254" />
        <location filename="../../app/domain/rejections.py" line="-28" />
        <source>The attachment {name} has no content.</source>
        <translation>Tệp đính kèm {name} không có nội dung.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The attachment {name} is not valid base64 and was left out.</source>
        <translation>Tệp đính kèm {name} không đúng định dạng base64 nên đã bị bỏ qua.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml.py" line="+23" />
        <location filename="../../app/domain/edxml_status_writer.py" line="+47" />
        <location filename="../../app/domain/rejections.py" line="+18" />
        <source>The status packet does not say which document it answers.</source>
        <translation>Gói tin trạng thái không cho biết đang phản hồi cho văn bản nào.</translation>
    </message>
    <message>
        <location line="+32" />
        <location filename="../../app/domain/rejections.py" line="+2" />
        <source>The status packet has no status code.</source>
        <translation>Gói tin trạng thái không có mã trạng thái.</translation>
    </message>
    <message>
        <location line="+5" />
        <location filename="../../app/domain/rejections.py" line="+11" />
        <source>Unknown edXML status code "{value}".</source>
        <translation>Không nhận diện được mã trạng thái edXML "{value}".</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_document_writer.py" line="-207" />
        <location filename="../../app/domain/rejections.py" line="-28" />
        <source>A document id needs an organ code and a number without commas.</source>
        <translation>Mã định danh văn bản cần có mã cơ quan và số, ký hiệu không chứa dấu phẩy.</translation>
    </message>
    <message>
        <location line="+31" />
        <location filename="../../app/domain/edxml_status_writer.py" line="-3" />
        <location filename="../../app/domain/rejections.py" line="+16" />
        <source>The sending agency has no identification code.</source>
        <translation>Cơ quan gửi chưa có mã định danh.</translation>
    </message>
    <message>
        <location line="+13" />
        <location filename="../../app/domain/rejections.py" line="-14" />
        <source>The priority must be 0 to 4.</source>
        <translation>Độ khẩn phải là số từ 0 đến 4.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="+8" />
        <source>A due time needs a due date.</source>
        <translation>Giờ hạn xử lý phải đi kèm ngày hạn xử lý.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-3" />
        <source>A trace entry has no valid time.</source>
        <translation>Một mục vết chuyển văn bản không có thời điểm hợp lệ.</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../../app/domain/rejections.py" line="-9" />
        <source>The business document type must be 0 to 3.</source>
        <translation>Loại nghiệp vụ văn bản phải là số từ 0 đến 3.</translation>
    </message>
    <message>
        <location line="+5" />
        <location filename="../../app/domain/rejections.py" line="+7" />
        <source>A replacing packet, and only a replacing packet, lists the documents it replaces.</source>
        <translation>Chỉ gói tin thay thế mới liệt kê các văn bản được thay thế, và gói tin thay thế phải liệt kê chúng.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+3" />
        <source>Only an update packet says what it changes.</source>
        <translation>Chỉ gói tin cập nhật mới ghi những nội dung thay đổi.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-5" />
        <source>A receiver change must be 0 or 1.</source>
        <translation>Thay đổi nơi nhận phải là 0 hoặc 1.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>Paper must be 0 or 1.</source>
        <translation>Trường văn bản giấy phải là 0 hoặc 1.</translation>
    </message>
    <message>
        <location line="+124" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>Each attachment needs its own content id.</source>
        <translation>Mỗi tệp đính kèm cần có mã nội dung riêng.</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_tree.py" line="-54" />
        <location filename="../../app/domain/rejections.py" line="+13" />
        <source>{field} contains a character that XML cannot carry (U+{codepoint}).</source>
        <translation>{field} chứa ký tự không thể đưa vào XML (U+{codepoint}).</translation>
    </message>
    <message>
        <location filename="../../app/domain/labels.py" line="+10" />
        <location line="+6" />
        <source>Normal</source>
        <translation>Thường</translation>
    </message>
    <message>
        <location line="-5" />
        <source>Urgent</source>
        <translation>Khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Very urgent</source>
        <translation>Thượng khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Flash</source>
        <translation>Hỏa tốc</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Confidential</source>
        <translation>Mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Secret</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Top secret</source>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In person</source>
        <translation>Trực tiếp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <location line="+4" />
        <source>1022 hotline</source>
        <translation>Tổng đài 1022</translation>
    </message>
    <message>
        <location line="+1" />
        <source>1022 website</source>
        <translation>Cổng thông tin 1022</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Citizens' app</source>
        <translation>Ứng dụng Công dân số</translation>
    </message>
    <message>
        <location line="+3" />
        <source>New system</source>
        <translation>Hệ thống mới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Old system</source>
        <translation>Hệ thống cũ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>City's unified system (new)</source>
        <translation>Hệ thống dùng chung của Thành phố (mới)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Former Bình Dương system (old)</source>
        <translation>Hệ thống tỉnh Bình Dương trước đây (cũ)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Former Bà Rịa – Vũng Tàu system (old)</source>
        <translation>Hệ thống tỉnh Bà Rịa – Vũng Tàu trước đây (cũ)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not sent yet</source>
        <translation>Chưa gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sent, not answered yet</source>
        <translation>Đã gửi, chưa phản hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Document delivered</source>
        <translation>Đã nhận văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused to accept</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../app/domain/workflow.py" line="+70" />
        <source>Received</source>
        <translation>Mới đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../app/domain/labels.py" line="+1" />
        <source>Accepted and registered</source>
        <translation>Đã tiếp nhận, vào sổ</translation>
    </message>
    <message>
        <location line="+4" />
        <location filename="../../app/domain/workflow.py" line="+6" />
        <source>Recall requested</source>
        <translation>Đề nghị thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recall agreed</source>
        <translation>Đồng ý thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recall refused</source>
        <translation>Từ chối thu hồi</translation>
    </message>
    <message>
        <location line="+4" />
        <source>A new document</source>
        <translation>Văn bản mới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A revocation of a document sent earlier</source>
        <translation>Thu hồi văn bản đã gửi trước đó</translation>
    </message>
    <message>
        <location line="+1" />
        <source>An update of a document sent earlier</source>
        <translation>Cập nhật văn bản đã gửi trước đó</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A document replacing earlier ones</source>
        <translation>Văn bản thay thế văn bản đã gửi</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Arrived on the document axis</source>
        <translation>Nhận qua trục liên thông</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Updated by the issuer</source>
        <translation>Cơ quan ban hành cập nhật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Revoked by the issuer</source>
        <translation>Cơ quan ban hành thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replaced by a later document</source>
        <translation>Đã được thay thế bằng văn bản khác</translation>
    </message>
    <message>
        <location filename="../../app/domain/workflow.py" line="-5" />
        <source>Registered</source>
        <translation>Đã vào sổ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Submitted to leader</source>
        <translation>Đã trình lãnh đạo</translation>
    </message>
    <message>
        <location filename="../../app/domain/labels.py" line="-19" />
        <location filename="../../app/domain/workflow.py" line="+1" />
        <location line="+25" />
        <source>Assigned</source>
        <translation>Đã phân công</translation>
    </message>
    <message>
        <location line="+1" />
        <location filename="../../app/domain/workflow.py" line="-24" />
        <location line="+14" />
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <location filename="../../app/domain/workflow.py" line="-13" />
        <source>Done</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <location filename="../../app/domain/workflow.py" line="+2" />
        <source>Withdrawn</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Replaced</source>
        <translation>Đã bị thay thế</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Draft</source>
        <translation>Dự thảo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Awaiting signature</source>
        <translation>Chờ ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issued</source>
        <translation>Đã ban hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recalled</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Newly submitted</source>
        <translation>Mới đăng ký</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+10" />
        <source>Accepted</source>
        <translation>Được tiếp nhận</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Not accepted</source>
        <translation>Không được tiếp nhận</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Supplement requested</source>
        <translation>Yêu cầu bổ sung giấy tờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Financial obligation requested</source>
        <translation>Yêu cầu thực hiện nghĩa vụ tài chính</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Withdrawal requested</source>
        <translation>Công dân yêu cầu rút hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Processing stopped</source>
        <translation>Dừng xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result ready</source>
        <translation>Đã xử lý xong</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result returned</source>
        <translation>Đã trả kết quả</translation>
    </message>
    <message>
        <location filename="../../app/domain/rejections.py" line="+27" />
        <location filename="../../app/domain/workflow.py" line="+36" />
        <source>“{action}” is not a known action.</source>
        <translation>Không nhận diện được thao tác “{action}”.</translation>
    </message>
    <message>
        <location line="-2" />
        <location filename="../../app/domain/workflow.py" line="+17" />
        <source>“{action}” is not possible while the item is “{state}”.</source>
        <translation>Không thể thực hiện thao tác “{action}” khi văn bản/hồ sơ đang ở trạng thái “{state}”.</translation>
    </message>
    <message>
        <location line="-134" />
        <source>The server did not accept this action.</source>
        <translation>Máy chủ không chấp nhận thao tác này.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No such item in your unit's queue.</source>
        <translation>Mục này không có trong danh sách của đơn vị bạn trên máy chủ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The server had already received this action from another account.</source>
        <translation>Máy chủ đã nhận thao tác này từ một tài khoản khác.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The old system no longer accepts this account: redo it in the new system.</source>
        <translation>Hệ thống cũ không còn nhận thao tác của tài khoản này: vui lòng thực hiện lại trên hệ thống mới.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This action was damaged in the data file on this computer, so it was not sent. Check the item: do it again if it is still needed, or give it up.</source>
        <translation>Thao tác này bị hỏng trong tệp dữ liệu trên máy này nên chưa được gửi. Vui lòng kiểm tra mục này: thực hiện lại nếu vẫn cần, hoặc bỏ qua.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>“{value}” is not a date (YYYY-MM-DD).</source>
        <translation>“{value}” không phải là ngày hợp lệ (NNNN-TT-NN).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The document's files are too large to send on the axis: at most {limit} MB in all.</source>
        <translation>Các tệp của văn bản quá lớn để gửi qua trục liên thông: tổng dung lượng tối đa {limit} MB.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This desk already holds {count} blocks of dossier numbers.</source>
        <translation>Máy này đã giữ {count} dãy số hồ sơ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier code {dossier} is not in a block of numbers granted to this desk.</source>
        <translation>Mã hồ sơ {dossier} không thuộc dãy số đã cấp cho máy này.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier code {dossier} is already used.</source>
        <translation>Mã hồ sơ {dossier} đã được sử dụng.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The receipt time of {dossier} is in the future.</source>
        <translation>Thời điểm tiếp nhận hồ sơ {dossier} ở trong tương lai.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier code {dossier} belongs to another unit.</source>
        <translation>Mã hồ sơ {dossier} thuộc đơn vị khác.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure {procedure} is not in the catalogue.</source>
        <translation>Thủ tục {procedure} không có trong danh mục.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“{unit}” is not a current unit of the agency directory.</source>
        <translation>“{unit}” không phải là đơn vị đang hoạt động trong danh bạ cơ quan.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A report cannot be sent back naming this unit itself as the competent one.</source>
        <translation>Không thể trả lại phản ánh mà ghi đơn vị có thẩm quyền là chính đơn vị mình.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Say whether the answer is to be published (yes or no).</source>
        <translation>Cần chọn có công khai nội dung trả lời hay không.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only a leader of the unit approves the answer to a 1022 report or returns it for revision.</source>
        <translation>Chỉ lãnh đạo đơn vị mới được duyệt nội dung trả lời phản ánh 1022 hoặc trả lại dự thảo để chỉnh sửa.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>The new appointment is not valid.</source>
        <translation>Ngày hẹn trả mới không hợp lệ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>“{value}” is not a valid identification number.</source>
        <translation>“{value}” không phải là số định danh hợp lệ.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The working calendar holds an entry that is not a date.</source>
        <translation>Lịch làm việc có một mục không phải là ngày.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The Government's list of days off and make-up days cannot be read.</source>
        <translation>Không đọc được danh sách ngày nghỉ và ngày làm bù của Chính phủ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The working hours are not valid: {start}–{end}.</source>
        <translation>Giờ làm việc không hợp lệ: {start}–{end}.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The committed date is not valid.</source>
        <translation>Ngày cam kết không hợp lệ.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The answer time of a report counts working or calendar days.</source>
        <translation>Thời hạn trả lời phản ánh tính theo ngày làm việc hoặc ngày lịch.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The answer time of a report is not valid.</source>
        <translation>Thời hạn trả lời phản ánh không hợp lệ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The days before a report's due time it is listed as due are not valid.</source>
        <translation>Số ngày trước hạn để đưa phản ánh vào danh sách đến hạn không hợp lệ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The statutory time must be a positive whole number.</source>
        <translation>Thời hạn giải quyết phải là số nguyên lớn hơn 0.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>“{code}” is not a valid dossier code.</source>
        <translation>“{code}” không phải là mã hồ sơ hợp lệ.</translation>
    </message>
    <message>
        <location line="+53" />
        <source>Procedure {code} is not described correctly in the catalogue.</source>
        <translation>Thủ tục {code} được mô tả chưa đúng trong danh mục.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The registration of the dossier is incomplete or not valid.</source>
        <translation>Thông tin tiếp nhận hồ sơ chưa đầy đủ hoặc không hợp lệ.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/workflow.py" line="+9" />
        <source>“{action}” needs a {field}.</source>
        <translation>Để thực hiện thao tác “{action}”, cần nhập {field}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/workflow.py" line="-61" />
        <source>Newly routed</source>
        <translation>Mới chuyển đến</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sent back to 1022</source>
        <translation>Đã trả lại 1022</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Answer awaiting approval</source>
        <translation>Trả lời chờ phê duyệt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer approved</source>
        <translation>Trả lời đã được duyệt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <location line="+63" />
        <source>reason</source>
        <translation>lý do</translation>
    </message>
    <message>
        <location line="+1" />
        <source>person or unit to handle it</source>
        <translation>người hoặc đơn vị xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>arrival number</source>
        <translation>số đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>document number</source>
        <translation>số văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>result</source>
        <translation>kết quả giải quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>new appointment</source>
        <translation>ngày hẹn trả mới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>comment text</source>
        <translation>nội dung ý kiến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>competent unit</source>
        <translation>đơn vị có thẩm quyền</translation>
    </message>
    <message>
        <location line="+1" />
        <source>answer text</source>
        <translation>nội dung trả lời</translation>
    </message>
    <message>
        <location line="+1" />
        <source>choice whether to publish the answer</source>
        <translation>lựa chọn có công khai nội dung trả lời hay không</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Register</source>
        <translation>Vào sổ</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+70" />
        <source>Refuse</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location line="-69" />
        <source>Submit to leader</source>
        <translation>Trình lãnh đạo</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+146" />
        <source>Assign</source>
        <translation>Phân công</translation>
    </message>
    <message>
        <location line="-139" />
        <source>Forward</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Start handling</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mark done</source>
        <translation>Đánh dấu hoàn thành</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Agree to the recall</source>
        <translation>Đồng ý thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refuse the recall</source>
        <translation>Từ chối thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+36" />
        <location line="+70" />
        <location line="+49" />
        <source>Comment</source>
        <translation>Cho ý kiến</translation>
    </message>
    <message>
        <location line="-135" />
        <source>Edit the draft</source>
        <translation>Sửa dự thảo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Submit for signature</source>
        <translation>Trình ký</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Return to drafter</source>
        <translation>Trả lại người soạn thảo</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Number and issue</source>
        <translation>Cấp số và ban hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recall</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+72" />
        <source>Accept</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location line="-70" />
        <source>Start processing</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Request a supplement</source>
        <translation>Yêu cầu bổ sung hồ sơ</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Supplement received</source>
        <translation>Đã nhận hồ sơ bổ sung</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Request fees</source>
        <translation>Yêu cầu nộp phí, lệ phí</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Fees paid</source>
        <translation>Đã nộp phí, lệ phí</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Applicant withdraws</source>
        <translation>Người nộp rút hồ sơ</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Withdrawal cancelled</source>
        <translation>Hủy yêu cầu rút hồ sơ</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Stop processing</source>
        <translation>Dừng xử lý</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Apologise, new appointment</source>
        <translation>Xin lỗi, hẹn lại ngày trả</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Record the result</source>
        <translation>Ghi nhận kết quả giải quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Return the result</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Send back to 1022</source>
        <translation>Trả lại 1022</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Record progress</source>
        <translation>Báo cáo tiến độ</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Draft the answer</source>
        <translation>Dự thảo trả lời</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approve the answer</source>
        <translation>Duyệt nội dung trả lời</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Return the answer for revision</source>
        <translation>Trả lại dự thảo để chỉnh sửa</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Send the answer to 1022</source>
        <translation>Gửi kết quả trả lời về 1022</translation>
    </message>
    <message>
        <location filename="../../app/domain/rejections.py" line="-72" />
        <location filename="../../app/domain/working_calendar.py" line="+53" />
        <source>The {what} must be a date and time, got {value!r}.</source>
        <extracomment>Searching further than this many days for a working day means the calendar has none. Default office hours: morning 07:30–11:30 and afternoon 13:00–17:00 (8 hours a day).</extracomment>
        <translation>Giá trị {what} phải là ngày giờ; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location line="-1" />
        <location filename="../../app/domain/working_calendar.py" line="+7" />
        <source>The {what} {value} has no time zone; a time zone aware value is required.</source>
        <translation>Giá trị {what} ({value}) chưa có múi giờ; cần nhập giá trị có kèm múi giờ.</translation>
    </message>
    <message>
        <location filename="../../app/domain/working_calendar.py" line="+32" />
        <source>Every entry of {what} must be a date, got {value!r}.</source>
        <translation>Mọi mục trong {what} phải là ngày; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/rejections.py" line="-1" />
        <location filename="../../app/domain/working_calendar.py" line="+11" />
        <source>At least one working period per day is required.</source>
        <translation>Mỗi ngày phải có ít nhất một khoảng thời gian làm việc.</translation>
    </message>
    <message>
        <location filename="../../app/domain/working_calendar.py" line="+6" />
        <source>A working period must be two times of day, got {start!r}–{end!r}.</source>
        <translation>Khoảng thời gian làm việc phải gồm hai mốc giờ trong ngày; giá trị nhận được: {start!r}–{end!r}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Working hours are Vietnam wall-clock times without a time zone: {start}–{end}.</source>
        <translation>Giờ làm việc phải là giờ Việt Nam, không kèm múi giờ: {start}–{end}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>A working period must start before it ends: {start}–{end}.</source>
        <translation>Giờ bắt đầu của khoảng thời gian làm việc phải trước giờ kết thúc: {start}–{end}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Working periods must be in order and must not overlap: {start}–{end}.</source>
        <translation>Các khoảng thời gian làm việc phải theo đúng thứ tự và không được chồng lấn nhau: {start}–{end}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/rejections.py" line="-4" />
        <location filename="../../app/domain/working_calendar.py" line="+35" />
        <source>{day} cannot be both an extra day off and a make-up working day.</source>
        <translation>Ngày {day} không thể vừa là ngày nghỉ bổ sung vừa là ngày làm bù.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/working_calendar.py" line="+104" />
        <source>No working day found within {limit} days of {day}; check the calendar settings.</source>
        <translation>Không tìm thấy ngày làm việc nào trong vòng {limit} ngày kể từ {day}; vui lòng kiểm tra lại thiết lập lịch làm việc.</translation>
    </message>
    <message>
        <location filename="../../app/domain/working_calendar.py" line="+71" />
        <source>Expected a date, got {value!r}.</source>
        <translation>Cần một giá trị ngày; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/rejections.py" line="-4" />
        <location filename="../../app/domain/working_calendar.py" line="+8" />
        <source>The {what} must be a whole number, got {value!r}.</source>
        <translation>Giá trị {what} phải là số nguyên; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/working_calendar.py" line="+16" />
        <source>The government days data has no "{key}" list.</source>
        <translation>Dữ liệu ngày nghỉ, ngày làm bù của Chính phủ thiếu danh sách "{key}".</translation>
    </message>
    <message>
        <location line="+3" />
        <source>"{key}" must be a list, got {value!r}.</source>
        <translation>"{key}" phải là một danh sách; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Entry {index} of "{key}" must be an object with "date" and "note".</source>
        <translation>Mục {index} của "{key}" phải là một đối tượng có "date" và "note".</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Entry {index} of "{key}" has an unknown field "{field}".</source>
        <translation>Mục {index} của "{key}" có trường "{field}" không hợp lệ.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Entry {index} of "{key}": the date must be written YYYY-MM-DD, got {value!r}.</source>
        <translation>Mục {index} của "{key}": ngày phải được ghi theo dạng YYYY-MM-DD; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Entry {index} of "{key}": {value} is not a real date.</source>
        <translation>Mục {index} của "{key}": {value} không phải là ngày có thật.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Entry {index} of "{key}" ({day}) needs a non-empty note giving its source.</source>
        <translation>Mục {index} của "{key}" ({day}) cần có ghi chú nêu rõ căn cứ.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{day} appears twice in "{key}".</source>
        <translation>Ngày {day} xuất hiện hai lần trong "{key}".</translation>
    </message>
    <message>
        <location line="+18" />
        <source>The government days data must be a JSON object, got {value!r}.</source>
        <translation>Dữ liệu ngày nghỉ, ngày làm bù của Chính phủ phải là một đối tượng JSON; giá trị nhận được: {value!r}.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The government days data has an unknown key "{key}".</source>
        <translation>Dữ liệu ngày nghỉ, ngày làm bù của Chính phủ có khóa "{key}" không hợp lệ.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{day} is listed both as an extra day off and as a make-up working day.</source>
        <translation>Ngày {day} vừa có trong danh sách ngày nghỉ bổ sung vừa có trong danh sách ngày làm bù.</translation>
    </message>
    <message>
        <location filename="../../app/item_actions.py" line="+148" />
        <source>This refused action has already been settled.</source>
        <translation>Thao tác bị từ chối này đã được xử lý.</translation>
    </message>
    <message>
        <location line="+60" />
        <location filename="../../app/workbench.py" line="+643" />
        <source>This item is no longer in the cache.</source>
        <translation>Mục này không còn trong dữ liệu trên máy.</translation>
    </message>
    <message>
        <location line="+123" />
        <source>No signed-in account can act on this system's items. Sign in to that system first.</source>
        <translation>Chưa có tài khoản nào đăng nhập vào hệ thống của mục này. Vui lòng đăng nhập hệ thống đó trước.</translation>
    </message>
    <message>
        <location filename="../../app/excel_exports.py" line="+49" />
        <location filename="../../app/printed_forms.py" line="+72" />
        <source>Arrival no.</source>
        <translation>Số đến</translation>
    </message>
    <message>
        <location line="+1" />
        <location filename="../../app/printed_forms.py" line="-1" />
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <location line="+1" />
        <location filename="../../app/printed_forms.py" line="+3" />
        <source>Number/notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issued on</source>
        <translation>Ngày văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issuing agency</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handling due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+14" />
        <location line="+19" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="-32" />
        <location line="+14" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+19" />
        <source>Channel</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location line="-18" />
        <source>Received at</source>
        <translation>Thời điểm tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Return due</source>
        <translation>Hạn trả kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+19" />
        <source>Finished at</source>
        <translation>Hoàn thành lúc</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Report code</source>
        <translation>Mã phản ánh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Routed</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer due</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Handled by</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Documents</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+10" />
        <source>1022 reports</source>
        <translation>Phản ánh 1022</translation>
    </message>
    <message>
        <location filename="../../app/printed_forms.py" line="-24" />
        <source>From {start} to {end}</source>
        <translation>Từ ngày {start} đến ngày {end}</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Author</source>
        <translation>Tác giả</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Document date</source>
        <translation>Ngày, tháng văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type and subject</source>
        <translation>Tên loại và trích yếu nội dung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Receiving unit or person</source>
        <translation>Đơn vị hoặc người nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date forwarded</source>
        <translation>Ngày chuyển</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signature</source>
        <translation>Ký nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+32" />
        <source>INCOMING DOCUMENTS REGISTER</source>
        <translation>SỔ ĐĂNG KÝ VĂN BẢN ĐẾN</translation>
    </message>
    <message>
        <location filename="../../app/edxml_import.py" line="+5" />
        <source>The file cannot be read: {reason}</source>
        <translation>Không đọc được tệp: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/workbench.py" line="-323" />
        <source>{address} answers, but not as a Ward Desk server.</source>
        <translation>{address} có trả lời, nhưng không phải là máy chủ của Ward Desk.</translation>
    </message>
    <message>
        <location line="+82" />
        <source>Sign in to the new system to import documents.</source>
        <translation>Vui lòng đăng nhập hệ thống mới để nhập văn bản.</translation>
    </message>
    <message>
        <location filename="../../app/counter_intake.py" line="+97" />
        <source>Choose how the dossier was received.</source>
        <translation>Hãy chọn hình thức tiếp nhận hồ sơ.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/dossier_intake.py" line="+178" />
        <source>Tick at least one paper the applicant handed in.</source>
        <translation>Hãy đánh dấu ít nhất một giấy tờ người nộp đã nộp.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Choose a procedure from the catalogue.</source>
        <translation>Hãy chọn một thủ tục trong danh mục.</translation>
    </message>
    <message>
        <location filename="../../app/attachment_copies.py" line="+37" />
        <source>“{name}” is larger than {limit} MB.</source>
        <translation>Tệp “{name}” lớn hơn {limit} MB.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>“{name}” cannot be read: {reason}</source>
        <translation>Không đọc được tệp “{name}”: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/counter_intake.py" line="+74" />
        <source>Sign in to the city's new system once: dossiers are registered there, with its numbers.</source>
        <translation>Hãy đăng nhập hệ thống mới của Thành phố ít nhất một lần: hồ sơ được tiếp nhận trên hệ thống đó, theo số hồ sơ do hệ thống cấp.</translation>
    </message>
    <message>
        <location filename="../../app/domain/applicant_ids.py" line="+31" />
        <source>A personal identification number has exactly 12 digits; got “{value}”.</source>
        <translation>Số định danh cá nhân phải có đúng 12 chữ số; đã nhập “{value}”.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>“{value}” does not start with a province code (001–096) that issues identification numbers.</source>
        <translation>“{value}” không bắt đầu bằng mã tỉnh (001–096) cấp số định danh cá nhân.</translation>
    </message>
    <message>
        <location line="+8" />
        <location filename="../../app/domain/rejections.py" line="-7" />
        <source>Identification number {value} belongs to someone born in {year}, not in {born}.</source>
        <translation>Số định danh {value} là của người sinh năm {year}, không phải năm {born}.</translation>
    </message>
    <message>
        <location line="+16" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>A tax code has 10 digits, or 10 digits, a hyphen and 3 digits (“{value}”).</source>
        <translation>Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (“{value}”).</translation>
    </message>
    <message>
        <location filename="../../app/domain/code_blocks.py" line="+50" />
        <location filename="../../app/domain/rejections.py" line="+36" />
        <source>This desk has no dossier numbers left for {day}. Connect to the network once: the service grants the desk a new block of numbers.</source>
        <translation>Máy này đã hết số hồ sơ cho ngày {day}. Hãy kết nối mạng một lần: hệ thống sẽ cấp cho máy một dãy số mới.</translation>
    </message>
    <message>
        <location line="+20" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>All {limit} daily dossier numbers of the unit are granted to desks until {day}.</source>
        <translation>Toàn bộ {limit} số hồ sơ mỗi ngày của đơn vị đã được cấp cho các máy đến ngày {day}.</translation>
    </message>
    <message>
        <location filename="../../app/domain/dossier_intake.py" line="-120" />
        <location filename="../../app/domain/rejections.py" line="-29" />
        <source>Enter the applicant's full name (at most 200 characters).</source>
        <translation>Hãy nhập họ và tên người nộp hồ sơ (tối đa 200 ký tự).</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../../app/domain/rejections.py" line="+1" />
        <source>Enter the organisation's tax code.</source>
        <translation>Hãy nhập mã số thuế của tổ chức.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="-8" />
        <source>The applicant is a person or an organisation.</source>
        <translation>Người nộp hồ sơ là công dân hoặc tổ chức.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+1" />
        <source>“{value}” is not a phone number.</source>
        <translation>“{value}” không phải là số điện thoại.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="-3" />
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}” không phải là địa chỉ thư điện tử.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+8" />
        <source>The address is longer than 300 characters.</source>
        <translation>Địa chỉ dài hơn 300 ký tự.</translation>
    </message>
    <message>
        <location line="+44" />
        <source>The date in dossier code {dossier} is not the day it was received.</source>
        <translation>Ngày trong mã hồ sơ {dossier} không phải ngày tiếp nhận.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The promised return time must come after the receipt time.</source>
        <translation>Thời gian hẹn trả phải sau thời gian tiếp nhận.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The promised return time is more than {days} days away.</source>
        <translation>Thời gian hẹn trả cách quá {days} ngày.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unknown channel “{value}”.</source>
        <translation>Không rõ hình thức tiếp nhận “{value}”.</translation>
    </message>
    <message>
        <location line="+21" />
        <source>The field {key} of the registration is not text.</source>
        <translation>Trường {key} của hồ sơ tiếp nhận không phải là văn bản.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>“{value}” is not a date.</source>
        <translation>“{value}” không phải là ngày.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>“{value}” is not a date and time.</source>
        <translation>“{value}” không phải là ngày giờ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>“{value}” has no time zone.</source>
        <translation>“{value}” không có múi giờ.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The list of papers received cannot be read.</source>
        <translation>Không đọc được danh sách giấy tờ đã nhận.</translation>
    </message>
    <message>
        <location filename="../../app/domain/procedures.py" line="+61" />
        <location filename="../../app/domain/rejections.py" line="+80" />
        <source>The afternoon cut-off must be a time between 11:00 and 17:30, such as 15:00; got “{value}”.</source>
        <translation>Giờ tiếp nhận cuối buổi chiều phải trong khoảng 11:00 đến 17:30, ví dụ 15:00; đã nhập “{value}”.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Procedure {code} lists no components of the dossier.</source>
        <translation>Thủ tục {code} không có thành phần hồ sơ.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Procedure {code}: the supplement clock must be “restart” or “resume”.</source>
        <translation>Thủ tục {code}: cách tính thời hạn sau bổ sung phải là “restart” (tính lại) hoặc “resume” (tính tiếp).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Procedure {code}: the fee must be a whole number of đồng.</source>
        <translation>Thủ tục {code}: lệ phí phải là số đồng nguyên.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Procedure {code}: the cut-off rule must be yes or no.</source>
        <translation>Thủ tục {code}: quy định giờ tiếp nhận cuối ngày phải là có hoặc không.</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Procedure {code}: a component of the dossier is not readable.</source>
        <translation>Thủ tục {code}: không đọc được một thành phần hồ sơ.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Procedure {code}: a component must ask for 0–20 originals and copies, and at least one paper.</source>
        <translation>Thủ tục {code}: mỗi thành phần hồ sơ gồm 0–20 bản chính và bản sao, ít nhất một bản.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Procedure {code}: the {key} is missing or too long.</source>
        <translation>Thủ tục {code}: thiếu trường {key} hoặc quá dài.</translation>
    </message>
    <message>
        <location filename="../../app/one_stop_forms.py" line="+54" />
        <source>Form 01: receipt and appointment slip</source>
        <translation>Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 02: request to supplement the dossier</source>
        <translation>Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 03: refusal to accept the dossier</source>
        <translation>Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 04: apology and new appointment</source>
        <translation>Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 05: notice that processing is stopped</source>
        <translation>Mẫu 05: Thông báo về việc dừng giải quyết hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 06: processing control slip</source>
        <translation>Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ</translation>
    </message>
    <message>
        <location line="+132" />
        <source>This dossier has no new appointment to apologise with.</source>
        <translation>Hồ sơ này chưa có ngày hẹn trả mới để lập phiếu xin lỗi.</translation>
    </message>
    <message>
        <location filename="../../app/domain/document_types.py" line="+136" />
        <source>not stated by the sender</source>
        <translation>cơ quan gửi không ghi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“{code}” (not a Decree 30 type)</source>
        <translation>“{code}” (không thuộc loại văn bản của Nghị định 30)</translation>
    </message>
    <message>
        <location filename="../../app/domain/edxml_admission.py" line="+49" />
        <source>The packet does not say which agency sent it (From/OrganId is missing).</source>
        <translation>Gói tin không cho biết cơ quan gửi (thiếu From/OrganId).</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The sender's identification code “{code}” is not a valid code.</source>
        <translation>Mã định danh của cơ quan gửi “{code}” không hợp lệ.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The document is dated {date}, after today: it cannot have been issued yet.</source>
        <translation>Văn bản ghi ngày ban hành {date}, sau ngày hôm nay: không thể đã được ban hành.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The document is dated {date}, before 1945: the date is impossible.</source>
        <translation>Văn bản ghi ngày ban hành {date}, trước năm 1945: ngày không thể có.</translation>
    </message>
    <message>
        <location filename="../../app/domain/outgoing_draft.py" line="+53" />
        <location filename="../../app/domain/rejections.py" line="-37" />
        <source>Choose the document type from the list.</source>
        <translation>Hãy chọn loại văn bản trong danh sách.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="-2" />
        <source>Write the subject (trích yếu) of the document.</source>
        <translation>Hãy nhập trích yếu của văn bản.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+1" />
        <source>The subject has at most {limit} characters.</source>
        <translation>Trích yếu chỉ được có tối đa {limit} ký tự.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="-6" />
        <source>The summary has at most {limit} characters.</source>
        <translation>Tóm tắt nội dung chỉ được có tối đa {limit} ký tự.</translation>
    </message>
    <message>
        <location line="+3" />
        <location filename="../../app/domain/rejections.py" line="+4" />
        <source>Name who signs the document.</source>
        <translation>Hãy nhập họ tên người ký văn bản.</translation>
    </message>
    <message>
        <location line="+2" />
        <location filename="../../app/domain/rejections.py" line="-5" />
        <source>Choose the urgency and the confidentiality from the lists.</source>
        <translation>Hãy chọn độ khẩn và độ mật trong danh sách.</translation>
    </message>
    <message>
        <location line="+11" />
        <location filename="../../app/domain/rejections.py" line="+2" />
        <source>Choose at least one recipient from the agency directory.</source>
        <translation>Hãy chọn ít nhất một nơi nhận trong danh bạ cơ quan.</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+9" />
        <location filename="../../app/domain/rejections.py" line="+2" />
        <source>A document goes to at most {limit} recipients at once.</source>
        <translation>Mỗi lần gửi, một văn bản chỉ gửi được tối đa {limit} nơi nhận.</translation>
    </message>
    <message>
        <location line="+35" />
        <location filename="../../app/domain/rejections.py" line="-1" />
        <source>The draft is incomplete or malformed.</source>
        <translation>Dự thảo thiếu thông tin hoặc không đúng định dạng.</translation>
    </message>
    <message>
        <location filename="../../app/outgoing_drafts.py" line="+95" />
        <source>Files can be added only to a draft written here.</source>
        <translation>Chỉ thêm được tệp vào dự thảo soạn trên máy này.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Sign in to the city's new system once: documents are drafted and numbered there.</source>
        <translation>Hãy đăng nhập hệ thống mới của Thành phố ít nhất một lần: văn bản được soạn thảo và cấp số trên hệ thống đó.</translation>
    </message>
    <message>
        <location filename="../../app/domain/signature_verdict.py" line="+33" />
        <source>Valid signature</source>
        <translation>Chữ ký số hợp lệ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Valid, revocation not yet checked</source>
        <translation>Hợp lệ, chưa kiểm tra được tình trạng thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Untrusted signer</source>
        <translation>Người ký không được tin cậy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate expired</source>
        <translation>Chứng thư số hết hiệu lực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate revoked</source>
        <translation>Chứng thư số đã bị thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed after revocation</source>
        <translation>Ký sau khi chứng thư bị thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changed after signing</source>
        <translation>Bị thay đổi sau khi ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Invalid signature</source>
        <translation>Chữ ký số không hợp lệ</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The file is as it was signed, and the certificate was valid and not revoked at signing time.</source>
        <translation>Tệp còn nguyên như khi ký; chứng thư số còn hiệu lực và chưa bị thu hồi tại thời điểm ký.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The file is as it was signed and the certificate chains to a trusted root, but whether it was revoked could not be checked: the file carries no revocation data and the check was made offline.</source>
        <translation>Tệp còn nguyên như khi ký và chứng thư số thuộc một tổ chức chứng thực được tin cậy, nhưng chưa kiểm tra được chứng thư có bị thu hồi hay không: tệp không kèm dữ liệu thu hồi và việc kiểm tra được thực hiện khi không có mạng.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The certificate does not chain to a root your organisation trusts (Settings → Signature trust anchors).</source>
        <translation>Chứng thư số không thuộc tổ chức chứng thực gốc mà cơ quan bạn tin cậy (Cài đặt → Chứng thư gốc tin cậy cho chữ ký số).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The certificate was outside its validity period when the file was signed.</source>
        <translation>Chứng thư số không còn (hoặc chưa có) hiệu lực vào lúc ký tệp.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The certificate has been revoked, and no trusted timestamp proves the signature was made before that.</source>
        <translation>Chứng thư số đã bị thu hồi và không có dấu thời gian tin cậy nào chứng minh chữ ký được tạo trước đó.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The file was signed after the certificate had been revoked.</source>
        <translation>Tệp được ký sau khi chứng thư số đã bị thu hồi.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file was changed after it was signed: what you see is not what was signed.</source>
        <translation>Tệp đã bị thay đổi sau khi ký: nội dung đang xem không phải nội dung đã được ký.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The signature is damaged or does not match its certificate.</source>
        <translation>Chữ ký bị hỏng hoặc không khớp với chứng thư số của nó.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>from the revocation data in the file</source>
        <translation>từ dữ liệu thu hồi trong tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>checked online with the authority</source>
        <translation>đã kiểm tra trực tuyến với tổ chức chứng thực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not checked</source>
        <translation>chưa kiểm tra</translation>
    </message>
    <message>
        <location filename="../../app/pdf_signing.py" line="+164" />
        <source>Your certificate has been revoked: it cannot sign.</source>
        <translation>Chứng thư số của bạn đã bị thu hồi: không thể dùng để ký.</translation>
    </message>
    <message>
        <location line="-14" />
        <location line="+15" />
        <source>Your certificate is not valid today: it cannot sign.</source>
        <translation>Chứng thư số của bạn hiện không còn hiệu lực: không thể dùng để ký.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Your certificate does not chain to a trusted root (Settings → Signature trust anchors).</source>
        <translation>Chứng thư số của bạn không thuộc tổ chức chứng thực gốc được tin cậy (Cài đặt → Chứng thư gốc tin cậy cho chữ ký số).</translation>
    </message>
    <message>
        <location line="+57" />
        <location line="+25" />
        <source>This PDF cannot be signed: {reason}</source>
        <translation>Không ký được tệp PDF này: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/signing_token.py" line="+68" />
        <source>The token's signing module was not found: {path}. Choose it in Settings.</source>
        <translation>Không tìm thấy thư viện ký của thiết bị ký số (token): {path}. Hãy chọn trong Cài đặt.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The signing module {path} could not be loaded. Is it the token vendor's module for this computer?</source>
        <translation>Không nạp được thư viện ký {path}. Đây có đúng là thư viện của hãng cung cấp token dành cho máy này không?</translation>
    </message>
    <message>
        <location line="+27" />
        <source>No signing token is plugged in.</source>
        <translation>Chưa cắm thiết bị ký số (token).</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The PIN is not correct.</source>
        <translation>Mã PIN không đúng.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The token is locked after too many wrong PINs. Ask the certificate issuer.</source>
        <translation>Token đã bị khóa do nhập sai PIN quá nhiều lần. Hãy liên hệ đơn vị cấp chứng thư số.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The token's PIN has expired: change it with the vendor's tool.</source>
        <translation>Mã PIN của token đã hết hạn: hãy đổi PIN bằng công cụ của hãng.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The token did not answer. Unplug it, plug it in again and retry.</source>
        <translation>Token không phản hồi. Hãy rút ra, cắm lại và thử lại.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The token holds no certificate with its key.</source>
        <translation>Token không chứa chứng thư số đi kèm khóa ký.</translation>
    </message>
    <message>
        <location filename="../../app/document_signing.py" line="+89" />
        <source>This document has no PDF file on this computer to sign.</source>
        <translation>Văn bản này không có tệp PDF trên máy để ký.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Only a document awaiting signature is signed.</source>
        <translation>Chỉ ký văn bản đang chờ ký.</translation>
    </message>
    <message>
        <location line="+49" />
        <source>The agency signs a document once it is issued with its number and signed by its signer.</source>
        <translation>Chữ ký số của cơ quan chỉ được thực hiện khi văn bản đã được cấp số, ban hành và đã có chữ ký số của người ký.</translation>
    </message>
    <message>
        <location line="+41" />
        <source>The document changed while it was being signed: open it again and sign once more.</source>
        <translation>Văn bản đã thay đổi trong lúc ký: hãy mở lại và ký lần nữa.</translation>
    </message>
    <message>
        <location line="+61" />
        <source>The file “{name}” on this computer is not the one recorded: it was changed outside Ward Desk.</source>
        <translation>Tệp “{name}” trên máy không phải là tệp đã ghi nhận: tệp đã bị sửa bên ngoài Ward Desk.</translation>
    </message>
    <message>
        <location filename="../../app/server_address.py" line="+26" />
        <source>Enter the server address.</source>
        <translation>Hãy nhập địa chỉ máy chủ.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>The address {address} is not secure: a server's address starts with https:// (plain http:// would send your password unprotected). Ask your IT staff for the https:// address.</source>
        <translation>Địa chỉ {address} không an toàn: địa chỉ máy chủ phải bắt đầu bằng https:// (với http:// mật khẩu của anh/chị sẽ được gửi đi mà không được bảo vệ). Hãy hỏi bộ phận công nghệ thông tin địa chỉ https://.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>“{address}” is not a server address. It looks like https://name.of.server</source>
        <translation>“{address}” không phải là địa chỉ máy chủ. Địa chỉ có dạng https://ten.may.chu</translation>
    </message>
    <message>
        <location filename="../../app/action_undo.py" line="+92" />
        <source>This action no longer waits to be sent: there is nothing to undo.</source>
        <translation>Thao tác này không còn chờ gửi: không có gì để hoàn tác.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This action has already been sent to the server: it can no longer be undone here.</source>
        <translation>Thao tác này đã được gửi lên máy chủ: không thể hoàn tác trên máy này nữa.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This kind of action cannot be undone.</source>
        <translation>Loại thao tác này không hoàn tác được.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Only the last action on this item can be undone.</source>
        <translation>Chỉ hoàn tác được thao tác cuối cùng trên mục này.</translation>
    </message>
    <message>
        <location filename="../../app/domain/feedback_deadline.py" line="+54" />
        <source>The answer time of a report must be a whole number of days from 1 to {most}, got {days!r}.</source>
        <translation>Thời hạn trả lời phản ánh phải là số ngày nguyên từ 1 đến {most}, giá trị nhận được: {days!r}.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The answer time of a report counts "working" or "calendar" days, got {kind!r}.</source>
        <translation>Thời hạn trả lời phản ánh tính theo ngày làm việc ("working") hoặc ngày lịch ("calendar"), giá trị nhận được: {kind!r}.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The days before a report's due time it is listed as due must be 0 to {most}, got {days!r}.</source>
        <translation>Số ngày trước hạn để đưa phản ánh vào danh sách đến hạn phải từ 0 đến {most}, giá trị nhận được: {days!r}.</translation>
    </message>
    <message>
        <location line="+66" />
        <location filename="../../app/domain/rejections.py" line="-22" />
        <source>This report is past its due time: the progress note needs a committed answer date.</source>
        <translation>Phản ánh đã quá hạn: báo cáo tiến độ phải ghi ngày cam kết trả lời.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The committed date is not a date.</source>
        <translation>Ngày cam kết không phải là một ngày hợp lệ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The committed date must not be in the past.</source>
        <translation>Ngày cam kết không được là ngày đã qua.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The committed date is more than {days} days away.</source>
        <translation>Ngày cam kết cách hôm nay quá {days} ngày.</translation>
    </message>
    <message>
        <location filename="../../app/meetings.py" line="+159" />
        <location filename="../../app/workbench.py" line="+373" />
        <source>This meeting is no longer on this computer.</source>
        <translation>Cuộc họp này không còn trên máy.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The meeting must end after it starts.</source>
        <translation>Thời gian kết thúc phải sau thời gian bắt đầu.</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../ui/accounts_dialog.py" line="+52" />
        <source>Accounts</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Add account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+119" />
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <location line="-117" />
        <source>Sign in again…</source>
        <translation>Đăng nhập lại…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+35" />
        <source>new</source>
        <translation>mới</translation>
    </message>
    <message>
        <location line="+0" />
        <source>old</source>
        <translation>cũ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>signed in</source>
        <translation>đang đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>signed out</source>
        <translation>đã đăng xuất</translation>
    </message>
    <message>
        <location line="+1" />
        <source>retired</source>
        <translation>đã ngừng sử dụng</translation>
    </message>
    <message>
        <location line="+4" />
        <source>{count} waiting</source>
        <translation>{count} thao tác chờ</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Done.</source>
        <translation>Đã xong.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Fill in the server address, the login and the password.</source>
        <translation>Vui lòng nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Remove the account “{name}” and its data from this computer?</source>
        <translation>Gỡ tài khoản “{name}” và dữ liệu của tài khoản này khỏi máy tính?</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <location filename="../../ui/appointment_dialog.py" line="+32" />
        <source>Return time promised so far</source>
        <translation>Hạn trả đã hẹn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New appointment</source>
        <translation>Hẹn trả lại</translation>
    </message>
</context>
<context>
    <name>AssigneeDialog</name>
    <message>
        <location filename="../../ui/assignee_dialog.py" line="+20" />
        <source>Type part of a name, e.g. binh</source>
        <translation>Gõ một phần họ tên, ví dụ: binh</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The unit's officials</source>
        <translation>Cán bộ, công chức của đơn vị</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The list of the unit's officials comes with the next sync; type the name in full.</source>
        <translation>Danh sách cán bộ, công chức của đơn vị sẽ có sau lần đồng bộ tới; hãy gõ đầy đủ họ tên.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Person or unit to handle it</source>
        <translation>&amp;Người hoặc đơn vị xử lý</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../ui/confirm.py" line="+15" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../ui/dashboard.py" line="+361" />
        <source>Dashboard — {month}</source>
        <translation>Bảng tổng hợp — {month}</translation>
    </message>
    <message>
        <location line="-245" />
        <source>Month {month}</source>
        <translation>Tháng {month}</translation>
    </message>
    <message>
        <location line="+246" />
        <source>Previous month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next month</source>
        <translation>Tháng sau</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Month {number}</source>
        <translation>Tháng {number}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossiers of the month by outcome</source>
        <translation>Hồ sơ trong tháng theo kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents by state</source>
        <translation>Văn bản theo trạng thái</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+152" />
        <location filename="../../ui/self_check.py" line="+68" />
        <source>Incoming documents</source>
        <translation>Văn bản đến</translation>
    </message>
    <message>
        <location line="-151" />
        <location line="+152" />
        <source>Outgoing documents</source>
        <translation>Văn bản đi</translation>
    </message>
    <message>
        <location line="-138" />
        <source>Finished early</source>
        <translation>Giải quyết trước hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished on time</source>
        <translation>Giải quyết đúng hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finished late</source>
        <translation>Giải quyết quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In progress, within the deadline</source>
        <translation>Đang giải quyết, còn hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In progress, past the deadline</source>
        <translation>Đang giải quyết, quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paused</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Answered on time</source>
        <translation>Trả lời đúng hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answered late</source>
        <translation>Trả lời quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In progress, within the due time</source>
        <translation>Đang xử lý, còn hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>In progress, past the due time</source>
        <translation>Đang xử lý, quá hạn</translation>
    </message>
    <message>
        <location line="+15" />
        <source>1022 reports ({count} overdue)</source>
        <translation>Phản ánh 1022 ({count} quá hạn)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>1022 reports</source>
        <translation>Phản ánh 1022</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossiers and documents</source>
        <translation>Hồ sơ và văn bản</translation>
    </message>
    <message>
        <location line="+2" />
        <source>1022 reports of the month by category</source>
        <translation>Phản ánh 1022 trong tháng theo lĩnh vực</translation>
    </message>
    <message>
        <location line="+21" />
        <source>{count} other categories</source>
        <translation>{count} lĩnh vực khác</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Reports received</source>
        <translation>Phản ánh tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Carried over from earlier months</source>
        <translation>Từ các tháng trước chuyển sang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reports answered</source>
        <translation>Phản ánh đã trả lời</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Late</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reports in progress</source>
        <translation>Phản ánh đang xử lý</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Dossiers in progress, right now</source>
        <translation>Hồ sơ đang giải quyết, tính đến lúc này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due soon (one working day left)</source>
        <translation>Sắp đến hạn (còn một ngày làm việc)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Dossiers received</source>
        <translation>Hồ sơ tiếp nhận</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Dossiers finished</source>
        <translation>Hồ sơ đã giải quyết</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Dossiers in progress</source>
        <translation>Hồ sơ đang giải quyết</translation>
    </message>
    <message>
        <location line="-27" />
        <location line="+28" />
        <source>Within the deadline</source>
        <translation>Trong hạn</translation>
    </message>
    <message>
        <location line="-27" />
        <location line="+28" />
        <source>Past the deadline</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossiers paused</source>
        <translation>Hồ sơ tạm dừng</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Documents, all of them</source>
        <translation>Văn bản, tất cả</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../ui/detail_pane.py" line="+192" />
        <source>This item could not be read: {reason}</source>
        <translation>Không đọc được mục này: {reason}</translation>
    </message>
    <message>
        <location line="+218" />
        <source>Save as PDF…</source>
        <translation>Lưu PDF…</translation>
    </message>
    <message>
        <location line="-208" />
        <source>Select a document or a dossier to see it here.</source>
        <translation>Chọn một văn bản hoặc hồ sơ để xem chi tiết tại đây.</translation>
    </message>
    <message>
        <location line="+58" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+46" />
        <source>Channel</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location line="-45" />
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Statutory time</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+20" />
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location line="-19" />
        <source>New appointment</source>
        <translation>Hẹn trả lại</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+56" />
        <source>Finished</source>
        <translation>Hoàn thành lúc</translation>
    </message>
    <message>
        <location line="-50" />
        <source>Number</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Issuing agency</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issued on</source>
        <translation>Ngày văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Confidentiality</source>
        <translation>Độ mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Arrival no.</source>
        <translation>Số đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Assignee</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Replaces</source>
        <translation>Thay thế văn bản</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Replaced by</source>
        <translation>Được thay thế bằng</translation>
    </message>
    <message>
        <location line="+3" />
        <source>edXML packet's signature</source>
        <translation>Chữ ký số của gói tin edXML</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Waiting to sync: saved on this computer, not yet on the server.</source>
        <translation>Chờ đồng bộ: đã lưu trên máy này, chưa gửi lên máy chủ.</translation>
    </message>
    <message>
        <location line="+57" />
        <source>Given by the unit's register as soon as this computer reaches the service</source>
        <translation>Sổ văn bản đi của đơn vị sẽ cấp số ngay khi máy này kết nối được với máy chủ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Given by the unit's register when the document is issued</source>
        <translation>Sổ văn bản đi của đơn vị cấp số khi ban hành văn bản</translation>
    </message>
    <message>
        <location line="-47" />
        <location line="+50" />
        <source>working days</source>
        <translation>ngày làm việc</translation>
    </message>
    <message>
        <location line="-122" />
        <source>1022 report {code} — {category}</source>
        <translation>Phản ánh 1022 {code} — {category}</translation>
    </message>
    <message>
        <location line="+67" />
        <source>Anonymous report: no contact</source>
        <translation>Phản ánh ẩn danh: không có thông tin liên hệ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Shown only to the official handling it and the unit's leaders</source>
        <translation>Chỉ người được giao xử lý và lãnh đạo đơn vị được xem</translation>
    </message>
    <message>
        <location line="+3" />
        <source>calendar days</source>
        <translation>ngày</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reporter</source>
        <translation>Người phản ánh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received by 1022</source>
        <translation>1022 tiếp nhận lúc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Routed to the unit</source>
        <translation>Chuyển đến đơn vị lúc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer time</source>
        <translation>Thời hạn trả lời</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Answer due</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Committed answer date</source>
        <translation>Ngày cam kết trả lời</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Handled by</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sent back because</source>
        <translation>Lý do trả lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Competent unit suggested</source>
        <translation>Đơn vị có thẩm quyền được đề xuất</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Published</source>
        <translation>Công khai</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No</source>
        <translation>Không</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Content of the report</source>
        <translation>Nội dung phản ánh</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Answer</source>
        <translation>Nội dung trả lời</translation>
    </message>
    <message>
        <location line="+4" />
        <source>show on a map</source>
        <translation>xem trên bản đồ</translation>
    </message>
    <message>
        <location line="+23" />
        <source>working hours</source>
        <translation>giờ làm việc</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Processing trail</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Comments</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+196" />
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location line="-169" />
        <source>on this computer</source>
        <translation>đã có trên máy</translation>
    </message>
    <message>
        <location line="+0" />
        <source>not downloaded yet</source>
        <translation>chưa tải về</translation>
    </message>
    <message>
        <location line="+1" />
        <source>on this computer, not yet sent to the service</source>
        <translation>có trên máy này, chưa gửi lên máy chủ</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Print a form…</source>
        <translation>In mẫu phiếu…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Click: {form}. Arrow or {keys}: every form of this dossier.</source>
        <translation>Bấm: {form}. Mũi tên hoặc {keys}: mọi mẫu phiếu của hồ sơ này.</translation>
    </message>
    <message>
        <location line="+51" />
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
    <message>
        <location line="+19" />
        <source>signature details…</source>
        <translation>chi tiết chữ ký…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>No digital signature</source>
        <translation>Không có chữ ký số</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The digital signatures could not be checked on this computer.</source>
        <translation>Không kiểm tra được chữ ký số tại máy này.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Checking the digital signatures…</source>
        <translation>Đang kiểm tra chữ ký số…</translation>
    </message>
    <message>
        <location line="+30" />
        <source>The digital signatures could not be checked: {reason}</source>
        <translation>Không kiểm tra được chữ ký số: {reason}</translation>
    </message>
    <message>
        <location line="+36" />
        <source>This file is not on this computer yet.</source>
        <translation>Tệp này chưa được tải về máy.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The issuer asks for this document back: agree to the recall or refuse it.</source>
        <translation>Cơ quan ban hành đề nghị thu hồi văn bản này: hãy đồng ý hoặc từ chối thu hồi.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The issuer has withdrawn this document: nothing more is to be done with it.</source>
        <translation>Cơ quan ban hành đã thu hồi văn bản này: không cần xử lý thêm.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This document was replaced by {document}: work on that one.</source>
        <translation>Văn bản này đã được thay thế bằng {document}: hãy xử lý văn bản đó.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The issuer updated this document on {when}: what changed is in the processing trail.</source>
        <translation>Cơ quan ban hành đã cập nhật văn bản này lúc {when}: nội dung thay đổi xem tại quá trình xử lý.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Recipient</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Since</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recipients on the document axis</source>
        <translation>Nơi nhận trên trục liên thông</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Routed by 1022</source>
        <translation>1022 chuyển đến</translation>
    </message>
    <message>
        <location line="+8" />
        <source>answer committed for {date}</source>
        <translation>cam kết trả lời ngày {date}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>photos: {names}</source>
        <translation>ảnh: {names}</translation>
    </message>
    <message>
        <location line="+96" />
        <source>“{action}”: {item}

Once synced, this cannot be taken back from this desk. Go on?</source>
        <translation>“{action}”: {item}

Sau khi đồng bộ, thao tác này không hoàn tác được từ máy này. Tiếp tục?</translation>
    </message>
    <message>
        <location line="+18" />
        <location line="+12" />
        <source>Undo “{action}”</source>
        <translation>Hoàn tác “{action}”</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Not sent to the server yet, so it can still be taken back (Ctrl+Z).</source>
        <translation>Chưa gửi lên máy chủ nên vẫn hoàn tác được (Ctrl+Z).</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Agency's signature (digital seal)…</source>
        <translation>Ký số của cơ quan (đóng dấu số)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign the issued document's files with the agency's token, before sending it.</source>
        <translation>Ký số các tệp của văn bản đã ban hành bằng token của cơ quan, trước khi gửi.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Agency's signature</source>
        <translation>Ký số của cơ quan</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Saving “{action}”…</source>
        <translation>Đang lưu “{action}”…</translation>
    </message>
    <message>
        <location line="+16" />
        <source>“{action}” was not saved: {reason}</source>
        <translation>Chưa lưu được “{action}”: {reason}</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../ui/item_models.py" line="+316" />
        <source>Arrival no.</source>
        <translation>Số đến</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Number/notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Issued on</source>
        <translation>Ngày văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issuing agency</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location line="+74" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Applicant</source>
        <translation>Người nộp</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Channel</source>
        <translation>Hình thức nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation>Ngày tiếp nhận</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Due</source>
        <translation>Hạn trả kết quả</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+0" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Working days left</source>
        <translation>Còn (ngày làm việc)</translation>
    </message>
    <message>
        <location line="+48" />
        <source>paused</source>
        <translation>tạm dừng</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <location filename="../../ui/draft_dialog.py" line="+59" />
        <source>Draft an outgoing document</source>
        <translation>Soạn thảo văn bản đi</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Save the draft (Ctrl+Enter)</source>
        <translation>Lưu dự thảo (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+21" />
        <source>V/v … (what the document is about)</source>
        <translation>V/v … (nội dung chính của văn bản)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A short summary of the content (optional)</source>
        <translation>Tóm tắt nội dung (không bắt buộc)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>e.g. KT. CHỦ TỊCH — PHÓ CHỦ TỊCH</source>
        <translation>ví dụ: KT. CHỦ TỊCH — PHÓ CHỦ TỊCH</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Answer due by</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Attach files…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Type</source>
        <translation>&amp;Loại văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Subject</source>
        <translation>&amp;Trích yếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Su&amp;mmary</source>
        <translation>Tóm tắt &amp;nội dung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signer's &amp;name</source>
        <translation>&amp;Người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signer's &amp;position</source>
        <translation>&amp;Chức vụ người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Urgency</source>
        <translation>Độ &amp;khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Confidentiality</source>
        <translation>Độ &amp;mật</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Files</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Type part of a name or code, e.g. phuong sai gon</source>
        <translation>Gõ một phần tên hoặc mã, ví dụ: phuong sai gon</translation>
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Recipients from the agency directory (Enter adds)</source>
        <translation>Nơi &amp;nhận trong danh bạ cơ quan (Enter để thêm)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Sent to (Enter on one removes it)</source>
        <translation>Gửi đến (Enter trên một dòng để bỏ)</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Attach the document's files</source>
        <translation>Đính kèm tệp của văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents (*.pdf *.doc *.docx *.odt);;All files (*)</source>
        <translation>Văn bản (*.pdf *.doc *.docx *.odt);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Edit the draft</source>
        <translation>Sửa dự thảo</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Saving the draft…</source>
        <translation>Đang lưu dự thảo…</translation>
    </message>
</context>
<context>
    <name>EdxmlDialog</name>
    <message>
        <location filename="../../ui/edxml_dialog.py" line="+38" />
        <source>edXML packet — {name}</source>
        <translation>Gói tin edXML — {name}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Import into the queue</source>
        <translation>Đưa vào danh sách văn bản đến</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Sender</source>
        <translation>Nơi gửi</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Answers document</source>
        <translation>Trả lời văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+27" />
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <location line="-19" />
        <source>Replaces</source>
        <translation>Thay thế văn bản</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Packet</source>
        <translation>Gói tin</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Number/notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Issued on</source>
        <translation>Ngày văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Digital signature</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Attachments</source>
        <translation>Tệp đính kèm</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Identification code not in the standard form: {code}</source>
        <translation>Mã định danh không đúng dạng chuẩn: {code}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>What could not be confirmed</source>
        <translation>Điều chưa xác nhận được</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Every checked field is in order</source>
        <translation>Các trường đã kiểm tra đều hợp lệ</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Sending to the new system…</source>
        <translation>Đang gửi lên hệ thống mới…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Already in the queue: nothing changed.</source>
        <translation>Văn bản đã có trong danh sách: không có gì thay đổi.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The revocation waits for its document: it will arrive withdrawn.</source>
        <translation>Lệnh thu hồi được giữ lại chờ văn bản: khi đến, văn bản sẽ ở trạng thái đã thu hồi.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The document was withdrawn from the queue.</source>
        <translation>Văn bản đã được thu hồi khỏi danh sách xử lý.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The document in the queue was updated.</source>
        <translation>Văn bản trong danh sách đã được cập nhật.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Filed in the queue; the documents it replaces are marked replaced.</source>
        <translation>Đã đưa vào danh sách; các văn bản bị thay thế đã được đánh dấu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Filed in the queue.</source>
        <translation>Đã đưa vào danh sách văn bản đến.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not imported: {reason}</source>
        <translation>Chưa nhập được: {reason}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/translation.py" line="+123" />
        <source>The server refused this request without saying why (code {code}).</source>
        <translation>Máy chủ từ chối yêu cầu này mà không nêu lý do (mã {code}).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{count} actions of this account still wait to sync; sync first.</source>
        <translation>Tài khoản này còn {count} thao tác chờ đồng bộ; vui lòng đồng bộ trước.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A file could not be read or written: {file}</source>
        <translation>Không đọc hoặc ghi được tệp: {file}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Too many wrong passwords for this account or from this computer. For safety, the server accepts the next try from {time}.</source>
        <translation>Đã nhập sai mật khẩu quá nhiều lần với tài khoản này hoặc từ máy này. Để bảo đảm an toàn, máy chủ chỉ nhận lần đăng nhập tiếp theo từ {time}.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The certificate authority file {file} set in Settings is missing, so nothing was sent to the server. Put the file back, or choose it again in File → Settings… (your IT staff has it).</source>
        <translation>Không tìm thấy tệp chứng thư của tổ chức cấp chứng thư số {file} đã đặt trong Cài đặt, nên chưa có gì được gửi lên máy chủ. Hãy chép lại tệp vào chỗ cũ, hoặc chọn lại tệp trong Tệp → Cài đặt… (bộ phận công nghệ thông tin có tệp này).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>A file could not be read or written.</source>
        <translation>Không đọc hoặc ghi được tệp.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The server's certificate is not trusted. Ask your IT staff for the organisation's certificate authority file and set it in Settings.</source>
        <translation>Chứng thư số của máy chủ không được tin cậy. Hãy xin bộ phận công nghệ thông tin tệp chứng thư của tổ chức cấp chứng thư và đặt tệp đó trong Cài đặt.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The server cannot be reached. Your work is kept on this computer and will be sent later.</source>
        <translation>Không kết nối được máy chủ. Công việc của bạn được giữ trên máy này và sẽ được gửi sau.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The server is busy. Try again in a moment.</source>
        <translation>Máy chủ đang bận. Vui lòng thử lại sau ít phút.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign in again: File → Accounts…</source>
        <translation>Vui lòng đăng nhập lại: Tệp → Tài khoản…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The data on this computer is busy with another task. Try again in a moment.</source>
        <translation>Dữ liệu trên máy này đang bận với một việc khác. Vui lòng thử lại sau giây lát.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The data file on this computer is damaged. Please restart Ward Desk: it will rebuild the file from the server and keep your accounts.</source>
        <translation>Tệp dữ liệu trên máy này bị hỏng. Vui lòng khởi động lại Ward Desk: tệp sẽ được tạo lại từ máy chủ và tài khoản của bạn được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The disk is full. Free some space, then try again.</source>
        <translation>Ổ đĩa đã đầy. Vui lòng giải phóng bớt dung lượng rồi thử lại.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Something went wrong. Nothing was lost; the details are in the log.</source>
        <translation>Đã có lỗi xảy ra. Không có dữ liệu nào bị mất; chi tiết được ghi trong nhật ký.</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../ui/feedback_dialog.py" line="+88" />
        <source>&amp;Why it is not this unit's competence</source>
        <translation>&amp;Lý do không thuộc thẩm quyền của đơn vị</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Type part of a name or code, e.g. phuong sai gon</source>
        <translation>Gõ một phần tên hoặc mã, ví dụ phuong sai gon</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The &amp;competent unit, from the agency directory</source>
        <translation>Đơn vị &amp;có thẩm quyền, chọn trong danh mục cơ quan</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The agency directory comes with the first sync; sync, then send the report back.</source>
        <translation>Danh mục cơ quan được tải về ở lần đồng bộ đầu tiên; hãy đồng bộ rồi trả lại phản ánh.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>&amp;What has been done so far</source>
        <translation>&amp;Kết quả xử lý đến nay</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Commit to an answer &amp;date</source>
        <translation>Cam kết &amp;ngày trả lời</translation>
    </message>
    <message>
        <location line="+14" />
        <source>This report is past its due time: the progress note must say by when it will be answered.</source>
        <translation>Phản ánh đã quá hạn: báo cáo tiến độ phải nêu ngày cam kết trả lời.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Add &amp;photos…</source>
        <translation>Thêm ả&amp;nh…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Photos of the work (sent with the note)</source>
        <translation>Ảnh hiện trường xử lý (gửi kèm báo cáo)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Photos of the work</source>
        <translation>Ảnh hiện trường xử lý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Pictures (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The &amp;answer to the citizen</source>
        <translation>Nội dung &amp;trả lời người dân</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Publish this answer on the 1022 portal</source>
        <translation>&amp;Công khai nội dung trả lời trên Cổng 1022</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Leave it unticked when the answer holds personal details that must not be made public.</source>
        <translation>Bỏ chọn nếu nội dung trả lời có thông tin cá nhân không được công khai.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The approved answer goes back to 1022.</source>
        <translation>Nội dung trả lời đã được duyệt sẽ gửi về hệ thống 1022.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Write the text first.</source>
        <translation>Vui lòng nhập nội dung trước.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Choose the competent unit from the list.</source>
        <translation>Vui lòng chọn đơn vị có thẩm quyền trong danh sách.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This report is past its due time: give the date it will be answered by.</source>
        <translation>Phản ánh đã quá hạn: vui lòng nêu ngày cam kết trả lời.</translation>
    </message>
</context>
<context>
    <name>FeedbackTableModel</name>
    <message>
        <location filename="../../ui/item_models.py" line="+34" />
        <source>Report code</source>
        <translation>Mã phản ánh</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Category</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Content</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Channel</source>
        <translation>Kênh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Routed</source>
        <translation>Chuyển đến</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Answer due</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Handled by</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/filter_bar.py" line="+60" />
        <source>All systems</source>
        <translation>Mọi hệ thống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Any urgency</source>
        <translation>Mọi độ khẩn</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+19" />
        <source>Any state</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location line="-18" />
        <source>Handled by…</source>
        <translation>Người xử lý…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due from / to</source>
        <translation>Hạn xử lý từ / đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+0" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Handled by</source>
        <translation>Người xử lý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due from</source>
        <translation>Hạn từ ngày</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Due to</source>
        <translation>Hạn đến ngày</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/first_run.py" line="+75" />
        <source>Set up Ward Desk</source>
        <translation>Thiết lập Ward Desk</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&lt; Back</source>
        <translation>&lt; Quay lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next &gt;</source>
        <translation>Tiếp theo &gt;</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>FirstSyncPage</name>
    <message>
        <location line="+216" />
        <source>First sync</source>
        <translation>Đồng bộ lần đầu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ward Desk brings your documents and dossiers from the server. The first time this can take a few minutes.</source>
        <translation>Ward Desk đang tải văn bản và hồ sơ của anh/chị từ máy chủ. Lần đầu có thể mất vài phút.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Bringing your documents and dossiers to this computer…</source>
        <translation>Đang tải văn bản và hồ sơ của anh/chị về máy này…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Bringing your documents and dossiers to this computer: {count} changes received…</source>
        <translation>Đang tải văn bản và hồ sơ của anh/chị về máy này: đã nhận {count} thay đổi…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Done: {documents} documents and {dossiers} dossiers are on this computer. Ward Desk keeps them up to date by itself; their files follow in the background.</source>
        <translation>Xong: đã có {documents} văn bản và {dossiers} hồ sơ trên máy này. Ward Desk tự cập nhật chúng; các tệp đính kèm được tải tiếp ở chế độ nền.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Your account is set up, but the first sync stopped: {reason} Try again now, or finish: Ward Desk tries again by itself.</source>
        <translation>Tài khoản đã được thiết lập, nhưng lần đồng bộ đầu tiên bị dừng: {reason} Hãy thử lại ngay, hoặc bấm Hoàn tất: Ward Desk sẽ tự thử lại.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>the server could not be reached.</source>
        <translation>không kết nối được tới máy chủ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the server's certificate is not trusted (Settings: certificate authority).</source>
        <translation>chứng thư số của máy chủ không được tin cậy (Cài đặt: tổ chức cấp chứng thư).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the certificate authority file set in Settings is missing: {file}.</source>
        <translation>không tìm thấy tệp chứng thư của tổ chức cấp chứng thư số đã đặt trong Cài đặt: {file}.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the server is busy.</source>
        <translation>máy chủ đang bận.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the server refused the session (File → Accounts…: Sign in again).</source>
        <translation>máy chủ từ chối phiên đăng nhập (Tệp → Tài khoản…: Đăng nhập lại).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>it was stopped.</source>
        <translation>đã bị dừng.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the server sent data this version cannot read; tell IT.</source>
        <translation>máy chủ gửi dữ liệu mà phiên bản này không đọc được; hãy báo bộ phận công nghệ thông tin.</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../ui/intake_dialog.py" line="+71" />
        <source>Take in a dossier</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Type the procedure's name or code, e.g. khai sinh</source>
        <translation>Gõ tên hoặc mã thủ tục, ví dụ: khai sinh</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Procedure</source>
        <translation>&amp;Thủ tục</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Papers &amp;received (Space ticks)</source>
        <translation>Giấy tờ đã &amp;nhận (phím cách để đánh dấu)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Register and show the receipt (Ctrl+Enter)</source>
        <translation>Tiếp nhận và xem giấy hẹn (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+17" />
        <source>C&amp;itizen</source>
        <translation>&amp;Công dân</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Or&amp;ganisation</source>
        <translation>Tổ c&amp;hức</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Full &amp;name</source>
        <translation>&amp;Họ và tên</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Date of &amp;birth</source>
        <translation>Ngày &amp;sinh</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Address</source>
        <translation>Đị&amp;a chỉ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ph&amp;one</source>
        <translation>Điện th&amp;oại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;E-mail</source>
        <translation>Thư điện t&amp;ử</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;hannel</source>
        <translation>&amp;Hình thức nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Attach &amp;scans…</source>
        <translation>Đính &amp;kèm bản quét…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Files the applicant brought</source>
        <translation>Tệp người nộp mang đến</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Personal &amp;ID number (12 digits)</source>
        <translation>Số định &amp;danh cá nhân (12 số)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Tax code</source>
        <translation>Mã số th&amp;uế</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Loading the procedure catalogue…</source>
        <translation>Đang tải danh mục thủ tục…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The procedure catalogue is not on this computer yet. Connect and sync once (F5) to receive it.</source>
        <translation>Máy này chưa có danh mục thủ tục. Hãy kết nối mạng và đồng bộ một lần (F5) để nhận danh mục.</translation>
    </message>
    <message>
        <location line="+32" />
        <source>No procedure matches; try fewer words.</source>
        <translation>Không có thủ tục phù hợp; hãy gõ ít từ hơn.</translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n original(s)</source>
        <translation>
            <numerusform>%n bản chính</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n bản sao</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n working hour(s)</source>
        <translation>
            <numerusform>%n giờ làm việc</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n ngày làm việc</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>free</source>
        <translation>miễn phí</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Statutory time: &lt;b&gt;{time}&lt;/b&gt; · fee: &lt;b&gt;{fee}&lt;/b&gt;</source>
        <translation>Thời hạn giải quyết: &lt;b&gt;{time}&lt;/b&gt; · lệ phí: &lt;b&gt;{fee}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1" />
        <source>If received now, the result is due &lt;b&gt;{due}&lt;/b&gt;</source>
        <translation>Nếu tiếp nhận bây giờ, hẹn trả kết quả lúc &lt;b&gt;{due}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Received after {time}, it counts from the next working day.</source>
        <translation>Hồ sơ nhận sau {time} được tính từ ngày làm việc tiếp theo.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Attach the applicant's scans</source>
        <translation>Đính kèm bản quét giấy tờ của người nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Bản quét (*.pdf *.jpg *.jpeg *.png);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Choose a procedure from the catalogue.</source>
        <translation>Hãy chọn một thủ tục trong danh mục.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The date of birth must be written dd/MM/yyyy, e.g. 02/09/1990.</source>
        <translation>Ngày sinh phải viết theo dạng dd/MM/yyyy, ví dụ 02/09/1990.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The date of birth is in the future.</source>
        <translation>Ngày sinh ở sau ngày hôm nay.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Registering…</source>
        <translation>Đang tiếp nhận…</translation>
    </message>
</context>
<context>
    <name>ItemModels</name>
    <message>
        <location filename="../../ui/item_models.py" line="-192" />
        <source>{state} · waiting to sync</source>
        <translation>{state} · chờ đồng bộ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{state} · needs attention</source>
        <translation>{state} · cần xử lý lại</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+413" />
        <location line="+24" />
        <source>Open an edXML file</source>
        <translation>Mở tệp edXML</translation>
    </message>
    <message>
        <location line="-24" />
        <source>edXML packets (*.edxml *.xml)</source>
        <translation>Gói tin edXML (*.edxml *.xml)</translation>
    </message>
    <message>
        <location line="-229" />
        <source>Stopped; nothing was saved.</source>
        <translation>Đã dừng; chưa lưu gì.</translation>
    </message>
    <message>
        <location line="+279" />
        <location filename="../../ui/window_toolbar.py" line="+80" />
        <source>Dashboard</source>
        <translation>Bảng tổng hợp</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Ward Desk — {profile}</source>
        <translation>Ward Desk — {profile}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search number, subject, agency, applicant, procedure, report (accents optional)</source>
        <translation>Tìm theo số, trích yếu, cơ quan, người nộp, thủ tục, phản ánh (có thể gõ không dấu)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Queues and views</source>
        <translation>Danh mục và bộ lọc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+43" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="-42" />
        <location line="+43" />
        <source>1022 reports</source>
        <translation>Phản ánh 1022</translation>
    </message>
    <message>
        <location line="-42" />
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stop the export under way</source>
        <translation>Dừng việc xuất tệp đang chạy</translation>
    </message>
    <message>
        <location line="+1" />
        <location filename="../../ui/window_toolbar.py" line="+5" />
        <source>Send waiting actions and fetch what is new (F5)</source>
        <translation>Gửi các thao tác đang chờ và nhận dữ liệu mới (F5)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Find</source>
        <translation>Tìm &amp;kiếm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Settings…</source>
        <translation>&amp;Cài đặt…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Dashboard</source>
        <translation>&amp;Bảng tổng hợp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Take in a dossier…</source>
        <translation>&amp;Tiếp nhận hồ sơ mới…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Draft an outgoing document…</source>
        <translation>&amp;Soạn thảo văn bản đi…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Accounts…</source>
        <translation>&amp;Tài khoản…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>First-run set&amp;up…</source>
        <translation>Thiết lập &amp;ban đầu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;training mode (a separate sandbox)</source>
        <translation>Mở chế độ &amp;tập huấn (môi trường riêng)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Export this list to Excel…</source>
        <translation>&amp;Xuất danh sách ra Excel…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Incoming documents &amp;register (PDF)…</source>
        <translation>&amp;Sổ đăng ký văn bản đến (PDF)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier re&amp;gister (form 07)…</source>
        <translation>Sổ th&amp;eo dõi hồ sơ (Mẫu 07)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Monthly dossier report by procedure…</source>
        <translation>Báo cáo hồ sơ &amp;hằng tháng theo thủ tục…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Monthly 1022 report by &amp;category…</source>
        <translation>Báo cáo phản ánh 1022 hằng tháng theo &amp;lĩnh vực…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open an edXML file…</source>
        <translation>&amp;Mở tệp edXML…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Incoming documents</source>
        <translation>Văn bản đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Outgoing documents</source>
        <translation>Văn bản đi</translation>
    </message>
    <message>
        <location line="+3" />
        <source>1022: newly routed</source>
        <translation>1022: mới chuyển đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>1022: due</source>
        <translation>1022: đến hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>1022: overdue</source>
        <translation>1022: quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due today</source>
        <translation>Đến hạn hôm nay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Urgent</source>
        <translation>Khẩn, hỏa tốc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Waiting to sync</source>
        <translation>Chờ đồng bộ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Needs attention</source>
        <translation>Cần xử lý lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Meetings</source>
        <translation>Lịch họp</translation>
    </message>
    <message>
        <location line="+94" />
        <source>{documents} documents and {dossiers} dossiers in this list</source>
        <translation>{documents} văn bản và {dossiers} hồ sơ trong danh sách</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Found {reports} 1022 reports</source>
        <translation>Tìm thấy {reports} phản ánh 1022</translation>
    </message>
    <message>
        <location line="+0" />
        <source>{reports} 1022 reports in this list</source>
        <translation>{reports} phản ánh 1022 trong danh sách</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Found {documents} documents, {dossiers} dossiers and {reports} 1022 reports</source>
        <translation>Tìm thấy {documents} văn bản, {dossiers} hồ sơ và {reports} phản ánh 1022</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{documents} documents, {dossiers} dossiers and {reports} 1022 reports in this list</source>
        <translation>{documents} văn bản, {dossiers} hồ sơ và {reports} phản ánh 1022 trong danh sách</translation>
    </message>
    <message>
        <location line="+67" />
        <source>Not sent to the service: {files}. The copy on this computer is missing or has changed since it was taken in; keep the paper the citizen handed in and tell IT.</source>
        <translation>Chưa gửi được lên máy chủ: {files}. Bản lưu trên máy này bị mất hoặc đã bị thay đổi sau khi tiếp nhận; hãy giữ giấy tờ người dân đã nộp và báo cho bộ phận CNTT.</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="+18" />
        <source>The data file on this computer was damaged ({reason}) and has been rebuilt: Ward Desk is downloading your documents and dossiers again from the server. {accounts} account(s) kept. The damaged file is kept in {path}.</source>
        <translation>Tệp dữ liệu trên máy này bị hỏng ({reason}) và đã được tạo lại: Ward Desk đang tải lại văn bản và hồ sơ từ máy chủ. Giữ lại {accounts} tài khoản. Tệp hỏng được lưu tại {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="+22" />
        <source>Some settings in the settings file could not be used, so their defaults apply: {names}. The file as it was is kept at {path}; please tell your IT staff.</source>
        <translation>Một số thiết lập trong tệp cài đặt không dùng được nên đã trở về giá trị mặc định: {names}. Tệp cài đặt ban đầu được lưu giữ tại {path}; vui lòng báo cho bộ phận công nghệ thông tin.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The settings file could not be used (it is damaged or not in the expected form), so Ward Desk started with the default settings. The file as it was is kept at {path}; please tell your IT staff.</source>
        <translation>Không dùng được tệp cài đặt (tệp bị hỏng hoặc không đúng định dạng), nên Ward Desk đã khởi động với các thiết lập mặc định. Tệp cài đặt ban đầu được lưu giữ tại {path}; vui lòng báo cho bộ phận công nghệ thông tin.</translation>
    </message>
    <message>
        <location filename="../../ui/cache_notices.py" line="+6" />
        <source>{count} action(s) not yet settled with the server were rescued from it.</source>
        <translation>Đã khôi phục từ tệp hỏng {count} thao tác chưa được máy chủ xử lý xong.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>{count} action(s) were damaged in it and have not been sent: they wait under “Needs attention” for you to check, then do again or give up.</source>
        <translation>{count} thao tác bị hỏng trong tệp nên chưa được gửi: các thao tác này nằm ở mục “Cần xử lý lại” để bạn kiểm tra, sau đó thực hiện lại hoặc bỏ qua.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>{count} action(s) that had not reached the server could not be read from it: please do them again.</source>
        <translation>Không đọc được {count} thao tác chưa gửi lên máy chủ từ tệp hỏng: vui lòng thực hiện lại các thao tác này.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Part of the file could not be read: an action done shortly before may be missing. Please check your latest work.</source>
        <translation>Một phần của tệp không đọc được: có thể thiếu thao tác thực hiện ngay trước đó. Vui lòng kiểm tra lại các công việc gần nhất.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The data file on this computer is damaged ({reason}). Please restart Ward Desk: it will rebuild the file from the server and keep your accounts.</source>
        <translation>Tệp dữ liệu trên máy này bị hỏng ({reason}). Vui lòng khởi động lại Ward Desk: tệp sẽ được tạo lại từ máy chủ và tài khoản của bạn được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>the file is shorter than it should be, as after a copy cut short or a disk fault</source>
        <translation>tệp ngắn hơn kích thước đúng của nó, như khi sao chép bị ngắt giữa chừng hoặc ổ đĩa bị lỗi</translation>
    </message>
    <message>
        <location line="+4" />
        <source>the file was empty, as after a copy cut short or a disk fault</source>
        <translation>tệp trống, như khi sao chép bị ngắt giữa chừng hoặc ổ đĩa bị lỗi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the file could not be opened: part of it is damaged, as after a disk fault</source>
        <translation>không mở được tệp: một phần của tệp bị hỏng, như khi ổ đĩa bị lỗi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>some of the text in it cannot be read, as after a disk fault</source>
        <translation>một phần nội dung văn bản trong tệp không đọc được, như khi ổ đĩa bị lỗi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>the check of the file found errors in it</source>
        <translation>kiểm tra tệp phát hiện có lỗi bên trong</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="-102" />
        <source>Found {documents} documents and {dossiers} dossiers</source>
        <translation>Tìm thấy {documents} văn bản và {dossiers} hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/screenshots.py" line="+315" />
        <location filename="../../ui/training_run.py" line="+80" />
        <source>TRAINING MODE — practice data, nothing here is real work</source>
        <translation>CHẾ ĐỘ TẬP HUẤN — dữ liệu thực hành, không phải công việc thật</translation>
    </message>
    <message>
        <location filename="../../ui/window_toolbar.py" line="-11" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Take in</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Draft</source>
        <translation>Soạn thảo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open edXML</source>
        <translation>Mở edXML</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Register book</source>
        <translation>Sổ VB đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form 07</source>
        <translation>Sổ Mẫu 07</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Monthly report</source>
        <translation>Báo cáo tháng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Excel</source>
        <translation>Xuất Excel</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Toolbar</source>
        <translation>Thanh công cụ</translation>
    </message>
</context>
<context>
    <name>MeetingCard</name>
    <message>
        <location filename="../../ui/meetings_view.py" line="+72" />
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location line="-3" />
        <location line="+10" />
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <location filename="../../ui/meeting_dialog.py" line="+40" />
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <location line="+11" />
        <source>One name a line</source>
        <translation>Mỗi dòng một người</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Confirmed: in my calendar</source>
        <translation>Đã xác nhận: đưa vào lịch của tôi</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Join</source>
        <translation>Tham gia</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the meeting's link in the browser</source>
        <translation>Mở đường dẫn cuộc họp bằng trình duyệt</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Export calendar (.ics)…</source>
        <translation>Xuất lịch (.ics)…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Invited by</source>
        <translation>Cơ quan mời</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Starts</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Ends</source>
        <translation>Kết thúc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Link</source>
        <translation>Đường dẫn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Room code</source>
        <translation>Mã phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Who attends</source>
        <translation>Thành phần tham dự</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My note</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location line="+19" />
        <source>This meeting was cancelled (letter {letter}).</source>
        <translation>Cuộc họp đã bị hủy (theo văn bản {letter}).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This meeting was cancelled.</source>
        <translation>Cuộc họp đã bị hủy.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Changed by letter {letter}: check the time and place.</source>
        <translation>Đã thay đổi theo văn bản {letter}: đề nghị kiểm tra lại thời gian, địa điểm.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The meeting must end after it starts.</source>
        <translation>Thời gian kết thúc phải sau thời gian bắt đầu.</translation>
    </message>
</context>
<context>
    <name>MeetingsWeek</name>
    <message>
        <location filename="../../ui/meetings_view.py" line="+75" />
        <source>‹ Previous week</source>
        <translation>‹ Tuần trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next week ›</source>
        <translation>Tuần sau ›</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export calendar (.ics)…</source>
        <translation>Xuất lịch (.ics)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save this week's meetings for Outlook or Thunderbird</source>
        <translation>Lưu các cuộc họp trong tuần để đưa vào Outlook hoặc Thunderbird</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No meetings this week.</source>
        <translation>Tuần này không có cuộc họp nào.</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Monday</source>
        <translation>Thứ Hai</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Tuesday</source>
        <translation>Thứ Ba</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Wednesday</source>
        <translation>Thứ Tư</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Thursday</source>
        <translation>Thứ Năm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Friday</source>
        <translation>Thứ Sáu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Saturday</source>
        <translation>Thứ Bảy</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Sunday</source>
        <translation>Chủ nhật</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Week {first} – {last}</source>
        <translation>Tuần {first} – {last}</translation>
    </message>
    <message>
        <location line="+38" />
        <source>+ {count} more meetings</source>
        <translation>+ {count} cuộc họp nữa</translation>
    </message>
</context>
<context>
    <name>MonthlyReportDialog</name>
    <message>
        <location filename="../../ui/report_dialogs.py" line="+135" />
        <source>Monthly dossier report by procedure</source>
        <translation>Báo cáo hồ sơ hằng tháng theo thủ tục</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Month {number}</source>
        <translation>Tháng {number}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../ui/notifications.py" line="+75" />
        <source>Urgent document: {number} — {subject}</source>
        <translation>Văn bản khẩn: {number} — {subject}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>New 1022 report: {code} — {category}, {place}</source>
        <translation>Phản ánh 1022 mới: {code} — {category}, {place}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>{count} dossiers are due today.</source>
        <translation>Có {count} hồ sơ đến hạn trả kết quả hôm nay.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Meeting at {time}: {title} — {place}</source>
        <translation>Sắp họp lúc {time}: {title} — {place}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Meeting at {time}: {title}</source>
        <translation>Sắp họp lúc {time}: {title}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Ward Desk</source>
        <translation>Ward Desk</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <location filename="../../ui/pdf_viewer.py" line="+69" />
        <source>Printing stopped.</source>
        <translation>Đã dừng in.</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <location line="+1" />
        <source>First page</source>
        <translation>Trang đầu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Last page</source>
        <translation>Trang cuối</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Save a copy…</source>
        <translation>Lưu bản sao…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Page number</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Page %v of %m</source>
        <translation>Trang %v / %m</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stop printing</source>
        <translation>Dừng in</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The file is no longer on this computer.</source>
        <translation>Tệp không còn trên máy này.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is protected by a password.</source>
        <translation>Tệp được bảo vệ bằng mật khẩu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is protected in a way this program cannot open.</source>
        <translation>Tệp được bảo vệ theo cách mà chương trình này không mở được.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>It is not a PDF file, or the file is damaged.</source>
        <translation>Đây không phải là tệp PDF, hoặc tệp đã bị hỏng.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This file cannot be shown: {reason}

{file}</source>
        <translation>Không hiển thị được tệp này: {reason}

{file}</translation>
    </message>
    <message>
        <location line="+89" />
        <source>Page {page} / {count}</source>
        <translation>Trang {page} / {count}</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Print {file}</source>
        <translation>In {file}</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Stopping the printing…</source>
        <translation>Đang dừng in…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Sent to the printer. Pages: {count}</source>
        <translation>Đã gửi tới máy in. Số trang: {count}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The printer could not be started. Check that it is on and try again.</source>
        <translation>Không khởi động được máy in. Hãy kiểm tra máy in đã bật chưa rồi thử lại.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Printing failed: {reason}</source>
        <translation>Không in được: {reason}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Save a copy</source>
        <translation>Lưu bản sao</translation>
    </message>
    <message>
        <location line="+0" />
        <source>PDF (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Saving a copy…</source>
        <translation>Đang lưu bản sao…</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Saved a copy: {path}</source>
        <translation>Đã lưu bản sao: {path}</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/pin_dialog.py" line="+12" />
        <source>Sign with the token</source>
        <translation>Ký bằng token</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Plug in your signing token and type its PIN to sign “{what}”.</source>
        <translation>Cắm thiết bị ký số (token) và nhập mã PIN để ký văn bản “{what}”.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The PIN goes to the token only: Ward Desk never stores it.</source>
        <translation>Mã PIN chỉ được chuyển cho token: Ward Desk không bao giờ lưu mã PIN.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>RefusalsPanel</name>
    <message>
        <location filename="../../ui/refusals_panel.py" line="+88" />
        <source>Do it again on the current version</source>
        <translation>Làm lại trên bản hiện tại</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Discard mine</source>
        <translation>Bỏ thao tác của tôi</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Send “{action}” again, with the same details, on the item as the server has it now.</source>
        <translation>Gửi lại “{action}” với cùng nội dung, trên bản hiện có của máy chủ.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The item's current state does not allow “{action}” any more.</source>
        <translation>Trạng thái hiện tại của mục này không còn cho phép “{action}”.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Keep the server's version and drop your action.</source>
        <translation>Giữ nguyên bản trên máy chủ và bỏ thao tác của bạn.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The server did not accept “{action}”:</source>
        <translation>Máy chủ không chấp nhận “{action}”:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>On the server now</source>
        <translation>Trên máy chủ hiện nay</translation>
    </message>
    <message>
        <location line="+0" />
        <source>What you did</source>
        <translation>Thao tác của bạn</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+6" />
        <source>{action} by {who}, {when}</source>
        <translation>{action} — {who}, {when}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>State: {state}</source>
        <translation>Trạng thái: {state}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last: {action}</source>
        <translation>Thao tác gần nhất: {action}</translation>
    </message>
    <message>
        <location line="+22" />
        <source>due date</source>
        <translation>hạn xử lý</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Drop your “{action}”? The item stays as the server has it; nothing is sent.</source>
        <translation>Bỏ thao tác “{action}” của bạn? Mục này giữ nguyên như trên máy chủ; không có gì được gửi đi.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../ui/report_dialogs.py" line="-65" />
        <source>Dossier register (form 07)</source>
        <translation>Sổ theo dõi hồ sơ (Mẫu 07)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last month</source>
        <translation>Tháng trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This quarter</source>
        <translation>Quý này</translation>
    </message>
    <message>
        <location line="+6" />
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location line="+1" />
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
</context>
<context>
    <name>ReportDialogs</name>
    <message>
        <location line="-48" />
        <source>P&amp;review and print…</source>
        <translation>&amp;Xem trước và in…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save as &amp;Excel…</source>
        <translation>Lưu thành &amp;Excel…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save as &amp;PDF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ScenarioChooser</name>
    <message>
        <location filename="../../ui/scenario_chooser.py" line="+77" />
        <source>Choose a training scenario</source>
        <translation>Chọn kịch bản tập huấn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choose the scenario to practise. Type a few words to find one.</source>
        <translation>Chọn kịch bản để thực hành. Gõ vài từ để tìm.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search (diacritics optional)</source>
        <translation>Tìm kiếm (gõ có dấu hay không dấu đều được)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Starting another scenario wipes everything done in this session.</source>
        <translation>Bắt đầu kịch bản khác sẽ xóa mọi việc đã làm trong buổi tập này.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+16" />
        <source>⚠ {file} cannot be used</source>
        <translation>⚠ Không dùng được tệp {file}</translation>
    </message>
    <message>
        <location line="+6" />
        <source>{count} step(s)</source>
        <translation>{count} bước</translation>
    </message>
    <message>
        <location line="+2" />
        <source>an old system's account beside the new one</source>
        <translation>có tài khoản hệ thống cũ song song với tài khoản mới</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{count} citizen(s) at the counter</source>
        <translation>{count} người dân đến quầy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{count} live event(s)</source>
        <translation>{count} sự kiện trong buổi</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Fix the file (its format is in the scenarios folder's README.md) and open this again.</source>
        <translation>Hãy sửa tệp (định dạng được mô tả trong README.md của thư mục kịch bản) rồi mở lại hộp chọn này.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>No scenario matches what you typed.</source>
        <translation>Không có kịch bản nào khớp với nội dung đã gõ.</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="-188" />
        <source>Your system's server</source>
        <translation>Máy chủ của hệ thống</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Ward Desk keeps your documents and dossiers on this computer and brings them up to date from your system's server. Check the address your IT staff gave you.</source>
        <translation>Ward Desk lưu văn bản và hồ sơ của anh/chị trên máy này và cập nhật chúng từ máy chủ của hệ thống. Hãy kiểm tra địa chỉ do bộ phận công nghệ thông tin cung cấp.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Not now? Cancel: Ward Desk works with what is on this computer, and File → First-run setup… brings this assistant back.</source>
        <translation>Chưa thiết lập lúc này? Bấm Hủy: Ward Desk làm việc với dữ liệu trên máy, và Tệp → Thiết lập ban đầu… sẽ mở lại trợ lý này.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Contacting the server…</source>
        <translation>Đang liên hệ máy chủ…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="+63" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+7" />
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <location line="+8" />
        <source>the usual public authorities</source>
        <translation>các tổ chức cấp chứng thư công cộng thông thường</translation>
    </message>
    <message>
        <location line="+82" />
        <source>The certificate authority file {path} does not exist (deleted or moved?): choose it again, or clear the field to trust the usual public authorities.</source>
        <translation>Tệp chứng thư của tổ chức cấp chứng thư số {path} không còn tồn tại (đã bị xóa hoặc chuyển đi?): hãy chọn lại tệp, hoặc để trống ô này để tin cậy các tổ chức cấp chứng thư công cộng thông thường.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The signature trust anchors file {path} does not exist (deleted or moved?): choose it again.</source>
        <translation>Tệp chứng thư gốc tin cậy cho chữ ký số {path} không còn tồn tại (đã bị xóa hoặc chuyển đi?): hãy chọn lại tệp.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The signing token's module {path} does not exist (deleted or moved?): choose it again.</source>
        <translation>Thư viện của token ký số {path} không còn tồn tại (đã bị xóa hoặc chuyển đi?): hãy chọn lại tệp.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location line="-86" />
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <location line="-25" />
        <source>no reminder</source>
        <translation>không nhắc</translation>
    </message>
    <message>
        <location line="+10" />
        <source>none set: no signature can be trusted</source>
        <translation>chưa đặt: không chữ ký nào được tin cậy</translation>
    </message>
    <message>
        <location line="+3" />
        <source>the token vendor's module (.dll on Windows)</source>
        <translation>thư viện của hãng cung cấp token (.dll trên Windows)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>empty: the token plugged in</source>
        <translation>để trống: token đang cắm</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Sync every</source>
        <translation>Đồng bộ mỗi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Space for attachments</source>
        <translation>Dung lượng cho tệp đính kèm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Afternoon cut-off</source>
        <translation>Giờ tiếp nhận cuối buổi chiều</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remind of a meeting</source>
        <translation>Nhắc trước cuộc họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Extra days off (dd/MM/yyyy, one a line)</source>
        <translation>Ngày nghỉ bổ sung (dd/MM/yyyy, mỗi dòng một ngày)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Make-up working days (dd/MM/yyyy, one a line)</source>
        <translation>Ngày làm bù (dd/MM/yyyy, mỗi dòng một ngày)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate authority (PEM file)</source>
        <translation>Tổ chức cấp chứng thư số (tệp PEM)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signature trust anchors (PEM file)</source>
        <translation>Chứng thư gốc tin cậy cho chữ ký số (tệp PEM)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signing token's PKCS#11 module</source>
        <translation>Thư viện PKCS#11 của token ký số</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Token (its label, when several)</source>
        <translation>Token (nhãn của token, khi cắm nhiều token)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timestamp authority (URL)</source>
        <translation>Dịch vụ cấp dấu thời gian (địa chỉ URL)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Not a date (dd/MM/yyyy): {lines}</source>
        <translation>Không phải ngày hợp lệ (dd/MM/yyyy): {lines}</translation>
    </message>
    <message>
        <location line="+8" />
        <location line="+49" />
        <source>Not a PEM file of certificates: {path}</source>
        <translation>Không phải tệp PEM chứa chứng thư số: {path}</translation>
    </message>
    <message>
        <location line="-41" />
        <source>A day cannot be both off and a make-up working day: {days}</source>
        <translation>Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù: {days}</translation>
    </message>
    <message>
        <location line="+43" />
        <source>The timestamp authority's address starts with http:// or https://</source>
        <translation>Địa chỉ dịch vụ cấp dấu thời gian phải bắt đầu bằng http:// hoặc https://</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Root certificates trusted for signed documents</source>
        <translation>Chứng thư gốc tin cậy cho văn bản ký số</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The signing token's PKCS#11 module</source>
        <translation>Thư viện PKCS#11 của token ký số</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Modules (*.dll *.so *.dylib)</source>
        <translation>Thư viện (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Certificate authority of your organisation</source>
        <translation>Tổ chức cấp chứng thư số của cơ quan</translation>
    </message>
    <message>
        <location line="-11" />
        <location line="+12" />
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Chứng thư số (*.pem *.crt *.cer)</translation>
    </message>
</context>
<context>
    <name>SignInAgainDialog</name>
    <message>
        <location filename="../../ui/sign_in_again.py" line="+23" />
        <source>Cannot reach the server at {address}. Check the address and this computer's network connection, then try again.</source>
        <translation>Không kết nối được tới máy chủ {address}. Hãy kiểm tra địa chỉ và kết nối mạng của máy này, rồi thử lại.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Sign in again</source>
        <translation>Đăng nhập lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Enter the password of this account. Its documents, dossiers and the actions waiting to be sent stay as they are.</source>
        <translation>Nhập mật khẩu của tài khoản này. Văn bản, hồ sơ và các thao tác đang chờ gửi của tài khoản vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Account</source>
        <translation>Tài khoản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Enter the password.</source>
        <translation>Hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../ui/first_run.py" line="+15" />
        <source>Your account</source>
        <translation>Tài khoản của anh/chị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The login and password you use for this system. The password goes to the server only and is not kept on this computer.</source>
        <translation>Tên đăng nhập và mật khẩu anh/chị dùng cho hệ thống này. Mật khẩu chỉ được gửi tới máy chủ và không được lưu trên máy này.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>System</source>
        <translation>Hệ thống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Enter your login and your password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../ui/signature_view.py" line="+76" />
        <source>Digital signatures — {file}</source>
        <translation>Chữ ký số — {file}</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Check again</source>
        <translation>Kiểm tra lại</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+12" />
        <source>checked online</source>
        <translation>kiểm tra trực tuyến</translation>
    </message>
    <message>
        <location line="+0" />
        <source>checked on this computer, offline</source>
        <translation>kiểm tra tại máy này, không cần mạng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checked {when}, {how}.</source>
        <translation>Kiểm tra lúc {when}, {how}.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This file cannot be read as a PDF: its signatures cannot be checked.</source>
        <translation>Không đọc được tệp này như một tệp PDF: không kiểm tra được chữ ký.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This file carries no digital signature.</source>
        <translation>Tệp này không có chữ ký số.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>signatures in the file: {count}</source>
        <translation>số chữ ký trong tệp: {count}</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Signature {number}: {verdict}</source>
        <translation>Chữ ký {number}: {verdict}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>from a trusted timestamp authority</source>
        <translation>theo dấu thời gian của dịch vụ cấp dấu thời gian tin cậy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>as the signer's computer said (no trusted timestamp)</source>
        <translation>theo đồng hồ máy của người ký (không có dấu thời gian tin cậy)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not stated</source>
        <translation>không ghi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Organisation</source>
        <translation>Cơ quan, tổ chức</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate issued by</source>
        <translation>Tổ chức cấp chứng thư</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certificate serial number</source>
        <translation>Số hiệu chứng thư số</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed at</source>
        <translation>Thời điểm ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Revocation</source>
        <translation>Tình trạng thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changed after signing</source>
        <translation>Bị thay đổi sau khi ký</translation>
    </message>
    <message>
        <location line="+0" />
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location line="+0" />
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Revoked on</source>
        <translation>Bị thu hồi từ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Signature field</source>
        <translation>Trường chữ ký</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Technical detail, for IT (as the validator wrote it)</source>
        <translation>Chi tiết kỹ thuật (cho CNTT)</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/main.py" line="+62" />
        <location line="+43" />
        <source>Ward Desk cannot open this profile</source>
        <translation>Ward Desk không thể mở cấu hình người dùng này</translation>
    </message>
    <message>
        <location line="-41" />
        <source>The database {path} was written by a newer version of Ward Desk. Install that version, or start with another profile. The file has not been changed.</source>
        <translation>Cơ sở dữ liệu {path} được tạo bởi phiên bản Ward Desk mới hơn. Vui lòng cài đặt phiên bản đó hoặc khởi động với cấu hình người dùng khác. Tệp vẫn được giữ nguyên, không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The file {path} is not a Ward Desk database. It has not been changed.</source>
        <translation>Tệp {path} không phải là cơ sở dữ liệu của Ward Desk. Tệp vẫn được giữ nguyên, không bị thay đổi.</translation>
    </message>
    <message>
        <location line="+29" />
        <source>The file {path} is not a Ward Desk database: it belongs to another program, so Ward Desk leaves it as it is. Start Ward Desk with its own data folder {folder} instead? Your accounts are added there once; move the other program's file away to use this folder again.</source>
        <translation>Tệp {path} không phải là cơ sở dữ liệu của Ward Desk: tệp thuộc về một chương trình khác nên Ward Desk giữ nguyên, không thay đổi. Khởi động Ward Desk với thư mục dữ liệu riêng {folder} thay thế? Tài khoản của bạn cần được thêm một lần tại thư mục đó; hãy chuyển tệp của chương trình kia đi nơi khác để dùng lại thư mục này.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Start with its own folder</source>
        <translation>Khởi động với thư mục riêng</translation>
    </message>
    <message>
        <location line="+72" />
        <source>Training mode cannot start</source>
        <translation>Không mở được chế độ tập huấn</translation>
    </message>
    <message>
        <location line="+49" />
        <source>Preparing the training environment…</source>
        <translation>Đang chuẩn bị môi trường tập huấn…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Training mode</source>
        <translation>Chế độ tập huấn</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../ui/training_panel.py" line="+106" />
        <source>Training</source>
        <translation>Tập huấn</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+107" />
        <source>Reset for the next group</source>
        <translation>Làm lại cho nhóm sau</translation>
    </message>
    <message>
        <location line="-106" />
        <source>Change scenario…</source>
        <translation>Đổi kịch bản…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Presentation mode</source>
        <translation>Chế độ trình chiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Large type and high contrast, for a projector</source>
        <translation>Chữ lớn, tương phản cao, để chiếu lên màn hình lớn</translation>
    </message>
    <message>
        <location line="+52" />
        <source>done</source>
        <translation>đã xong</translation>
    </message>
    <message>
        <location line="+0" />
        <source>to do</source>
        <translation>chưa làm</translation>
    </message>
    <message>
        <location line="+2" />
        <source>instruction, not ticked</source>
        <translation>hướng dẫn, không tự đánh dấu</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Event fired.</source>
        <translation>Đã phát sự kiện.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Start the scenario again from the beginning? Everything done in this session is wiped.</source>
        <translation>Làm lại kịch bản từ đầu? Mọi việc đã làm trong buổi này sẽ bị xóa.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reset</source>
        <translation>Làm lại</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Resetting…</source>
        <translation>Đang làm lại từ đầu…</translation>
    </message>
    <message>
        <location line="+15" />
        <source>The training environment has stopped: {reason} Press “{button}” to start it again.</source>
        <translation>Môi trường tập huấn đã dừng: {reason} Bấm “{button}” để khởi động lại.</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Starting the scenario…</source>
        <translation>Đang khởi động kịch bản…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>“{title}” could not start: {reason} This scenario started again from its beginning.</source>
        <translation>Không khởi động được “{title}”: {reason} Kịch bản hiện tại đã được bắt đầu lại từ đầu.</translation>
    </message>
</context>
<context>
    <name>WindowExports</name>
    <message>
        <location filename="../../ui/window_exports.py" line="+58" />
        <source>This view has no list to export: choose a list on the left first.</source>
        <translation>Mục này không có danh sách để xuất: hãy chọn một danh sách ở cột bên trái trước.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export this list to Excel</source>
        <translation>Xuất danh sách ra Excel</translation>
    </message>
    <message>
        <location line="+24" />
        <location line="+11" />
        <source>Incoming documents register</source>
        <translation>Sổ đăng ký văn bản đến</translation>
    </message>
    <message>
        <location line="+41" />
        <location line="+79" />
        <source>Monthly 1022 report by category</source>
        <translation>Báo cáo phản ánh 1022 hằng tháng theo lĩnh vực</translation>
    </message>
    <message>
        <location line="-70" />
        <source>Dossier register (form 07)</source>
        <translation>Sổ theo dõi hồ sơ (Mẫu 07)</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Monthly dossier report by procedure</source>
        <translation>Báo cáo hồ sơ hằng tháng theo thủ tục</translation>
    </message>
    <message>
        <location line="+104" />
        <source>{file} could not be saved: it may be open in another program, such as Excel or a PDF reader, or the folder may be read-only. Close it, or save under another name.</source>
        <translation>Không lưu được {file}: tệp có thể đang mở trong chương trình khác (Excel, trình đọc PDF…) hoặc thư mục chỉ cho phép đọc. Hãy đóng tệp đó, hoặc lưu với tên khác.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Not saved</source>
        <translation>Chưa lưu được</translation>
    </message>
    <message>
        <location line="-13" />
        <source>Saved {path}</source>
        <translation>Đã lưu {path}</translation>
    </message>
</context>
<context>
    <name>WindowIntake</name>
    <message>
        <location filename="../../ui/window_intake.py" line="+60" />
        <source>Draft saved. It gets its number from the unit's register when it is issued.</source>
        <translation>Đã lưu dự thảo. Văn bản được cấp số theo sổ văn bản đi của đơn vị khi ban hành.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Dossier {code} registered; return due {due}.</source>
        <translation>Đã tiếp nhận hồ sơ {code}; hẹn trả kết quả {due}.</translation>
    </message>
</context>
<context>
    <name>WindowMeetings</name>
    <message>
        <location filename="../../ui/window_meetings.py" line="+85" />
        <source>Export calendar (.ics)</source>
        <translation>Xuất lịch (.ics)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>iCalendar (*.ics)</source>
        <translation>Tệp lịch iCalendar (*.ics)</translation>
    </message>
    <message>
        <location line="+10" />
        <source>This meeting's link is not a web address: {link}</source>
        <translation>Đường dẫn của cuộc họp không phải địa chỉ web: {link}</translation>
    </message>
</context>
<context>
    <name>WindowStatus</name>
    <message>
        <location filename="../../ui/window_status.py" line="+102" />
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
    <message>
        <location line="+70" />
        <source>Starting sync again…</source>
        <translation>Đang khởi động lại đồng bộ…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>This desk works offline: it was started without sync, so nothing was sent. Start Ward Desk again without --offline to sync.</source>
        <translation>Máy này đang làm việc ngoại tuyến: chương trình được mở không kèm đồng bộ nên chưa gửi gì. Hãy mở lại Ward Desk không có --offline để đồng bộ.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Sync is still starting; it runs by itself as soon as it is ready.</source>
        <translation>Đồng bộ đang khởi động; sẽ tự chạy ngay khi sẵn sàng.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing to sync: no account is signed in (File → Accounts…).</source>
        <translation>Không có gì để đồng bộ: chưa có tài khoản nào đăng nhập (Tệp → Tài khoản…).</translation>
    </message>
    <message>
        <location line="+13" />
        <source>no secure keyring: you will sign in again after a restart</source>
        <translation>không có kho khóa an toàn: mật khẩu chỉ được giữ trong phiên này, sau khi khởi động lại cần đăng nhập lại</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Working offline: started without sync</source>
        <translation>Làm việc ngoại tuyến: mở không kèm đồng bộ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Background services stopped: {message}</source>
        <translation>Dịch vụ nền đã dừng: {message}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No account: working from the cache</source>
        <translation>Chưa có tài khoản: đang làm việc với dữ liệu trên máy</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Sign in again…</source>
        <translation>Đăng nhập lại…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Unencrypted connection to {hosts}</source>
        <translation>Kết nối không mã hoá tới {hosts}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your organisation lets Ward Desk use plain http:// with this server: what is sent to it, your password included, can be read on the network. Ask your IT staff for its https:// address.</source>
        <translation>Cơ quan cho phép Ward Desk dùng http:// không mã hoá với máy chủ này: mọi thông tin gửi tới máy chủ, kể cả mật khẩu của anh/chị, đều có thể bị đọc trên mạng. Hãy hỏi bộ phận công nghệ thông tin địa chỉ https:// của máy chủ.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>retired</source>
        <translation>đã ngừng sử dụng</translation>
    </message>
    <message>
        <location line="+2" />
        <source>signed out</source>
        <translation>đã đăng xuất</translation>
    </message>
    <message>
        <location line="+2" />
        <source>not syncing</source>
        <translation>không đồng bộ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>connecting…</source>
        <translation>đang kết nối…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>online</source>
        <translation>trực tuyến</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the certificate authority file set in Settings is missing: {file}</source>
        <translation>không tìm thấy tệp chứng thư của tổ chức cấp chứng thư số đã đặt trong Cài đặt: {file}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>plain http:// to this server is not allowed: ask your IT staff for its https:// address</source>
        <translation>không được phép kết nối http:// (không mã hoá) tới máy chủ này: hãy hỏi bộ phận công nghệ thông tin địa chỉ https:// của máy chủ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>the server's certificate is not trusted (Settings: certificate authority)</source>
        <translation>chứng thư số của máy chủ không được tin cậy (Cài đặt: tổ chức cấp chứng thư)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <location line="+3" />
        <source>synced {when}</source>
        <translation>đồng bộ lúc {when}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{count} waiting</source>
        <translation>{count} thao tác chờ</translation>
    </message>
    <message>
        <location line="+3" />
        <source>old account ends {date}</source>
        <translation>tài khoản cũ hết hạn {date}</translation>
    </message>
</context>
</TS>