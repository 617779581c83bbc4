// Dispatch to the format readers that were compiled in.
#include "read/formats.h"

#include "read/format_readers.h"

namespace gk {

bool read_other_format(const std::string& format, std::string_view bytes, const std::string& path,
                       const ReadLimits& limits, Document* out) {
#if GONGKAI_HAVE_POPPLER
  if (format == "pdf") {
    *out = read_pdf(bytes, path, limits);
    return true;
  }
#endif
#if GONGKAI_HAVE_GUMBO
  if (format == "html") {
    *out = read_html(bytes, path, limits);
    return true;
  }
#endif
#if GONGKAI_HAVE_DOCX
  if (format == "docx") {
    *out = read_docx(bytes, path, limits);
    return true;
  }
  if (format == "doc" || format == "rtf") {
    *out = read_doc(bytes, path, format, limits);
    return true;
  }
#endif
#if GONGKAI_HAVE_TESSERACT
  if (format == "image") {
    *out = read_image(bytes, path, limits);
    return true;
  }
#endif
  return false;
}

}  // namespace gk
