#include "read/format_readers.h"
namespace gk {
#if GONGKAI_HAVE_DOCX
Document read_docx(std::string_view, const std::string&, const ReadLimits&) { throw ReadError("未实现"); }
#endif
}
