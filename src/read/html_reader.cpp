#include "read/format_readers.h"
namespace gk {
#if GONGKAI_HAVE_GUMBO
Document read_html(std::string_view, const std::string&, const ReadLimits&) { throw ReadError("未实现"); }
#endif
}
