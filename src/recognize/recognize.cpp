#include "recognize/recognize.h"
#include "read/reader.h"
namespace gk {
Report recognize(const Document& doc) { throw ReadError("识别器尚未实现"); }
}  // namespace gk
